// AtomicFile: an output file that appears complete or not at all. Content goes to
// "<path>.tmp.<pid>" in the same directory; commit() flushes, fsyncs and renames it over <path>.
// Destroying an uncommitted AtomicFile (an error, an exception) removes the temporary, so a failed
// run never leaves half a file behind and never clobbers an older complete one.
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
  // before any work is done. Throws OutputError.
  explicit AtomicFile(std::string path);
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  AtomicFile(AtomicFile&& o) noexcept;
  AtomicFile& operator=(AtomicFile&&) = delete;
  ~AtomicFile();

  void write(std::string_view text);  // throws OutputError
  void commit();                      // flush, fsync, close, rename; throws OutputError
  void discard() noexcept;            // close and remove the temporary

  const std::string& path() const { return path_; }
  const std::string& temp_path() const { return temp_; }
  bool committed() const { return committed_; }

 private:
  [[noreturn]] void fail(const std::string& what);
  std::string path_, temp_;
  std::FILE* file_ = nullptr;
  bool committed_ = false;
};

// Writes the whole content atomically (AtomicFile + write + commit).
void write_file_atomically(const std::string& path, std::string_view content);

}  // namespace report
