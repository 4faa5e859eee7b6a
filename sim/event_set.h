// EventSet: the pending events of one simulation, ordered by (time, priority, scheduling order).
//
// One job, one small class (as ns-3's Scheduler). Each pending event is a 16-byte key: hi = time
// in ms, lo = priority (3 bits) | sequence (37 bits) | slot (24 bits); its Action lives apart in a
// slot table. Keys order by (hi, lo), which is the firing order, and every event leaves through
// one 4-ary heap (key_heap.h), the front: O(log n) push and pop, all in cache; a pop followed by
// a push (an event scheduling its successor) sifts once, not twice; each sibling group is one
// cache line, padded with sentinel keys, and the descent picks the earliest sibling with
// conditional moves (no mispredicted branches, no reloads).
//   - Few pending (up to kHeapMax keys): the front holds every key.
//   - Many: the front holds the keys with time <= front_max_, and the later ones wait in a
//     monotone radix queue (Ahuja et al.'s radix heap), which relies on event times never going
//     backwards: a key with time t sits in bucket bit_width(t ^ base_) (0..64), appended in O(1);
//     base_ <= every bucketed time, and every key of a lower bucket is earlier than every key of a
//     higher one. When the front runs dry, the lowest non-empty bucket moves into it whole if it
//     holds at most kFrontKeys keys (or one time only), and front_max_ becomes its latest time;
//     a larger bucket is first redistributed around its smallest time (the new base_), each key
//     into a lower bucket. A key moves at most 64 times over its life, O(log C) amortised per
//     event for C the span of pending times, always sequentially through memory, and stops
//     moving once its bucket is small: the last ~8 halvings are left to the front heap, where a
//     small heap in cache beats redistribution.
// Either way a key is in the front or later than all of it, so events fire in key order, ties by
// priority then FIFO, whatever the shape. The heap hands over to the radix queue once it holds
// more than kHeapMax keys, and the radix queue hands back once fewer than kHeapMin events are
// live (O(n) each way, with a 4x gap so it cannot thrash). Thresholds measured on the hold model
// (uniform offsets over 2,000,000 ms; CPU time, M events/s; docs/DEVELOPING.md "Kernel performance"):
//   kHeapMax: heap alone vs radix queue with front: 6,000 pending 17.1 vs 15.7, 8,000 14.6 vs 14.9,
//             10,000 13.2 vs 14.3, 40,000 7.3 vs 11.1; the crossover is ~8,000, so 8,192.
//   kFrontKeys at 100,000 pending: 16: 6.0 (noisy), 64: 6.2, 256: 6.4, 1,024: 6.3; 5.6 before the
//             front heap (a bucket redistributed down to one time, then a binary heap of ties).
// Radix buckets are chains of fixed-size blocks drawn from one pool, so redistribution frees
// blocks as fast as it fills others and memory stays close to 16 + 32 bytes per pending event.
//
// Beside the heap side, a FIFO lane (push_in_order) holds keys that a caller expects to come in
// firing order, such as periodic ticks that each schedule their successor one period on: a key
// later than the lane's last joins it in O(1), any other key goes to the heap side, and a take
// compares the lane's front with the heap side's top. A model with n sources ticking on one
// period then pays O(1) per tick instead of O(log n): the heap's sift_down was 36% of a model's
// naive run with 1,000 ticking sources. Sets that never use the lane pay one empty check per take.
//
// Cancellation is lazy: the slot's action is dropped and its generation bumped; the stale key is
// discarded when it reaches the top of the front heap or the lane's front, or at a handover.
//
// Per event the fixed cost is kept to the heap's: push is forced inline (the radix queue's push,
// the handovers, renumbering and slot-table growth stay out of line), the action moves into its
// slot without the reset a move-assignment does, and released slots are reused last-in first-out,
// so the slot an event frees is the one its successor takes, still in cache.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <vector>

#include <boost/circular_buffer.hpp>

