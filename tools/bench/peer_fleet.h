// The SimPy peer's fleet (../shared/bench/peers/fleet_simpy2.py) on the Atlas model, for
// `cmksim-bench world --workload peer`: the same incident processes and distributions, with
// settings matching the peer's simplifications, and its two results computed the way it does.
#pragma once

#include <cstdint>

namespace bench {

struct PeerFleetResult {
  std::uint64_t fired;                    // model events (kernel events plus skipped idle ticks)
  std::uint64_t kernel;                   // events the kernel fired
  double seconds;                         // setup + run loop
  double disabled_cluster_minutes;        // clusters still disabled count up to the horizon
  std::uint64_t shutdowns;                // RUNNING -> DISABLED_EAR transitions
  std::uint64_t endpoints;                // endpoints the model holds: none (peer_fleet.cpp says why)
};

// P projects x C clusters for D days at `seed` (the peer's endpoints are not built).
PeerFleetResult run_peer_fleet(std::uint64_t projects, std::uint64_t clusters_per_project, std::uint64_t days,
                               std::uint64_t seed, bool fast_forward = true);

}  // namespace bench
