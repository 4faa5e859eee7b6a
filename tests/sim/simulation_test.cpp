#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "sim/simulation.h"

using sim::Duration;
using sim::Priority;
using sim::Simulation;
using sim::Time;

namespace {
Time at(std::int64_t ms) { return Time::from_ms(ms); }
}  // namespace

TEST_CASE("simultaneous events fire by priority class, then in scheduling order") {
  Simulation s;
  std::string order;
  s.schedule_at(at(10), Priority::normal(), [&] { order += 'a'; });
  s.schedule_at(at(10), Priority::late(), [&] { order += 'b'; });
  s.schedule_at(at(10), Priority::urgent(), [&] { order += 'c'; });
  s.schedule_at(at(10), Priority::normal(), [&] { order += 'd'; });
  s.schedule_at(at(5), Priority::late(), [&] { order += 'e'; });
  s.schedule_at(at(10), Priority::urgent(), [&] { order += 'f'; });
  s.run();
  CHECK(order == "ecfadb");
}

TEST_CASE("an event scheduled for now by a firing event takes its place among the ties") {
  Simulation s;
  std::string order;
  s.schedule_at(at(10), [&] {
    order += 'a';
    s.schedule_after(Duration{}, Priority::urgent(), [&] { order += 'u'; });  // before the pending normal 'b'
    s.schedule_after(Duration{}, [&] { order += 'c'; });                      // after 'b' (FIFO)
  });
  s.schedule_at(at(10), [&] { order += 'b'; });
  s.run();
  CHECK(order == "aubc");
}

TEST_CASE("many events at one instant keep FIFO order") {
  Simulation s;
  std::vector<int> fired;
  for (int i = 0; i < 1000; ++i) s.schedule_at(at(7), [&fired, i] { fired.push_back(i); });
  s.run();
  REQUIRE(fired.size() == 1000);
  for (int i = 0; i < 1000; ++i) CHECK(fired[i] == i);
}

TEST_CASE("events fire in time order whatever the order they were scheduled in") {
  Simulation s(3);
  std::vector<std::int64_t> times;
  for (int i = 0; i < 5000; ++i) {
    const auto t = s.random().uniform_int(0, 1'000'000);
    s.schedule_at(at(t), [&] { times.push_back(s.now().ms()); });
  }
  s.run();
  REQUIRE(times.size() == 5000);
  CHECK(std::is_sorted(times.begin(), times.end()));
}

TEST_CASE("cancel drops a pending event and is harmless on fired or cancelled ones") {
  Simulation s;
  int fired = 0;
  const auto a = s.schedule_at(at(10), [&] { ++fired; });
  const auto b = s.schedule_at(at(20), [&] { ++fired; });
  CHECK(s.is_pending(a));
  CHECK(s.cancel(a));
  CHECK_FALSE(s.is_pending(a));
  CHECK_FALSE(s.cancel(a));  // twice
  CHECK(s.pending_count() == 1);
  s.run();
  CHECK(fired == 1);
  CHECK_FALSE(s.cancel(b));  // already fired
  CHECK_FALSE(s.cancel(sim::EventHandle{}));  // never scheduled
}

TEST_CASE("a stale handle never cancels the event that reuses its slot") {
  Simulation s;
  int fired = 0;
  const auto old = s.schedule_at(at(1), [&] { ++fired; });
  s.run();
  const auto fresh = s.schedule_at(at(2), [&] { ++fired; });
  CHECK(fresh.slot == old.slot);  // the slot was reused...
  CHECK_FALSE(s.cancel(old));     // ...but the old handle does not reach the new event
  s.run();
  CHECK(fired == 2);
}

TEST_CASE("an event can cancel another due at the same instant") {
  Simulation s;
  std::string order;
  sim::EventHandle victim;
  s.schedule_at(at(5), [&] {
    order += 'a';
    CHECK(s.cancel(victim));
  });
  victim = s.schedule_at(at(5), [&] { order += 'v'; });
  s.schedule_at(at(5), [&] { order += 'b'; });
  s.run();
  CHECK(order == "ab");
}

TEST_CASE("run_until fires events at the bound, not after, and stands at the bound") {
  Simulation s;
  std::vector<std::int64_t> fired;
  for (std::int64_t t : {100, 200, 300}) s.schedule_at(at(t), [&] { fired.push_back(s.now().ms()); });
  CHECK(s.run_until(at(200)) == 2);
  CHECK(fired == std::vector<std::int64_t>{100, 200});
  CHECK(s.now() == at(200));
  CHECK(s.run_until(at(250)) == 0);
  CHECK(s.now() == at(250));
  // Something scheduled now, before the event already pending at 300, still fires first.
  s.schedule_at(at(260), [&] { fired.push_back(s.now().ms()); });
  s.run();
  CHECK(fired == std::vector<std::int64_t>{100, 200, 260, 300});
  CHECK(s.fired_count() == 4);
}

