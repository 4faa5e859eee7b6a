// The wait loop of the Terraform plugin SDK (helper/retry StateChangeConf.WaitForStateContext,
// terraform-plugin-sdk v2 helper/retry/state.go), run on the simulation's clock: the provider's
// waits for a private endpoint's status and its retried encryption-at-rest PATCH both use it.
//
// SDK rules kept here (spec §7):
//   - the first refresh runs at once (Delay 0); then the gap starts at 100 ms, doubles after every
//     refresh and is clamped to MinTimeout from below and to 10 s from above, so with MinTimeout
//     30 s the gaps alternate 30 s / 10 s (refreshes at 0, 30, 40, 70, 80 ... s) and with 5 s they
//     go 5, 10, 10 ... s;
//   - a refresh error ends the wait at once with that error (no retry);
//   - a state in Target ends it; one in neither Pending nor Target ends it with "unexpected state";
//   - at Timeout (from the start) it ends with the TimeoutError text. The SDK's 30 s grace only
//     lets a refresh already in flight finish; the model answers at once, so none is ever in
//     flight and the timeout ends the wait exactly then (a refresh due at that very instant is
//     not started: the deadline was scheduled first).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/simulation.h"

namespace models::clients {

struct WaitConf {
  std::vector<std::string> pending, target;
  sim::Duration timeout;
  sim::Duration minTimeout;
};

// What one refresh saw: a state, or an error text (then the state is ignored).
struct Reading {
  std::string state;
  std::optional<std::string> error;
};

struct WaitEnd {
  enum class Kind { reached, refresh_error, unexpected_state, timeout };
  Kind kind = Kind::reached;
  std::string state;    // the last state read ("" if none)
  std::string message;  // the SDK's error text; empty when reached
};

// Refresh number n (1-based) saw `r`; `next` is the gap before the next one (nullopt: none follows).
using ReadingNote = std::function<void(int n, const Reading& r, std::optional<sim::Duration> next)>;

// Starts a wait now: runs the first refresh before returning, the rest on the simulation's clock,
// and calls `done` once. The wait keeps itself alive until then.
void wait_for_state(sim::Simulation& sim, WaitConf conf, std::function<Reading()> refresh, ReadingNote note,
                    std::function<void(const WaitEnd&)> done);

// The SDK's gap after a refresh, given the one before (0 before the first): the doubling clamp.
sim::Duration next_gap(sim::Duration previous, sim::Duration minTimeout);

// "timeout while waiting for state to become 'A, B' (last state: 'X', timeout: 3h0m0s)"
// (SDK helper/retry/error.go TimeoutError.Error).
std::string timeout_text(const std::vector<std::string>& target, const std::string& lastState, sim::Duration timeout);
// "unexpected state 'X', wanted target 'A, B'. last error: %!s(<nil>)" (UnexpectedStateError.Error;
// Go prints a nil error so).
std::string unexpected_state_text(const std::string& state, const std::vector<std::string>& target);

}  // namespace models::clients
