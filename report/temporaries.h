// Temporary files that must not outlive the process: the AtomicFile temporaries and the backup
// links of a group commit. While one is registered, SIGINT and SIGTERM remove every registered
// file and then end the process by the same signal (so the shell still sees "killed by SIGINT").
// A signal the process was started ignoring stays ignored.
#pragma once

#include <string>

namespace report {

// Registers `path` for removal on SIGINT/SIGTERM (installing the handlers on first use). Returns
// its slot for unregister_temporary. Throws OutputError when the path is too long or every slot is
// taken (more temporaries than any command opens).
int register_temporary(const std::string& path);

// Forgets the slot (after the file was renamed or removed); a negative slot is ignored.
void unregister_temporary(int slot) noexcept;

}  // namespace report
