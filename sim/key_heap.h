// KeyHeap: a 4-ary min-heap of 16-byte event keys, the event set's representation while few
// events are pending (see event_set.h for when it hands over to the radix queue).
//
// Keys order by (hi, lo): hi is the time, lo packs priority, sequence and slot, so the order is
// the documented firing order and no two keys are equal. Push and pop are O(log n), with four
// children per node so a level costs one cache line.
//
// Layout: the four children of node i are keys 4i+1..4i+4, and the array is placed so that key 1
// starts a 64-byte line: every sibling group is exactly one cache line. Past the last key the
// array holds at least three sentinel keys (all bits set, later than any real key), so a node
// with one child still has four to compare and the descent needs no partial-group case.
//
// The top can be taken "lazily": take_top_lazily() hands out the top and leaves it in place,
// marked taken. A push that follows (an event scheduling its successor, the common case) then
// overwrites the root and sifts down once, instead of a pop and a push sifting twice.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <vector>

namespace sim {

struct EventKey {
  std::uint64_t lo, hi;
};

// Firing order of two distinct keys: one 128-bit comparison, which compiles without branches.
inline bool fires_before(const EventKey& a, const EventKey& b) {
  using U128 = unsigned __int128;
  return ((U128{a.hi} << 64) | a.lo) < ((U128{b.hi} << 64) | b.lo);
}

class KeyHeap {
 public:
  KeyHeap() = default;
  KeyHeap(const KeyHeap&) = delete;
  KeyHeap& operator=(const KeyHeap&) = delete;

  // Keys held, counting a top taken lazily.
  std::size_t size() const { return n_ - (taken_ ? 1 : 0); }
  bool empty() const { return size() == 0; }

  // The earliest key. Precondition: !empty().
  const EventKey& top() {
    settle();
    return keys_[0];
  }

  void push(const EventKey& k) {
    if (taken_) {  // replace the taken top: one sift from the root
      taken_ = false;
      sift_down(0, k);
      return;
    }
    if (n_ + kPad >= capacity_) grow();
    sift_up(n_++, k);
  }

  // Removes the top now. Precondition: !empty().
  void pop() {
    settle();
    remove_top();
  }

  // Returns the top and marks it taken; it leaves at the next push (replaced) or at any other
  // call (removed). Precondition: !empty().
  EventKey take_top_lazily() {
    settle();
    taken_ = true;
    return keys_[0];
  }

  // Moves every key out (in no particular order) and leaves the heap empty.
  std::vector<EventKey> release() {
    settle();
    std::vector<EventKey> out(keys_, keys_ + n_);
    std::fill(keys_, keys_ + n_, kSentinel);
    n_ = 0;
    return out;
  }

  // Takes keys already in firing order (a sorted array is a valid heap). Precondition: empty().
  void assign_sorted(const std::vector<EventKey>& sorted) {
    taken_ = false;
    while (sorted.size() + kPad >= capacity_) grow();
    std::fill(keys_, keys_ + n_, kSentinel);
    std::copy(sorted.begin(), sorted.end(), keys_);
    n_ = sorted.size();
  }

 private:
  static constexpr EventKey kSentinel{UINT64_MAX, UINT64_MAX};  // real times stay below 2^63
  static constexpr std::size_t kPad = 3;                        // sentinels always present past n_
  static constexpr std::size_t kLead = 3;  // unused keys before keys_[0], so keys_[1] starts a line
  static constexpr std::align_val_t kLine{64};
  struct Free {
    void operator()(EventKey* block) const { ::operator delete(block, kLine); }
  };

  void settle() {
    if (taken_) {
      taken_ = false;
      remove_top();
    }
  }
  void remove_top() {
    const EventKey last = keys_[--n_];
    keys_[n_] = kSentinel;
    if (n_ > 0) sift_down(0, last);
  }
  // Doubles the array (at least 64 keys), keeping keys and sentinels.
  [[gnu::noinline]] void grow() {
    const std::size_t capacity = std::max<std::size_t>(64, 2 * capacity_);
    auto* block = static_cast<EventKey*>(::operator new((kLead + capacity) * sizeof(EventKey), kLine));
    std::fill(block, block + kLead + capacity, kSentinel);
    if (n_ > 0) std::memcpy(block + kLead, keys_, n_ * sizeof(EventKey));
    block_.reset(block);
    keys_ = block + kLead;
    capacity_ = capacity;
  }
  void sift_up(std::size_t i, const EventKey k) {
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!fires_before(k, keys_[parent])) break;
      keys_[i] = keys_[parent];
      i = parent;
    }
    keys_[i] = k;
  }
  // Replaces (k, at) with (other, other_at) when other fires first, with conditional moves: which
  // of two siblings is earlier is a coin toss that a branch predictor loses half the time, and
  // a select by value saves reloading the winner before the next comparison.
  static void keep_earlier(EventKey& k, std::size_t& at, const EventKey other, const std::size_t other_at) {
#if defined(__x86_64__)
    std::uint64_t scratch;
    asm("cmp %[klo], %[olo]\n\t"
        "mov %[ohi], %[t]\n\t"
        "sbb %[khi], %[t]\n\t"  // borrow: other < k as 128-bit numbers
        "cmovb %[olo], %[klo]\n\t"
        "cmovb %[ohi], %[khi]\n\t"
        "cmovb %[oat], %[kat]"
        : [klo] "+r"(k.lo), [khi] "+r"(k.hi), [kat] "+r"(at), [t] "=&r"(scratch)
        : [olo] "r"(other.lo), [ohi] "r"(other.hi), [oat] "r"(other_at)
        : "cc");
#else
    if (fires_before(other, k)) {
      k = other;
      at = other_at;
    }
#endif
  }
  // Fills the hole at node i with k. Floyd's way: the hole walks down along the earliest
  // children to a leaf, then k sifts up from there; a new key usually belongs near the leaves,
  // so this compares less than stopping on the way down. The earliest of four siblings is picked
  // by value with conditional moves, so the next level's address waits on no reload.
  [[gnu::noinline]] void sift_down(std::size_t i, const EventKey k) {
    EventKey* const h = keys_;
    const std::size_t n = n_;
    for (std::size_t first = 4 * i + 1; first < n; first = 4 * i + 1) {
      const EventKey* const c = h + first;
      EventKey a = c[0], b = c[2];
      std::size_t ai = first, bi = first + 2;
      keep_earlier(a, ai, c[1], first + 1);
      keep_earlier(b, bi, c[3], first + 3);
      keep_earlier(a, ai, b, bi);
      h[i] = a;
      i = ai;
    }
    sift_up(i, k);
  }

  std::unique_ptr<EventKey, Free> block_;  // kLead + capacity_ keys, 64-byte aligned
  EventKey* keys_ = nullptr;               // block_ + kLead
  std::size_t capacity_ = 0;               // keys_[0 .. capacity_) usable; keys_[n_ ..] are sentinels
  std::size_t n_ = 0;
  bool taken_ = false;  // keys_[0] was handed out and awaits replacement or removal
};

}  // namespace sim
