// check_incidents(): what an incident's target needs from the whole world (FORMAT.md "Fleets").
#include <set>

#include <fmt/format.h>

#include "scenario/fleet_parse.h"
#include "scenario/incidents.h"
#include "scenario/suggest.h"

namespace scenario::detail {

namespace {

[[noreturn]] void fail(const SourceLocation& w, const std::string& m) { throw InputError(w, m); }

// What the kind needs of a project, for the message when none has it.
std::string_view needs(IncidentKind k) {
  switch (k) {
    case IncidentKind::key_disabled:
    case IncidentKind::kms_outage: return "an enabled kms entry";
    case IncidentKind::secret_expiry: return "an enabled AZURE kms entry (the client secret is Azure's)";
    case IncidentKind::endpoint_rejected: return "a private endpoint at time zero";
    case IncidentKind::cluster_restart:
    case IncidentKind::maintenance: return "a cluster";
  }
  return "?";
}

// A project: target names a project (and cluster) of the world that the kind can hit.
void check_project_target(const Scenario& s, const IncidentSpec& x) {
  const IncidentTarget& t = x.target;
  std::vector<std::string> names;
  const ProjectSpec* project = nullptr;
  for (const ProjectSpec& p : s.projects) {
    if (p.name == t.project) project = &p;
    if (names.size() < 10'000) names.push_back(p.name);
  }
  if (!project) fail(t.where, fmt::format("incident '{}' names project '{}', which the scenario does not define{}", x.name, t.project,
                                          suggestion(t.project, names)));
  if (!t.cluster.empty()) {
    std::vector<std::string> clusters;
    for (const ClusterSpec& c : project->clusters) clusters.push_back(c.name);
    if (std::find(clusters.begin(), clusters.end(), t.cluster) == clusters.end())
      fail(t.where, fmt::format("incident '{}' names cluster '{}', which project '{}' does not have{}", x.name, t.cluster, t.project,
                                suggestion(t.cluster, clusters)));
    if (x.kind != IncidentKind::cluster_restart) fail(t.where, fmt::format("cluster: is for a cluster_restart incident, not {}", incident_kind_name(x.kind)));
  }
  if (!eligible(x, *project))
    fail(t.where, fmt::format("a {} incident needs {}{}; project '{}' has none", incident_kind_name(x.kind), needs(x.kind),
                              t.cloud == models::Provider::NONE ? "" : fmt::format(" of {}", models::provider_name(t.cloud)), t.project));
}

}  // namespace

void check_incidents(const Scenario& s) {
  std::set<std::string> seen;
  for (const IncidentSpec& x : s.incidents) {
    if (!seen.insert(x.name).second) fail(x.where, fmt::format("duplicate incident name '{}'", x.name));
    if (x.target.kind == IncidentTarget::Kind::project) {
      check_project_target(s, x);
      continue;
    }
    if (!incident_processes(x, s.projects, 0).empty()) continue;
    if (x.target.kind == IncidentTarget::Kind::region)
      fail(x.target.where, fmt::format("no project has {} in {} {}, so incident '{}' ({}) would hit nothing", needs(x.kind),
                                       models::provider_name(x.target.cloud), x.target.region, x.name, incident_kind_name(x.kind)));
    fail(x.target.where, fmt::format("no project has {}{}, so incident '{}' ({}) would hit nothing", needs(x.kind),
                                     x.target.cloud == models::Provider::NONE ? "" : fmt::format(" of {}", models::provider_name(x.target.cloud)),
                                     x.name, incident_kind_name(x.kind)));
  }
}

}  // namespace scenario::detail
