#include "tools/bench/sweep.h"

#include <chrono>

#include "sweep/runner.h"
#include "sweep/sweep_file.h"

namespace bench {

namespace {

// One week, one project, 10 CMK clusters on the documented 15-minute validation tick (672 checks),
// two private endpoints provisioning on day 0, and one incident: the key is disabled at a random
// moment between day 1 and day 6 and re-enabled 30 minutes to 3 hours later (no Try Again).
constexpr const char* kWeek = R"(cmksim: 1
name: bench-week
seed: 42
horizon: 7d
projects:
  - name: fleet
    kms:
      - provider: AWS
        requirePrivateNetworking: true
    clusters:
      - {name: c0, tier: M30, cmk: AWS}
      - {name: c1, tier: M30, cmk: AWS}
      - {name: c2, tier: M30, cmk: AWS}
      - {name: c3, tier: M30, cmk: AWS}
      - {name: c4, tier: M30, cmk: AWS}
      - {name: c5, tier: M30, cmk: AWS}
      - {name: c6, tier: M30, cmk: AWS}
      - {name: c7, tier: M30, cmk: AWS}
      - {name: c8, tier: M30, cmk: AWS}
      - {name: c9, tier: M30, cmk: AWS}
timeline:
  - at: 10m
    do: create_endpoint
    provider: AWS
    region: US_EAST_1
  - at: 10m
    do: create_endpoint
    provider: AWS
    region: US_WEST_2
  - at: {uniform: [1d, 6d]}
    do: disable_key
    provider: AWS
    for: {uniform: [30m, 3h]}
expect:
  - at: 6d23h
    cluster: c0
    runState: RUNNING
)";

}  // namespace

SweepBenchResult run_sweep_bench(std::uint32_t runs, unsigned threads) {
  const sweep::SweepFile file = sweep::parse_sweep_file(kWeek, "bench-week.yaml");
  sweep::SweepOptions o;
  o.runs = runs;
  o.threads = threads;
  const sweep::Plan plan = sweep::make_plan(file, o, "bench-week.yaml");
  const auto start = std::chrono::steady_clock::now();
  const sweep::SweepData d = sweep::execute(plan, o);
  const auto stop = std::chrono::steady_clock::now();
  SweepBenchResult r;
  r.runs = runs;
  r.threads = threads;
  r.seconds = std::chrono::duration<double>(stop - start).count();
  r.detection_values = d.combinations.front().metrics.at(sweep::names::kDetectionLatency).samples.size();
  return r;
}

}  // namespace bench
