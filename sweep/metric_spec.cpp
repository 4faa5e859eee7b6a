#include "sweep/metric_spec.h"

#include <fmt/format.h>

namespace sweep {

const std::vector<MetricInfo>& builtin_metrics() {
  static const std::vector<MetricInfo> all = {
      {names::kDetectionLatency, Unit::time, Kind::per_event,
       "key became unusable (disabled, deleted, access revoked, credentials bad) -> a cluster using it shut down or paused"},
      {names::kClusterUnavailable, Unit::time, Kind::per_run,
       "per run: total cluster time DISABLED_EAR, PAUSED or DISABLED_MULTICLOUD, summed over clusters, up to the horizon"},
      {names::kClusterDowntime, Unit::time, Kind::per_event,
       "per cluster and run: its time DISABLED_EAR, PAUSED or DISABLED_MULTICLOUD up to the horizon (zeros included)"},
      {names::kFleetAvailability, Unit::ppm, Kind::per_run,
       "per run: share of cluster-time since time zero that clusters served (100% = never down)"},
      {names::kTimeToRecovery, Unit::time, Kind::per_event,
       "key usable again -> a cluster it had shut down RUNNING again"},
      {names::kTimeToDetect, Unit::time, Kind::per_event,
       "incident (a key became unusable) -> the first alert about its Encryption at Rest block"},
      {names::kTimeToAcknowledge, Unit::time, Kind::per_event,
       "incident (a key became unusable) -> a responder acknowledged (responders:)"},
      {names::kTimeToRestore, Unit::time, Kind::per_event,
       "incident (a key became unusable) -> the key usable and every cluster using it serving again"},
      {names::kEndpointTimeToActive, Unit::time, Kind::per_event, "private endpoint created (INITIATING) -> first ACTIVE"},
      {names::kEndpointRecreations, Unit::count, Kind::per_run, "per run: endpoints that went PENDING_RECREATION"},
      {names::kEndpointsStuck, Unit::count, Kind::per_run,
       "per run: endpoints not ACTIVE within --stuck-after of their creation (deleted earlier ones excepted)"},
      {names::kGuardErrors, Unit::count, Kind::per_run, "per run: operations Atlas refused (any error code)"},
      {names::kAlerts, Unit::count, Kind::per_run, "per run: alerts, emails and events raised (any eventTypeName)"},
      {names::kClientApplyDuration, Unit::time, Kind::per_event, "per terraform apply (client steps): start -> done, success or error"},
      {names::kClientApplyFailed, Unit::count, Kind::per_event,
       "per terraform apply: 1 if it ended with an error, else 0 (the mean is the share of applies that fail)"},
  };
  return all;
}

std::optional<MetricInfo> builtin_info(const std::string& name) {
  for (const MetricInfo& m : builtin_metrics())
    if (m.name == name) return m;
  if (name == names::kDowntimeOverSlo)
    return MetricInfo{name, Unit::ppm, Kind::per_event,
                      "per cluster and run: 100% when its downtime exceeds --slo, else 0%; the mean is P(cluster downtime > SLO)"};
  const std::string project = names::kProjectDowntimePrefix;
  if (name.rfind(project, 0) == 0)
    return MetricInfo{name, Unit::time, Kind::per_run,
                      fmt::format("per run: cluster time unavailable in project {}, summed over its clusters", name.substr(project.size()))};
  const std::string region = names::kRegionDowntimePrefix;
  if (name.rfind(region, 0) == 0)
    return MetricInfo{name, Unit::time, Kind::per_run,
                      fmt::format("per run: cluster time unavailable in the projects keyed in {}, summed over their clusters",
                                  name.substr(region.size()))};
  const std::string guard = names::kGuardErrorPrefix, alert = names::kAlertPrefix;
  if (name.rfind(guard, 0) == 0)
    return MetricInfo{name, Unit::count, Kind::per_run, fmt::format("per run: operations refused with {}", name.substr(guard.size()))};
  if (name.rfind(alert, 0) == 0)
    return MetricInfo{name, Unit::count, Kind::per_run, fmt::format("per run: {} raised", name.substr(alert.size()))};
  return std::nullopt;
}

std::string_view unit_name(Unit u) {
  switch (u) {
    case Unit::time: return "ms";
    case Unit::count: return "count";
    case Unit::ppm: return "ppm";
  }
  return "?";
}

std::optional<Unit> parse_unit(std::string_view name) {
  for (Unit u : {Unit::time, Unit::count, Unit::ppm})
    if (unit_name(u) == name) return u;
  return std::nullopt;
}

bool glob_match(const std::string& pattern, const std::string& text) {
  // Iterative wildcard match with one backtracking point: linear in practice, no recursion.
  std::size_t p = 0, t = 0, star = std::string::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star != std::string::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

namespace {
bool field_is(const sim::Record& r, const char* key, const std::string& pattern) {
  const std::string* v = r.field(key);
  return v && glob_match(pattern, *v);
}
}  // namespace

bool EventMatch::matches(const sim::Record& r) const {
  if (!kind.empty() && !glob_match(kind, std::string(sim::record_kind_name(r.kind)))) return false;
  if (!entity.empty() && !glob_match(entity, r.entity)) return false;
  if (!from.empty() && !glob_match(from, r.from)) return false;
  if (!to.empty() && !glob_match(to, r.to)) return false;
  if (!cause.empty() && !glob_match(cause, r.cause)) return false;
  if (!eventTypeName.empty() && !field_is(r, "eventTypeName", eventTypeName)) return false;
  if (!outcome.empty() && !field_is(r, "outcome", outcome)) return false;
  return true;
}

std::string EventMatch::describe() const {
  std::string out;
  auto add = [&](const char* k, const std::string& v) {
    if (!v.empty()) out += fmt::format("{}{}={}", out.empty() ? "" : " ", k, v);
  };
  add("kind", kind);
  add("entity", entity);
  add("from", from);
  add("to", to);
  add("action", cause);
  add("eventTypeName", eventTypeName);
  add("outcome", outcome);
  return out.empty() ? "any record" : out;
}

MetricInfo CustomMetric::info() const {
  return MetricInfo{name, Unit::time, Kind::per_event,
                    description.empty() ? fmt::format("{} -> {}", from.describe(), to.describe()) : description};
}

}  // namespace sweep
