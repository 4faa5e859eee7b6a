#include "sweep/aggregate.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/random.h"

namespace sweep {

void Combination::add_run(std::uint32_t run, const MetricValues& values,
                          const std::vector<std::pair<ExpectationKey, bool>>& verdicts) {
  runs.push_back(run);
  for (const auto& [name, value] : values) {
    auto it = metrics.find(name);
    if (it == metrics.end()) {  // custom metrics are registered before the first run
      std::optional<MetricInfo> info = builtin_info(name);
      if (!info) throw std::logic_error("metric '" + name + "' has no description");
      it = metrics.emplace(name, MetricData{*info, {}}).first;
    }
    it->second.samples.push_back(Sample{run, value});
  }
  for (const auto& [key, passed] : verdicts) {
    std::vector<std::uint32_t>& failing = failures[key];
    if (!passed && (failing.empty() || failing.back() != run)) failing.push_back(run);
  }
}

std::string Combination::label() const {
  if (settings.empty()) return "defaults";
  std::string out;
  for (const auto& [k, v] : settings) out += fmt::format("{}{}={}", out.empty() ? "" : ", ", k, v);
  return out;
}

std::uint64_t SweepData::run_seed(std::uint32_t run) const { return sim::Random::derive(seed, run); }

void SweepData::merge(const SweepData& o) {
  auto differ = [](const char* what) {
    throw std::invalid_argument(fmt::format("the parts are of different sweeps ({} differs)", what));
  };
  if (o.scenario_name != scenario_name) differ("scenario");
  if (o.scenario_hash != scenario_hash)
    throw std::invalid_argument(fmt::format("the parts were swept from different scenario files (hash {} here, {} in the first "
                                            "part): was the file edited between shards?",
                                            o.scenario_hash, scenario_hash));
  if (o.seed != seed) differ("seed");
  if (o.runs != runs) differ("--runs");
  if (o.stuck_after_ms != stuck_after_ms) differ("--stuck-after");
  if (o.slo_ms != slo_ms) differ("--slo");
  if (o.rank_by != rank_by) differ("--rank-by");
  if (o.custom.size() != custom.size()) differ("metrics:");
  for (std::size_t i = 0; i < custom.size(); ++i)
    if (o.custom[i].name != custom[i].name || o.custom[i].from.describe() != custom[i].from.describe() ||
        o.custom[i].to.describe() != custom[i].to.describe())
      differ("metrics:");
  if (o.combinations.size() != combinations.size()) differ("vary grid");
  for (std::size_t c = 0; c < combinations.size(); ++c) {
    Combination& mine = combinations[c];
    const Combination& theirs = o.combinations[c];
    if (mine.settings != theirs.settings) differ("vary grid");
    std::vector<std::uint32_t> a = mine.runs, b = theirs.runs;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    std::vector<std::uint32_t> both;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(both));
    if (!both.empty())
      throw std::invalid_argument(fmt::format("run {} is in more than one part (the same shard given twice?)", both.front()));
    mine.runs.insert(mine.runs.end(), theirs.runs.begin(), theirs.runs.end());
    for (const auto& [name, m] : theirs.metrics) {
      auto [it, inserted] = mine.metrics.try_emplace(name, MetricData{m.info, {}});
      it->second.samples.insert(it->second.samples.end(), m.samples.begin(), m.samples.end());
    }
    for (const auto& [key, failing] : theirs.failures) {
      std::vector<std::uint32_t>& f = mine.failures[key];
      f.insert(f.end(), failing.begin(), failing.end());
    }
  }
  canonicalize();
}

void SweepData::canonicalize() {
  for (Combination& c : combinations) {
    std::sort(c.runs.begin(), c.runs.end());
    for (auto& [name, m] : c.metrics) std::sort(m.samples.begin(), m.samples.end());
    for (auto& [key, failing] : c.failures) std::sort(failing.begin(), failing.end());
  }
}

std::vector<std::uint32_t> SweepData::missing_runs() const {
  std::vector<std::uint32_t> missing;
  if (combinations.empty()) return missing;
  std::vector<std::uint32_t> have = combinations.front().runs;
  std::sort(have.begin(), have.end());
  std::size_t j = 0;
  for (std::uint32_t i = 0; i < runs; ++i) {
    while (j < have.size() && have[j] < i) ++j;
    if (j == have.size() || have[j] != i) missing.push_back(i);
  }
  return missing;
}

