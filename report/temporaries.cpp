#include "report/temporaries.h"

#include <atomic>
#include <csignal>
#include <cstring>

#include <unistd.h>

#include <fmt/format.h>

#include "report/atomic_file.h"

namespace report {
namespace {

// Fixed storage: the handler may only touch memory that is never reallocated, and unlink().
constexpr int kSlots = 32;
constexpr std::size_t kMaxPath = 4096;
struct Slot {
  std::atomic<bool> used{false};
  char path[kMaxPath] = {};
};
Slot slots[kSlots];
std::atomic<bool> installed{false};

extern "C" void remove_temporaries_and_reraise(int sig) {
  const int saved = errno;
  for (Slot& s : slots)
    if (s.used.load(std::memory_order_acquire)) ::unlink(s.path);
  errno = saved;
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

// Installs the handler for SIGINT and SIGTERM once, leaving a signal alone that was ignored at
// start (a background job, nohup): the process would not have died of it anyway.
void install_handlers() {
  if (installed.exchange(true)) return;
  for (int sig : {SIGINT, SIGTERM}) {
    struct sigaction old{};
    if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;
    struct sigaction sa{};
    sa.sa_handler = remove_temporaries_and_reraise;
    sigemptyset(&sa.sa_mask);
    ::sigaction(sig, &sa, nullptr);
  }
}

}  // namespace

int register_temporary(const std::string& path) {
  if (path.size() >= kMaxPath) throw OutputError(fmt::format("{}: path is too long", path));
  install_handlers();
  for (int i = 0; i < kSlots; ++i) {
    Slot& s = slots[i];
    if (s.used.load(std::memory_order_acquire)) continue;
    std::memcpy(s.path, path.c_str(), path.size() + 1);
    s.used.store(true, std::memory_order_release);
    return i;
  }
  throw OutputError(fmt::format("{}: more than {} temporary files open at once", path, kSlots));
}

void unregister_temporary(int slot) noexcept {
  if (slot >= 0 && slot < kSlots) slots[slot].used.store(false, std::memory_order_release);
}

}  // namespace report
