// The human timeline: one line per record, in the order they happened.
//
//   <time, right-aligned in 15>  <entity, padded>  <what happened>
//
//     0d 00:15:00  cluster/prod/orders        RUNNING -> DISABLED_EAR  (shutdown: key disabled)
//     0d 00:15:00  project/prod/awsKms        ALERT AWS_ENCRYPTION_KEY_INVALID
//     0d 02:00:00  project/prod               enable_cmk -> OK 200
//
// Kinds: "transition" prints FROM -> TO and the cause in brackets; "alert", "email" and "event"
// print the upper-cased kind and the eventTypeName, then the other fields; "operation" prints the
// action, its outcome and HTTP status (and the error message); "expectation" (a verdict: from =
// expected, to = seen, field verdict) prints PASS/FAIL, the description, expected and seen; any other kind prints the kind, the
// cause and the fields. Field values that are secrets are redacted. The format is stable: tests
// and the README pin it.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include "report/trace.h"
#include "sim/observer.h"
#include "sim/wall_clock.h"

namespace report {

// The column the entity is padded to for a trace: the longest entity, between 12 and 40.
// (Verdict records are left out of the width and of write_timeline: the summary prints them.)
std::size_t entity_width(const Trace& trace);

// One line, without the trailing newline. The time is the simulated "0d 00:15:00", or with a wall
// clock the ISO 8601 instant "2026-01-01T00:15:00Z" (`cmksim run --clock iso`).
std::string timeline_line(const sim::Record& r, std::size_t entity_width = 0, const sim::WallClock* clock = nullptr);

void write_timeline(std::ostream& out, const Trace& trace, const sim::WallClock* clock = nullptr);

}  // namespace report
