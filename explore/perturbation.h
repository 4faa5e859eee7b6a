// Perturbations: the ways the real world departs from a scenario's script (issue 6 §4) — a step
// happening later than written, a KMS outage, an endpoint creation that fails, a connection
// rejected in the cloud console, a cluster restart. Each one is applied to the scenario's YAML as
// an ordinary timeline step with a fixed time (or a later fixed time for a delayed step), so the
// perturbed text is itself a standalone scenario: what explore runs is what it writes.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenario/scenario.h"
#include "sim/random.h"
#include "sim/time.h"

namespace explore {

struct Perturbation {
  enum class Kind { step_delay, kms_outage, endpoint_creation_failure, console_rejection, restart };
  Kind kind = Kind::kms_outage;
  std::size_t step = 0;   // step_delay: index of the timeline entry (or of the runbook's step)
  // step_delay of a runbook step: responder and runbook index (nullopt: a timeline entry)
  std::optional<std::pair<std::size_t, std::size_t>> runbook;
  sim::Duration at;       // inserted steps: when
  sim::Duration length;   // step_delay: extra delay; kms_outage: how long (for:)
  std::string project, provider, region, cluster;
  int nodes = 0;          // restart: nodes (0 = all)

  std::string describe() const;  // "kms_outage AWS shop at 1h20m for 45m"
};

std::string_view kind_name(Perturbation::Kind k);

// Draws 1..max_count perturbations that fit the scenario (its projects, providers, clusters,
// endpoint regions, fixed-time steps) and its horizon.
std::vector<Perturbation> draw_perturbations(const scenario::Scenario& s, sim::Random& rng, int max_count = 4);

// The scenario's YAML with the perturbations applied: delayed `at:` values, inserted steps
// appended to `timeline:` (each with `note: "explore: ..."`), `seed:` set.
YAML::Node apply(const YAML::Node& original, const std::vector<Perturbation>& ps, std::uint64_t seed);

// How many timeline entries the original has (inserted steps come after them).
std::size_t timeline_size(const YAML::Node& original);

}  // namespace explore
