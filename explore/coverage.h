// Transition coverage of a property run or an explore run (issue 6 §5): which rows of each state
// machine (models::machines(), the Boost.Graph tables) fired, and which reachable rows never did.
#pragma once

#include <string>
#include <vector>

#include "sim/machine_description.h"
#include "sim/observer.h"

namespace explore {

// Feeds a TransitionCoverage from "transition" Records.
class CoverageRecorder : public sim::Observer {
 public:
  explicit CoverageRecorder(sim::TransitionCoverage& into) : into_(into) {}
  void on_record(const sim::Record& r) override {
    if (r.kind == sim::RecordKind::transition && r.row >= 0) into_.hit(r.machine, static_cast<std::size_t>(r.row));
  }

 private:
  sim::TransitionCoverage& into_;
};

struct MissedRow {
  std::string machine;
  std::size_t row = 0;
  std::string text;  // "INITIATING -provisioned-> ACTIVE [aws]"
};

// Reachable rows (sim::reachable_rows) of every machine that never fired.
std::vector<MissedRow> missed_rows(const sim::TransitionCoverage& c);
// One line per machine ("endpoint  17/19 rows") then one line per missed row, indented.
std::string coverage_report(const sim::TransitionCoverage& c);
std::string row_text(const sim::MachineDescription& m, std::size_t row);

}  // namespace explore
