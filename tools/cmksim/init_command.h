// `cmksim init [--cloud aws|azure|gcp] [--private-endpoints]`: a commented starter scenario on
// stdout that passes `cmksim validate` and `cmksim run` as written.
#pragma once

#include <ostream>

#include "options.h"

namespace cli {

int init_command(const Args& args, std::ostream& out, std::ostream& err);
void help_init(std::ostream& out);

}  // namespace cli
