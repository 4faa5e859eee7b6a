// TransitionTable: a state machine declared once, as rows of (from, event, to, guard, source),
// read like the documentation's status list. The same rows drive the runtime (fire), the
// Boost.Graph analyses and the DOT picture (describe), and coverage (each fire names its row).
//
// A guard is a name plus a predicate on the machine's context (Ctx: whatever the guards need to
// look at, e.g. the entity and the settings). Guards are declared as named constexpr objects next
// to their table, so a misspelt guard does not compile; the name is what pictures and coverage
// show. The caller of fire()/can() passes the context; without one, only unguarded rows apply.
// The first matching row wins, so rows for one (from, event) pair are tried in the order written.
#pragma once

#include <algorithm>
#include <functional>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "sim/machine_description.h"
#include "sim/observer.h"
#include "sim/simulation.h"

namespace sim {

// Firing an event the current state does not allow: a typed error naming machine, state and event.
class IllegalTransition : public std::logic_error {
 public:
  IllegalTransition(std::string machine, std::string state, std::string event)
      : std::logic_error(fmt::format("{}: event '{}' is not allowed in state '{}'", machine, event, state)),
        machine_(std::move(machine)),
        state_(std::move(state)),
        event_(std::move(event)) {}
  const std::string& machine() const { return machine_; }
  const std::string& state() const { return state_; }
  const std::string& event() const { return event_; }

 private:
  std::string machine_, state_, event_;
};

// A row's condition: its name (for DOT and coverage) and the predicate that decides it at run time.
template <class Ctx>
struct Guard {
  std::string_view name;                // empty: no guard, the row always applies
  bool (*holds)(const Ctx&) = nullptr;  // set exactly when name is
  friend constexpr bool operator==(const Guard&, const Guard&) = default;
};

// The context of a table without guards.
struct NoContext {};

template <class State, class Event, class Ctx = NoContext>
class TransitionTable {
 public:
  using Guard = sim::Guard<Ctx>;
  struct Row {
    State from;
    Event event;
    State to;
    Guard guard;              // no name: always applies
    std::string_view source;  // where the rule is documented
    Row(State from_, Event event_, State to_, std::string_view source_)
        : from(from_), event(event_), to(to_), source(source_) {}
    Row(State from_, Event event_, State to_, Guard guard_, std::string_view source_)
        : from(from_), event(event_), to(to_), guard(guard_), source(source_) {}
  };
  using StateName = std::string_view (*)(State);
  using EventName = std::string_view (*)(Event);
  using GuardFilter = std::function<bool(const Guard&)>;

  TransitionTable(std::string_view name, std::vector<State> states, State initial, std::vector<State> terminal,
                  std::vector<Row> rows, StateName state_name, EventName event_name)
      : name_(name),
        states_(std::move(states)),
        initial_(initial),
        terminal_(std::move(terminal)),
        rows_(std::move(rows)),
        state_name_(state_name),
        event_name_(event_name) {
    for (const Row& r : rows_) {
      index_of(r.from);  // every row's states must be declared
      index_of(r.to);
      if (r.guard.name.empty() != (r.guard.holds == nullptr))
        throw std::logic_error(fmt::format("{}: a guard needs both a name and a predicate", name_));
    }
    index_of(initial_);
  }

  std::string_view name() const { return name_; }
  State initial() const { return initial_; }
  const std::vector<Row>& rows() const { return rows_; }
  const Row& row(std::size_t i) const { return rows_.at(i); }
  std::string_view state_name(State s) const { return state_name_(s); }
  std::string_view event_name(Event e) const { return event_name_(e); }
  bool is_terminal(State s) const { return std::find(terminal_.begin(), terminal_.end(), s) != terminal_.end(); }

  // The row that applies to (from, event) in context ctx, if any (no context: unguarded rows only).
  std::optional<std::size_t> find(State from, Event e, const Ctx* ctx = nullptr) const {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const Row& r = rows_[i];
      if (r.from == from && r.event == e && (!r.guard.holds || (ctx && r.guard.holds(*ctx)))) return i;
    }
    return std::nullopt;
  }
  bool allows(State from, Event e, const Ctx* ctx = nullptr) const { return find(from, e, ctx).has_value(); }

  // The row that applies, or IllegalTransition.
  std::size_t fire(State from, Event e, const Ctx* ctx = nullptr) const {
    if (auto i = find(from, e, ctx)) return *i;
    throw IllegalTransition(std::string(name_), std::string(state_name_(from)), std::string(event_name_(e)));
  }

  // The table as strings, keeping only rows whose guard `keep` accepts (all rows by default):
  // e.g. the rows one variant of the machine can take.
  MachineDescription describe(const GuardFilter& keep = {}) const {
    MachineDescription m;
    m.name = std::string(name_);
    for (State s : states_) m.states.emplace_back(state_name_(s));
    m.initial = index_of(initial_);
    for (State s : terminal_) m.terminal.push_back(index_of(s));
    for (const Row& r : rows_)
      if (!r.guard.holds || !keep || keep(r.guard))
        m.rows.push_back({index_of(r.from), index_of(r.to), std::string(event_name_(r.event)), std::string(r.guard.name),
                          std::string(r.source)});
    return m;
  }

 private:
  std::size_t index_of(State s) const {
    auto it = std::find(states_.begin(), states_.end(), s);
    if (it == states_.end())
      throw std::logic_error(fmt::format("{}: state '{}' is used but not declared", name_, state_name_(s)));
    return static_cast<std::size_t>(it - states_.begin());
  }

  std::string_view name_;
  std::vector<State> states_;
  State initial_;
  std::vector<State> terminal_;
  std::vector<Row> rows_;
  StateName state_name_;
  EventName event_name_;
};

// One live instance of a table: the current state of one entity, known by its subject. Every change
// is recorded through the simulation's observers as a "transition" Record naming the table row (for
// coverage) and the entity by the simulation's subject namer.
template <class State, class Event, class Ctx = NoContext>
class StateMachine {
 public:
  using Table = TransitionTable<State, Event, Ctx>;
  StateMachine(const Table& table, Subject subject) : state_(table.initial()), subject_(subject), table_(&table) {}
  StateMachine(const Table& table, Subject subject, State start) : state_(start), subject_(subject), table_(&table) {}

  State state() const { return state_; }
  Subject subject() const { return subject_; }
  const Table& table() const { return *table_; }
  bool can(Event e) const { return table_->allows(state_, e); }
  bool can(Event e, const Ctx& ctx) const { return table_->allows(state_, e, &ctx); }

  // Moves to the row's target state in context ctx (IllegalTransition if none applies) and records it.
  State fire(Simulation& sim, Event e, std::string_view cause, const Ctx& ctx) { return fire(sim, e, cause, &ctx); }
  State fire(Simulation& sim, Event e, std::string_view cause = {}, const Ctx* ctx = nullptr) {
    const std::size_t i = table_->fire(state_, e, ctx);
    const State from = state_;
    state_ = table_->row(i).to;
    sim.changed(subject_);
    sim.emit(RecordKind::transition, subject_, [&](Record& r) {
      r.from.assign(table_->state_name(from));
      r.to.assign(table_->state_name(state_));
      r.cause.assign(cause.empty() ? table_->event_name(e) : cause);
      r.machine.assign(table_->name());
      r.row = static_cast<int>(i);
    });
    return state_;
  }

 private:
  State state_;  // first: a model that reads many machines' states touches one line each
  Subject subject_;
  const Table* table_;
};

}  // namespace sim
