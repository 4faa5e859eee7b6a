// Durations the way people write them: "90s", "3m", "15m", "1h30m", "7d", "250ms".
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/time.h"

namespace sim {

// Thrown for text that is not a duration; what() says what was wrong and where.
class DurationError : public std::invalid_argument {
 public:
  DurationError(std::string message, std::size_t column)
      : std::invalid_argument(std::move(message)), column_(column) {}
  // 0-based offset into the text where the problem starts.
  std::size_t column() const { return column_; }

 private:
  std::size_t column_;
};

// Grammar: one or more <digits><unit> groups, units d, h, m, s, ms, each unit at most once and
// in decreasing order ("1h30m" yes, "30m1h" no). "0" alone is zero. No sign, no spaces.
Duration parse_duration(std::string_view text);

// The shortest text parse_duration reads back to the same value: "1h30m", "7d", "0s", "1m500ms".
std::string format_duration(Duration d);

// A point in time for timelines: "d+HH:MM:SS" with milliseconds when not whole, e.g. "0d 02:15:00",
// "1d 00:00:00.250".
std::string format_time(Time t);

}  // namespace sim
