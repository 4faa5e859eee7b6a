// Limits that keep a hostile or mistaken scenario file from exhausting the machine. All in one
// place; each is reported with file:line:column (where known) and the limit's value when hit.
#pragma once

#include <cstddef>
#include <cstdint>

#include "sim/time.h"

namespace scenario::limits {

inline constexpr std::size_t kMaxFileBytes = 1 << 20;        // 1 MiB of YAML
inline constexpr std::size_t kMaxExpandedNodes = 100'000;    // YAML nodes after alias expansion (billion laughs)
inline constexpr int kMaxNesting = 32;                       // mappings/sequences inside each other
inline constexpr std::size_t kMaxSteps = 10'000;             // timeline entries
inline constexpr std::size_t kMaxExpectations = 10'000;      // expect: + invariants:
inline constexpr std::size_t kMaxEntities = 1'000;           // projects, clusters, endpoints (each)
// A `fleet:` generates more than a written list holds: these bound what all its templates make.
inline constexpr std::size_t kMaxFleetProjects = 10'000;
inline constexpr std::size_t kMaxFleetClusters = 100'000;
inline constexpr std::size_t kMaxFleetEndpoints = 100'000;
inline constexpr std::size_t kMaxIncidents = 100;           // incident processes in `fleet: incidents:`
inline constexpr sim::Duration kMaxHorizon = sim::Duration::days(400);
// Any duration written in a file (times, delays, settings, a distribution's parameters and cap):
// 100 years. With at most kMaxSteps steps, no sum of them comes near the 64-bit range.
inline constexpr sim::Duration kMaxDuration = sim::Duration::days(36'500);
inline constexpr std::uint64_t kMaxFiredEvents = 50'000'000;  // per run; the run stops with a message

}  // namespace scenario::limits
