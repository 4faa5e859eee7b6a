// `cmksim explore FILE --runs N --seed S [--out repro.yaml] [--coverage]` (issue 6 §4): perturb a
// scenario the way the real world does, run it many times, check its own expectations and the
// built-in invariants, shrink a violation and write a standalone repro scenario.
#pragma once

#include <ostream>

#include "options.h"

namespace cli {

// args: everything after `explore`. Returns 0 (no violation), 1 (violation found, repro written),
// 2 (the repro file cannot be written; one message on `err`). Usage mistakes throw UsageError,
// bad input scenario::InputError (main maps both to 2).
int run_explore(const Args& args, std::ostream& out, std::ostream& err);
void help_explore(std::ostream& out);

}  // namespace cli
