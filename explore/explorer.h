// Explorer: runs a scenario many times under perturbations (explore/perturbation.h), checks its
// own `expect:` / `invariants:` and the built-in invariants (explore/invariants.h) on every run,
// shrinks a violation to a minimal set of perturbations (greedy delta debugging), and renders the
// standalone repro scenario.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "explore/invariants.h"
#include "explore/perturbation.h"
#include "scenario/run.h"
#include "sim/machine_description.h"

namespace explore {

// One broken rule of one run. key identifies "the same way" across runs: "invariant NAME" for a
// built-in, "expect DESCRIPTION" for the scenario's own expectation (locations move when steps are
// added, descriptions do not).
struct Finding {
  std::string key;
  std::string invariant;  // the built-in name, or "expect" / the scenario invariant's name
  std::string message;    // "DESCRIPTION: expected E, saw S" or the built-in's message
  sim::Time at;
};

struct RunOutcome {
  std::vector<Finding> findings;  // empty: every check held
  std::uint64_t events = 0;
};

struct ExploreOptions {
  std::uint64_t runs = 100;
  std::uint64_t seed = 1;
  int max_perturbations = 4;
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;  // after each run
};

struct ExploreResult {
  std::uint64_t runs_done = 0;
  std::uint64_t events = 0;
  sim::TransitionCoverage coverage;
  std::optional<Finding> violation;         // the first one found (after shrinking)
  std::vector<Perturbation> perturbations;  // minimal set that still produces it
  std::uint64_t run_seed = 0;               // the seed of the failing run
  std::size_t original_perturbations = 0;   // before shrinking
  std::size_t shrink_runs = 0;
  std::string repro_yaml;                   // the standalone scenario that reproduces it
  bool repro_verified = false;              // the repro text, parsed and run again, fails the same way
};

class Explorer {
 public:
  // `file` labels messages; `text` is the scenario's YAML (already known to parse); every run is
  // carried out with `options` (fast-forward or not: the findings are the same).
  Explorer(std::string file, std::string text, scenario::RunOptions options = {});

  ExploreResult explore(const ExploreOptions& o);
  // One run of the scenario text with these perturbations and seed (coverage accumulates if given).
  RunOutcome run(const std::vector<Perturbation>& ps, std::uint64_t seed, sim::TransitionCoverage* cov = nullptr) const;
  RunOutcome run_text(const std::string& yaml, std::uint64_t seed, sim::TransitionCoverage* cov = nullptr) const;
  // The perturbed scenario as text, with the header comment naming the finding.
  std::string render(const std::vector<Perturbation>& ps, std::uint64_t seed, const Finding* finding) const;

 private:
  std::string file_, text_;
  scenario::RunOptions options_;
  YAML::Node doc_;
  std::size_t originalSteps_ = 0;
};

}  // namespace explore
