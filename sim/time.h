// Simulated time: a 64-bit count of milliseconds, as two strong types.
// Duration is a length of time; Time is a point measured from the start of the run.
//
// Arithmetic saturates: a sum, difference or product that does not fit in 64 bits gives the
// largest or smallest value instead of wrapping (signed overflow is undefined behaviour). So
// Time::never() + d is still never(), and an event scheduled "100 years after a huge draw" lands
// at never() instead of in the past. It costs one predictable branch per operation (measured
// with `cmksim-bench hold` before and after, issue 12).
#pragma once

#include <compare>
#include <cstdint>
#include <limits>

namespace sim {

namespace saturating {
inline constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
inline constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

// a + b, clamped to [kMin, kMax].
constexpr std::int64_t add(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_add_overflow(a, b, &r)) return b > 0 ? kMax : kMin;
  return r;
}
// a - b, clamped to [kMin, kMax].
constexpr std::int64_t sub(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_sub_overflow(a, b, &r)) return b < 0 ? kMax : kMin;
  return r;
}
// a * b, clamped to [kMin, kMax].
constexpr std::int64_t mul(std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  if (__builtin_mul_overflow(a, b, &r)) return (a < 0) != (b < 0) ? kMin : kMax;
  return r;
}
}  // namespace saturating

class Duration {
 public:
  constexpr Duration() = default;
  static constexpr Duration milliseconds(std::int64_t n) { return Duration(n); }
  static constexpr Duration seconds(std::int64_t n) { return Duration(saturating::mul(n, 1000)); }
  static constexpr Duration minutes(std::int64_t n) { return Duration(saturating::mul(n, 60'000)); }
  static constexpr Duration hours(std::int64_t n) { return Duration(saturating::mul(n, 3'600'000)); }
  static constexpr Duration days(std::int64_t n) { return Duration(saturating::mul(n, 86'400'000)); }

  constexpr std::int64_t ms() const { return ms_; }

  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return Duration(saturating::add(ms_, o.ms_)); }
  constexpr Duration operator-(Duration o) const { return Duration(saturating::sub(ms_, o.ms_)); }
  constexpr Duration operator*(std::int64_t k) const { return Duration(saturating::mul(ms_, k)); }
  constexpr Duration& operator+=(Duration o) { return *this = *this + o; }

 private:
  constexpr explicit Duration(std::int64_t ms) : ms_(ms) {}
  std::int64_t ms_ = 0;
};

class Time {
 public:
  constexpr Time() = default;
  static constexpr Time zero() { return Time(); }
  static constexpr Time from_ms(std::int64_t ms) { Time t; t.ms_ = ms; return t; }
  static constexpr Time never() { return from_ms(saturating::kMax); }

  constexpr std::int64_t ms() const { return ms_; }
  constexpr Duration since_start() const { return Duration::milliseconds(ms_); }

  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return from_ms(saturating::add(ms_, d.ms())); }
  constexpr Time operator-(Duration d) const { return from_ms(saturating::sub(ms_, d.ms())); }
  constexpr Duration operator-(Time o) const { return Duration::milliseconds(saturating::sub(ms_, o.ms_)); }
  constexpr Time& operator+=(Duration d) { return *this = *this + d; }

 private:
  std::int64_t ms_ = 0;
};

}  // namespace sim
