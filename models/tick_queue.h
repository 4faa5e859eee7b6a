// The due validation ticks under fast-forward (models/tick_schedule.cpp): at most one per project,
// earliest (time, rank) first. An indexed binary min-heap: moving or dropping a project's due tick
// finds it by the project's position instead of searching, and the entries sit in one array (the
// red-black tree it replaces cost a node allocation and a cold search per reschedule).
#pragma once

#include <compare>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "models/ids.h"
#include "sim/time.h"

namespace models {

// One project's due tick; rank (World::tick_rank) orders ticks due at one instant and its second
// member is the project, so no two entries are equal.
struct TickDue {
  sim::Time at;
  std::pair<std::int64_t, ProjectIx> rank;
  auto operator<=>(const TickDue&) const = default;
};

class TickQueue {
 public:
  bool empty() const { return heap_.empty(); }
  // The earliest due tick; the queue must not be empty.
  const TickDue& top() const { return heap_.front(); }
  void reserve(std::size_t projects) {
    heap_.reserve(projects);
    pos_.reserve(projects);
  }
  // Sets the due tick of project due.rank.second, replacing the one it has, if any.
  void set(const TickDue& due) {
    const ProjectIx p = due.rank.second;
    if (p >= pos_.size()) pos_.resize(p + 1, kAbsent);
    std::size_t i = pos_[p];
    if (i == kAbsent) {
      i = heap_.size();
      heap_.push_back(due);
    } else {
      heap_[i] = due;
    }
    place(sift_up(i));
  }
  // Drops project p's due tick, if it has one.
  void erase(ProjectIx p) {
    if (p >= pos_.size() || pos_[p] == kAbsent) return;
    const std::size_t i = pos_[p];
    pos_[p] = kAbsent;
    const TickDue last = heap_.back();
    heap_.pop_back();
    if (i == heap_.size()) return;
    heap_[i] = last;
    place(sift_up(i));
  }

 private:
  static constexpr std::uint32_t kAbsent = std::numeric_limits<std::uint32_t>::max();

  // Moves entry i up while it precedes its parent; returns where it stopped.
  std::size_t sift_up(std::size_t i) {
    const TickDue x = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) / 2;
      if (!(x < heap_[parent])) break;
      heap_[i] = heap_[parent];
      pos_[heap_[i].rank.second] = static_cast<std::uint32_t>(i);
      i = parent;
    }
    heap_[i] = x;
    return i;
  }
  // Moves entry i down while a child precedes it, then records the final positions.
  void place(std::size_t i) {
    const TickDue x = heap_[i];
    const std::size_t n = heap_.size();
    for (;;) {
      std::size_t child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && heap_[child + 1] < heap_[child]) ++child;
      if (!(heap_[child] < x)) break;
      heap_[i] = heap_[child];
      pos_[heap_[i].rank.second] = static_cast<std::uint32_t>(i);
      i = child;
    }
    heap_[i] = x;
    pos_[x.rank.second] = static_cast<std::uint32_t>(i);
  }

  std::vector<TickDue> heap_;
  std::vector<std::uint32_t> pos_;  // per project: its entry's index in heap_, kAbsent if none
};

}  // namespace models
