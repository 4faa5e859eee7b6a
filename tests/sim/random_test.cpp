#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "sim/distribution.h"
#include "sim/random.h"

using sim::Distribution;
using sim::Duration;

TEST_CASE("the same seed gives the same stream; derived streams differ") {
  sim::Random a(7), b(7), c(8);
  for (int i = 0; i < 100; ++i) {
    const auto x = a.next();
    CHECK(x == b.next());
  }
  CHECK(sim::Random(7).next() != c.next());
  CHECK(sim::Random::derive(1, 0) != sim::Random::derive(1, 1));
  CHECK(sim::Random::derive(1, 5) == sim::Random::derive(1, 5));
}

TEST_CASE("uniform_int stays in its closed range and reaches both ends") {
  sim::Random r(1);
  bool lo = false, hi = false;
  for (int i = 0; i < 10'000; ++i) {
    const auto v = r.uniform_int(3, 9);
    REQUIRE(v >= 3);
    REQUIRE(v <= 9);
    lo |= v == 3;
    hi |= v == 9;
  }
  CHECK(lo);
  CHECK(hi);
  CHECK(r.uniform_int(5, 5) == 5);
  CHECK_THROWS(r.uniform_int(2, 1));
}

namespace {
std::vector<std::int64_t> draws(const Distribution& d, int n, std::uint64_t seed = 11) {
  sim::Random r(seed);
  std::vector<std::int64_t> v;
  for (int i = 0; i < n; ++i) v.push_back(d.sample(r).ms());
  std::sort(v.begin(), v.end());
  return v;
}
}  // namespace

TEST_CASE("distributions have the shape their parameters promise") {
  SUBCASE("fixed") {
    const auto v = draws(Duration::minutes(3), 10);
    CHECK(v.front() == 180'000);
    CHECK(v.back() == 180'000);
  }
  SUBCASE("uniform covers its range with the expected mean") {
    const auto v = draws(Distribution(sim::Uniform{Duration::minutes(1), Duration::minutes(3)}), 20'000);
    CHECK(v.front() >= 60'000);
    CHECK(v.back() <= 180'000);
    double mean = 0;
    for (auto x : v) mean += static_cast<double>(x) / static_cast<double>(v.size());
    CHECK(mean == doctest::Approx(120'000).epsilon(0.01));
  }
  SUBCASE("exponential has the given mean") {
    const auto v = draws(Distribution(sim::Exponential{Duration::minutes(4)}), 50'000);
    double mean = 0;
    for (auto x : v) mean += static_cast<double>(x) / static_cast<double>(v.size());
    CHECK(mean == doctest::Approx(240'000).epsilon(0.02));
  }
  SUBCASE("lognormal has the given median and 99th percentile") {
    const auto v = draws(Distribution(sim::LogNormal{Duration::minutes(5), Duration::minutes(27)}), 100'000);
    CHECK(static_cast<double>(v[v.size() / 2]) == doctest::Approx(300'000).epsilon(0.02));
    CHECK(static_cast<double>(v[v.size() * 99 / 100]) == doctest::Approx(1'620'000).epsilon(0.04));
  }
  SUBCASE("a cap bounds every draw") {
    const Distribution d = Distribution(sim::Exponential{Duration::minutes(2)}).capped(Duration::minutes(3));
    const auto v = draws(d, 10'000);
    CHECK(v.back() == 180'000);  // the tail is clipped onto the cap
    CHECK(d.upper_bound() == Duration::minutes(3));
    CHECK(d.describe() == "exponential(2m) cap 3m");
  }
}

TEST_CASE("nonsensical distributions are rejected") {
  CHECK_THROWS(Distribution(sim::Uniform{Duration::minutes(3), Duration::minutes(1)}).check());
  CHECK_THROWS(Distribution(sim::Exponential{Duration{}}).check());
  CHECK_THROWS(Distribution(sim::LogNormal{Duration::minutes(5), Duration::minutes(1)}).check());
  CHECK_NOTHROW(Distribution(sim::LogNormal{Duration::minutes(5), Duration::minutes(27)}).check());
}
