// EventSet: the pending events of one simulation, ordered by (time, priority, scheduling order).
//
// One job, one small class (as ns-3's Scheduler): a 4-ary min-heap of 16-byte keys, with each
// event's Action kept apart in a slot table so that sifting moves only keys. A key packs
//   hi = time in ms,   lo = priority (3 bits) | sequence (37 bits) | slot (24 bits)
// so comparing two keys is one 128-bit comparison, and equal (time, priority) pairs fire in the
// order they were scheduled (FIFO), as the sequence number only grows.
//
// Cancellation is lazy: the slot's action is dropped and its generation bumped; the stale key is
// skipped when it reaches the top (and purged in bulk when stale keys outnumber live ones).
//
// "Hold" fast path: while the top event's action runs, its key stays at the root; the first push
// made meanwhile overwrites the root and sifts down once, instead of a pop followed by a push.
#pragma once

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <new>
#include <stdexcept>
#include <vector>

#include "sim/action.h"
#include "sim/time.h"

namespace sim {

// Priority class for events at the same instant: lower fires first. Eight classes, 0..7.
struct Priority {
  std::uint8_t level = 4;
  static constexpr Priority urgent() { return {0}; }
  static constexpr Priority normal() { return {4}; }
  static constexpr Priority late() { return {7}; }
  constexpr auto operator<=>(const Priority&) const = default;
};

// Names one scheduled event; stays safe to use after the event fired or was cancelled.
struct EventHandle {
  std::uint32_t slot = UINT32_MAX;
  std::uint32_t generation = 0;
  bool valid() const { return slot != UINT32_MAX; }
};

class EventSet {
 public:
  static constexpr unsigned kSlotBits = 24;
  static constexpr unsigned kSeqBits = 37;
  static constexpr std::uint64_t kMaxPending = std::uint64_t{1} << kSlotBits;

  // The event at the top, removed from the set, ready to run.
  struct Fired {
    Time at;
    Priority priority;
    Action action;
  };

  std::size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }

  EventHandle push(Time at, Priority p, Action action) {
    if (at.ms() < 0) throw std::invalid_argument("events cannot be scheduled before time zero");
    if (p.level > 7) throw std::invalid_argument("event priority must be 0..7");
    const std::uint32_t s = allocate_slot();
    slots_[s].action = std::move(action);
    if (next_seq_ == (std::uint64_t{1} << kSeqBits)) {
      if (root_vacant_) {  // retire the fired root first so renumbering sees only live keys
        root_vacant_ = false;
        pop_root();
      }
      renumber();
    }
    const Key k{(std::uint64_t{p.level} << 61) | (next_seq_++ << kSlotBits) | s,
                static_cast<std::uint64_t>(at.ms())};
    ++live_;
    if (root_vacant_) {
      root_vacant_ = false;
      sift_down(0, k);
    } else {
      heap_.push_back(k);
      sift_up(count() - 1, k);
    }
    return {s, slots_[s].generation};
  }

  bool cancel(EventHandle h) {
    if (!is_pending(h)) return false;
    slots_[h.slot].action.reset();
    ++slots_[h.slot].generation;
    --live_;
    ++stale_;
    return true;
  }

  bool is_pending(EventHandle h) const {
    return h.slot < slots_.size() && slots_[h.slot].generation == h.generation && slots_[h.slot].action;
  }

  // Time of the next live event; drops stale keys on the way. Precondition: !empty().
  Time next_time() {
    drop_stale_top();
    return Time::from_ms(static_cast<std::int64_t>(at(0).hi));
  }

  // Takes the next live event out. Its key stays at the root until the caller calls settle()
  // (after running the action), so that a push from the action can reuse the root.
  // Precondition: !empty().
  Fired take_top() {
    drop_stale_top();
    const Key k = at(0);
    const std::uint32_t s = slot_of(k);
    Fired f{Time::from_ms(static_cast<std::int64_t>(k.hi)), Priority{static_cast<std::uint8_t>(k.lo >> 61)},
            std::move(slots_[s].action)};
    release_slot(s);
    --live_;
    root_vacant_ = true;
    return f;
  }

  // Ends a take_top(): removes the root if no push reused it.
  void settle() {
    if (!root_vacant_) return;
    root_vacant_ = false;
    pop_root();
    if (stale_ > 64 && stale_ > live_) purge_stale();
  }

  // Test hook: jump the sequence counter to check renumbering near the end of its range.
  void debug_set_next_sequence(std::uint64_t seq) { next_seq_ = seq; }

