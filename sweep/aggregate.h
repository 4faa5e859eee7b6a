// The raw results of a sweep (or of one shard of it) and the statistics drawn from them.
//
// Everything is kept as raw (run, value) samples, so percentiles are exact and shards merge by
// plain union: merge() then summarize() gives exactly what one unsharded sweep gives, whatever
// the order runs finished in. Memory is 16 bytes per sample (a few per run); traces are never kept.
//
// Percentiles are nearest-rank: with the n values sorted ascending, the p-th percentile is the
// value at 1-based rank ceil(p/100 * n) (the smallest value with at least p% of the values at or
// below it). It is always one of the observed values, so it needs no interpolation and is the same
// on every machine. The mean is the exact integer sum divided by n.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sweep/metric_spec.h"
#include "sweep/metrics_observer.h"

namespace sweep {

struct Sample {
  std::uint32_t run = 0;
  std::int64_t value = 0;
  auto operator<=>(const Sample&) const = default;
};

struct MetricData {
  MetricInfo info;
  std::vector<Sample> samples;  // per_run metrics: only non-zero values
};

// One `expect:`/`invariants:` entry (or timeline step) and the runs in which it failed.
struct ExpectationKey {
  int line = 0, column = 0;
  std::string description;
  auto operator<=>(const ExpectationKey&) const = default;
};

// One combination of the `vary:` grid (the only one when nothing varies).
struct Combination {
  std::vector<std::pair<std::string, std::string>> settings;  // setting -> value text, grid order
  std::vector<std::uint32_t> runs;                            // run indices done
  std::map<std::string, MetricData> metrics;
  std::map<ExpectationKey, std::vector<std::uint32_t>> failures;  // every expectation, failing runs

  // Adds one finished run (from any thread's collector).
  void add_run(std::uint32_t run, const MetricValues& values, const std::vector<std::pair<ExpectationKey, bool>>& verdicts);
  std::string label() const;  // "validation_interval=5m, t_reflect=1m" or "defaults"
};

struct SweepData {
  std::string scenario;        // path as given
  std::string scenario_hash;   // of the scenario file's bytes (partial.h scenario_hash)
  std::string scenario_name;   // `name:` of the file
  std::uint64_t seed = 0;      // base seed S: run i uses sim::Random::derive(S, i)
  std::uint32_t runs = 0;      // runs per combination in the whole sweep
  std::int64_t stuck_after_ms = 0;
  std::int64_t slo_ms = 0;     // --slo (0: none): the per-cluster downtime budget
  std::string rank_by;         // metric that picks the median and worst runs for timelines
  std::vector<CustomMetric> custom;
  std::vector<Combination> combinations;

  std::uint64_t run_seed(std::uint32_t run) const;
  // Union with another part of the same sweep; throws std::invalid_argument when the parts are of
  // different sweeps or overlap (the message says which field or run).
  void merge(const SweepData& other);
  // Sorted samples and run lists: the canonical form every output is written from.
  void canonicalize();
  // Runs missing from [0, runs) in combination 0 (empty when complete).
  std::vector<std::uint32_t> missing_runs() const;
};

struct Stats {
  std::uint64_t count = 0;
  std::optional<double> mean;
  std::optional<std::int64_t> p50, p90, p99, max;
  std::optional<std::uint32_t> max_run;  // the run holding the max (lowest index on ties)
};

// Statistics of one metric of one combination (per_run metrics count zeros for runs without a value).
Stats summarize(const MetricData& m, const std::vector<std::uint32_t>& runs);
// Nearest-rank percentile of sorted values (p in (0, 100]); values must be non-empty.
std::int64_t nearest_rank(const std::vector<std::int64_t>& sorted, double p);

// Per-run score of the rank metric (sum of its values in that run), and the runs it picks.
struct Picked {
  std::uint32_t median_run = 0, worst_run = 0;
  std::int64_t median_score = 0, worst_score = 0;
};
Picked pick_runs(const Combination& c, const std::string& rank_by);

// Metric names in table order, over every combination: built-ins, custom ones, then the families
// (guard_error:*, alert:*) seen in any run.
std::vector<std::string> metric_order(const SweepData& d);
// The metric of a combination, or an empty one with the same description when no run gave a value.
MetricData metric_of(const SweepData& d, const Combination& c, const std::string& name);

}  // namespace sweep
