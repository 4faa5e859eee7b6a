#include "sweep/runner.h"

#include <atomic>
#include <chrono>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>

#include <fmt/format.h>

namespace sweep {

std::vector<std::uint32_t> shard_runs(std::uint32_t runs, std::uint32_t shard, std::uint32_t shards) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t i = shard - 1; i < runs; i += shards) out.push_back(i);
  return out;
}

namespace {

// Throws std::invalid_argument unless `rank_by` names a built-in metric or one of the file's.
void check_rank_by(const SweepFile& f, const std::string& rank_by) {
  if (builtin_info(rank_by)) return;
  for (const CustomMetric& m : f.metrics)
    if (m.name == rank_by) return;
  throw std::invalid_argument(fmt::format("--rank-by '{}' is not a metric (try cluster_unavailable or detection_latency)", rank_by));
}

}  // namespace

Plan make_plan(const SweepFile& f, const SweepOptions& o, const std::string& scenario_path) {
  check_rank_by(f, o.rank_by);
  Plan plan;
  SweepData& d = plan.data;
  d.scenario = scenario_path;
  d.scenario_name = f.scenario.name;
  d.seed = o.seed.value_or(f.scenario.seed);
  d.runs = o.runs;
  d.stuck_after_ms = o.stuck_after.ms();
  d.slo_ms = o.slo ? o.slo->ms() : 0;
  d.rank_by = o.rank_by;
  d.custom = f.metrics;
  const std::vector<VaryAxis> axes = combine_axes(f.vary, o.vary);
  for (const auto& combo : expand(axes)) {
    Combination c;
    scenario::Scenario s = f.scenario;
    for (const auto& [setting, value] : combo) {
      c.settings.emplace_back(setting, value->text);
      apply(s.settings, setting, *value);
    }
    try {
      s.settings.check();
    } catch (const std::exception& e) {
      throw std::invalid_argument(fmt::format("combination {}: {}", c.label(), e.what()));
    }
    for (const MetricInfo& m : builtin_metrics()) c.metrics.emplace(m.name, MetricData{m, {}});
    for (const CustomMetric& m : f.metrics) c.metrics.emplace(m.name, MetricData{m.info(), {}});
    d.combinations.push_back(std::move(c));
    plan.scenarios.push_back(std::move(s));
  }
  return plan;
}

std::vector<scenario::Scenario> combination_scenarios(const scenario::Scenario& base, const SweepData& d) {
  if (base.name != d.scenario_name)
    throw std::invalid_argument(fmt::format("the scenario file is '{}', the results are of '{}'", base.name, d.scenario_name));
  std::vector<scenario::Scenario> out;
  for (const Combination& c : d.combinations) {
    scenario::Scenario s = base;
    for (const auto& [setting, value] : c.settings) {
      try {
        s.settings.set(setting, value);
      } catch (const std::exception& e) {
        throw std::invalid_argument(fmt::format("combination {}: {}", c.label(), e.what()));
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

RunOutcome run_one(const scenario::Scenario& s, std::uint64_t seed, const std::vector<CustomMetric>& custom,
                   sim::Duration stuck_after, sim::Observer* extra, std::optional<sim::Duration> slo,
                   scenario::RunOptions options) {
  scenario::Run run(s, seed, options);
  MetricsObserver metrics(run.world(), custom, stuck_after, slo);
  run.add_observer(&metrics);
  if (extra) run.add_observer(extra);
  const scenario::RunResult result = run.execute();
  RunOutcome out;
  out.values = metrics.finish(result.end);
  for (const scenario::ExpectationResult& e : result.expectations)
    out.verdicts.emplace_back(ExpectationKey{e.where.line, e.where.column, e.description}, e.passed);
  return out;
}

SweepData execute(const Plan& plan, const SweepOptions& o) {
  const std::vector<std::uint32_t> runs = shard_runs(o.runs, o.shard, o.shards);
  const std::size_t combos = plan.scenarios.size();
  const std::uint64_t total = runs.size() * combos;
  const unsigned threads = std::max(1u, std::min<unsigned>(o.threads, static_cast<unsigned>(std::max<std::uint64_t>(total, 1))));
  const sim::Duration stuck = sim::Duration::milliseconds(plan.data.stuck_after_ms);
  const std::optional<sim::Duration> slo =
      plan.data.slo_ms ? std::optional(sim::Duration::milliseconds(plan.data.slo_ms)) : std::nullopt;

  std::vector<SweepData> parts(threads, plan.data);
  std::atomic<std::uint64_t> next{0}, done{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mutex;

  auto work = [&](SweepData& mine) {
    for (;;) {
      const std::uint64_t w = next.fetch_add(1);
      if (w >= total || failed.load()) return;
      // Item w: run runs[w / combos] of combination w % combos (neighbouring items share a seed).
      const std::uint32_t run = runs[w / combos];
      const std::size_t c = w % combos;
      try {
        const RunOutcome r = run_one(plan.scenarios[c], mine.run_seed(run), mine.custom, stuck, nullptr, slo, {o.fastForward});
        mine.combinations[c].add_run(run, r.values, r.verdicts);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::current_exception();
        failed = true;
        return;
      }
      done.fetch_add(1);
    }
  };

  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, std::ref(parts[t]));
  if (o.progress) {
    // The calling thread reports progress while the pool works, then works itself at the end.
    std::thread reporter_work(work, std::ref(parts[0]));
    while (done.load() + (failed.load() ? total : 0) < total) {
      o.progress(done.load(), total);
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    reporter_work.join();
    o.progress(done.load(), total);
  } else {
    work(parts[0]);
  }
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);

  SweepData out = plan.data;
  for (SweepData& p : parts) out.merge(p);
  return out;
}

}  // namespace sweep