 private:
  struct alignas(16) Key {
    std::uint64_t lo, hi;  // little-endian order, so the pair reads as one 128-bit number
    unsigned __int128 wide() const { return (static_cast<unsigned __int128>(hi) << 64) | lo; }
    bool operator<(const Key& o) const { return wide() < o.wide(); }
  };
  static std::size_t less(const Key& x, const Key& y) { return x.wide() < y.wide(); }
  // An event's action, apart from its key; 32 bytes, so a slot never straddles a cache line.
  struct alignas(32) Slot {
    Action action;
    std::uint32_t generation = 0;  // bumped when the slot's event fires or is cancelled
    std::uint32_t next_free = UINT32_MAX;
  };
  static constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << kSlotBits) - 1;
  static std::uint32_t slot_of(const Key& k) { return static_cast<std::uint32_t>(k.lo & kSlotMask); }

  std::uint32_t allocate_slot() {
    if (free_head_ != UINT32_MAX) {
      const std::uint32_t s = free_head_;
      free_head_ = slots_[s].next_free;
      return s;
    }
    if (slots_.size() >= kMaxPending)
      throw std::length_error("more than 16,777,216 events pending at once; the event set is full");
    slots_.emplace_back();
    return static_cast<std::uint32_t>(slots_.size() - 1);
  }
  void release_slot(std::uint32_t s) {
    ++slots_[s].generation;
    slots_[s].next_free = free_head_;
    free_head_ = s;
  }

  void drop_stale_top() {
    assert(!root_vacant_);
    while (!slots_[slot_of(at(0))].action) {
      release_slot(slot_of(at(0)));
      --stale_;
      pop_root();
    }
  }
  void pop_root() {
    const Key last = heap_.back();
    heap_.pop_back();
    if (count() > 0) sift_down(0, last);
  }

  // Logical index i lives at storage index i + kPad, so the four children of any node (logical
  // 4i+1..4i+4, storage 4(i+1)..4(i+1)+3) share one 64-byte cache line.
  static constexpr std::size_t kPad = 3;
  Key& at(std::size_t i) { return heap_[i + kPad]; }
  std::size_t count() const { return heap_.size() - kPad; }

  void sift_up(std::size_t i, Key k) {
    while (i > 0) {
      const std::size_t parent = (i - 1) / 4;
      if (!(k < at(parent))) break;
      at(i) = at(parent);
      i = parent;
    }
    at(i) = k;
  }
  // Bottom-up: walk the hole down along the smallest children to a leaf, then sift k up from there.
  // k (a fresh event, usually late) rarely climbs far, so this saves a comparison per level.
  void sift_down(std::size_t i, Key k) {
    const std::size_t n = count();
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first + 4 <= n) {
        // Branch-free minimum of the four children: the winner is data-dependent, so branches
        // here would mispredict about half the time.
        const Key* c = &at(first);
        if (16 * i + 21 < n) {  // the grandchildren: 16 keys on 4 lines, fetched while we compare
          const Key* g = &at(16 * i + 5);
          __builtin_prefetch(g);
          __builtin_prefetch(g + 4);
          __builtin_prefetch(g + 8);
          __builtin_prefetch(g + 12);
        }
        const std::size_t a = less(c[1], c[0]);
        const std::size_t b = 2 + less(c[3], c[2]);
        const std::size_t m = -static_cast<std::size_t>(less(c[b], c[a]));
        const std::size_t best = first + (a ^ ((a ^ b) & m));
        at(i) = at(best);
        i = best;
      } else {
        if (first < n) {
          std::size_t best = first;
          for (std::size_t j = first + 1; j < n; ++j)
            if (at(j) < at(best)) best = j;
          at(i) = at(best);
          i = best;
        }
        break;
      }
    }
    sift_up(i, k);
  }
  void rebuild() {
    const std::size_t n = count();
    for (std::size_t i = 1; i < n; ++i) sift_up(i, at(i));
  }
  void purge_stale() {
    const auto first = heap_.begin() + kPad;
    heap_.erase(std::remove_if(first, heap_.end(),
                               [&](const Key& k) {
                                 if (slots_[slot_of(k)].action) return false;
                                 release_slot(slot_of(k));
                                 return true;
                               }),
                heap_.end());
    stale_ = 0;
    rebuild();
  }
  // The sequence field is about to overflow: give the pending keys fresh, order-preserving numbers.
  void renumber() {
    std::sort(heap_.begin() + kPad, heap_.end());  // a sorted array is already a valid heap
    constexpr std::uint64_t kSeqMask = ((std::uint64_t{1} << kSeqBits) - 1) << kSlotBits;
    std::uint64_t seq = 0;
    for (std::size_t i = 0; i < count(); ++i) at(i).lo = (at(i).lo & ~kSeqMask) | (seq++ << kSlotBits);
    next_seq_ = seq;
  }

  // Cache-line aligned storage for the keys.
  template <class T>
  struct LineAllocator {
    using value_type = T;
    LineAllocator() = default;
    template <class U>
    LineAllocator(const LineAllocator<U>&) {}
    T* allocate(std::size_t n) { return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{64})); }
    void deallocate(T* p, std::size_t) { ::operator delete(p, std::align_val_t{64}); }
    bool operator==(const LineAllocator&) const { return true; }
  };

  std::vector<Key, LineAllocator<Key>> heap_ = std::vector<Key, LineAllocator<Key>>(kPad);
  std::vector<Slot> slots_;
  std::uint32_t free_head_ = UINT32_MAX;  // free slots form a list through next_free, reused LIFO
  std::size_t live_ = 0;
  std::size_t stale_ = 0;
  std::uint64_t next_seq_ = 0;
  bool root_vacant_ = false;
};

}  // namespace sim
