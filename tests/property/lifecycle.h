// The stateful property over the Atlas model (issue 6 §1): a reference model of what Atlas
// promises (Model), the system under test (Sut: Simulation + World + the built-in invariants as
// observers) and one RapidCheck command per operation, cloud-console act, fault and passage of time.
//
// The Model is what a customer can predict without looking at Atlas: the state of their own key
// and its access grant (spec §2.8, with the documented waiting period and recovery window), the
// project state, the clock. Commands compare the World against it (run()), and every command and
// every fired event in between is checked by explore::InvariantChecker. Outcomes that depend on
// Atlas' asynchronous work (endpoint statuses, cluster restarts) are checked against the documented
// guard order (spec §3.1) computed from the World's state just before the call.
#pragma once

#include <array>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include "explore/coverage.h"
#include "explore/invariants.h"
#include "explore/trace_hash.h"
#include "models/world.h"
#include "sim/simulation.h"

namespace lifecycle {

using models::Provider;

inline constexpr const char* kProject = "shop";
inline const std::array<Provider, 3> kProviders{Provider::AWS, Provider::AZURE, Provider::GCP};
// Regions per cloud used by the generators (two each, so multi-region rules are exercised).
inline const char* region_of(Provider cloud, int i) {
  if (cloud == Provider::AZURE) return i % 2 ? "EUROPE_NORTH" : "US_EAST_2";
  return i % 2 ? "US_WEST_2" : "US_EAST_1";
}

// ---------------------------------------------------------------- reference model
struct KeyModel {
  models::KeyState key = models::KeyState::ENABLED;
  sim::Time keySince;  // when key entered its state (timers of spec §2.8)
  models::AccessState access = models::AccessState::GRANTED;
};

struct Model {
  std::uint64_t seed = 0;
  models::Settings settings;
  std::string settingsText;  // the settings that differ from the defaults, for show()
  std::array<KeyModel, 3> keys;
  sim::Time now;
  bool projectActive = true;
  int clustersCreated = 0;
  int endpointRequests = 0;

  KeyModel& key(Provider p) { return keys[models::block_index(p)]; }
  const KeyModel& key(Provider p) const { return keys[models::block_index(p)]; }
  // Key timers (spec §2.8): scheduled deletion -> DELETED after the waiting period; DELETED ->
  // DESTROYED after the recovery window (seed 003 §'Restore a Deleted Key'; seed 000 warning).
  void advance_to(sim::Time t) {
    for (KeyModel& k : keys) {
      for (;;) {
        if (k.key == models::KeyState::PENDING_DELETION && k.keySince + settings.key_deletion_waiting_period <= t) {
          k.keySince = k.keySince + settings.key_deletion_waiting_period;
          k.key = models::KeyState::DELETED;
        } else if (k.key == models::KeyState::DELETED && k.keySince + settings.key_recovery_window <= t) {
          k.keySince = k.keySince + settings.key_recovery_window;
          k.key = models::KeyState::DESTROYED;
        } else {
          break;
        }
      }
    }
    now = t;
  }
};

// RapidCheck prints the initial model of a counterexample with this.
inline void showValue(const Model& m, std::ostream& os) {
  os << "seed " << m.seed << ", settings: " << (m.settingsText.empty() ? "defaults" : m.settingsText);
}

// The settings a case runs under: the documented defaults, or one of the open choices of spec §5
// (so guarded rows of the tables are reachable). Timings keep their documented values.
rc::Gen<Model> initial_model();

// ---------------------------------------------------------------- system under test
struct Sut {
  sim::Simulation sim;
  models::World world;
  explore::InvariantChecker checker;
  explore::CoverageRecorder coverage;
  explore::TraceHash hash;

  // fastForward: the world skips idle ticks (World::set_fast_forward); the invariant checker finds
  // the same either way (explore::InvariantChecker::on_fired).
  Sut(const Model& m, sim::TransitionCoverage& cov, bool fastForward = false);
  ~Sut();
  Sut(const Sut&) = delete;
  Sut& operator=(const Sut&) = delete;

  models::Outcome perform(models::ActionRequest rq);
  // Invariants after a command: RC_FAIL naming the first violation.
  void check();
  std::vector<models::EndpointIx> live_endpoints() const;
};

// When not empty, only this built-in invariant fails a case (the planted-bug test narrows the
// property to the rule it switched off, so shrinking cannot wander to another finding).
std::string& only_invariant();

using Command = rc::state::Command<Model, Sut>;

// All command types, for rc::state::gen::execOneOfWithArgs (see lifecycle.cpp).
rc::Gen<std::shared_ptr<const Command>> command_for(const Model& m);

// Runs a property over generated lifecycles; coverage accumulates into `cov`.
void lifecycle_property(sim::TransitionCoverage& cov);
// Same initial model and commands twice: the same trace hash (determinism).
void determinism_property();
// Same initial model and commands with and without fast-forward: byte-identical records, final
// state and counters (fast_forward_property_test.cpp).
void fast_forward_lifecycle_property();

}  // namespace lifecycle
