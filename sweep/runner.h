// Runs a sweep: every combination of the grid times this shard's runs, on a pool of threads.
// Run i of every combination uses seed sim::Random::derive(S, i) (common random numbers: the
// combinations differ only in their settings). Each thread fills its own SweepData; they are merged
// at the end, and since SweepData is a set of (run, value) samples, the result does not depend on
// the thread count or on which thread ran what.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scenario/run.h"
#include "sweep/aggregate.h"
#include "sweep/sweep_file.h"

namespace sweep {

struct SweepOptions {
  std::uint32_t runs = 100;
  unsigned threads = 1;
  std::optional<std::uint64_t> seed;  // default: the file's seed
  std::uint32_t shard = 1, shards = 1;  // this is shard `shard` of `shards` (1-based)
  sim::Duration stuck_after = sim::Duration::hours(1);
  std::optional<sim::Duration> slo;  // --slo: per-cluster downtime budget (cluster_downtime_over_slo)
  std::string rank_by = names::kClusterUnavailable;
  std::vector<VaryAxis> vary;  // from --vary, on top of the file's
  bool fastForward = true;     // false: --no-fast-forward (every idle tick fires; same results)
  // Called from the calling thread about every 100 ms with (runs done, runs in this shard).
  std::function<void(std::uint64_t, std::uint64_t)> progress;
};

// Run indices of shard k of n (1-based): i with i % n == k - 1, so every shard gets an even share.
std::vector<std::uint32_t> shard_runs(std::uint32_t runs, std::uint32_t shard, std::uint32_t shards);

// The grid of the file and the options, each combination's scenario (settings applied), and the
// empty SweepData they fill. Throws std::invalid_argument when `o.rank_by` is not a metric of the
// sweep or for a bad combination.
struct Plan {
  SweepData data;
  std::vector<scenario::Scenario> scenarios;  // one per combination
};
Plan make_plan(const SweepFile& f, const SweepOptions& o, const std::string& scenario_path);

// Each combination's scenario rebuilt from the settings text recorded in `d` (for `cmksim merge
// --report`, which replays runs). Throws std::invalid_argument when the file no longer matches.
std::vector<scenario::Scenario> combination_scenarios(const scenario::Scenario& base, const SweepData& d);

// One run reduced to metrics and verdicts; `extra` (optional) also observes it (timelines).
struct RunOutcome {
  MetricValues values;
  std::vector<std::pair<ExpectationKey, bool>> verdicts;
};
RunOutcome run_one(const scenario::Scenario& s, std::uint64_t seed, const std::vector<CustomMetric>& custom,
                   sim::Duration stuck_after, sim::Observer* extra = nullptr, std::optional<sim::Duration> slo = std::nullopt,
                   scenario::RunOptions options = {});

// Runs this shard of the plan. Rethrows the first error a run raised (bad input found at run time).
SweepData execute(const Plan& plan, const SweepOptions& o);

}  // namespace sweep
