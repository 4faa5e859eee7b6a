// `cmksim explore FILE --runs N --seed S [--out repro.yaml] [--coverage]` (issue 6 §4): perturb a
// scenario the way the real world does, run it many times, check its own expectations and the
// built-in invariants, shrink a violation and write a standalone repro scenario.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cli {

// args: everything after `explore`. Returns 0 (no violation), 1 (violation found, repro written),
// 2 (bad input or usage; one message on stderr).
int run_explore(const std::vector<std::string>& args);
void help_explore(std::ostream& out);

}  // namespace cli
