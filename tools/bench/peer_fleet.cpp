// The peer's fleet on the Atlas model. What the peer's docstring states, and how it maps here:
//   - C CMK clusters per project: AWS key, one region, clusters RUNNING at time zero;
//   - the peer's E endpoints per project are not built: they only change their own status there,
//     while here an endpoint exists only under requirePrivateNetworking, and its first ACTIVE one
//     moves every CMK cluster onto the private path to the key (spec §2.5), which the peer's keys
//     are not on. So the model holds none, and `endpoints=` says so;
//   - a validation phase in whole minutes uniform in [0, 15), then every 15 minutes;
//   - the peer restarts a disabled cluster at the check that finds the key valid, at once:
//     restart_duration 0;
//   - key incidents: wait Exp(mean 10 days), key disabled for LogNormal(median 60 min, sigma 1),
//     then enabled; KMS outages: wait Exp(mean 20 days), unreachable for Exp(mean 30 min).
// Disabled cluster-minutes and shutdowns are read off the clusters' transitions.
#include "tools/bench/peer_fleet.h"

#include <chrono>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "models/subject.h"
#include "models/world.h"
#include "sim/simulation.h"

namespace bench {
namespace {

constexpr double kMinute = 60'000.0;  // ms
constexpr double kKeyIncidentMean = 10 * 1440 * kMinute;
constexpr double kKeyIncidentMedian = 60 * kMinute;
constexpr double kKeyIncidentSigma = 1.0;
constexpr double kOutageMean = 20 * 1440 * kMinute;
constexpr double kOutageDurationMean = 30 * kMinute;

sim::Duration ms(double x) { return sim::Duration::milliseconds(std::llround(x)); }

// Shutdowns and disabled time, from the cluster transitions the model records.
struct DisabledTally : sim::Observer {
  std::vector<double> disabledSince;  // ms, per cluster; < 0 while not disabled
  double disabledMs = 0;
  std::uint64_t shutdowns = 0;
  bool wants(sim::RecordKind k) const override { return k == sim::RecordKind::transition; }
  bool wants_names() const override { return false; }  // keys on the subject
  void on_record(const sim::Record& r) override {
    if (r.kind != sim::RecordKind::transition || models::entity_of(r.subject).kind != models::EntityKind::cluster) return;
    const std::uint32_t c = r.subject.index;
    if (c >= disabledSince.size()) disabledSince.resize(c + 1, -1.0);
    const std::string_view disabled = models::cluster_state_name(models::ClusterState::DISABLED_EAR);
    if (r.to == disabled && r.from != disabled) {
      ++shutdowns;
      disabledSince[c] = static_cast<double>(r.at.ms());
    } else if (r.from == disabled && r.to != disabled && disabledSince[c] >= 0) {
      disabledMs += static_cast<double>(r.at.ms()) - disabledSince[c];
      disabledSince[c] = -1.0;
    }
  }
};

// The two fault processes of one project, each waiting for its next fault once one is over.
struct Faults {
  sim::Simulation& sim;
  models::World& world;
  models::ProjectIx p;
  void next_key_incident() {
    sim.schedule_after(ms(sim.random().exponential(kKeyIncidentMean)), [this] {
      world.disable_key(p, models::Provider::AWS);
      const double d = sim.random().lognormal(std::log(kKeyIncidentMedian), kKeyIncidentSigma);
      sim.schedule_after(ms(d), [this] {
        world.enable_key(p, models::Provider::AWS);
        next_key_incident();
      });
    });
  }
  void next_outage() {
    sim.schedule_after(ms(sim.random().exponential(kOutageMean)), [this] {
      world.kms_outage_start(p, models::Provider::AWS);
      sim.schedule_after(ms(sim.random().exponential(kOutageDurationMean)), [this] {
        world.kms_outage_end(p, models::Provider::AWS);
        next_outage();
      });
    });
  }
};

models::Settings peer_settings() {
  models::Settings s;
  s.restart_duration = sim::Duration::minutes(0);
  s.t_aws_prov = sim::Distribution(sim::Uniform{sim::Duration::minutes(3), sim::Duration::minutes(8)});
  return s;
}

// One project as the peer builds it (without its endpoints): clusters, then its validator phase.
models::ProjectIx add_peer_project(models::World& world, sim::Random& random, std::uint64_t i, std::uint64_t clusters) {
  models::ProjectSetup ps;
  ps.name = "p" + std::to_string(i);
  ps.kms.push_back(models::KmsSetup{});  // AWS, US_EAST_1, public network
  ps.validationPhase = sim::Duration::minutes(random.uniform_int(0, 14));
  const models::ProjectIx p = world.add_project(ps);
  for (std::uint64_t c = 0; c < clusters; ++c) {
    models::ClusterSetup cs;
    cs.project = ps.name;
    cs.name = "c" + std::to_string(c);
    cs.encryptionAtRestProvider = models::Provider::AWS;
    world.add_cluster(cs);
  }
  return p;
}

}  // namespace

PeerFleetResult run_peer_fleet(std::uint64_t projects, std::uint64_t clusters_per_project, std::uint64_t days,
                               std::uint64_t seed, bool fast_forward) {
  const auto start = std::chrono::steady_clock::now();
  sim::Simulation sim(seed);
  models::World world(sim, peer_settings());
  world.set_fast_forward(fast_forward);
  world.reserve(projects, projects * clusters_per_project, 0);
  DisabledTally tally;
  tally.disabledSince.assign(projects * clusters_per_project, -1.0);
  sim.add_observer(&tally);
  std::vector<Faults> faults;
  faults.reserve(projects);
  for (std::uint64_t i = 0; i < projects; ++i) {
    const models::ProjectIx p = add_peer_project(world, sim.random(), i, clusters_per_project);
    faults.push_back(Faults{sim, world, p});
    faults.back().next_key_incident();
    faults.back().next_outage();
  }
  const sim::Time horizon = sim::Time::zero() + sim::Duration::days(static_cast<std::int64_t>(days));
  sim.run_until(horizon);
  world.account_elided_ticks();
  for (double since : tally.disabledSince)
    if (since >= 0) tally.disabledMs += static_cast<double>(horizon.ms()) - since;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {sim.fired_count(), sim.fired_count() - world.ticks_elided(), seconds, tally.disabledMs / kMinute, tally.shutdowns,
          world.endpoints().size()};
}

}  // namespace bench
