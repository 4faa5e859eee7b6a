// The event set against a plain sorted reference: the same firing order in either shape (small
// heap, radix queue) and across the handovers between them.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <tuple>
#include <vector>

#include "sim/event_set.h"
#include "sim/random.h"

using sim::EventSet;
using sim::Priority;
using sim::Time;

namespace {

// Reference order: (time, priority, scheduling order), with cancellation.
using RefKey = std::tuple<std::int64_t, int, std::uint64_t>;

struct Driver {
  EventSet set;
  std::map<RefKey, int> reference;  // key -> id
  std::vector<std::pair<sim::EventHandle, RefKey>> handles;
  std::uint64_t scheduled = 0;
  std::int64_t now = 0;
  int last_fired = -1;

  void push(sim::Random& r, std::int64_t span) {
    const std::int64_t t = now + r.uniform_int(0, span);
    const auto level = static_cast<std::uint8_t>(r.uniform_int(0, 7));
    const int id = static_cast<int>(scheduled);
    const RefKey key{t, level, scheduled++};
    reference[key] = id;
    handles.emplace_back(set.push(Time::from_ms(t), Priority{level}, [this, id] { last_fired = id; }), key);
  }
  void cancel_one(sim::Random& r) {
    if (handles.empty()) return;
    const auto i = static_cast<std::size_t>(r.uniform_int(0, static_cast<std::int64_t>(handles.size()) - 1));
    const bool was_pending = set.is_pending(handles[i].first);
    CHECK(set.cancel(handles[i].first) == was_pending);
    if (was_pending) reference.erase(handles[i].second);
    handles[i] = handles.back();
    handles.pop_back();
  }
  // Takes one event and checks it is the reference's first.
  void take() {
    REQUIRE(!set.empty());
    const auto first = reference.begin();
    CHECK(set.next_time().ms() == std::get<0>(first->first));
    EventSet::Fired f = set.take_top();
    now = f.at.ms();
    f.action();
    CHECK(last_fired == first->second);
    CHECK(f.at.ms() == std::get<0>(first->first));
    reference.erase(first);
    CHECK(set.size() == reference.size());
  }
};

}  // namespace

TEST_CASE("the event set fires in reference order while growing past and shrinking below the handover") {
  sim::Random r(11);
  Driver d;
  // Phases: grow well past kHeapMax, shrink to nothing, grow again with many ties and cancels.
  const std::size_t peak = EventSet::kHeapMax * 3;
  for (const std::int64_t span : {std::int64_t{2'000'000}, std::int64_t{50}}) {
    while (d.set.size() < peak) {
      d.push(r, span);
      if (r.bernoulli(0.3)) d.take();
      if (r.bernoulli(0.1)) d.cancel_one(r);
    }
    while (!d.set.empty()) {
      d.take();
      if (r.bernoulli(0.4)) d.push(r, span);
      if (r.bernoulli(0.05)) d.cancel_one(r);
    }
  }
  CHECK(d.reference.empty());
}

TEST_CASE("a heap full of cancelled keys sheds them instead of handing over") {
  sim::Random r(5);
  Driver d;
  for (std::size_t i = 0; i < EventSet::kHeapMax * 2; ++i) {
    d.push(r, 1'000'000);
    d.cancel_one(r);  // at most one event stays live
  }
  CHECK(d.set.size() == d.reference.size());
  while (!d.set.empty()) d.take();
  CHECK(d.reference.empty());
}

TEST_CASE("sequence numbers are renumbered near overflow in the radix queue too") {
  EventSet set;
  std::vector<int> order;
  for (std::size_t i = 0; i < EventSet::kHeapMax + 10; ++i) set.push(Time::from_ms(1'000'000), Priority::late(), [] {});
  set.push(Time::from_ms(10), Priority::normal(), [&] { order.push_back(0); });
  set.debug_set_next_sequence((std::uint64_t{1} << EventSet::kSeqBits) - 2);
  for (int i = 1; i <= 5; ++i) set.push(Time::from_ms(10), Priority::normal(), [&order, i] { order.push_back(i); });
  for (int i = 0; i < 6; ++i) set.take_top().action();
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5});
}

TEST_CASE("in the radix queue, an event scheduled after next_time() looked ahead still fires in order") {
  // next_time() may refill the front heap from a later bucket; an event pushed afterwards, earlier
  // than that bucket (here at the current time, with every priority), must still fire first.
  sim::Random r(23);
  Driver d;
  while (d.set.size() < EventSet::kHeapMax * 4) d.push(r, 2'000'000);
  for (int i = 0; i < 20'000; ++i) {
    CHECK(d.set.next_time().ms() >= d.now);
    if (r.bernoulli(0.5)) d.push(r, 0);
    if (r.bernoulli(0.2)) d.push(r, 3);
    d.take();
    d.push(r, 2'000'000);
  }
  while (!d.set.empty()) d.take();
  CHECK(d.reference.empty());
}
