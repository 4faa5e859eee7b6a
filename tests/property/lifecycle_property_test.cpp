// The stateful property suite (issue 6 §1-3, §5): generated lifecycles keep every built-in
// invariant, the same seed and commands give the same trace, and the default run fires every
// reachable transition of every table.
#include <chrono>

#include <doctest/doctest.h>

#include "explore/coverage.h"
#include "lifecycle.h"
#include "rc_doctest.h"

namespace {

sim::TransitionCoverage& coverage() {
  static sim::TransitionCoverage c;
  return c;
}

}  // namespace

TEST_CASE("property: every built-in invariant holds over generated lifecycles; every reachable transition fires") {
  const auto start = std::chrono::steady_clock::now();
  const int cases = rc_doctest::scaled_cases(CMKSIM_PROPERTY_CASES);
  rc_doctest::check("lifecycle invariants", [] { lifecycle::lifecycle_property(coverage()); }, CMKSIM_PROPERTY_CASES);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  MESSAGE(cases << " cases in " << seconds << " s: " << (seconds > 0 ? cases / seconds : 0) << " cases/s");
  // issue 6 §5: a gap in the generators shows as a reachable row never hit (failing cases
  // included: RapidCheck's shrinking runs also count, which only adds hits).
  MESSAGE("transition coverage:\n" << explore::coverage_report(coverage()));
  // Enforced on the default run or a larger one; a reduced run (CMKSIM_PROPERTY_SCALE < 1, e.g.
  // under sanitizers) only reports its gaps.
  const bool enforce = cases >= CMKSIM_PROPERTY_CASES;
  for (const explore::MissedRow& m : explore::missed_rows(coverage())) {
    if (enforce) CHECK_MESSAGE(false, m.machine << " row [" << m.row << "] never fired: " << m.text);
    else MESSAGE("(reduced run, not enforced) " << m.machine << " row [" << m.row << "] never fired: " << m.text);
  }
}

TEST_CASE("property: determinism, the same seed and commands give the same trace hash") {
  rc_doctest::check("determinism", [] { lifecycle::determinism_property(); }, CMKSIM_PROPERTY_CASES / 5);
}
