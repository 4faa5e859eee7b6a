// An incident process of a `fleet:` section (FORMAT.md "Fleets"): a renewal process that keeps
// doing the same thing to its target, each time after an inter-arrival draw, and undoing it after a
// duration draw. Each kind is one or two existing catalogue actions (models/actions.cpp); the
// process invents no behaviour of its own.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/ids.h"
#include "scenario/input_error.h"
#include "sim/distribution.h"

namespace scenario {

enum class IncidentKind {
  key_disabled,       // disable_key, enable_key after the duration (seed 003 §'Validate...')
  secret_expiry,      // expire_credentials (Azure), update_credentials after the duration (DOCS security-azure-kms)
  kms_outage,         // kms_outage_start in the key's region, kms_outage_end after the duration (seed 003: no shutdown)
  endpoint_rejected,  // reject_endpoint; approve_endpoint of the recreated one after the duration, if given (seed 000/004)
  cluster_restart,    // restart_cluster of one cluster (seed 003 intro: restarted nodes need the key)
  maintenance,        // restart_cluster of every cluster of the project (seed 003: Atlas keeps patching)
};
inline constexpr IncidentKind kLastIncidentKind = IncidentKind::maintenance;
std::string_view incident_kind_name(IncidentKind k);
// Whether the kind has an end action, so a `duration:` means something (required: key_disabled,
// kms_outage; optional: secret_expiry, endpoint_rejected; none: the restarts).
bool incident_takes_duration(IncidentKind k);
bool incident_needs_duration(IncidentKind k);

// Who an incident process hits.
struct IncidentTarget {
  enum class Kind { project, share, region };
  Kind kind = Kind::share;
  SourceLocation where;
  std::string project;  // project: its name
  std::string cluster;  // project + cluster_restart: that cluster (default: one drawn each time)
  int percent = 100;    // share: this percent of the eligible projects, each its own process
  std::string region;   // region: every eligible project keyed in this region, at once (one process)
  models::Provider cloud = models::Provider::NONE;  // region: its cloud; else: only keys of this provider
};

struct IncidentSpec {
  SourceLocation where;
  std::string name;  // the entity of its records: incident/<name>
  IncidentKind kind = IncidentKind::key_disabled;
  SourceLocation kind_where;
  sim::Distribution every;                  // inter-arrival: from time zero, then from each end
  std::optional<sim::Distribution> duration;  // start -> end action
  SourceLocation duration_where;
  IncidentTarget target;
};

}  // namespace scenario
