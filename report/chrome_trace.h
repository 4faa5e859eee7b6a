// Chrome / Perfetto trace (the JSON "Trace Event Format"): open the file in chrome://tracing or
// https://ui.perfetto.dev.
//
// One process (the scenario) with one track (thread) per entity: clusters first, then endpoints,
// then project blocks, keys and the rest, each group in order of first appearance. On each track:
//   - every state the entity was in is a complete event (ph "X", cat "state") from the moment it
//     entered the state until it left it or the run ended; ts and dur are in microseconds of
//     simulated time. Endpoint pseudo-states "none" and "deleted" are not drawn.
//   - alerts, emails, events and operations are instant events (ph "i", scope "t") named by their
//     eventTypeName or action, with the record's fields as args (secrets redacted).
//   - verdicts (kind "expectation") are instants "PASS <description>" / "FAIL <description>" on
//     one last track named "expectations", with expected and seen as args.
// Track names come from metadata events (thread_name, thread_sort_index, process_name).
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "report/trace.h"
#include "sim/time.h"

namespace report {

// `end`: when the run stopped (closes the last span of every track).
nlohmann::ordered_json chrome_trace(const Trace& trace, sim::Time end, std::string_view process_name = "cmksim");

}  // namespace report
