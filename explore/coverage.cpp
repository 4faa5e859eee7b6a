#include "explore/coverage.h"

#include <fmt/format.h>

#include "models/machines.h"

namespace explore {

std::string row_text(const sim::MachineDescription& m, std::size_t row) {
  const auto& r = m.rows.at(row);
  return fmt::format("{} -{}-> {}{}", m.states[r.from], r.event, m.states[r.to], r.guard.empty() ? "" : " [" + r.guard + "]");
}

std::vector<MissedRow> missed_rows(const sim::TransitionCoverage& c) {
  std::vector<MissedRow> out;
  for (const sim::MachineDescription& m : models::machines())
    for (std::size_t r : c.missed(m)) out.push_back({m.name, r, row_text(m, r)});
  return out;
}

std::string coverage_report(const sim::TransitionCoverage& c) {
  std::string out;
  for (const sim::MachineDescription& m : models::machines()) {
    const std::size_t reachable = sim::reachable_rows(m).size();
    const std::vector<std::size_t> missed = c.missed(m);
    out += fmt::format("{:<20} {:>3}/{:<3} reachable rows hit\n", m.name, reachable - missed.size(), reachable);
    for (std::size_t r : missed) out += fmt::format("    never: [{}] {}\n", r, row_text(m, r));
  }
  return out;
}

}  // namespace explore
