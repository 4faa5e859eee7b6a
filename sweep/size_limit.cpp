#include "sweep/size_limit.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <sys/resource.h>

#include <fmt/format.h>

namespace sweep {

namespace {

// MemAvailable of /proc/meminfo in bytes.
std::optional<std::uint64_t> meminfo_available() {
  std::ifstream in("/proc/meminfo");
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string key, unit;
    std::uint64_t kib = 0;
    if (words >> key >> kib >> unit && key == "MemAvailable:" && unit == "kB") return kib * 1024;
  }
  return std::nullopt;
}

// What the cgroup (a container's memory limit) still allows, when there is a limit.
std::optional<std::uint64_t> cgroup_available() {
  std::ifstream max_in("/sys/fs/cgroup/memory.max"), current_in("/sys/fs/cgroup/memory.current");
  std::uint64_t max = 0, current = 0;
  if (!(max_in >> max) || !(current_in >> current)) return std::nullopt;  // "max": no limit
  return max > current ? max - current : 0;
}

}  // namespace

std::optional<std::uint64_t> memory_available() {
  std::optional<std::uint64_t> a = meminfo_available();
  auto lower = [&](std::uint64_t b) { a = a ? std::min(*a, b) : b; };
  if (const auto c = cgroup_available()) lower(*c);
  rlimit as{};  // `ulimit -v`: the address space this process may use at all
  if (::getrlimit(RLIMIT_AS, &as) == 0 && as.rlim_cur != RLIM_INFINITY) lower(as.rlim_cur);
  return a;
}

std::string format_bytes(std::uint64_t bytes) {
  if (bytes >= (1ull << 30)) return fmt::format("{:.1f} GiB", static_cast<double>(bytes) / (1ull << 30));
  return fmt::format("{} MiB", (bytes + (1ull << 20) - 1) >> 20);
}

namespace {

// runs x combinations without overflow (both are at most 2^64 - 1; saturates).
std::uint64_t times(std::uint64_t a, std::uint64_t b) { return b != 0 && a > UINT64_MAX / b ? UINT64_MAX : a * b; }

}  // namespace

void check_sweep_size(std::uint64_t runs, std::uint64_t combinations, std::uint32_t shards,
                      std::optional<std::uint64_t> available) {
  const std::uint64_t total = times(runs, combinations);
  if (total > kMaxSweepRuns)
    throw std::invalid_argument(fmt::format(
        "--runs {} x {} combination(s) = {} runs is above the limit of {} runs per sweep (raw values are kept for "
        "every run); use fewer runs or fewer --vary values",
        runs, combinations, total, kMaxSweepRuns));
  if (!available) return;
  const std::uint64_t held = times((runs + shards - 1) / shards, combinations);
  const std::uint64_t need = times(held, kBytesPerRun);
  if (need <= *available) return;
  const std::uint64_t per_shard = std::max<std::uint64_t>(1, *available / kBytesPerRun / combinations);
  const std::uint64_t n = (runs + per_shard - 1) / per_shard;
  throw std::invalid_argument(fmt::format(
      "{} runs x {} combination(s) need about {} of memory for their raw values, and {} is available; "
      "run it in at least {} shards instead (--shard K/{} --out part-K.json for K = 1..{}, one at a time or on "
      "several machines), then `cmksim merge part-*.json` on a machine with about {} free",
      (runs + shards - 1) / shards, combinations, format_bytes(need), format_bytes(*available), n, n, n,
      format_bytes(times(total, kBytesPerRun))));
}

void check_merge_size(std::uint64_t runs, std::uint64_t combinations, std::uint64_t largest_part,
                      std::optional<std::uint64_t> available) {
  const std::uint64_t total = times(runs, combinations);
  if (total > kMaxSweepRuns)
    throw std::invalid_argument(fmt::format("the parts hold {} runs x {} combination(s) = {} runs, above the limit of {} "
                                            "runs per sweep",
                                            runs, combinations, total, kMaxSweepRuns));
  if (!available) return;
  const std::uint64_t need = times(total, kBytesPerRun) + times(largest_part, kJsonParseFactor);
  if (need <= *available) return;
  const std::string what = total == 0 ? fmt::format("reading a part of {}", format_bytes(largest_part))
                                      : fmt::format("merging {} runs x {} combination(s)", runs, combinations);
  throw std::invalid_argument(fmt::format("{} needs about {} of memory, and {} is available; merge on a machine with more "
                                          "free memory",
                                          what, format_bytes(need), format_bytes(*available)));
}

}  // namespace sweep
