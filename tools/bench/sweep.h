// Sweep workload for `cmksim-bench sweep`: many seeded runs of a one-week, 10-cluster scenario
// through the real sweep path (metrics observer on, traces dropped), timed end to end.
#pragma once

#include <cstdint>

namespace bench {

struct SweepBenchResult {
  std::uint32_t runs = 0;
  unsigned threads = 0;
  double seconds = 0;            // wall time of the sweep (parse excluded)
  std::uint64_t detection_values = 0;  // detection_latency samples gathered (a sanity figure)
};

// `runs` runs of the built-in one-week scenario on `threads` threads (see sweep.cpp for the story).
SweepBenchResult run_sweep_bench(std::uint32_t runs, unsigned threads);

}  // namespace bench
