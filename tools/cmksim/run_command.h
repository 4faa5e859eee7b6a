// `cmksim run FILE...`: runs scenarios to their horizon; prints the timeline and the verdicts and
// writes the --trace, --chrome and --state files.
#pragma once

#include <ostream>

#include "options.h"

namespace cli {

// Exit status 0 every expectation met, 1 one failed; usage and input errors throw (see commands.h).
int run_command(const Args& args, std::ostream& out, std::ostream& err);
void help_run(std::ostream& out);

}  // namespace cli
