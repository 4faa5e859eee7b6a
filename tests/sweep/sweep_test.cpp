// Whole sweeps: thread count and sharding do not change a byte; JSON carries every metric; a run
// replayed from its printed seed gives the same metrics; the vary: grid and custom metrics of a file.
#include <doctest/doctest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "scenario/input_error.h"
#include "sweep/output.h"
#include "sweep/partial.h"
#include "sweep/runner.h"
#include "sweep/size_limit.h"
#include "sweep/sweep_file.h"

using namespace sweep;

namespace {
const std::string kDetection = CMKSIM_SOURCE_DIR "/scenarios/what-if/detection-latency.yaml";

SweepData sweep_of(const std::string& path, SweepOptions o) {
  const SweepFile f = load_sweep_file(path);
  return execute(make_plan(f, o, path), o);
}
}  // namespace

TEST_CASE("1 thread and 2 threads give identical results") {
  SweepOptions o;
  o.runs = 40;
  o.vary = {parse_vary_option("validation_interval=5m,15m")};
  o.threads = 1;
  const SweepData one = sweep_of(kDetection, o);
  o.threads = 2;
  const SweepData two = sweep_of(kDetection, o);
  CHECK(format_json(one) == format_json(two));
  CHECK(format_table(one) == format_table(two));
  CHECK(partial_to_json(one, 1, 1).dump() == partial_to_json(two, 1, 1).dump());
}

TEST_CASE("shards 1/3, 2/3, 3/3 merged equal the unsharded sweep byte for byte") {
  SweepOptions o;
  o.runs = 31;  // not a multiple of 3
  o.threads = 2;
  const std::string whole = format_json(sweep_of(kDetection, o));
  SweepData merged;
  for (std::uint32_t k = 1; k <= 3; ++k) {
    SweepOptions so = o;
    so.shard = k;
    so.shards = 3;
    // Through the partial JSON text, as `--out part-K.json` and `cmksim merge` do.
    const SweepData part = partial_from_json(nlohmann::json::parse(partial_to_json(sweep_of(kDetection, so), k, 3).dump()), "part");
    CHECK(part.combinations[0].runs.size() == (k == 1 ? 11u : 10u));
    if (k == 1) merged = part;
    else merged.merge(part);
  }
  CHECK(merged.missing_runs().empty());
  CHECK(format_json(merged) == whole);
  CHECK(format_csv(merged) == format_csv(sweep_of(kDetection, o)));
}

