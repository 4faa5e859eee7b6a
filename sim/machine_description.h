// MachineDescription: a transition table in plain strings, whatever its enum types. It is what the
// Boost.Graph analyses, the DOT picture and transition coverage work on, so each of them is
// written once for every state machine.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>

namespace sim {

struct MachineDescription {
  struct Row {
    std::size_t from = 0, to = 0;  // indices into states
    std::string event, guard, source;
  };
  std::string name;
  std::vector<std::string> states;
  std::size_t initial = 0;
  std::vector<std::size_t> terminal;
  std::vector<Row> rows;
};

struct StateVertex {
  std::string name;
};
struct TransitionEdge {
  std::string event, guard;
  std::size_t row = 0;
};
using MachineGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, StateVertex, TransitionEdge>;

MachineGraph to_graph(const MachineDescription& m);

// States no path leads to from the initial state.
std::vector<std::string> unreachable_states(const MachineDescription& m);
// Reachable states from which no path leads to a terminal state (the machine can get stuck there).
// With no terminal states declared, a state is stuck when it has no way out at all.
std::vector<std::string> stuck_states(const MachineDescription& m);
// Rows whose source state is reachable from the initial state: the ones a run could exercise.
std::vector<std::size_t> reachable_rows(const MachineDescription& m);

// Graphviz DOT via boost::write_graphviz: one node per state (initial bold, terminal double
// circle), one edge per row labelled with its event and, in brackets, its guard.
std::string to_dot(const MachineDescription& m);

// Counts how often each row of each machine fired during one or more runs.
class TransitionCoverage {
 public:
  void hit(const std::string& machine, std::size_t row) { ++hits_[machine][row]; }
  std::size_t hits(const std::string& machine, std::size_t row) const;
  // Reachable rows of m that never fired.
  std::vector<std::size_t> missed(const MachineDescription& m) const;
  void merge(const TransitionCoverage& other);

 private:
  std::map<std::string, std::map<std::size_t, std::size_t>> hits_;
};

}  // namespace sim
