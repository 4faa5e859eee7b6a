// EventSet: the pending events of one simulation, ordered by (time, priority, scheduling order).
//
// One job, one small class (as ns-3's Scheduler). Each pending event is a 16-byte key: hi = time
// in ms, lo = priority (3 bits) | sequence (37 bits) | slot (24 bits); its Action lives apart in a
// slot table. The keys live in one of two shapes, chosen by how many are pending:
//   - few (up to kHeapMax keys): a 4-ary heap (key_heap.h), O(log n) push and pop, all in cache;
//     a pop followed by a push (an event scheduling its successor) sifts once, not twice; each
//     sibling group is one cache line, padded with sentinel keys, and the descent picks the
//     earliest sibling with conditional moves (no mispredicted branches, no reloads);
//   - many: a monotone radix queue (Ahuja et al.'s radix heap), which relies on event times never
//     going backwards. `last_` is the time of the most recently taken event; a key with time
//     t != last_ sits in bucket bit_width(t ^ last_) (1..64), appended in O(1); keys with
//     t == last_ sit in `now_`, a small binary heap on lo, so ties fire by priority class, then
//     FIFO. When `now_` runs dry, the lowest non-empty bucket is scanned for its smallest time,
//     which becomes last_, and its keys are redistributed into lower buckets: a key moves at most
//     64 times over its life (O(log C) amortised per event for C the span of pending times),
//     always sequentially through memory.
// The heap hands over to the radix queue once it holds more than kHeapMax keys, and the radix
// queue hands back once fewer than kHeapMin events are live (O(n) each way, with a 4x gap so it
// cannot thrash). kHeapMax sits below the hold model's measured crossover (~16,000; DEVELOPING.md,
// "Kernel performance"), where both are within 5%. Either shape fires in the same order.
// Radix buckets are chains of fixed-size blocks drawn from one pool, so redistribution frees
// blocks as fast as it fills others and memory stays close to 16 + 32 bytes per pending event.
//
// Cancellation is lazy: the slot's action is dropped and its generation bumped; the stale key is
// discarded when it is next scanned or reaches the top.
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
    if (at.ms() < static_cast<std::int64_t>(last_)) [[unlikely]]  // last_ < 2^63: catches negative times too
      throw std::invalid_argument("an event cannot be scheduled before the current time");
    if (p.level > 7) [[unlikely]] throw std::invalid_argument("event priority must be 0..7");
    if (next_seq_ == kSeqEnd) [[unlikely]] renumber();
    const std::uint32_t s = free_head_ != kNoSlot ? free_head_ : add_slot();
    Slot& slot = slots_[s];
    free_head_ = slot.next_free;
    slot.action.fill(std::move(action));
    const Key k{(std::uint64_t{p.level} << 61) | (next_seq_++ << kSlotBits) | s, static_cast<std::uint64_t>(at.ms())};
    ++live_;
    if (!radix_) [[likely]] {
      heap_.push(k);
      if (heap_.size() > kHeapMax) [[unlikely]] to_radix();
    } else {
      push_radix(k);
    }
    return {s, slot.generation};
  }

  bool cancel(EventHandle h) {
    if (!is_pending(h)) return false;
    slots_[h.slot].action.reset();
    ++slots_[h.slot].generation;
    --live_;
    peek_ = kUnknown;  // the cancelled event may have been the earliest
    return true;
  }

  bool is_pending(EventHandle h) const {
    return h.slot < slots_.size() && slots_[h.slot].generation == h.generation && slots_[h.slot].action;
  }

  // Time of the next event, without taking it. Precondition: !empty().
  Time next_time() {
    if (!radix_) {
      while (!live(heap_.top())) {
        release_slot(slot_of(heap_.top()));
        heap_.pop();
      }
      return Time::from_ms(static_cast<std::int64_t>(heap_.top().hi));
    }
    drop_stale_now();
    if (!now_.empty()) return Time::from_ms(static_cast<std::int64_t>(last_));
    if (peek_ == kUnknown) peek_ = lowest_live_time();
    return Time::from_ms(static_cast<std::int64_t>(peek_));
  }

  // Takes the next event out. Precondition: !empty().
  Fired take_top() {
    const Key k = radix_ ? take_radix_top() : take_heap_top();
    const std::uint32_t s = slot_of(k);
    Fired f{Time::from_ms(static_cast<std::int64_t>(k.hi)), Priority{static_cast<std::uint8_t>(k.lo >> 61)},
            std::move(slots_[s].action)};
    release_slot(s);
    --live_;
    if (radix_ && live_ < kHeapMin) [[unlikely]] to_heap();
    return f;
  }

  // Test hook: jump the sequence counter to check renumbering near the end of its range.
  void debug_set_next_sequence(std::uint64_t seq) { next_seq_ = seq; }

 private:
  using Key = EventKey;
  struct LaterTie {  // std heap order for now_: smallest lo (priority, then sequence) on top
    bool operator()(const Key& a, const Key& b) const { return a.lo > b.lo; }
  };
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
  static constexpr unsigned kBuckets = 65;  // bucket 0 unused: time == last_ lives in now_
  static constexpr std::uint64_t kSlotMask = (std::uint64_t{1} << kSlotBits) - 1;
  static constexpr std::uint64_t kUnknown = UINT64_MAX;
  static constexpr std::uint64_t kSeqEnd = std::uint64_t{1} << kSeqBits;
  static constexpr std::uint32_t kNoSlot = UINT32_MAX;
  static std::uint32_t slot_of(const Key& k) { return static_cast<std::uint32_t>(k.lo & kSlotMask); }
  bool live(const Key& k) const { return static_cast<bool>(slots_[slot_of(k)].action); }

  // The radix queue's push, kept out of line so that the heap's push stays small enough to inline.
  [[gnu::noinline]] void push_radix(const Key& k) {
    place(k);
    if (peek_ != kUnknown && k.hi < peek_) peek_ = k.hi;
  }
  void place(const Key& k) {
    if (k.hi == last_) {
      now_.push_back(k);
      std::push_heap(now_.begin(), now_.end(), LaterTie{});
      return;
    }
    const auto b = static_cast<unsigned>(std::bit_width(k.hi ^ last_));
    Block* head = buckets_[b];
    if (head == nullptr || head->count == kBlockKeys) {
      Block* fresh = new_block();
      fresh->next = head;
      buckets_[b] = head = fresh;
    }
    head->keys[head->count++] = k;
    if (b < lowest_) lowest_ = b;
  }

  // The earliest live key of the heap, taken lazily (the next push replaces it); stale keys on the
  // way are discarded.
  Key take_heap_top() {
    for (;;) {
      const Key k = heap_.take_top_lazily();
      if (live(k)) [[likely]] {
        last_ = k.hi;
        return k;
      }
      release_slot(slot_of(k));
    }
  }
  Key take_radix_top() {
    drop_stale_now();
    while (now_.empty()) {  // advance() moves cancelled keys along too: drop them once they land
      advance();
      drop_stale_now();
    }
    std::pop_heap(now_.begin(), now_.end(), LaterTie{});
    const Key k = now_.back();
    now_.pop_back();
    return k;
  }

  // Every key of the radix queue, its buckets emptied; cancelled ones are dropped when `live_only`.
  std::vector<Key> drain_radix(bool live_only) {
    std::vector<Key> all;
    all.reserve(live_);
    for (const Key& k : now_) keep_or_release(all, k, live_only);
    now_.clear();
    for (unsigned i = 0; i < kBuckets; ++i) {
      for (Block* b = std::exchange(buckets_[i], nullptr); b;) {
        for (std::uint32_t j = 0; j < b->count; ++j) keep_or_release(all, b->keys[j], live_only);
        b = free_block(b);
      }
    }
    lowest_ = kBuckets;
    peek_ = kUnknown;
    return all;
  }
  void keep_or_release(std::vector<Key>& into, const Key& k, bool live_only) {
    if (!live_only || live(k)) into.push_back(k);
    else release_slot(slot_of(k));
  }
  static void sort_by_firing(std::vector<Key>& keys) { std::sort(keys.begin(), keys.end(), fires_before); }

  // The heap outgrew kHeapMax: its live keys move to the radix queue, or, when most are
  // cancelled, the heap just sheds those.
  [[gnu::noinline]] void to_radix() {
    std::vector<Key> all = heap_.release();
    if (live_ * 2 < all.size()) {
      std::erase_if(all, [this](const Key& k) {
        if (live(k)) return false;
        release_slot(slot_of(k));
        return true;
      });
      sort_by_firing(all);
      heap_.assign_sorted(std::move(all));
      return;
    }
    radix_ = true;
    lowest_ = kBuckets;
    peek_ = kUnknown;
    for (const Key& k : all) keep_or_release_placed(k);
  }
  void keep_or_release_placed(const Key& k) {
    if (live(k)) place(k);
    else release_slot(slot_of(k));
  }
  // Few events are left: the live keys move back to the heap.
  [[gnu::noinline]] void to_heap() {
    std::vector<Key> all = drain_radix(true);
    sort_by_firing(all);
    heap_.assign_sorted(std::move(all));
    radix_ = false;
  }

  void drop_stale_now() {
    while (!now_.empty() && !live(now_.front())) {
      release_slot(slot_of(now_.front()));
      std::pop_heap(now_.begin(), now_.end(), LaterTie{});
      now_.pop_back();
    }
  }

  // Smallest live time in the buckets; frees buckets that hold only cancelled events. Liveness is
  // checked for the minimum only (one slot lookup), with a full scan only if that one is stale.
  std::uint64_t lowest_live_time() {
    for (;;) {
      while (buckets_[lowest_] == nullptr) ++lowest_;
      const Key* best = nullptr;
      for (const Block* b = buckets_[lowest_]; b; b = b->next)
        for (std::uint32_t i = 0; i < b->count; ++i)
          if (best == nullptr || b->keys[i].hi < best->hi) best = &b->keys[i];
      if (live(*best)) return best->hi;
      std::uint64_t m = kUnknown;
      for (const Block* b = buckets_[lowest_]; b; b = b->next)
        for (std::uint32_t i = 0; i < b->count; ++i)
          if (b->keys[i].hi < m && live(b->keys[i])) m = b->keys[i].hi;
      if (m != kUnknown) return m;
      release_bucket(lowest_);
    }
  }
  void release_bucket(unsigned index) {
    for (Block* b = std::exchange(buckets_[index], nullptr); b;) {
      for (std::uint32_t i = 0; i < b->count; ++i) release_slot(slot_of(b->keys[i]));
      b = free_block(b);
    }
  }

  // now_ is empty: move last_ to the earliest pending time and redistribute that bucket.
  void advance() {
    const std::uint64_t m = peek_ != kUnknown ? peek_ : lowest_live_time();
    const unsigned from = lowest_;
    last_ = m;
    peek_ = kUnknown;
    lowest_ = kBuckets;
    for (Block* b = std::exchange(buckets_[from], nullptr); b;) {
      for (std::uint32_t i = 0; i < b->count; ++i) {
        if (b->keys[i].hi >= m)
          place(b->keys[i]);  // live or not: a stale key is dropped when it reaches now_
        else
          release_slot(slot_of(b->keys[i]));  // earlier than the live minimum: must be stale
      }
      b = free_block(b);
    }
    if (lowest_ == kBuckets) lowest_ = from;  // nothing landed lower; keep scanning from here
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
  // FIFO among equal (time, priority) keys survives. Once per 2^37 events.
  [[gnu::noinline]] void renumber() {
    std::vector<Key> all = radix_ ? drain_radix(false) : heap_.release();
    sort_by_firing(all);
    constexpr std::uint64_t kSeqMask = ((std::uint64_t{1} << kSeqBits) - 1) << kSlotBits;
    next_seq_ = 0;
    for (Key& k : all) k.lo = (k.lo & ~kSeqMask) | (next_seq_++ << kSlotBits);
    if (radix_)
      for (const Key& k : all) place(k);
    else
      heap_.assign_sorted(std::move(all));
  }

  bool radix_ = false;  // which shape holds the keys: heap_, or now_ + buckets_
  KeyHeap heap_;
  Block* buckets_[kBuckets + 1] = {};  // [kBuckets] stays null: a sentinel is never reached while live_ > 0
  std::vector<Key> now_;
  std::uint64_t last_ = 0;
  std::uint64_t peek_ = kUnknown;  // cached earliest bucketed time, when known
  unsigned lowest_ = kBuckets;     // no non-empty bucket below this one
  std::vector<std::unique_ptr<Block[]>> chunks_;
  Block* free_blocks_ = nullptr;
  std::vector<Slot> slots_;
  std::uint32_t free_head_ = kNoSlot;
  std::size_t live_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace sim
