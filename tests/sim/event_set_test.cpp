// The event set against a plain sorted reference: the same firing order in either shape (small
// heap, radix queue), across the handovers between them, and with keys in the FIFO lane.
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <set>
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
  // Through the FIFO lane: in order when t is the latest pending time, out of order otherwise.
  int push_in_order(std::int64_t t, std::uint8_t level) {
    const int id = static_cast<int>(scheduled);
    const RefKey key{t, level, scheduled++};
    reference[key] = id;
    handles.emplace_back(set.push_in_order(Time::from_ms(t), Priority{level}, [this, id] { last_fired = id; }), key);
    return id;
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

TEST_CASE("periodic ticks through the lane fire in reference order among random events, with cancels") {
  // n sources tick every `period` ms from random phases (the first ticks come out of order and go
  // to the heap), mixed with random one-off events and cancellations; the one-offs grow the heap
  // side past the handover, so the lane is checked against the radix queue's front too.
  sim::Random r(31);
  for (const std::size_t sources : {std::size_t{1}, std::size_t{50}, std::size_t{3000}}) {
    Driver d;
    const std::int64_t period = 900;
    std::set<int> ticks;  // ids of pending ticks
    for (std::size_t i = 0; i < sources; ++i) ticks.insert(d.push_in_order(r.uniform_int(0, period), 7));
    for (int step = 0; step < 60'000; ++step) {
      const bool grow = step < 30'000;
      if (r.bernoulli(grow ? 0.6 : 0.2)) d.push(r, r.bernoulli(0.5) ? 2 * period : 50);
      if (r.bernoulli(0.002)) d.cancel_one(r);  // a cancelled tick ends its source
      if (d.set.empty()) break;
      d.take();
      if (ticks.erase(d.last_fired) == 1) ticks.insert(d.push_in_order(d.now + period, 7));
    }
    while (!d.set.empty()) d.take();
    CHECK(d.reference.empty());
  }
}

TEST_CASE("a key later than the lane's last joins it; an earlier one waits in the heap and fires first") {
  EventSet set;
  std::vector<int> order;
  set.push_in_order(Time::from_ms(100), Priority::normal(), [&] { order.push_back(2); });
  set.push_in_order(Time::from_ms(200), Priority::normal(), [&] { order.push_back(4); });
  set.push_in_order(Time::from_ms(50), Priority::normal(), [&] { order.push_back(1); });    // out of order
  set.push_in_order(Time::from_ms(100), Priority::late(), [&] { order.push_back(3); });     // same time, later class
  set.push(Time::from_ms(200), Priority::normal(), [&] { order.push_back(5); });            // a tie, scheduled later
  const sim::EventHandle gone = set.push_in_order(Time::from_ms(300), Priority::normal(), [&] { order.push_back(9); });
  CHECK(set.cancel(gone));
  CHECK(set.size() == 5);
  while (!set.empty()) set.take_top().action();
  CHECK(order == std::vector<int>{1, 2, 3, 4, 5});
}

TEST_CASE("renumbering near overflow keeps the lane's keys in FIFO order with the heap's") {
  EventSet set;
  std::vector<int> order;
  for (int i = 0; i < 3; ++i) set.push_in_order(Time::from_ms(10), Priority::normal(), [&order, i] { order.push_back(i); });
  set.debug_set_next_sequence((std::uint64_t{1} << EventSet::kSeqBits) - 1);
  set.push(Time::from_ms(10), Priority::normal(), [&] { order.push_back(3); });
  set.push_in_order(Time::from_ms(10), Priority::normal(), [&] { order.push_back(4); });  // renumbers first
  set.push(Time::from_ms(10), Priority::normal(), [&] { order.push_back(5); });
  while (!set.empty()) set.take_top().action();
  CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5});
}
