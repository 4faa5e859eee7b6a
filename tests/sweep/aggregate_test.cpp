// Exact percentiles (nearest-rank), per-run zeros, merging parts and picking runs.
#include <doctest/doctest.h>

#include <numeric>

#include "sweep/aggregate.h"

using namespace sweep;

TEST_CASE("nearest-rank percentiles") {
  std::vector<std::int64_t> v(100);
  std::iota(v.begin(), v.end(), 1);
  CHECK(nearest_rank(v, 50) == 50);
  CHECK(nearest_rank(v, 90) == 90);
  CHECK(nearest_rank(v, 99) == 99);
  CHECK(nearest_rank(v, 100) == 100);
  CHECK(nearest_rank({7}, 50) == 7);
  CHECK(nearest_rank({1, 2, 3}, 50) == 2);    // ceil(1.5) = 2
  CHECK(nearest_rank({1, 2, 3, 4}, 50) == 2);  // ceil(2) = 2
  CHECK(nearest_rank({1, 2, 3, 4}, 99) == 4);
}

TEST_CASE("per_run metrics count the runs without a value as zero") {
  MetricData m{*builtin_info(names::kGuardErrors), {{3, 2}, {7, 5}}};
  const Stats s = summarize(m, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  CHECK(s.count == 10);
  CHECK(*s.mean == doctest::Approx(0.7));
  CHECK(*s.p50 == 0);
  CHECK(*s.p90 == 2);
  CHECK(*s.max == 5);
  CHECK(*s.max_run == 7);
  MetricData none{*builtin_info(names::kEndpointsStuck), {}};
  const Stats z = summarize(none, {4, 2});
  CHECK(*z.max == 0);
  CHECK(*z.max_run == 2);  // the lowest run
  MetricData ev{*builtin_info(names::kDetectionLatency), {}};
  CHECK(summarize(ev, {0, 1}).count == 0);
  CHECK_FALSE(summarize(ev, {0, 1}).p50.has_value());
}

TEST_CASE("merge is a union; overlapping parts and different sweeps are refused") {
  SweepData a;
  a.scenario_name = "x";
  a.runs = 4;
  a.combinations.resize(1);
  SweepData b = a;
  a.combinations[0].add_run(0, {{names::kDetectionLatency, 5}}, {{ExpectationKey{3, 5, "e"}, true}});
  a.combinations[0].add_run(2, {{names::kDetectionLatency, 9}}, {{ExpectationKey{3, 5, "e"}, false}});
  b.combinations[0].add_run(1, {{names::kDetectionLatency, 1}}, {{ExpectationKey{3, 5, "e"}, false}});
  SweepData whole = a;
  whole.merge(b);
  CHECK(whole.combinations[0].runs == std::vector<std::uint32_t>{0, 1, 2});
  CHECK(whole.missing_runs() == std::vector<std::uint32_t>{3});
  CHECK(whole.combinations[0].failures.at(ExpectationKey{3, 5, "e"}) == std::vector<std::uint32_t>{1, 2});
  CHECK_THROWS_WITH_AS(whole.merge(b), "run 1 is in more than one part (the same shard given twice?)", std::invalid_argument);
  SweepData other = b;
  other.seed = 99;
  CHECK_THROWS_AS(a.merge(other), std::invalid_argument);
}

TEST_CASE("median and worst runs by the rank metric") {
  Combination c;
  for (std::uint32_t r = 0; r < 5; ++r) c.add_run(r, r == 0 ? MetricValues{} : MetricValues{{names::kClusterUnavailable, r == 3 ? 100 : 10 * r}}, {});
  const Picked p = pick_runs(c, names::kClusterUnavailable);  // scores 0, 10, 20, 100, 40
  CHECK(p.median_run == 2);
  CHECK(p.worst_run == 3);
  CHECK(p.worst_score == 100);
}
