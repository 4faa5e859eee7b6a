// Distribution: a delay that is fixed or drawn from the simulation's random source. Scenario files
// write these as "3m", {uniform: [1m, 3m]}, {exponential: 4m} or {lognormal: {median: 5m, p99: 27m}}.
#pragma once

#include <optional>
#include <string>
#include <variant>

#include "sim/random.h"
#include "sim/time.h"

namespace sim {

struct Fixed {
  Duration value;
};
struct Uniform {
  Duration low, high;  // inclusive, to the millisecond
};
struct Exponential {
  Duration mean;
};
// Parameterised the way people know their tails: the median and the 99th percentile.
struct LogNormal {
  Duration median, p99;
};

class Distribution {
 public:
  using Shape = std::variant<Fixed, Uniform, Exponential, LogNormal>;

  Distribution() : shape_(Fixed{}) {}
  Distribution(Duration fixed) : shape_(Fixed{fixed}) {}  // NOLINT: a duration is a distribution
  Distribution(Shape s, std::optional<Duration> cap = std::nullopt) : shape_(s), cap_(cap) {}

  // Draws one value, never negative, and never above the cap when one is set.
  Duration sample(Random& rng) const;
  // Largest value sample() can return, if bounded.
  std::optional<Duration> upper_bound() const;
  const Shape& shape() const { return shape_; }
  std::optional<Duration> cap() const { return cap_; }
  Distribution capped(Duration cap) const { return Distribution(shape_, cap); }
  // "3m", "uniform(1m, 3m)", "exponential(4m)", "lognormal(median 5m, p99 27m)" (+ " cap 3m").
  std::string describe() const;
  // Throws std::invalid_argument when parameters make no sense (low > high, p99 < median...).
  void check() const;

 private:
  Shape shape_;
  std::optional<Duration> cap_;
};

}  // namespace sim
