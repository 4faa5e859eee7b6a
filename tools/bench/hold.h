// Hold-model workload shared by `cmksim-bench hold` and its Google Benchmark twin.
#pragma once

#include <cstdint>

namespace bench {

// Offsets are uniform on [0, kMaxOffsetMs], as in ../shared/bench/hold-vs-peers.
inline constexpr std::int64_t kMaxOffsetMs = 2'000'000;

struct HoldResult {
  std::uint64_t fired;
  double seconds;  // the run loop only
};

// `pending` events at start; each fired event schedules one successor until `events` have fired.
HoldResult run_hold(std::uint64_t pending, std::uint64_t events, std::uint64_t seed);

}  // namespace bench
