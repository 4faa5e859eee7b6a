// The progress bar of `cmksim sweep` and `cmksim explore`: runs done, with an ETA, on stderr, drawn
// only when stderr is a terminal (so logs and pipes stay clean). Redraws in place with \r; finish()
// ends the line.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace sweep {

class ProgressBar {
 public:
  // Enabled when `out` is a terminal (isatty) unless `force_off`.
  explicit ProgressBar(std::FILE* out = stderr, bool force_off = false);
  void update(std::uint64_t done, std::uint64_t total);
  void finish();
  bool enabled() const { return enabled_; }

  // The line drawn for `done` of `total` after `elapsed` seconds (for tests).
  static std::string line(std::uint64_t done, std::uint64_t total, double elapsed);

 private:
  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace sweep
