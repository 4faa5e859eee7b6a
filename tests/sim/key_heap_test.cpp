// The 4-ary key heap against a sorted reference: pops in (hi, lo) order through growth, lazy
// takes, removals down to empty and the release/assign_sorted handovers, with many equal times
// (so the branch-free sibling choice must fall back on lo correctly).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <tuple>
#include <vector>

#include "sim/key_heap.h"
#include "sim/random.h"

using sim::EventKey;
using sim::KeyHeap;

namespace {

struct ByFiring {
  bool operator()(const EventKey& a, const EventKey& b) const { return std::tie(a.hi, a.lo) < std::tie(b.hi, b.lo); }
};

struct Driver {
  KeyHeap heap;
  std::set<EventKey, ByFiring> reference;
  std::uint64_t next_lo = 0;

  void push(sim::Random& r, std::int64_t span) {
    const EventKey k{(static_cast<std::uint64_t>(r.uniform_int(0, 7)) << 61) | next_lo++,
                     static_cast<std::uint64_t>(r.uniform_int(0, span))};
    heap.push(k);
    reference.insert(k);
  }
  // Takes the top either lazily or at once and checks it is the reference's first.
  void take(sim::Random& r) {
    REQUIRE(!heap.empty());
    const EventKey expected = *reference.begin();
    reference.erase(reference.begin());
    EventKey got{};
    if (r.bernoulli(0.5)) {
      got = heap.take_top_lazily();
    } else {
      got = heap.top();
      heap.pop();
    }
    CHECK(got.hi == expected.hi);
    CHECK(got.lo == expected.lo);
    CHECK(heap.size() == reference.size());
  }
};

}  // namespace

TEST_CASE("the key heap pops in (time, lo) order while growing and shrinking, with many equal times") {
  sim::Random r(3);
  for (const std::int64_t span : {std::int64_t{3}, std::int64_t{1'000}, std::int64_t{1} << 62}) {
    Driver d;
    for (int round = 0; round < 3; ++round) {
      while (d.reference.size() < 3'000) {
        d.push(r, span);
        if (r.bernoulli(0.3)) d.take(r);
      }
      while (!d.reference.empty()) {
        d.take(r);
        if (r.bernoulli(0.3)) d.push(r, span);
      }
      CHECK(d.heap.empty());
    }
  }
}

TEST_CASE("a key heap released and refilled from sorted keys keeps its order and sentinels") {
  sim::Random r(8);
  Driver d;
  for (int i = 0; i < 777; ++i) d.push(r, 50);
  d.take(r);  // a lazily taken top must not come back in release()
  d.take(r);
  std::vector<EventKey> keys = d.heap.release();
  CHECK(d.heap.empty());
  CHECK(keys.size() == d.reference.size());
  std::sort(keys.begin(), keys.end(), ByFiring{});
  CHECK(std::equal(keys.begin(), keys.end(), d.reference.begin(), d.reference.end(),
                   [](const EventKey& a, const EventKey& b) { return a.hi == b.hi && a.lo == b.lo; }));
  // Fewer keys than before: positions past the new end must read as sentinels again.
  keys.resize(keys.size() / 3);
  d.reference = {keys.begin(), keys.end()};
  d.heap.assign_sorted(keys);
  while (!d.reference.empty()) {
    d.take(r);
    if (r.bernoulli(0.5)) d.push(r, 50);
  }
}

TEST_CASE("the heap's keys stay in firing order at the largest representable times") {
  KeyHeap heap;
  const std::uint64_t far = std::uint64_t{1} << 63;  // past any real time, still below the sentinel
  for (std::uint64_t i = 0; i < 9; ++i) heap.push({i, far - 1 - (i % 3)});
  std::vector<std::uint64_t> lows;
  while (!heap.empty()) {
    lows.push_back(heap.top().lo);
    heap.pop();
  }
  CHECK(lows == std::vector<std::uint64_t>{2, 5, 8, 1, 4, 7, 0, 3, 6});
}
