// KeyHeap: a 4-ary min-heap of 16-byte event keys, the event set's representation while few
// events are pending (see event_set.h for when it hands over to the radix queue).
//
// Keys order by (hi, lo): hi is the time, lo packs priority, sequence and slot, so the order is
// the documented firing order and no two keys are equal. Push and pop are O(log n), with four
// children per node so a level costs one cache line.
//
// The top can be taken "lazily": take_top_lazily() hands out the top and leaves it in place,
// marked taken. A push that follows (an event scheduling its successor, the common case) then
// overwrites the root and sifts down once, instead of a pop and a push sifting twice.
#pragma once

#include <cstdint>
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
  // Keys held, counting a top taken lazily.
  std::size_t size() const { return keys_.size() - (taken_ ? 1 : 0); }
  bool empty() const { return size() == 0; }

  // The earliest key. Precondition: !empty().
  const EventKey& top() {
    settle();
    return keys_.front();
  }

  void push(const EventKey& k) {
    if (taken_) {  // replace the taken top: one sift from the root
      taken_ = false;
      sift_down(0, k);
      return;
    }
    keys_.push_back(k);
    sift_up(keys_.size() - 1, k);
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
    return keys_.front();
  }

  // Moves every key out (in no particular order) and leaves the heap empty.
  std::vector<EventKey> release() {
    settle();
    std::vector<EventKey> out;
    out.swap(keys_);
    return out;
  }

  // Takes keys already in firing order (a sorted vector is a valid heap).
  void assign_sorted(std::vector<EventKey> sorted) {
    keys_ = std::move(sorted);
    taken_ = false;
  }

 private:
  void settle() {
    if (taken_) {
      taken_ = false;
      remove_top();
    }
  }
  void remove_top() {
    const EventKey last = keys_.back();
    keys_.pop_back();
    if (!keys_.empty()) sift_down(0, last);
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
  // Fills the hole at the root with k. Floyd's way: the hole walks down along the earliest
  // children to a leaf, then k sifts up from there; a new key usually belongs near the leaves,
  // so this compares less than stopping on the way down. Child choice is branch-free.
  void sift_down(std::size_t i, const EventKey k) {
    const std::size_t n = keys_.size();
    EventKey* const h = keys_.data();
    for (;;) {
      const std::size_t first = 4 * i + 1;
      std::size_t best;
      if (first + 4 <= n) {
        const std::size_t a = first + static_cast<std::size_t>(fires_before(h[first + 1], h[first]));
        const std::size_t b = first + 2 + static_cast<std::size_t>(fires_before(h[first + 3], h[first + 2]));
        best = fires_before(h[b], h[a]) ? b : a;
      } else if (first < n) {
        best = first;
        for (std::size_t c = first + 1; c < n; ++c)
          if (fires_before(h[c], h[best])) best = c;
      } else {
        break;
      }
      h[i] = h[best];
      i = best;
    }
    sift_up(i, k);
  }

  std::vector<EventKey> keys_;
  bool taken_ = false;  // keys_.front() was handed out and awaits replacement or removal
};

}  // namespace sim