TEST_CASE("run_until respects an event cancelled after it was peeked") {
  Simulation s;
  int fired = 0;
  const auto h = s.schedule_at(at(100), [&] { ++fired; });
  s.schedule_at(at(500), [&] { ++fired; });
  s.run_until(at(50));  // peeks at 100
  s.cancel(h);
  CHECK(s.run_until(at(400)) == 0);
  CHECK(s.run_until(at(500)) == 1);
  CHECK(fired == 1);
}

TEST_CASE("an event cancelled and replaced at the same instant fires once, the replacement") {
  Simulation s;
  int fired = 0;
  const auto a = s.schedule_after(Duration::minutes(5), [&] { fired += 10; });
  s.cancel(a);
  s.schedule_after(Duration::minutes(5), [&] { fired += 1; });
  s.run_until(Time::zero() + Duration::minutes(5));
  CHECK(fired == 1);
  // Same, with the cancelled key travelling through a redistribution before it lands.
  const auto b = s.schedule_after(Duration::hours(3), [&] { fired += 10; });
  s.schedule_after(Duration::hours(1), [&] { fired += 1; });
  s.cancel(b);
  s.schedule_after(Duration::hours(3), [&] { fired += 1; });
  s.run();
  CHECK(fired == 3);
}

TEST_CASE("step fires one event at a time and says when none is left") {
  Simulation s;
  s.schedule_after(Duration::minutes(1), [] {});
  s.schedule_after(Duration::minutes(2), [] {});
  CHECK(s.step());
  CHECK(s.now() == Time::zero() + Duration::minutes(1));
  CHECK(s.step());
  CHECK_FALSE(s.step());
  CHECK(s.fired_count() == 2);
}

TEST_CASE("scheduling in the past is an error") {
  Simulation s;
  s.schedule_at(at(100), [] {});
  s.run();
  CHECK_THROWS_AS(s.schedule_at(at(99), [] {}), std::invalid_argument);
  CHECK_THROWS_AS(s.schedule_at(at(200), Priority{8}, [] {}), std::invalid_argument);
}

TEST_CASE("actions too big to store inline are boxed and destroyed when fired or cancelled") {
  Simulation s;
  auto token = std::make_shared<int>(0);
  std::string big(100, 'x');
  const auto h = s.schedule_at(at(1), [token, big] { ++*token; });
  s.schedule_at(at(2), [token, big] { ++*token; });
  CHECK(token.use_count() == 3);
  s.cancel(h);
  CHECK(token.use_count() == 2);
  s.run();
  CHECK(*token == 1);
  CHECK(token.use_count() == 1);
}

TEST_CASE("sequence numbers are renumbered near overflow without breaking FIFO") {
  sim::EventSet set;
  std::vector<int> order;
  set.push(at(10), Priority::normal(), [&] { order.push_back(0); });
  set.push(at(5), Priority::normal(), [&] { order.push_back(-1); });
  set.debug_set_next_sequence((std::uint64_t{1} << sim::EventSet::kSeqBits) - 2);
  for (int i = 1; i <= 5; ++i) set.push(at(10), Priority::normal(), [&order, i] { order.push_back(i); });
  while (!set.empty()) set.take_top().action();
  CHECK(order == std::vector<int>{-1, 0, 1, 2, 3, 4, 5});
}

