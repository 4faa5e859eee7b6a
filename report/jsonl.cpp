#include "report/jsonl.h"

#include "sim/duration_text.h"

namespace report {

nlohmann::ordered_json record_json(const sim::Record& r) {
  using nlohmann::ordered_json;
  const bool transition = !r.machine.empty() || r.row >= 0 || !r.from.empty() || !r.to.empty();
  ordered_json j;
  j["t_ms"] = r.at.ms();
  j["t"] = sim::format_time(r.at);
  j["kind"] = sim::record_kind_name(r.kind);
  j["entity"] = r.entity;
  j["from"] = transition ? ordered_json(r.from) : ordered_json(nullptr);
  j["to"] = transition ? ordered_json(r.to) : ordered_json(nullptr);
  j["cause"] = r.cause;
  j["machine"] = r.machine.empty() ? ordered_json(nullptr) : ordered_json(r.machine);
  j["row"] = r.row >= 0 ? ordered_json(r.row) : ordered_json(nullptr);
  ordered_json fields = ordered_json::object();
  for (const auto& [k, v] : r.fields) fields[k] = std::string(shown_value(k, v));
  j["fields"] = std::move(fields);
  return j;
}

void write_jsonl(std::ostream& out, const Trace& trace) {
  for (const sim::Record& r : trace.records)
    // replace: a model string that is not valid UTF-8 must not abort the report.
    out << record_json(r).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace report
