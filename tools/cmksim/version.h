// The version of cmksim (the project's) and the commit it was built from (`git describe` at build
// time, "unknown" outside a git tree): what `cmksim --version` prints.
#pragma once

namespace cli {

extern const char* const kVersion;
extern const char* const kCommit;

}  // namespace cli
