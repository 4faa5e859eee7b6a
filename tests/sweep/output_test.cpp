// Text forms: durations for people, the CSV header, the side-by-side table.
#include <doctest/doctest.h>

#include <fmt/format.h>

#include "sweep/output.h"
#include "sweep/progress.h"

using namespace sweep;

TEST_CASE("human_time") {
  CHECK(human_time(0) == "0s");
  CHECK(human_time(1500) == "1.5s");
  CHECK(human_time(149'800) == "2m29.8s");
  CHECK(human_time(899'400) == "14m59s");  // above ten minutes: whole seconds
  CHECK(human_time(3'600'000) == "1h");
  CHECK(human_time(90'061'000) == "1d1h1m1s");
}

TEST_CASE("table with a grid has one column per combination") {
  SweepData d;
  d.scenario = "s.yaml";
  d.scenario_name = "s";
  d.runs = 2;
  d.rank_by = names::kClusterUnavailable;
  d.combinations.resize(2);
  d.combinations[0].settings = {{"validation_interval", "5m"}};
  d.combinations[1].settings = {{"validation_interval", "15m"}};
  d.combinations[0].add_run(0, {{names::kDetectionLatency, 60'000}}, {});
  d.combinations[0].add_run(1, {{names::kDetectionLatency, 120'000}}, {});
  d.combinations[1].add_run(0, {{names::kDetectionLatency, 600'000}}, {});
  d.combinations[1].add_run(1, {{names::kDetectionLatency, 900'000}}, {});
  const std::string t = format_table(d);
  CHECK(t.find("validation_interval=5m") != std::string::npos);
  CHECK(t.find("validation_interval=15m") != std::string::npos);
  // The p50 line of detection_latency reads across: 1m | 10m.
  const auto at = t.find("detection_latency");
  const auto p50 = t.find("p50", at);
  const std::string line = t.substr(p50, t.find('\n', p50) - p50);
  CHECK(line.find("1m") != std::string::npos);
  CHECK(line.find("10m") != std::string::npos);
  const std::string csv = format_csv(d);
  // Tidy: a column per varied setting, a kind column, seeds as quoted text.
  CHECK(csv.rfind("validation_interval,kind,name,unit,count,mean,p50,p90,p99,max,max_run,max_seed\n", 0) == 0);
  CHECK(csv.find(fmt::format("5m,metric,detection_latency,ms,2,90000.000,60000,120000,120000,120000,1,\"{}\"\n", d.run_seed(1))) !=
        std::string::npos);
  CHECK(csv.find("15m,metric,detection_latency,ms,2,750000.000,") != std::string::npos);
}

TEST_CASE("progress line has a bar, counts and an ETA") {
  const std::string l = ProgressBar::line(250, 1000, 5.0);
  CHECK(l.find("250/1000 runs") != std::string::npos);
  CHECK(l.find("ETA 15s") != std::string::npos);
  CHECK(l.find("[#######.") == 0);
}
