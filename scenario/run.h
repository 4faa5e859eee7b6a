// The scenario layer's public face: load a file into plain structs, then run it on a fresh
// simulation + model. (Contract between scenario/ and the CLI; see scenario.h for the structs.)
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/world.h"
#include "scenario/input_error.h"
#include "scenario/scenario.h"
#include "sim/observer.h"
#include "sim/simulation.h"

namespace scenario {

// Parse and check a scenario; throws InputError (file:line:column) on any problem.
Scenario load_file(const std::string& path);
// The text of a scenario file (or device, or pipe; `-` is standard input), read up to the size
// limit plus one byte and refused past it.
std::string read_scenario_file(const std::string& path);
Scenario parse(std::string_view yaml_text, const std::string& file_label);

struct ExpectationResult {
  std::string description;  // e.g. "cluster orders stateName == IDLE at 2h"
  SourceLocation where;     // the expect: entry in the file
  bool passed = false;
  sim::Time at;             // simulated time the verdict was reached
  std::string expected;
  std::string seen;
};

struct RunResult {
  std::uint64_t seed = 0;
  sim::Time end;
  std::uint64_t events_fired = 0;
  std::vector<ExpectationResult> expectations;  // expect:, expect_error: and invariants:, in file order
  bool passed() const;
};

// How a run is carried out, not what it models (those are Settings): the results are the same.
struct RunOptions {
  // Idle validation ticks cost no kernel event (models::World::set_fast_forward); the events they
  // would have been still count in events_fired and against the event limit.
  bool fastForward = true;
};

class Run {
 public:
  // Builds the world at time zero and schedules the timeline; throws InputError (at the entry)
  // when the model refuses the setup. execute() throws InputError when the event limit is hit.
  explicit Run(const Scenario& s, std::optional<std::uint64_t> seed_override = std::nullopt, RunOptions options = {});
  ~Run();
  Run(const Run&) = delete;
  Run& operator=(const Run&) = delete;

  // Observers see every fired event and every Record (transitions, alerts, operations, verdicts).
  void add_observer(sim::Observer* o);
  RunResult execute();  // runs to the horizon
  const models::World& world() const;
  sim::Simulation& simulation();
  // Stop with InputError once this many events have fired (default limits::kMaxFiredEvents).
  void set_event_limit(std::uint64_t limit);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scenario