std::int64_t nearest_rank(const std::vector<std::int64_t>& sorted, double p) {
  const double n = static_cast<double>(sorted.size());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * n - 1e-9));
  rank = std::clamp<std::size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

Stats summarize(const MetricData& m, const std::vector<std::uint32_t>& runs) {
  std::vector<std::int64_t> values;
  values.reserve(m.samples.size());
  for (const Sample& s : m.samples) values.push_back(s.value);
  if (m.info.kind == Kind::per_run && runs.size() > values.size()) values.resize(runs.size(), 0);  // runs without one: 0
  Stats st;
  st.count = values.size();
  if (values.empty()) return st;
  std::sort(values.begin(), values.end());
  long double sum = 0;
  std::int64_t isum = 0;
  bool overflow = false;
  for (std::int64_t v : values) {
    if (__builtin_add_overflow(isum, v, &isum)) overflow = true;
    sum += static_cast<long double>(v);
  }
  st.mean = overflow ? static_cast<double>(sum / static_cast<long double>(values.size()))
                     : static_cast<double>(isum) / static_cast<double>(values.size());
  st.p50 = nearest_rank(values, 50);
  st.p90 = nearest_rank(values, 90);
  st.p99 = nearest_rank(values, 99);
  st.max = values.back();
  // The run holding the max: among samples with the max value the lowest run; for a per_run metric
  // whose max is 0, the lowest run without a value.
  std::optional<std::uint32_t> holder;
  for (const Sample& s : m.samples)
    if (s.value == *st.max && (!holder || s.run < *holder)) holder = s.run;
  if (!holder && !runs.empty()) {
    std::vector<std::uint32_t> sorted_runs = runs;
    std::sort(sorted_runs.begin(), sorted_runs.end());
    std::size_t j = 0;
    for (std::uint32_t r : sorted_runs) {
      while (j < m.samples.size() && m.samples[j].run < r) ++j;
      if (j == m.samples.size() || m.samples[j].run != r) {
        holder = r;
        break;
      }
    }
  }
  st.max_run = holder;
  return st;
}

Picked pick_runs(const Combination& c, const std::string& rank_by) {
  std::map<std::uint32_t, std::int64_t> score;
  for (std::uint32_t r : c.runs) score[r] = 0;
  if (auto it = c.metrics.find(rank_by); it != c.metrics.end())
    for (const Sample& s : it->second.samples) score[s.run] += s.value;
  std::vector<std::pair<std::int64_t, std::uint32_t>> order;  // (score, run): ascending
  for (const auto& [run, sc] : score) order.emplace_back(sc, run);
  Picked p;
  if (order.empty()) return p;
  std::sort(order.begin(), order.end());
  const std::size_t median = static_cast<std::size_t>(std::ceil(0.5 * static_cast<double>(order.size()))) - 1;
  p.median_run = order[median].second;
  p.median_score = order[median].first;
  // Worst: the highest score, the lowest run among equals.
  const std::int64_t top = order.back().first;
  const auto first_top = std::lower_bound(order.begin(), order.end(), std::make_pair(top, std::uint32_t{0}));
  p.worst_run = first_top->second;
  p.worst_score = top;
  return p;
}

std::vector<std::string> metric_order(const SweepData& d) {
  std::vector<std::string> out;
  for (const MetricInfo& m : builtin_metrics()) out.push_back(m.name);
  for (const CustomMetric& m : d.custom) out.push_back(m.name);
  for (const char* prefix : {names::kDowntimeOverSlo, names::kProjectDowntimePrefix, names::kRegionDowntimePrefix, names::kGuardErrorPrefix, names::kAlertPrefix}) {
    std::set<std::string> family;
    for (const Combination& c : d.combinations)
      for (const auto& [name, m] : c.metrics)
        if (name.rfind(prefix, 0) == 0) family.insert(name);
    out.insert(out.end(), family.begin(), family.end());
  }
  return out;
}

MetricData metric_of(const SweepData& d, const Combination& c, const std::string& name) {
  if (auto it = c.metrics.find(name); it != c.metrics.end()) return it->second;
  for (const CustomMetric& m : d.custom)
    if (m.name == name) return MetricData{m.info(), {}};
  if (std::optional<MetricInfo> info = builtin_info(name)) return MetricData{*info, {}};
  throw std::logic_error("unknown metric '" + name + "'");
}

}  // namespace sweep
