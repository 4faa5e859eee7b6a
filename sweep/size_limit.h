// How large a sweep or a merge may be. Every run's raw values are kept (exact percentiles, exact
// merges), up to kBytesPerRun per run and combination, so the size is checked against a fixed
// limit and against the memory the machine has free before any run starts: a sweep that cannot
// finish is refused at once, not after hours or a crash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sweep {

// Runs x combinations of one sweep, and of one merge. FORMAT.md "Limits".
inline constexpr std::uint64_t kMaxSweepRuns = 10'000'000;
// What one run of one combination costs in memory at the peak, as estimated for the memory check.
// Measured on scenarios/default.yaml, 40,000 runs: 0.4 KB per run for the raw values, 1.7 KB while
// the --out part is built as a JSON tree.
inline constexpr std::uint64_t kBytesPerRun = 2048;
// A part file given to `cmksim merge` (FORMAT.md "Limits"); parsing JSON takes about 20 times its
// size in memory, so the memory check counts that too.
inline constexpr std::uint64_t kMaxPartBytes = 256ull << 20;
inline constexpr std::uint64_t kJsonParseFactor = 24;

// The memory this process can still use, in bytes: MemAvailable of /proc/meminfo, lowered by a
// cgroup limit (a container) and by the address-space limit (`ulimit -v`). Nothing when none of
// them can be read (then only the fixed limits apply).
std::optional<std::uint64_t> memory_available();

// Refuses a sweep of `runs` per combination, `combinations` of them, run as `shards` shards (this
// process holds one shard), when it is above kMaxSweepRuns or this shard's raw values would not fit
// in `available` bytes. Throws std::invalid_argument with a message saying how to shard instead.
void check_sweep_size(std::uint64_t runs, std::uint64_t combinations, std::uint32_t shards,
                      std::optional<std::uint64_t> available);

// Refuses a merge of `runs` per combination, `combinations` of them, whose largest part is
// `largest_part` bytes, when it is above kMaxSweepRuns or would not fit in `available` bytes.
// Throws std::invalid_argument.
void check_merge_size(std::uint64_t runs, std::uint64_t combinations, std::uint64_t largest_part,
                      std::optional<std::uint64_t> available);

// "1.5 GiB", "300 MiB": a byte count for messages.
std::string format_bytes(std::uint64_t bytes);

}  // namespace sweep
