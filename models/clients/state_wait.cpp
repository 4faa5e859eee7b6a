#include "models/clients/state_wait.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/clients/go_text.h"

namespace models::clients {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

struct Wait : std::enable_shared_from_this<Wait> {
  sim::Simulation& sim;
  WaitConf conf;
  std::function<Reading()> refresh;
  ReadingNote note;
  std::function<void(const WaitEnd&)> done;
  sim::EventHandle deadline, nextPoll;
  sim::Duration gap;  // 0 before the first refresh
  std::string lastState;
  int polls = 0;
  bool over = false;

  Wait(sim::Simulation& s, WaitConf c, std::function<Reading()> r, ReadingNote n, std::function<void(const WaitEnd&)> d)
      : sim(s), conf(std::move(c)), refresh(std::move(r)), note(std::move(n)), done(std::move(d)) {}

  void finish(WaitEnd e) {
    over = true;
    sim.cancel(deadline);
    sim.cancel(nextPoll);
    done(e);
  }

  // One refresh, and what it decides (SDK state.go: error, target, pending, unexpected).
  void poll() {
    if (over) return;
    const Reading r = refresh();
    ++polls;
    if (r.error) {
      if (note) note(polls, r, std::nullopt);
      return finish({WaitEnd::Kind::refresh_error, lastState, *r.error});
    }
    lastState = r.state;
    if (contains(conf.target, r.state)) {
      if (note) note(polls, r, std::nullopt);
      return finish({WaitEnd::Kind::reached, r.state, ""});
    }
    if (!contains(conf.pending, r.state)) {
      if (note) note(polls, r, std::nullopt);
      return finish({WaitEnd::Kind::unexpected_state, r.state, unexpected_state_text(r.state, conf.target)});
    }
    gap = next_gap(gap, conf.minTimeout);
    if (note) note(polls, r, gap);
    nextPoll = sim.schedule_after(gap, [self = shared_from_this()] { self->poll(); });
  }
};

}  // namespace

sim::Duration next_gap(sim::Duration previous, sim::Duration minTimeout) {
  // state.go: the first round waits 0 and then sets 100 ms; after each refresh the wait doubles,
  // then `if wait < MinTimeout { wait = MinTimeout } else if wait > 10s { wait = 10s }`.
  const sim::Duration base = previous.ms() == 0 ? sim::Duration::milliseconds(100) : previous;
  sim::Duration w = sim::Duration::milliseconds(base.ms() * 2);
  if (w < minTimeout) w = minTimeout;
  else if (w > sim::Duration::seconds(10)) w = sim::Duration::seconds(10);
  return w;
}

std::string timeout_text(const std::vector<std::string>& target, const std::string& lastState, sim::Duration timeout) {
  std::vector<std::string> extra;
  if (!lastState.empty()) extra.push_back(fmt::format("last state: '{}'", lastState));
  if (timeout.ms() > 0) extra.push_back(fmt::format("timeout: {}", go_duration(timeout)));
  const std::string suffix = extra.empty() ? "" : fmt::format(" ({})", fmt::join(extra, ", "));
  return fmt::format("timeout while waiting for state to become '{}'{}", fmt::join(target, ", "), suffix);
}

std::string unexpected_state_text(const std::string& state, const std::vector<std::string>& target) {
  return fmt::format("unexpected state '{}', wanted target '{}'. last error: %!s(<nil>)", state, fmt::join(target, ", "));
}

void wait_for_state(sim::Simulation& sim, WaitConf conf, std::function<Reading()> refresh, ReadingNote note,
                    std::function<void(const WaitEnd&)> done) {
  auto w = std::make_shared<Wait>(sim, std::move(conf), std::move(refresh), std::move(note), std::move(done));
  w->deadline = sim.schedule_after(w->conf.timeout, [w] {
    if (!w->over) w->finish({WaitEnd::Kind::timeout, w->lastState, timeout_text(w->conf.target, w->lastState, w->conf.timeout)});
  });
  w->poll();
}

}  // namespace models::clients
