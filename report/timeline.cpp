#include "report/timeline.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "sim/duration_text.h"

namespace report {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

// "k=v k2=v2", skipping names in `skip`; values with spaces are quoted.
std::string field_list(const sim::Record& r, std::initializer_list<std::string_view> skip) {
  std::string out;
  for (const auto& [k, v] : r.fields) {
    if (std::find(skip.begin(), skip.end(), k) != skip.end()) continue;
    const std::string_view shown = shown_value(k, v);
    if (!out.empty()) out += ' ';
    if (shown.find(' ') != std::string_view::npos || shown.empty())
      out += fmt::format("{}=\"{}\"", k, shown);
    else
      out += fmt::format("{}={}", k, shown);
  }
  return out;
}

std::string what(const sim::Record& r) {
  if (r.kind == sim::RecordKind::transition) {
    std::string s = fmt::format("{} -> {}", r.from, r.to);
    if (!r.cause.empty()) s += fmt::format("  ({})", r.cause);
    const std::string rest = field_list(r, {});
    if (!rest.empty()) s += "  " + rest;
    return s;
  }
  if (sim::is_notification(r.kind)) {
    const std::string* type = r.field("eventTypeName");
    std::string s = fmt::format("{} {}", upper(sim::record_kind_name(r.kind)), type ? *type : r.cause);
    const std::string rest = field_list(r, {"eventTypeName"});
    if (!rest.empty()) s += "  " + rest;
    return s;
  }
  if (r.kind == sim::RecordKind::operation) {
    const std::string* outcome = r.field("outcome");
    const std::string* status = r.field("httpStatus");
    std::string s = fmt::format("{} -> {}", r.cause, outcome ? *outcome : std::string("?"));
    if (status) s += " " + *status;
    const std::string* message = r.field("message");
    if (message && !message->empty()) s += fmt::format(": {}", *message);
    const std::string rest = field_list(r, {"outcome", "httpStatus", "message"});
    if (!rest.empty()) s += "  " + rest;
    return s;
  }
  if (r.kind == sim::RecordKind::expectation) {  // the scenario's verdicts: from = expected, to = seen
    const std::string* verdict = r.field("verdict");
    const bool passed = verdict && *verdict == "passed";
    std::string s = fmt::format("{} {}: expected {}, saw {}", passed ? "PASS" : "FAIL", r.cause, r.from, r.to);
    const std::string rest = field_list(r, {"verdict", "line", "column"});
    if (!rest.empty()) s += "  " + rest;
    return s;
  }
  std::string s(sim::record_kind_name(r.kind));
  if (!r.from.empty() || !r.to.empty()) s += fmt::format(" {} -> {}", r.from, r.to);
  if (!r.cause.empty()) s += " " + r.cause;
  const std::string rest = field_list(r, {});
  if (!rest.empty()) s += "  " + rest;
  return s;
}

}  // namespace

std::size_t entity_width(const Trace& trace) {
  std::size_t w = 12;
  for (const sim::Record& r : trace.records)
    if (r.kind != sim::RecordKind::expectation) w = std::max(w, r.entity.size());
  return std::min<std::size_t>(w, 40);
}

std::string timeline_line(const sim::Record& r, std::size_t width) {
  std::string line = fmt::format("{:>15}  {:<{}}  {}", sim::format_time(r.at), r.entity, width, what(r));
  while (!line.empty() && line.back() == ' ') line.pop_back();
  return line;
}

void write_timeline(std::ostream& out, const Trace& trace) {
  const std::size_t w = entity_width(trace);
  for (const sim::Record& r : trace.records)
    if (r.kind != sim::RecordKind::expectation) out << timeline_line(r, w) << '\n';
}

}  // namespace report
