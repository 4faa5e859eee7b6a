// The simulated wall clock: which UTC instant simulated time zero stands for, so simulated times
// can be written as ISO 8601 date-times ("2026-01-01T00:15:00Z") as APIs and people write them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/time.h"

namespace sim {

// 2026-01-01T00:00:00Z as Unix milliseconds: time zero when a run names no start.
inline constexpr std::int64_t kDefaultStartUnixMs = 1767225600000;

class WallClock {
 public:
  WallClock() = default;
  explicit WallClock(std::int64_t startUnixMs) : startUnixMs_(startUnixMs) {}

  std::int64_t start_unix_ms() const { return startUnixMs_; }
  // The instant t as "YYYY-MM-DDTHH:MM:SSZ", with ".mmm" before the Z when not a whole second.
  std::string iso(Time t) const;

 private:
  std::int64_t startUnixMs_ = kDefaultStartUnixMs;
};

// "YYYY-MM-DDTHH:MM:SS[.mmm]Z" (UTC only) as Unix milliseconds; nullopt for any other text or an
// impossible date (2026-02-30).
std::optional<std::int64_t> parse_iso8601(std::string_view text);

}  // namespace sim