#include "sim/action.h"
#include "sim/key_heap.h"
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
  static constexpr std::size_t kHeapMax = 8192;  // more keys than this: hand over to the radix queue
  static constexpr std::size_t kHeapMin = kHeapMax / 4;  // fewer live events: hand back to the heap
  static constexpr std::size_t kFrontKeys = 256;  // a radix bucket this small moves to the front heap whole

  // An event taken out of the set, ready to run.
  struct Fired {
    Time at;
    Priority priority;
    Action action;
  };

  EventSet() = default;
  EventSet(const EventSet&) = delete;
  EventSet& operator=(const EventSet&) = delete;

  std::size_t size() const { return live_; }
  bool empty() const { return live_ == 0; }

  // Precondition: at >= the time of the last event taken (events never go back in time).
  [[gnu::always_inline]] EventHandle push(Time at, Priority p, Action&& action) {
    const Key k = make_key(at, p, std::move(action));
    if (k.hi <= front_max_) [[likely]] {
      heap_.push(k);
      if (heap_.size() > kHeapMax) [[unlikely]] to_radix();
    } else {
      push_later(k);
    }
    return {slot_of(k), slots_[slot_of(k)].generation};
  }

  // As push, for an event that usually comes in firing order: a periodic tick that schedules its
  // successor one period on, when every source's period is the same. While such events do come
  // in order they queue in a FIFO lane, O(1) each way instead of the heap's O(log n); one that
  // fires before the lane's last key goes to the heap. Any order stays correct: the lane only
  // changes where a key waits, and every take compares the lane's front with the heap's top.
  [[gnu::always_inline]] EventHandle push_in_order(Time at, Priority p, Action&& action) {
    const Key k = make_key(at, p, std::move(action));
    if (lane_.empty() || fires_before(lane_.back(), k)) [[likely]] {
      if (lane_.full()) [[unlikely]] grow_lane();
      lane_.push_back(k);
    } else if (k.hi <= front_max_) {
      heap_.push(k);
      if (heap_.size() > kHeapMax) [[unlikely]] to_radix();
    } else {
      push_later(k);
    }
    return {slot_of(k), slots_[slot_of(k)].generation};
  }

  bool cancel(EventHandle h) {
    if (!is_pending(h)) return false;
    slots_[h.slot].action.reset();
    ++slots_[h.slot].generation;
    --live_;
    return true;
  }

  bool is_pending(EventHandle h) const {
    return h.slot < slots_.size() && slots_[h.slot].generation == h.generation && slots_[h.slot].action;
  }

  // Time of the next event, without taking it. Precondition: !empty().
  Time next_time() {
    for (;;) {
      if (!lane_.empty() && lane_first()) [[unlikely]] return Time::from_ms(static_cast<std::int64_t>(lane_.front().hi));
      if (heap_.empty()) [[unlikely]] advance();
      const Key& k = heap_.top();
      if (live(k)) [[likely]] return Time::from_ms(static_cast<std::int64_t>(k.hi));
      release_slot(slot_of(k));
      heap_.pop();
    }
  }

  // Takes the next event out. Precondition: !empty().
  [[gnu::always_inline]] Fired take_top() {
    const Key k = take_front();
    const std::uint32_t s = slot_of(k);
    Fired f{Time::from_ms(static_cast<std::int64_t>(k.hi)), Priority{static_cast<std::uint8_t>(k.lo >> 61)},
            std::move(slots_[s].action)};
    release_slot(s);
    --live_;
    if (live_ < kHeapMin && radix()) [[unlikely]] to_heap();
    return f;
  }

  // Test hook: jump the sequence counter to check renumbering near the end of its range.
  void debug_set_next_sequence(std::uint64_t seq) { next_seq_ = seq; }

 private:
  using Key = EventKey;
  // An event's action, apart from its key; 32 bytes, so a slot never straddles a cache line.
  struct alignas(32) Slot {
    Action action;
    std::uint32_t generation = 0;  // bumped when the slot's event fires or is cancelled
    std::uint32_t next_free = kNoSlot;
  };
  static constexpr unsigned kBlockKeys = 254;  // a block is 254 keys + header = 4 KiB
  struct Block {
    Key keys[kBlockKeys];
    Block* next = nullptr;
    std::uint32_t count = 0;
  };
  static constexpr unsigned kBuckets = 65;  // bucket b holds times t with bit_width(t ^ base_) == b
  static constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << kSlotBits) - 1;
  static constexpr std::uint64_t kAll = UINT64_MAX;  // front_max_ while the heap holds every key
  static constexpr std::uint64_t kSeqEnd = std::uint64_t{1} << kSeqBits;
  static constexpr std::uint32_t kNoSlot = UINT32_MAX;
  static std::uint32_t slot_of(const Key& k) { return static_cast<std::uint32_t>(k.lo & kSlotMask); }
  bool live(const Key& k) const { return static_cast<bool>(slots_[slot_of(k)].action); }
  bool radix() const { return front_max_ != kAll; }

  // The key for a new event, its action placed in a free slot; counts it live.
  [[gnu::always_inline]] Key make_key(Time at, Priority p, Action&& action) {
    if (at.ms() < static_cast<std::int64_t>(clock_)) [[unlikely]]  // clock_ < 2^63: catches negative times too
      throw std::invalid_argument("an event cannot be scheduled before the current time");
    if (p.level > 7) [[unlikely]] throw std::invalid_argument("event priority must be 0..7");
    if (next_seq_ == kSeqEnd) [[unlikely]] renumber();
    const std::uint32_t s = free_head_ != kNoSlot ? free_head_ : add_slot();
    Slot& slot = slots_[s];
    free_head_ = slot.next_free;
    slot.action.fill(std::move(action));
    ++live_;
    return {(std::uint64_t{p.level} << 61) | (next_seq_++ << kSlotBits) | s, static_cast<std::uint64_t>(at.ms())};
  }

  // The earliest live key, taken from the lane or lazily from the heap (the next push replaces
  // it); stale keys on the way are discarded, and an empty front is refilled from the radix queue.
  [[gnu::always_inline]] Key take_front() {
    for (;;) {
      if (!lane_.empty() && lane_first()) [[unlikely]] {
        const Key k = lane_.front();
        lane_.pop_front();
        clock_ = k.hi;
        return k;
      }
      if (heap_.empty()) [[unlikely]] advance();
      const Key k = heap_.take_top_lazily();
      if (live(k)) [[likely]] {
        clock_ = k.hi;
        return k;
      }
      release_slot(slot_of(k));
    }
  }

  // Whether the earliest live key is the lane's front: discards the lane's stale front keys,
  // then compares with the top of the heap side (refilled from the radix queue if need be; a
  // stale top there is no later than the live keys behind it, so the answer stays right).
  // False when the lane is empty: then the heap side holds every live key. Out of line, so that
  // a set without lane keys pays one size check per take (the hold model: 12% at 100,000 pending
  // when this was inline and took take_front out of line with it).
  [[gnu::noinline]] bool lane_first() {
    for (;;) {
      if (lane_.empty()) [[likely]] return false;
      const Key& f = lane_.front();
      if (!live(f)) {
        release_slot(slot_of(f));
        lane_.pop_front();
        continue;
      }
      if (heap_.empty() && !(radix() && advance())) return true;
      return fires_before(f, heap_.top());
    }
  }

  // The radix queue's push, kept out of line so that the heap's push stays small enough to inline.
  [[gnu::noinline]] void push_later(const Key& k) { place(k); }
  // Appends a key later than front_max_ to its radix bucket, in O(1).
  void place(const Key& k) {
    const auto b = static_cast<unsigned>(std::bit_width(k.hi ^ base_));
    Block* head = buckets_[b];
    if (head == nullptr || head->count == kBlockKeys) {
      Block* fresh = new_block();
      fresh->next = head;
      buckets_[b] = head = fresh;
    }
    head->keys[head->count++] = k;
    if (b < lowest_) lowest_ = b;
  }

  // The front heap ran dry (radix queue in use): refills it from the lowest non-empty bucket, and
  // returns false if every bucket is empty (the lane then holds every key). A bucket of at most
  // kFrontKeys keys, or of one time only, moves whole; a larger one is redistributed around its
  // smallest time first, each key into a lower bucket.
  [[gnu::noinline]] bool advance() {
    for (;;) {
      while (lowest_ < kBuckets && buckets_[lowest_] == nullptr) ++lowest_;
      if (lowest_ == kBuckets) return false;
      const unsigned from = lowest_;
      Block* chain = std::exchange(buckets_[from], nullptr);
      if (from == 0 || holds_at_most(chain, kFrontKeys)) {
        std::uint64_t latest = 0;
        for (Block* b = chain; b;) {
          for (std::uint32_t i = 0; i < b->count; ++i) {
            heap_.push(b->keys[i]);
            latest = std::max(latest, b->keys[i].hi);
            // These keys fire next, and each take reads its slot: fetch the slots now, while
            // they fire one by one, instead of one cache miss per take at a large table.
            __builtin_prefetch(&slots_[slot_of(b->keys[i])]);
          }
          b = free_block(b);
        }
        front_max_ = latest;  // later buckets hold only later times
        return true;
      }
      std::uint64_t earliest = kAll;
      for (const Block* b = chain; b; b = b->next)
        for (std::uint32_t i = 0; i < b->count; ++i) earliest = std::min(earliest, b->keys[i].hi);
      base_ = earliest;  // shares every bit above bucket `from` with the old base: other buckets stay valid
      for (Block* b = chain; b;) {
        for (std::uint32_t i = 0; i < b->count; ++i) place(b->keys[i]);  // stale keys too: dropped at the top
        b = free_block(b);
      }
    }
  }
  static bool holds_at_most(const Block* chain, std::size_t n) {
    std::size_t count = 0;
    for (; chain && count <= n; chain = chain->next) count += chain->count;
    return count <= n;
  }

  // Appends every bucketed key to `into` and empties the buckets.
  void drain_buckets(std::vector<Key>& into) {
    for (unsigned i = 0; i < kBuckets; ++i)
      for (Block* b = std::exchange(buckets_[i], nullptr); b;) {
        into.insert(into.end(), b->keys, b->keys + b->count);
        b = free_block(b);
      }
    lowest_ = kBuckets;
  }
  static void sort_by_firing(std::vector<Key>& keys) { std::sort(keys.begin(), keys.end(), fires_before); }
  // Drops the cancelled keys from `keys`, releasing their slots.
  void shed_stale(std::vector<Key>& keys) {
    std::erase_if(keys, [this](const Key& k) {
      if (live(k)) return false;
      release_slot(slot_of(k));
      return true;
    });
  }

  // The heap outgrew kHeapMax: the keys later than now move to the radix queue, or, when most
  // are cancelled, the heap just sheds those. Nothing to do when the radix queue is already in
  // use (a front heap this large holds one instant's ties).
  [[gnu::noinline]] void to_radix() {
    if (radix()) return;
    std::vector<Key> all = heap_.release();
    if (live_ * 2 < all.size()) {
      shed_stale(all);
      sort_by_firing(all);
      heap_.assign_sorted(all);
      return;
    }
    base_ = front_max_ = clock_;
    lowest_ = kBuckets;
    for (const Key& k : all) {
      if (!live(k)) release_slot(slot_of(k));
      else if (k.hi <= front_max_) heap_.push(k);
      else place(k);
    }
  }
  // Few events are left: every live key moves back to the heap.
  [[gnu::noinline]] void to_heap() {
    std::vector<Key> all = heap_.release();
    drain_buckets(all);
    shed_stale(all);
    sort_by_firing(all);
    heap_.assign_sorted(all);
    front_max_ = kAll;
  }

  Block* new_block() {
    if (free_blocks_ == nullptr) {
      constexpr std::size_t kChunk = 32;
      chunks_.push_back(std::make_unique<Block[]>(kChunk));
      for (std::size_t i = 0; i < kChunk; ++i) {
        chunks_.back()[i].next = free_blocks_;
        free_blocks_ = &chunks_.back()[i];
      }
    }
    Block* b = free_blocks_;
    free_blocks_ = b->next;
    b->next = nullptr;
    b->count = 0;
    return b;
  }
  Block* free_block(Block* b) {
    Block* next = b->next;
    b->next = free_blocks_;
    free_blocks_ = b;
    return next;
  }

  [[gnu::noinline]] void grow_lane() { lane_.set_capacity(std::max<std::size_t>(64, 2 * lane_.capacity())); }

  // A new slot at the end of the table, for when no released one is free; its next_free is
  // kNoSlot, so the free list stays empty after push takes it.
  [[gnu::noinline]] std::uint32_t add_slot() {
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

  // The sequence field is about to overflow: renumber every pending key in firing order, so
  // FIFO among equal (time, priority) keys survives. Once per 2^37 events. Times do not change,
  // so each key returns to the same structure and bucket.
  [[gnu::noinline]] void renumber() {
    std::vector<Key> all = heap_.release();
    drain_buckets(all);
    all.insert(all.end(), lane_.begin(), lane_.end());  // the lane refills with later pushes
    lane_.clear();
    sort_by_firing(all);
    constexpr std::uint64_t kSeqMask = ((std::uint64_t{1} << kSeqBits) - 1) << kSlotBits;
    next_seq_ = 0;
    for (Key& k : all) k.lo = (k.lo & ~kSeqMask) | (next_seq_++ << kSlotBits);
    const auto later = std::find_if(all.begin(), all.end(), [this](const Key& k) { return k.hi > front_max_; });
    for (auto it = later; it != all.end(); ++it) place(*it);
    all.erase(later, all.end());
    heap_.assign_sorted(all);
  }

  // The lane: keys pushed in order (push_in_order), strictly increasing from front to back.
  boost::circular_buffer<Key> lane_;
  // The heap side. The front: every key with time <= front_max_ (all of the heap side's while the
  // radix queue is unused).
  KeyHeap heap_;
  std::uint64_t front_max_ = kAll;
  // The radix queue: keys later than front_max_, by their highest bit differing from base_.
  Block* buckets_[kBuckets + 1] = {};  // [kBuckets] stays null: a sentinel the scan never reaches while keys wait
  std::uint64_t base_ = 0;             // <= every bucketed time
  unsigned lowest_ = kBuckets;         // no non-empty bucket below this one
  std::uint64_t clock_ = 0;            // time of the event taken last
  std::vector<std::unique_ptr<Block[]>> chunks_;
  Block* free_blocks_ = nullptr;
  std::vector<Slot> slots_;
  std::uint32_t free_head_ = kNoSlot;
  std::size_t live_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace sim
