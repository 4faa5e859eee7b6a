// Google Benchmark micro-benchmarks of the event set on its own and of the kernel's hot path.
#include <benchmark/benchmark.h>

#include "sim/event_set.h"
#include "sim/random.h"
#include "sim/simulation.h"
#include "tools/bench/hold.h"

namespace {

// Steady state of the hold model at a given number of pending events.
void BM_Hold(benchmark::State& state) {
  const auto pending = static_cast<std::uint64_t>(state.range(0));
  for (auto _ : state) {
    const bench::HoldResult r = bench::run_hold(pending, 20 * pending, 7);
    benchmark::DoNotOptimize(r.fired);
    state.counters["events_per_second"] = benchmark::Counter(static_cast<double>(r.fired) / r.seconds);
  }
}
BENCHMARK(BM_Hold)->Arg(1'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond)->Iterations(1);

// Push then cancel: the cost of a timer that is re-armed before it fires.
void BM_ScheduleCancel(benchmark::State& state) {
  sim::Simulation sim(1);
  for (std::int64_t i = 0; i < 1000; ++i) sim.schedule_after(sim::Duration::minutes(i), [] {});
  for (auto _ : state) {
    const sim::EventHandle h = sim.schedule_after(sim::Duration::seconds(30), [] {});
    benchmark::DoNotOptimize(sim.cancel(h));
    sim.step();  // lets the set purge its stale keys as it would in a run
    sim.schedule_after(sim::Duration::minutes(1000), [] {});
  }
}
BENCHMARK(BM_ScheduleCancel);

}  // namespace

BENCHMARK_MAIN();
