#include "report/summary.h"

#include <algorithm>

#include <fmt/format.h>

#include "sim/duration_text.h"

namespace report {

bool RunSummary::passed() const { return failed() == 0; }
std::size_t RunSummary::failed() const {
  return static_cast<std::size_t>(std::count_if(verdicts.begin(), verdicts.end(), [](const Verdict& v) { return !v.passed; }));
}

std::string location(const std::string& file, int line, int column) {
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

std::string verdict_line(const Verdict& v) {
  const std::string where = location(v.file, v.line, v.column);
  if (v.passed) return fmt::format("PASS  {}  {}", where, v.description);
  return fmt::format("FAIL  {}  {}: at {} expected {}, saw {}", where, v.description, sim::format_time(v.at), v.expected, v.seen);
}

std::string total_line(const RunSummary& s) {
  const std::size_t n = s.verdicts.size(), bad = s.failed();
  std::string verdict = fmt::format("{} of {} expectation{} met", n - bad, n, n == 1 ? "" : "s");
  if (bad > 0) verdict += fmt::format(", {} FAILED", bad);
  return fmt::format("{}: {} (seed {}, {} events, ended {})", s.file, verdict, s.seed, s.events_fired, sim::format_time(s.end));
}

void write_summary_text(std::ostream& out, const RunSummary& s) {
  for (const Verdict& v : s.verdicts) out << verdict_line(v) << '\n';
  out << total_line(s) << '\n';
}

nlohmann::ordered_json summary_json(const std::vector<RunSummary>& runs) {
  using nlohmann::ordered_json;
  ordered_json all = ordered_json::array();
  bool ok = true;
  for (const RunSummary& s : runs) {
    ordered_json r;
    r["file"] = s.file;
    r["seed"] = s.seed;
    r["end_ms"] = s.end.ms();
    r["end"] = sim::format_time(s.end);
    r["events_fired"] = s.events_fired;
    r["passed"] = s.passed();
    ordered_json list = ordered_json::array();
    for (const Verdict& v : s.verdicts) {
      ordered_json e;
      e["description"] = v.description;
      e["file"] = v.file;
      e["line"] = v.line;
      e["column"] = v.column;
      e["passed"] = v.passed;
      e["at_ms"] = v.at.ms();
      e["at"] = sim::format_time(v.at);
      e["expected"] = v.expected;
      e["seen"] = v.seen;
      list.push_back(std::move(e));
    }
    r["expectations"] = std::move(list);
    if (s.fleet) r["fleet"] = *s.fleet;
    ok = ok && s.passed();
    all.push_back(std::move(r));
  }
  ordered_json out;
  out["passed"] = ok;
  out["runs"] = std::move(all);
  return out;
}

}  // namespace report
