#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "sim/machine_description.h"
#include "sim/transition_table.h"

namespace {

// A door with one deliberately unreachable state (Bricked) and one deliberately stuck state
// (Jammed: reachable, but no way from it to the terminal state Removed).
enum class Door { Closed, Open, Locked, Jammed, Bricked, Removed };
enum class Act { Open, Close, Lock, Unlock, Kick, Remove };

std::string_view door_name(Door d) {
  switch (d) {
    case Door::Closed: return "CLOSED";
    case Door::Open: return "OPEN";
    case Door::Locked: return "LOCKED";
    case Door::Jammed: return "JAMMED";
    case Door::Bricked: return "BRICKED";
    case Door::Removed: return "REMOVED";
  }
  return "?";
}
std::string_view act_name(Act a) {
  switch (a) {
    case Act::Open: return "open";
    case Act::Close: return "close";
    case Act::Lock: return "lock";
    case Act::Unlock: return "unlock";
    case Act::Kick: return "kick";
    case Act::Remove: return "remove";
  }
  return "?";
}

// What the door's guards look at.
struct Visitor {
  bool hasKey = false;
  bool strong = false;
};
constexpr sim::Guard<Visitor> has_key{"has_key", [](const Visitor& v) { return v.hasKey; }};
constexpr sim::Guard<Visitor> weak_frame{"weak_frame", [](const Visitor& v) { return v.strong; }};

using Table = sim::TransitionTable<Door, Act, Visitor>;
const Table& door_table() {
  static const Table t(
      "door",
      {Door::Closed, Door::Open, Door::Locked, Door::Jammed, Door::Bricked, Door::Removed}, Door::Closed,
      {Door::Removed},
      {
          {Door::Closed, Act::Open, Door::Open, "manual §1"},
          {Door::Open, Act::Close, Door::Closed, "manual §1"},
          {Door::Closed, Act::Lock, Door::Locked, has_key, "manual §2"},
          {Door::Locked, Act::Unlock, Door::Closed, has_key, "manual §2"},
          {Door::Locked, Act::Kick, Door::Jammed, "manual §3"},
          {Door::Closed, Act::Kick, Door::Open, weak_frame, "manual §3"},
          {Door::Closed, Act::Kick, Door::Closed, "manual §3"},  // without the guard, a kick does nothing
          {Door::Open, Act::Remove, Door::Removed, "manual §4"},
          {Door::Bricked, Act::Remove, Door::Removed, "manual §4"},
      },
      door_name, act_name);
  return t;
}

}  // namespace

TEST_CASE("the table drives the runtime, guards pick the row") {
  const Table& t = door_table();
  const Visitor withKey{.hasKey = true}, strong{.strong = true}, nobody{};
  CHECK(t.row(t.fire(Door::Closed, Act::Open)).to == Door::Open);
  CHECK(t.row(t.fire(Door::Closed, Act::Lock, &withKey)).to == Door::Locked);
  CHECK_FALSE(t.allows(Door::Closed, Act::Lock, &nobody));  // guard not satisfied
  CHECK_FALSE(t.allows(Door::Closed, Act::Lock));           // no context: guarded rows never apply
  CHECK(t.row(t.fire(Door::Closed, Act::Kick, &strong)).to == Door::Open);
  CHECK(t.row(t.fire(Door::Closed, Act::Kick, &withKey)).to == Door::Closed);  // first matching row wins
  CHECK(t.row(t.fire(Door::Closed, Act::Kick)).to == Door::Closed);
}

TEST_CASE("an event the state does not allow is a typed error naming both") {
  const Table& t = door_table();
  try {
    t.fire(Door::Open, Act::Lock);
    FAIL("no error");
  } catch (const sim::IllegalTransition& e) {
    CHECK(e.machine() == "door");
    CHECK(e.state() == "OPEN");
    CHECK(e.event() == "lock");
    CHECK(std::string(e.what()) == "door: event 'lock' is not allowed in state 'OPEN'");
  }
}

