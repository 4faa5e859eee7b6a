// The planted bug (issue 6 "What it must show"): this executable links a copy of the models built
// with CMKSIM_PLANTED_BUG, in which the first scheduled check that finds a key invalid does not
// shut the clusters down (the tick waits one interval too many; seed 003 §'Validate your KMS
// Configuration' says the next scheduled check). The property must fail, on the invariant that
// rule gives, and RapidCheck must shrink the counterexample to a handful of commands.
#include <doctest/doctest.h>

#include <sstream>

#include "lifecycle.h"
#include "rc_doctest.h"

TEST_CASE("planted bug: shutdown one interval late is found and shrunk to at most 6 commands") {
  lifecycle::only_invariant() = "shutdown_within_one_validation_interval";
  sim::TransitionCoverage cov;
  const auto r = rc_doctest::run("planted bug", [&] { lifecycle::lifecycle_property(cov); }, 300);
  REQUIRE_MESSAGE(r.is<rc::detail::FailureResult>(), "the property did not fail: " << rc_doctest::message(r));
  const auto& f = r.get<rc::detail::FailureResult>();
  CHECK(f.description.find("shutdown_within_one_validation_interval") != std::string::npos);
  // The counterexample: the initial model, then the command list, one command per line.
  REQUIRE(f.counterExample.size() >= 2);
  std::istringstream commands(f.counterExample.back().second);
  int n = 0;
  for (std::string line; std::getline(commands, line);)
    if (!line.empty()) ++n;
  CHECK(n >= 1);
  CHECK(n <= 6);
  MESSAGE("shrunk counterexample (" << n << " commands):\n" << rc_doctest::message(r));
}
