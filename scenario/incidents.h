// The incident processes of a run (FORMAT.md "Fleets"). Each process is an alternating renewal
// process: wait an `every:` draw, do its start actions, wait a `duration:` draw, do its end
// actions, and wait again (from the end, as the benchmark's SimPy peer does, so one process never
// overlaps itself). The actions are catalogue actions performed through World::perform, so the
// model's records (operations, transitions, alerts) are the same as for a written timeline step.
//
// Determinism: targets and draws come from streams derived from the run's seed
// (sim::Random::derive), one per process and target, never from the model's own stream, so adding
// an incident does not move any other draw, and a seed gives the same incidents every time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/world.h"
#include "scenario/scenario.h"
#include "sim/random.h"
#include "sim/simulation.h"

namespace scenario {

// What one incident does to one project: the key block it uses, the region it happens in (the
// key's, or the endpoint's for endpoint_rejected) and the clusters a restart may pick.
struct IncidentHit {
  std::string project;
  models::Provider provider = models::Provider::NONE;
  std::string region;
  std::vector<std::string> clusters;
};

// The project as this incident's kind can hit it, or nullopt: key_disabled and kms_outage need an
// enabled key (of the target's provider, if it names one), secret_expiry an enabled Azure key,
// endpoint_rejected an endpoint at time zero, the restarts a cluster.
std::optional<IncidentHit> eligible(const IncidentSpec& x, const ProjectSpec& p);

// The hits of each process of `x`: one process with every project keyed in the region (region:),
// one per chosen project (share:, chosen by `seed`), or the one project (project:).
std::vector<std::vector<IncidentHit>> incident_processes(const IncidentSpec& x, const std::vector<ProjectSpec>& projects,
                                                         std::uint64_t seed);

class Incidents {
 public:
  // Schedules the first arrival of every process; none after `horizon`.
  Incidents(const Scenario& s, std::uint64_t seed, sim::Simulation& sim, models::World& world);
  ~Incidents();
  Incidents(const Incidents&) = delete;
  Incidents& operator=(const Incidents&) = delete;

 private:
  struct Process;
  void arm(Process& p);
  void start(Process& p);
  void finish(Process& p);
  // Performs one action of an incident; refusals are part of the story (recorded), not errors.
  void act(const Process& p, const IncidentHit& h, std::string_view action, const std::string& cluster = {});
  void note(const Process& p, std::string_view phase);

  sim::Simulation& sim_;
  models::World& world_;
  sim::Time horizon_;
  std::vector<std::unique_ptr<Process>> processes_;
};

}  // namespace scenario