TEST_CASE("Boost.Graph analysis finds the unreachable and the stuck state") {
  const sim::MachineDescription m = door_table().describe();
  CHECK(sim::unreachable_states(m) == std::vector<std::string>{"BRICKED"});
  CHECK(sim::stuck_states(m) == std::vector<std::string>{"JAMMED"});
  // Rows leaving BRICKED can never fire; every other row can.
  CHECK(sim::reachable_rows(m).size() == m.rows.size() - 1);
}

TEST_CASE("a filtered description keeps only the rows whose guard holds") {
  const sim::MachineDescription m = door_table().describe([](const Table::Guard& g) { return g != weak_frame; });
  CHECK(m.rows.size() == door_table().rows().size() - 1);
  for (const auto& r : m.rows) CHECK(r.guard != "weak_frame");
  CHECK(m.rows[2].source == "manual §2");
}

TEST_CASE("the DOT picture names states, events and guards") {
  const std::string dot = sim::to_dot(door_table().describe());
  CHECK(dot.rfind("digraph G {", 0) == 0);
  CHECK(dot.find("label=CLOSED, style=bold") != std::string::npos);
  CHECK(dot.find("label=REMOVED, shape=doublecircle") != std::string::npos);
  CHECK(dot.find("label=\"lock [has_key]\"") != std::string::npos);
  CHECK(dot.find("label=open") != std::string::npos);
}

struct Coverage : sim::Observer {
  sim::TransitionCoverage cov;
  std::vector<std::string> seen;
  void on_record(const sim::Record& r) override {
    if (r.kind != sim::RecordKind::transition) return;
    cov.hit(r.machine, static_cast<std::size_t>(r.row));
    seen.push_back(r.entity + " " + r.from + "->" + r.to + " (" + r.cause + ")");
  }
};

TEST_CASE("a live machine records each transition with its row, and coverage shows the gaps") {
  sim::Simulation s;
  Coverage c;
  s.add_observer(&c);
  struct Namer : sim::SubjectNamer {
    std::string name_of(sim::Subject s) const override { return s.index == 7 ? "door/front" : "?"; }
  } namer;
  s.set_subject_namer(&namer);
  sim::StateMachine<Door, Act, Visitor> door(door_table(), sim::Subject{.kind = 1, .part = 0, .index = 7});
  s.schedule_at(sim::Time::from_ms(1), [&] { door.fire(s, Act::Open, "wind"); });
  s.schedule_at(sim::Time::from_ms(2), [&] { door.fire(s, Act::Close); });
  s.run();
  CHECK(door.state() == Door::Closed);
  CHECK_FALSE(door.can(Act::Lock));
  CHECK(door.can(Act::Lock, Visitor{.hasKey = true}));
  CHECK(c.seen == std::vector<std::string>{"door/front CLOSED->OPEN (wind)", "door/front OPEN->CLOSED (close)"});
  const auto missed = c.cov.missed(door_table().describe());
  CHECK(missed == std::vector<std::size_t>{2, 3, 4, 5, 6, 7});
  CHECK_THROWS_AS(door.fire(s, Act::Unlock), sim::IllegalTransition);
  CHECK(door.state() == Door::Closed);  // an illegal event changes nothing
}

TEST_CASE("a table that uses an undeclared state, or a guard without name or predicate, is refused when built") {
  using T = sim::TransitionTable<Door, Act, Visitor>;
  CHECK_THROWS_AS(T("bad", {Door::Closed}, Door::Closed, {}, {{Door::Closed, Act::Open, Door::Open, "s"}}, door_name, act_name),
                  std::logic_error);
  const sim::Guard<Visitor> unnamed{"", has_key.holds};
  CHECK_THROWS_AS(T("bad", {Door::Closed, Door::Open}, Door::Closed, {}, {{Door::Closed, Act::Open, Door::Open, unnamed, "s"}},
                    door_name, act_name),
                  std::logic_error);
}
