// TransitionTable: a state machine declared once, as rows of (from, event, to, guard, source),
// read like the documentation's status list. The same rows drive the runtime (fire), the
// Boost.Graph analyses and the DOT picture (describe), and coverage (each fire names its row).
//
// Guards are names. At run time the caller says which guards hold (a callable taking the name);
// a row with an empty guard always applies. The first matching row wins, so rows for one
// (from, event) pair are tried in the order written.
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

template <class State, class Event>
class TransitionTable {
 public:
  struct Row {
    State from;
    Event event;
    State to;
    std::string_view guard = {};   // empty: always applies
    std::string_view source = {};  // where the rule is documented
  };
  using StateName = std::string_view (*)(State);
  using EventName = std::string_view (*)(Event);
  using GuardHolds = std::function<bool(std::string_view)>;

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

  // The row that applies to (from, event) given the guards that hold, if any.
  std::optional<std::size_t> find(State from, Event e, const GuardHolds& holds = {}) const {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      const Row& r = rows_[i];
      if (r.from == from && r.event == e && (r.guard.empty() || (holds && holds(r.guard)))) return i;
    }
    return std::nullopt;
  }
  bool allows(State from, Event e, const GuardHolds& holds = {}) const { return find(from, e, holds).has_value(); }

  // The row that applies, or IllegalTransition.
  std::size_t fire(State from, Event e, const GuardHolds& holds = {}) const {
    if (auto i = find(from, e, holds)) return *i;
    throw IllegalTransition(std::string(name_), std::string(state_name_(from)), std::string(event_name_(e)));
  }

  // The table as strings, keeping only rows whose guard `keep` accepts (all rows by default):
  // e.g. the endpoint machine as seen on one cloud.
  MachineDescription describe(const GuardHolds& keep = {}) const {
    MachineDescription m;
    m.name = std::string(name_);
    for (State s : states_) m.states.emplace_back(state_name_(s));
    m.initial = index_of(initial_);
    for (State s : terminal_) m.terminal.push_back(index_of(s));
    for (const Row& r : rows_)
      if (r.guard.empty() || !keep || keep(r.guard))
        m.rows.push_back({index_of(r.from), index_of(r.to), std::string(event_name_(r.event)), std::string(r.guard),
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

// One live instance of a table: the current state of one entity. Every change is recorded through
// the simulation's observers as a "transition" Record naming the table row (for coverage).
template <class State, class Event>
class StateMachine {
 public:
  using Table = TransitionTable<State, Event>;
  StateMachine(const Table& table, Subject subject, std::string entity)
      : table_(&table), subject_(subject), entity_(std::move(entity)), state_(table.initial()) {}
  StateMachine(const Table& table, Subject subject, std::string entity, State start)
      : table_(&table), subject_(subject), entity_(std::move(entity)), state_(start) {}

  State state() const { return state_; }
  Subject subject() const { return subject_; }
  const std::string& entity() const { return entity_; }
  const Table& table() const { return *table_; }
  bool can(Event e, const typename Table::GuardHolds& holds = {}) const { return table_->allows(state_, e, holds); }

  // Moves to the row's target state (IllegalTransition if none applies) and records it.
  State fire(Simulation& sim, Event e, std::string_view cause = {}, const typename Table::GuardHolds& holds = {}) {
    const std::size_t i = table_->fire(state_, e, holds);
    const State from = state_;
    state_ = table_->row(i).to;
    if (sim.observed()) {
      Record r;
      r.at = sim.now();
      r.kind = RecordKind::transition;
      r.subject = subject_;
      r.entity = entity_;
      r.from = table_->state_name(from);
      r.to = table_->state_name(state_);
      r.cause = cause.empty() ? std::string(table_->event_name(e)) : std::string(cause);
      r.machine = std::string(table_->name());
      r.row = static_cast<int>(i);
      sim.record(r);
    }
    return state_;
  }

 private:
  const Table* table_;
  Subject subject_;
  std::string entity_;
  State state_;
};

}  // namespace sim
