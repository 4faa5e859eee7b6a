// Simulated time: a 64-bit count of milliseconds, as two strong types.
// Duration is a length of time; Time is a point measured from the start of the run.
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace sim {

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration milliseconds(std::int64_t n) { return Duration(n); }
  static constexpr Duration seconds(std::int64_t n) { return Duration(n * 1000); }
  static constexpr Duration minutes(std::int64_t n) { return Duration(n * 60'000); }
  static constexpr Duration hours(std::int64_t n) { return Duration(n * 3'600'000); }
  static constexpr Duration days(std::int64_t n) { return Duration(n * 86'400'000); }

  constexpr std::int64_t ms() const { return ms_; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration(ms_ + o.ms_); }
  constexpr Duration operator-(Duration o) const { return Duration(ms_ - o.ms_); }
  constexpr Duration operator*(std::int64_t k) const { return Duration(ms_ * k); }
  constexpr Duration& operator+=(Duration o) { ms_ += o.ms_; return *this; }

 private:
  constexpr explicit Duration(std::int64_t ms) : ms_(ms) {}
  std::int64_t ms_ = 0;
};

class Time {
 public:
  constexpr Time() = default;
  static constexpr Time zero() { return Time(); }
  static constexpr Time from_ms(std::int64_t ms) { Time t; t.ms_ = ms; return t; }
  static constexpr Time never() { return from_ms(std::numeric_limits<std::int64_t>::max()); }

  constexpr std::int64_t ms() const { return ms_; }
  constexpr Duration since_start() const { return Duration::milliseconds(ms_); }

  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return from_ms(ms_ + d.ms()); }
  constexpr Time operator-(Duration d) const { return from_ms(ms_ - d.ms()); }
  constexpr Duration operator-(Time o) const { return Duration::milliseconds(ms_ - o.ms_); }
  constexpr Time& operator+=(Duration d) { ms_ += d.ms(); return *this; }

 private:
  std::int64_t ms_ = 0;
};

}  // namespace sim
