// `cmksim sweep` and `cmksim merge` (issue 7): many seeded runs of a scenario, aggregated.
// Usage mistakes throw cli::UsageError, bad scenario or partial files scenario::InputError,
// unwritable outputs report::OutputError (main maps each to exit 2).
#pragma once

#include <ostream>

#include "options.h"

namespace cli {

int run_sweep(const Args& args, std::ostream& out, std::ostream& err);
int run_merge(const Args& args, std::ostream& out, std::ostream& err);
void print_sweep_help(std::ostream& out);
void print_merge_help(std::ostream& out);

}  // namespace cli
