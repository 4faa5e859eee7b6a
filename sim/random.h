// Random: the seeded random source a simulation owns. No global state and no time seeds, so
// simulations on different threads never share a stream and the same seed replays the same run.
// The engine is std::mt19937_64, whose output the C++ standard fixes; the distributions are
// written here rather than taken from <random>, whose algorithms differ between libraries.
#pragma once

#include <cstdint>
#include <random>

namespace sim {

class Random {
 public:
  explicit Random(std::uint64_t seed = 0) : engine_(seed), seed_(seed) {}

  std::uint64_t seed() const { return seed_; }
  std::uint64_t next() { return engine_(); }

  // Uniform on [0, 1), 53 bits.
  double uniform01() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform integer on [lo, hi], both inclusive, without modulo bias (Lemire's method).
  std::int64_t uniform_int(std::int64_t lo, std::int64_t hi);
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform01(); }
  double exponential(double mean);
  double normal();  // standard normal, Box-Muller (no cached second value: fewer hidden states)
  double lognormal(double mu, double sigma);
  bool bernoulli(double p) { return uniform01() < p; }

  // A seed for stream `index` derived from `seed` (SplitMix64 mixing): independent streams for
  // runs of a sweep or entities of a model, each reproducible on its own.
  static std::uint64_t derive(std::uint64_t seed, std::uint64_t index);

 private:
  std::mt19937_64 engine_;
  std::uint64_t seed_;
};

}  // namespace sim
