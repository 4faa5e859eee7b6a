// What a sweep measures: the built-in metrics (detection latency, unavailability, recovery,
// endpoints, guard errors, alerts) and the ones a scenario file names under `metrics:` as the time
// between two observable events (Records). Plain data; metrics_observer.h does the measuring.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/observer.h"
#include "sim/time.h"

namespace sweep {

// time values are milliseconds of simulated time; ppm values are parts per million of a whole
// (1,000,000 = 100%), so a share is an exact integer like every other sample.
enum class Unit { time, count, ppm };
std::string_view unit_name(Unit u);  // "ms", "count", "ppm" (JSON, CSV, partial files)
std::optional<Unit> parse_unit(std::string_view name);
// per_run: at most one value per run, and a run without one counts as 0 (counters, totals).
// per_event: any number of values per run (one per shutdown, per endpoint, per interval).
enum class Kind { per_run, per_event };

struct MetricInfo {
  std::string name;
  Unit unit = Unit::time;
  Kind kind = Kind::per_event;
  std::string description;
};

// Names of the built-in metrics; prefixes of the families discovered while running.
namespace names {
inline constexpr const char* kDetectionLatency = "detection_latency";
inline constexpr const char* kClusterUnavailable = "cluster_unavailable";
inline constexpr const char* kClusterDowntime = "cluster_downtime";
inline constexpr const char* kFleetAvailability = "fleet_availability";
inline constexpr const char* kTimeToDetect = "time_to_detect";
inline constexpr const char* kTimeToAcknowledge = "time_to_acknowledge";
inline constexpr const char* kTimeToRestore = "time_to_restore";
inline constexpr const char* kDowntimeOverSlo = "cluster_downtime_over_slo";  // only with --slo
inline constexpr const char* kTimeToRecovery = "time_to_recovery";
inline constexpr const char* kEndpointTimeToActive = "endpoint_time_to_active";
inline constexpr const char* kEndpointRecreations = "endpoint_recreations";
inline constexpr const char* kEndpointsStuck = "endpoints_stuck";
inline constexpr const char* kGuardErrors = "guard_errors";
inline constexpr const char* kAlerts = "alerts";
inline constexpr const char* kClientApplyDuration = "client_apply_duration";
inline constexpr const char* kClientApplyFailed = "client_apply_failed";
inline constexpr const char* kProjectDowntimePrefix = "project_downtime:";  // + project name
// + key region ("AWS US_EAST_1", report::key_region): instead of project_downtime past
// report::kFleetProjects projects, where one row per project would be unreadable
inline constexpr const char* kRegionDowntimePrefix = "region_downtime:";
inline constexpr const char* kGuardErrorPrefix = "guard_error:";  // + Atlas error code
inline constexpr const char* kAlertPrefix = "alert:";             // + eventTypeName
}  // namespace names

// Every built-in metric, in the order tables list them.
const std::vector<MetricInfo>& builtin_metrics();
// Info for a name of a built-in, a family member (project_downtime:X, region_downtime:X, guard_error:X, alert:X) or
// cluster_downtime_over_slo; nullopt otherwise.
std::optional<MetricInfo> builtin_info(const std::string& name);

// One side of a custom metric: a Record matches when every given field matches. Text may use '*'
// as a wildcard for any run of characters ("cluster/shop/*").
struct EventMatch {
  std::string kind;     // transition, alert, email, event, operation, ... ("" = any)
  std::string entity;   // "" = any
  std::string from, to;  // transition states ("" = any)
  std::string cause;    // for operations: the action name (disable_key, try_again, ...)
  std::string eventTypeName;  // alerts/emails/events
  std::string outcome;  // operations: OK or the Atlas error code
  bool matches(const sim::Record& r) const;
  std::string describe() const;
};

// `metrics:` entry: the time from a `from:` event to the next `to:` event. After a `to:` the
// metric re-arms, so a run can give several values; an interval still open at the horizon gives
// none (its count is lower than the number of runs).
struct CustomMetric {
  std::string name;
  std::string description;
  EventMatch from, to;
  MetricInfo info() const;
};

// '*' matches any run of characters (including none); every other character matches itself.
bool glob_match(const std::string& pattern, const std::string& text);

}  // namespace sweep