TEST_CASE("cancelled events are discarded even when they are all that remains in a bucket") {
  Simulation s;
  std::vector<sim::EventHandle> hs;
  for (int i = 0; i < 300; ++i) hs.push_back(s.schedule_at(at(1'000 + i), [] {}));
  int fired = 0;
  s.schedule_at(at(1'000'000), [&] { ++fired; });
  for (auto h : hs) s.cancel(h);
  CHECK(s.pending_count() == 1);
  s.run();
  CHECK(fired == 1);
  CHECK(s.now() == at(1'000'000));
}

struct Tape : sim::Observer {
  std::vector<std::uint64_t> fired;
  std::vector<std::string> records;
  void on_fired(const sim::FiredEvent& e) override { fired.push_back(e.index); }
  void on_record(const sim::Record& r) override { records.push_back(std::string(sim::record_kind_name(r.kind)) + ":" + r.entity); }
};

TEST_CASE("observers see every fired event and every record") {
  Simulation s;
  Tape tape;
  s.add_observer(&tape);
  s.schedule_at(at(1), [&] { s.record({.at = s.now(), .kind = sim::RecordKind::alert, .entity = "x"}); });
  s.schedule_at(at(2), [] {});
  s.run();
  CHECK(tape.fired == std::vector<std::uint64_t>{0, 1});
  CHECK(tape.records == std::vector<std::string>{"alert:x"});
  s.remove_observer(&tape);
  CHECK_FALSE(s.observed());
}

namespace {
// Wants only the kinds it is given; keeps "kind:entity:cause:fields" of each record it is handed.
struct Picky : sim::Observer {
  std::vector<sim::RecordKind> kinds;
  std::vector<std::string> seen;
  std::function<void(const sim::Record&)> also;
  bool wants(sim::RecordKind k) const override { return std::find(kinds.begin(), kinds.end(), k) != kinds.end(); }
  void on_record(const sim::Record& r) override {
    std::string line = std::string(sim::record_kind_name(r.kind)) + ":" + r.entity + ":" + r.cause + ":";
    for (const auto& [k, v] : r.fields) line += k + "=" + v + ";";
    seen.push_back(line);
    if (also) also(r);
  }
};
}  // namespace

TEST_CASE("emit builds a record only for a kind some observer wants, and hands it only to those") {
  Simulation s;
  int built = 0;
  auto alert = [&](std::string entity) {
    s.emit(sim::RecordKind::alert, {}, [&](sim::Record& r) {
      ++built;
      r.entity = entity;
    });
  };
  alert("nobody");  // no observer: nothing is built
  Picky transitions, alerts;
  transitions.kinds = {sim::RecordKind::transition};
  alerts.kinds = {sim::RecordKind::alert};
  s.add_observer(&transitions);
  alert("only-transitions");  // the one observer does not want alerts: still nothing built
  CHECK(built == 0);
  CHECK_FALSE(s.observed(sim::RecordKind::alert));
  s.add_observer(&alerts);
  CHECK(s.observed(sim::RecordKind::alert));
  alert("a");
  s.emit(sim::RecordKind::transition, {}, [](sim::Record& r) { r.entity = "t"; });
  CHECK(built == 1);
  CHECK(alerts.seen == std::vector<std::string>{"alert:a::"});
  CHECK(transitions.seen == std::vector<std::string>{"transition:t::"});
  s.remove_observer(&alerts);
  CHECK_FALSE(s.observed(sim::RecordKind::alert));
  CHECK(s.observed(sim::RecordKind::transition));
}

TEST_CASE("emit names the subject through the namer only for a kind some observer of it reads by name") {
  Simulation s;
  struct Namer : sim::SubjectNamer {
    mutable int calls = 0;
    std::string name_of(sim::Subject x) const override {
      ++calls;
      return "thing/" + std::to_string(x.index);
    }
  } namer;
  s.set_subject_namer(&namer);
  struct SubjectsOnly : Picky {
    bool wants_names() const override { return false; }
  } bySubject;
  bySubject.kinds = {sim::RecordKind::transition, sim::RecordKind::alert};
  Picky named;
  named.kinds = {sim::RecordKind::alert};
  s.add_observer(&bySubject);
  s.add_observer(&named);
  s.emit(sim::RecordKind::transition, sim::Subject{.kind = 1, .part = 0, .index = 3}, [](sim::Record&) {});
  CHECK(namer.calls == 0);  // only bySubject wants transitions, and it reads no names
  s.emit(sim::RecordKind::alert, sim::Subject{.kind = 1, .part = 0, .index = 4}, [](sim::Record&) {});
  CHECK(namer.calls == 1);
  CHECK(bySubject.seen == std::vector<std::string>{"transition:::", "alert:thing/4::"});
  CHECK(named.seen == std::vector<std::string>{"alert:thing/4::"});
}

TEST_CASE("emit reuses its record: nothing of one record shows in the next, nor in one made while observers handle it") {
  Simulation s;
  Picky all;
  all.kinds = {sim::kRecordKinds.begin(), sim::kRecordKinds.end()};
  s.add_observer(&all);
  all.also = [&](const sim::Record& r) {
    if (r.cause != "outer") return;
    s.emit(sim::RecordKind::effect, {}, [](sim::Record& inner) { inner.entity = "inner"; });
    CHECK(r.entity == "first");  // the outer record is intact after the nested one
    CHECK(r.fields.size() == 1);
  };
  s.emit(sim::RecordKind::alert, {}, [](sim::Record& r) {
    r.entity = "first";
    r.cause = "outer";
    r.fields = {{"reason", "KEY_DISABLED"}};
  });
  s.emit(sim::RecordKind::event, {}, [](sim::Record& r) { r.entity = "second"; });
  CHECK(all.seen == std::vector<std::string>{"alert:first:outer:reason=KEY_DISABLED;", "effect:inner::", "event:second::"});
}

namespace {
// A small run whose every step depends on the random source: its trace is its fingerprint.
std::vector<std::int64_t> random_walk(std::uint64_t seed) {
  Simulation s(seed);
  std::vector<std::int64_t> trace;
  struct Walker {
    Simulation& s;
    std::vector<std::int64_t>& trace;
    void step() {
      trace.push_back(s.now().ms());
      if (trace.size() < 2000) s.schedule_after(Duration::milliseconds(s.random().uniform_int(0, 1000)), [this] { step(); });
    }
  } w{s, trace};
  for (int i = 0; i < 10; ++i) s.schedule_after(Duration::milliseconds(s.random().uniform_int(0, 1000)), [&w] { w.step(); });
  s.run();
  return trace;
}
}  // namespace

TEST_CASE("determinism: the same seed gives the same run, on any thread") {
  const auto a = random_walk(42);
  CHECK(a == random_walk(42));
  CHECK(a != random_walk(43));
  std::vector<std::int64_t> t1, t2;
  std::thread x([&] { t1 = random_walk(42); });
  std::thread y([&] { t2 = random_walk(42); });
  x.join();
  y.join();
  CHECK(t1 == a);
  CHECK(t2 == a);
}
