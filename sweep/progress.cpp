#include "sweep/progress.h"

#include <unistd.h>

#include <fmt/format.h>

namespace sweep {

ProgressBar::ProgressBar(std::FILE* out, bool force_off)
    : out_(out), enabled_(!force_off && isatty(fileno(out)) != 0), start_(std::chrono::steady_clock::now()) {}

std::string ProgressBar::line(std::uint64_t done, std::uint64_t total, double elapsed) {
  const int width = 30;
  const double frac = total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
  const int filled = static_cast<int>(frac * width);
  std::string eta = "--";
  if (done > 0 && done < total) {
    const double left = elapsed * static_cast<double>(total - done) / static_cast<double>(done);
    eta = left >= 60 ? fmt::format("{}m{:02}s", static_cast<int>(left) / 60, static_cast<int>(left) % 60) : fmt::format("{:.0f}s", left);
  } else if (done >= total) {
    eta = "0s";
  }
  return fmt::format("[{}{}] {:3.0f}% {}/{} runs  {:.1f}s  ETA {}", std::string(static_cast<std::size_t>(filled), '#'),
                     std::string(static_cast<std::size_t>(width - filled), '.'), frac * 100, done, total, elapsed, eta);
}

void ProgressBar::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_) return;
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  fmt::print(out_, "\r{}\x1b[K", line(done, total, elapsed));
  std::fflush(out_);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (enabled_ && drawn_) {
    fmt::print(out_, "\n");
    std::fflush(out_);
  }
  drawn_ = false;
}

}  // namespace sweep
