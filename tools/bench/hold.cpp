// The classic hold model on the real kernel path: every fired event is a scheduled Action that
// schedules its successor, exactly as ns-3's peer benchmark does with Simulator::Schedule.
#include "tools/bench/hold.h"

#include <chrono>

#include "sim/simulation.h"

namespace bench {
namespace {

struct Hold {
  sim::Simulation& sim;
  std::uint64_t limit;
  std::uint64_t fired = 0;
  void fire() {
    if (++fired >= limit) return;
    sim.schedule_after(sim::Duration::milliseconds(sim.random().uniform_int(0, kMaxOffsetMs)), [this] { fire(); });
  }
};

}  // namespace

HoldResult run_hold(std::uint64_t pending, std::uint64_t events, std::uint64_t seed) {
  sim::Simulation sim(seed);
  Hold hold{sim, events};
  for (std::uint64_t i = 0; i < pending; ++i)
    sim.schedule_after(sim::Duration::milliseconds(sim.random().uniform_int(0, kMaxOffsetMs)), [&hold] { hold.fire(); });
  const auto t0 = std::chrono::steady_clock::now();
  sim.run();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return {sim.fired_count(), seconds};
}

}  // namespace bench
