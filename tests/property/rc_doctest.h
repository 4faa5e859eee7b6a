// A small adapter: a RapidCheck property run as a doctest check, so a failure reports like every
// other test (file:line, the shrunk counterexample in the message).
//
// Case counts: RC_PARAMS (RapidCheck's own variable: seed, max_success, max_size, reproduce, ...)
// wins; otherwise each property's default times CMKSIM_PROPERTY_SCALE (the `long` label uses 100;
// sanitizer builds may use a fraction, e.g. 0.2).
//
// Seed: fixed (kDefaultSeed) unless RC_PARAMS names one, so `ctest` gives the same verdict on every
// run and every machine; explore other seeds with RC_PARAMS="seed=N" (the `long` label adds cases,
// not seeds).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include <doctest/doctest.h>
#include <rapidcheck.h>

namespace rc_doctest {

inline constexpr std::uint64_t kDefaultSeed = 20261126;

inline int scaled_cases(int default_cases) {
  const char* rc = std::getenv("RC_PARAMS");
  if (rc && std::string(rc).find("max_success") != std::string::npos) return rc::detail::configuration().testParams.maxSuccess;
  double scale = 1.0;
  if (const char* s = std::getenv("CMKSIM_PROPERTY_SCALE")) scale = std::atof(s);
  const int n = static_cast<int>(default_cases * scale);
  return n < 1 ? 1 : n;
}

// Runs the property; returns RapidCheck's result for callers that inspect it (the planted bug).
template <class Testable>
rc::detail::TestResult run(const std::string& id, Testable&& testable, int default_cases) {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.maxSuccess = scaled_cases(default_cases);
  const char* rc = std::getenv("RC_PARAMS");
  if (!rc || std::string(rc).find("seed") == std::string::npos) params.seed = kDefaultSeed;
  rc::detail::TestMetadata meta;
  meta.id = id;
  meta.description = id;
  // RapidCheck's own listener; `reproduce` from RC_PARAMS is honoured by the property id.
  return rc::detail::checkProperty(rc::detail::toProperty(std::forward<Testable>(testable)), meta, params);
}

inline std::string message(const rc::detail::TestResult& r) {
  std::ostringstream os;
  rc::detail::printResultMessage(r, os);
  return os.str();
}

// The doctest check: passes when RapidCheck finds no counterexample.
template <class Testable>
void check(const std::string& id, Testable&& testable, int default_cases) {
  const auto r = run(id, std::forward<Testable>(testable), default_cases);
  if (!r.template is<rc::detail::SuccessResult>()) FAIL(id << ":\n" << message(r));
  MESSAGE(id << ": " << message(r));
}

}  // namespace rc_doctest
