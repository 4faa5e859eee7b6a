// AtomicFile: an output file that appears complete or not at all. Content goes to
// "<target>.tmp.<pid>" in the target's directory; commit() flushes, fsyncs and renames it over the
// target. Destroying an uncommitted AtomicFile (an error, an exception) removes the temporary, so a
// failed run never leaves half a file behind and never clobbers an older complete one; SIGINT and
// SIGTERM remove it too (report/temporaries.h).
//
// It only ever replaces a regular file: an existing device, FIFO, socket or symlink at the target
// is refused (report/output_set.h writes those in place and follows symlinks before it gets here).
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>

namespace report {

// A file that cannot be created, written or renamed. what() is one line: "<path>: <reason>".
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class AtomicFile {
 public:
  // Creates the temporary at once, so a bad path (missing directory, no permission) fails here,
  // before any work is done. `path` names the file in messages; `target` (default: `path`) is
  // where it is written, e.g. the file a symlink at `path` points to. Throws OutputError.
  explicit AtomicFile(std::string path, std::string target = "");
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  AtomicFile(AtomicFile&& o) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  ~AtomicFile();

  void write(std::string_view text);  // throws OutputError
  void commit();                      // finish() then publish()
  // The two halves of commit, so several files can be committed together: finish() flushes,
  // fsyncs and closes the temporary; publish() renames it over the target. Both throw
  // OutputError and remove the temporary on failure.
  void finish();
  void publish();
  void discard() noexcept;  // close and remove the temporary (unless published)

  const std::string& path() const { return path_; }
  const std::string& target() const { return target_; }
  const std::string& temp_path() const { return temp_; }
  bool committed() const { return committed_; }

 private:
  [[noreturn]] void fail(const std::string& what);
  std::string path_, target_, temp_;
  std::FILE* file_ = nullptr;
  bool finished_ = false;  // closed, not yet renamed: the temporary still exists
  bool committed_ = false;
  int slot_ = -1;          // in the signal-cleanup registry
};

// Writes the whole content atomically (AtomicFile + write + commit).
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace report
