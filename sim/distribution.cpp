#include "sim/distribution.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "sim/duration_text.h"

namespace sim {
namespace {
constexpr double kZ99 = 2.3263478740408408;  // standard normal 99th percentile
template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

Duration from_double_ms(double ms) {
  if (!(ms > 0)) return Duration{};
  if (ms > 9.0e18) return Duration::milliseconds(9'000'000'000'000'000'000);
  return Duration::milliseconds(static_cast<std::int64_t>(std::llround(ms)));
}
}  // namespace

Duration Distribution::sample(Random& rng) const {
  const Duration d = std::visit(
      Overloaded{
          [](const Fixed& f) { return f.value; },
          [&](const Uniform& u) { return Duration::milliseconds(rng.uniform_int(u.low.ms(), u.high.ms())); },
          [&](const Exponential& e) { return from_double_ms(rng.exponential(static_cast<double>(e.mean.ms()))); },
          [&](const LogNormal& l) {
            const double mu = std::log(static_cast<double>(std::max<std::int64_t>(l.median.ms(), 1)));
            const double sigma = std::log(static_cast<double>(std::max<std::int64_t>(l.p99.ms(), 1)) /
                                          static_cast<double>(std::max<std::int64_t>(l.median.ms(), 1))) /
                                 kZ99;
            return from_double_ms(rng.lognormal(mu, sigma));
          },
      },
      shape_);
  return cap_ && d > *cap_ ? *cap_ : d;
}

std::optional<Duration> Distribution::upper_bound() const {
  std::optional<Duration> b = std::visit(Overloaded{
                                             [](const Fixed& f) -> std::optional<Duration> { return f.value; },
                                             [](const Uniform& u) -> std::optional<Duration> { return u.high; },
                                             [](const auto&) -> std::optional<Duration> { return std::nullopt; },
                                         },
                                         shape_);
  if (cap_ && (!b || *cap_ < *b)) b = cap_;
  return b;
}

std::string Distribution::describe() const {
  std::string s = std::visit(
      Overloaded{
          [](const Fixed& f) { return format_duration(f.value); },
          [](const Uniform& u) { return fmt::format("uniform({}, {})", format_duration(u.low), format_duration(u.high)); },
          [](const Exponential& e) { return fmt::format("exponential({})", format_duration(e.mean)); },
          [](const LogNormal& l) {
            return fmt::format("lognormal(median {}, p99 {})", format_duration(l.median), format_duration(l.p99));
          },
      },
      shape_);
  if (cap_) s += " cap " + format_duration(*cap_);
  return s;
}

void Distribution::check() const {
  std::visit(Overloaded{
                 [](const Fixed& f) {
                   if (f.value < Duration{}) throw std::invalid_argument("a delay cannot be negative");
                 },
                 [](const Uniform& u) {
                   if (u.low < Duration{} || u.high < u.low)
                     throw std::invalid_argument(fmt::format("uniform range [{}, {}] is empty or negative",
                                                             format_duration(u.low), format_duration(u.high)));
                 },
                 [](const Exponential& e) {
                   if (e.mean <= Duration{}) throw std::invalid_argument("exponential mean must be positive");
                 },
                 [](const LogNormal& l) {
                   if (l.median <= Duration{} || l.p99 < l.median)
                     throw std::invalid_argument("lognormal needs 0 < median <= p99");
                 },
             },
             shape_);
  if (cap_ && *cap_ < Duration{}) throw std::invalid_argument("a cap cannot be negative");
}

}  // namespace sim
