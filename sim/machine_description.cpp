#include "sim/machine_description.h"

#include <algorithm>
#include <sstream>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/graphviz.hpp>
#include <boost/graph/reverse_graph.hpp>
#include <fmt/format.h>

namespace sim {
namespace {

// Vertices reachable from `sources` in g (breadth-first search).
template <class Graph>
std::vector<bool> reachable_from(const Graph& g, const std::vector<std::size_t>& sources) {
  std::vector<boost::default_color_type> color(boost::num_vertices(g), boost::white_color);
  auto cmap = boost::make_iterator_property_map(color.begin(), boost::get(boost::vertex_index, g));
  for (std::size_t s : sources)
    if (color[s] == boost::white_color) boost::breadth_first_visit(g, s, boost::color_map(cmap));
  std::vector<bool> seen(color.size());
  for (std::size_t i = 0; i < color.size(); ++i) seen[i] = color[i] != boost::white_color;
  return seen;
}

}  // namespace

MachineGraph to_graph(const MachineDescription& m) {
  MachineGraph g(m.states.size());
  for (std::size_t i = 0; i < m.states.size(); ++i) g[i].name = m.states[i];
  for (std::size_t r = 0; r < m.rows.size(); ++r) {
    const auto& row = m.rows[r];
    boost::add_edge(row.from, row.to, TransitionEdge{row.event, row.guard, r}, g);
  }
  return g;
}

std::vector<std::string> unreachable_states(const MachineDescription& m) {
  const MachineGraph g = to_graph(m);
  const std::vector<bool> seen = reachable_from(g, {m.initial});
  std::vector<std::string> out;
  for (std::size_t i = 0; i < seen.size(); ++i)
    if (!seen[i]) out.push_back(m.states[i]);
  return out;
}

std::vector<std::string> stuck_states(const MachineDescription& m) {
  const MachineGraph g = to_graph(m);
  const std::vector<bool> reachable = reachable_from(g, {m.initial});
  std::vector<std::string> out;
  if (m.terminal.empty()) {
    for (std::size_t i = 0; i < m.states.size(); ++i)
      if (reachable[i] && boost::out_degree(i, g) == 0) out.push_back(m.states[i]);
    return out;
  }
  // A state can finish if a terminal state is reachable from it: search backwards from terminals.
  const std::vector<bool> can_finish = reachable_from(boost::make_reverse_graph(g), m.terminal);
  for (std::size_t i = 0; i < m.states.size(); ++i)
    if (reachable[i] && !can_finish[i]) out.push_back(m.states[i]);
  return out;
}

std::vector<std::size_t> reachable_rows(const MachineDescription& m) {
  const std::vector<bool> seen = reachable_from(to_graph(m), {m.initial});
  std::vector<std::size_t> out;
  for (std::size_t r = 0; r < m.rows.size(); ++r)
    if (seen[m.rows[r].from]) out.push_back(r);
  return out;
}

std::string to_dot(const MachineDescription& m) {
  const MachineGraph g = to_graph(m);
  auto vertex_writer = [&](std::ostream& os, std::size_t v) {
    const bool terminal = std::find(m.terminal.begin(), m.terminal.end(), v) != m.terminal.end();
    os << "[label=" << boost::escape_dot_string(m.states[v]);
    if (v == m.initial) os << ", style=bold";
    if (terminal) os << ", shape=doublecircle";
    os << "]";
  };
  auto edge_writer = [&](std::ostream& os, const MachineGraph::edge_descriptor& e) {
    const TransitionEdge& t = g[e];
    const std::string label = t.guard.empty() ? t.event : fmt::format("{} [{}]", t.event, t.guard);
    os << "[label=" << boost::escape_dot_string(label) << "]";
  };
  auto graph_writer = [&](std::ostream& os) {
    os << "label=" << boost::escape_dot_string(m.name) << ";\nlabelloc=t;\nrankdir=LR;\nnode [shape=box];\n";
  };
  std::ostringstream os;
  boost::write_graphviz(os, g, vertex_writer, edge_writer, graph_writer);
  return os.str();
}

std::size_t TransitionCoverage::hits(const std::string& machine, std::size_t row) const {
  auto m = hits_.find(machine);
  if (m == hits_.end()) return 0;
  auto r = m->second.find(row);
  return r == m->second.end() ? 0 : r->second;
}

std::vector<std::size_t> TransitionCoverage::missed(const MachineDescription& m) const {
  std::vector<std::size_t> out;
  for (std::size_t r : reachable_rows(m))
    if (hits(m.name, r) == 0) out.push_back(r);
  return out;
}

void TransitionCoverage::merge(const TransitionCoverage& other) {
  for (const auto& [machine, rows] : other.hits_)
    for (const auto& [row, n] : rows) hits_[machine][row] += n;
}

}  // namespace sim
