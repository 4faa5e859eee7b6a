// World workload shared by `cmksim-bench world`: the Atlas model at scale, default settings.
#pragma once

#include <cstdint>

namespace bench {

struct WorldResult {
  std::uint64_t fired;   // model events: kernel events plus the idle ticks fast-forward skipped
  std::uint64_t kernel;  // events the kernel fired
  double seconds;        // setup + run loop
};

// P projects x C clusters x E endpoints simulated for D days (see world.cpp for the story).
// fast_forward: idle validation ticks cost no kernel event (models::World::set_fast_forward).
WorldResult run_world(std::uint64_t projects, std::uint64_t clusters_per_project, std::uint64_t endpoints_per_project,
                      std::uint64_t days, std::uint64_t seed, bool fast_forward = true);

}  // namespace bench