TEST_CASE("json output parses and carries every metric; detection latency is within the interval") {
  SweepOptions o;
  o.runs = 60;
  o.threads = 2;
  const nlohmann::json j = nlohmann::json::parse(format_json(sweep_of(kDetection, o)));
  REQUIRE(j["combinations"].size() == 1);
  const auto& metrics = j["combinations"][0]["metrics"];
  for (const MetricInfo& m : builtin_metrics()) {
    CAPTURE(m.name);
    CHECK(std::any_of(metrics.begin(), metrics.end(), [&](const nlohmann::json& x) { return x["name"] == m.name; }));
  }
  for (const nlohmann::json& m : metrics)
    for (const char* k : {"count", "mean", "p50", "p90", "p99", "max", "unit", "description"}) CHECK(m.contains(k));
  const auto det = *std::find_if(metrics.begin(), metrics.end(), [](const nlohmann::json& x) { return x["name"] == "detection_latency"; });
  CHECK(det["count"] == 180);  // 3 clusters x 60 runs
  CHECK(det["max"].get<std::int64_t>() <= 15 * 60'000);
  CHECK(det["p50"].get<std::int64_t>() > 3 * 60'000);   // uniform on (0, 15m]: p50 ~ 7.5m
  CHECK(det["p50"].get<std::int64_t>() < 12 * 60'000);
  CHECK(j["combinations"][0]["expectations"].size() == 4);  // two expect:, the step and its for: undo
  CHECK(j["combinations"][0]["median_run"]["seed"].is_string());
}

TEST_CASE("a run replayed from its printed seed reproduces its metrics") {
  SweepOptions o;
  o.runs = 25;
  o.threads = 2;
  const SweepFile f = load_sweep_file(kDetection);
  const Plan plan = make_plan(f, o, kDetection);
  const SweepData d = execute(plan, o);
  const Combination& c = d.combinations[0];
  const MetricData& det = c.metrics.at(names::kDetectionLatency);
  const Stats st = summarize(det, c.runs);
  REQUIRE(st.max_run);
  // `cmksim run FILE --seed <seed>` is Run(scenario, seed): the same as run_one with that seed.
  const RunOutcome replay = run_one(f.scenario, d.run_seed(*st.max_run), {}, sim::Duration::hours(1));
  std::vector<std::int64_t> recorded, replayed;
  for (const Sample& s : det.samples)
    if (s.run == *st.max_run) recorded.push_back(s.value);
  for (const auto& [name, v] : replay.values)
    if (name == names::kDetectionLatency) replayed.push_back(v);
  std::sort(replayed.begin(), replayed.end());
  CHECK(recorded == replayed);
  CHECK(*std::max_element(replayed.begin(), replayed.end()) == *st.max);
}

TEST_CASE("vary: and metrics: from the file; --vary replaces the file's axis") {
  const std::string path = SWEEP_FIXTURES "/custom-metrics.yaml";
  SweepOptions o;
  o.runs = 20;
  o.threads = 2;
  const SweepData d = sweep_of(path, o);
  REQUIRE(d.combinations.size() == 4);
  CHECK(d.combinations[0].label() == "validation_interval=5m, restart_duration=2m");
  CHECK(d.combinations[1].label() == "validation_interval=5m, restart_duration=uniform(1m, 3m)");
  for (const Combination& c : d.combinations) {
    const Stats s = summarize(c.metrics.at("invalid_alert_after_disable"), c.runs);
    CHECK(s.count == 20);
    const std::int64_t interval = c.settings[0].second == "5m" ? 5 * 60'000 : 15 * 60'000;
    CHECK(*s.max <= interval);
    CHECK(summarize(c.metrics.at("orders_down"), c.runs).count == 20);
  }
  o.vary = {parse_vary_option("validation_interval=30m")};
  CHECK(sweep_of(path, o).combinations.size() == 2);
}

TEST_CASE("bad vary values point into the file; bad --vary is one message") {
  CHECK_THROWS_WITH_AS(load_sweep_file(SWEEP_FIXTURES "/bad-vary.yaml"), doctest::Contains("bad-vary.yaml:5:29:"), scenario::InputError);
  CHECK_THROWS_AS(parse_vary_option("validation_interval"), std::invalid_argument);
  CHECK_THROWS_AS(parse_vary_option("no_such_setting=1"), std::invalid_argument);
  CHECK_THROWS_AS(parse_vary_option("validation_interval=5m,soon"), std::invalid_argument);
  CHECK(parse_vary_option("t_reflect=1m,uniform(0s, 3m)").values.size() == 2);
}

TEST_CASE("the plan ranks by a built-in or the file's own metric, nothing else") {
  const std::string path = SWEEP_FIXTURES "/custom-metrics.yaml";
  const SweepFile f = load_sweep_file(path);
  SweepOptions o;
  CHECK_NOTHROW(make_plan(f, o, path));
  o.rank_by = "orders_down";  // a metrics: entry of the file
  CHECK_NOTHROW(make_plan(f, o, path));
  o.rank_by = "no_such_metric";
  CHECK_THROWS_WITH_AS(make_plan(f, o, path),
                       "--rank-by 'no_such_metric' is not a metric (try cluster_unavailable or detection_latency)",
                       std::invalid_argument);
  // orders_down is the other file's own metric, not this one's.
  o.rank_by = "orders_down";
  CHECK_THROWS_AS(make_plan(load_sweep_file(kDetection), o, kDetection), std::invalid_argument);
}

TEST_CASE("shards split the runs evenly and exactly once") {
  std::vector<std::uint32_t> all;
  for (std::uint32_t k = 1; k <= 4; ++k) {
    const auto part = shard_runs(10, k, 4);
    all.insert(all.end(), part.begin(), part.end());
  }
  std::sort(all.begin(), all.end());
  CHECK(all == std::vector<std::uint32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
}

TEST_CASE("sweep size: the run limit, then free memory, with the number of shards to use") {
  CHECK_NOTHROW(check_sweep_size(kMaxSweepRuns, 1, 1, std::nullopt));
  CHECK_THROWS_WITH_AS(check_sweep_size(kMaxSweepRuns + 1, 1, 1, std::nullopt), doctest::Contains("above the limit"),
                       std::invalid_argument);
  CHECK_THROWS_AS(check_sweep_size(kMaxSweepRuns / 2, 3, 1, std::nullopt), std::invalid_argument);
  CHECK_THROWS_AS(check_sweep_size(UINT64_MAX, UINT64_MAX, 1, std::nullopt), std::invalid_argument);
  const std::uint64_t gib = 1ull << 30;
  CHECK_NOTHROW(check_sweep_size(1000, 1, 1, gib));
  // 1,000,000 runs need ~2 GiB; 1 GiB holds 524,288 runs, so 2 shards; one shard of two fits.
  CHECK_THROWS_WITH_AS(check_sweep_size(1'000'000, 1, 1, gib), doctest::Contains("at least 2 shards"), std::invalid_argument);
  CHECK_NOTHROW(check_sweep_size(1'000'000, 1, 2, gib));
  CHECK_NOTHROW(check_merge_size(1000, 2, 1 << 20, gib));
  CHECK_THROWS_WITH_AS(check_merge_size(1'000'000, 1, 1 << 20, gib), doctest::Contains("merging 1000000 runs"), std::invalid_argument);
  CHECK_THROWS_WITH_AS(check_merge_size(0, 0, 100ull << 20, gib), doctest::Contains("reading a part of 100 MiB"), std::invalid_argument);
  CHECK(memory_available().value_or(1) > 0);
}

namespace {
// The mean of a metric in each combination, in grid order.
std::vector<double> means(const nlohmann::json& j, const std::string& metric) {
  std::vector<double> out;
  for (const nlohmann::json& c : j["combinations"])
    for (const nlohmann::json& m : c["metrics"])
      if (m["name"] == metric) out.push_back(m["mean"].is_null() ? 0.0 : m["mean"].get<double>());
  return out;
}
}  // namespace

TEST_CASE("on-call-response: downtime grows with the validation interval (5m < 15m < 30m)") {
  SweepOptions o;
  o.runs = 300;
  o.threads = 2;
  o.slo = sim::Duration::minutes(20);  // at 30m the three are equal (10.4%): the fix comes before the grid matters
  const nlohmann::json j =
      nlohmann::json::parse(format_json(sweep_of(CMKSIM_SOURCE_DIR "/scenarios/what-if/on-call-response.yaml", o)));
  REQUIRE(j["combinations"].size() == 3);
  for (const char* metric : {"cluster_unavailable", "cluster_downtime", "time_to_restore", "cluster_downtime_over_slo"}) {
    CAPTURE(metric);
    const std::vector<double> m = means(j, metric);
    REQUIRE(m.size() == 3);
    CHECK(m[0] < m[1]);
    CHECK(m[1] < m[2]);
  }
  // Availability falls as downtime grows; the on-call acknowledges in every run.
  const std::vector<double> a = means(j, "fleet_availability");
  REQUIRE(a.size() == 3);
  CHECK(a[0] > a[1]);
  CHECK(a[1] > a[2]);
  for (const nlohmann::json& c : j["combinations"])
    for (const nlohmann::json& m : c["metrics"])
      if (m["name"] == "time_to_acknowledge") CHECK(m["count"] == 300);
}

TEST_CASE("a fleet's downtime is per key region, as the fleet report groups it, not one row per project") {
  SweepOptions o;
  o.runs = 3;
  const nlohmann::json j =
      nlohmann::json::parse(format_json(sweep_of(CMKSIM_SOURCE_DIR "/scenarios/fleet-regional-outage.yaml", o)));
  std::vector<std::string> names;
  for (const nlohmann::json& m : j["combinations"][0]["metrics"]) names.push_back(m["name"]);
  CHECK(std::none_of(names.begin(), names.end(), [](const std::string& n) { return n.rfind("project_downtime:", 0) == 0; }));
  // The key disabled in EU_WEST_1 shuts 3 clusters for 1 day each (the scenario's expectations);
  // the US_EAST_1 KMS outage shuts nothing down (seed 003), so that region has no downtime row.
  const std::vector<double> eu = means(j, "region_downtime:AWS EU_WEST_1");
  REQUIRE(eu.size() == 1);
  CHECK(eu[0] == doctest::Approx(3.0 * 24 * 3600 * 1000));
  CHECK(means(j, "region_downtime:AWS US_EAST_1").empty());
}
