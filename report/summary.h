// The verdicts of a run, for people (text) and for programs (JSON). Plain structs, so the
// reporters need nothing from the scenario layer; the CLI fills them from scenario::RunResult.
//
// Text, one line per expectation, then a total:
//   PASS  scenarios/shutdown.yaml:31:7  cluster orders stateName == IDLE at 2h
//   FAIL  scenarios/shutdown.yaml:35:7  cluster orders runState == RUNNING at 20m: at 0d 00:20:00 expected RUNNING, saw DISABLED_EAR
//   scenarios/shutdown.yaml: 1 of 2 expectations met, 1 FAILED (seed 7, 412 events, ended 0d 02:00:00)
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/time.h"

namespace report {

struct Verdict {
  std::string description;
  std::string file;
  int line = 0, column = 0;  // 0: unknown
  bool passed = false;
  sim::Time at;
  std::string expected, seen;
};

struct RunSummary {
  std::string file;
  std::uint64_t seed = 0;
  sim::Time end;
  std::uint64_t events_fired = 0;
  std::vector<Verdict> verdicts;
  std::optional<nlohmann::ordered_json> fleet;  // the fleet report (report/fleet_rollup.h), when aggregated
  bool passed() const;
  std::size_t failed() const;
};

// "file:line:column" with unknown parts left out.
std::string location(const std::string& file, int line, int column);

std::string verdict_line(const Verdict& v);
std::string total_line(const RunSummary& s);
void write_summary_text(std::ostream& out, const RunSummary& s);

// {"passed": bool, "runs": [{"file", "seed", "end_ms", "end", "events_fired", "passed",
//   "expectations": [{"description", "file", "line", "column", "passed", "at_ms", "at",
//   "expected", "seen"}], "fleet": {...} (only for an aggregated fleet run)}]}
nlohmann::ordered_json summary_json(const std::vector<RunSummary>& runs);

}  // namespace report
