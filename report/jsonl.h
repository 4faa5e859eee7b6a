// JSON Lines: one object per record, one record per line, keys always present and in this order:
//
//   {"t_ms":900000,"t":"0d 00:15:00","kind":"transition","entity":"cluster/prod/orders",
//    "from":"RUNNING","to":"DISABLED_EAR","cause":"shutdown","machine":"cluster","row":7,"fields":{}}
//
//   t_ms     simulated time in milliseconds since the start (integer)
//   t        the same time as text (sim::format_time)
//   kind     "transition", "alert", "email", "event", "operation", "effect", "external", ...
//   entity   e.g. "cluster/<project>/<name>", "endpoint/<id>", "project/<project>/awsKms"
//   from,to  states of a transition; null for other kinds
//   cause    the event or action that caused the record ("" when none)
//   machine  transition table name; null for other kinds
//   row      transition table row (integer); null for other kinds
//   fields   the record's other facts as strings, in the model's order; secrets redacted
//
// Suited to jq: `jq -c 'select(.kind=="alert")' out.jsonl`.
#pragma once

#include <ostream>

#include <nlohmann/json.hpp>

#include "report/trace.h"
#include "sim/observer.h"

namespace report {

nlohmann::ordered_json record_json(const sim::Record& r);
void write_jsonl(std::ostream& out, const Trace& trace);

}  // namespace report
