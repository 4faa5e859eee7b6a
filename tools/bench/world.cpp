// World workload for `cmksim-bench world`: P projects x C clusters x E endpoints for D days with
// default settings. Projects alternate AWS / Azure key providers with requirePrivateNetworking;
// endpoints are created through the API at time zero (Azure ones approved 5 minutes later);
// every 10th project has its key disabled on day 3 and restored on day 4 (shutdown + restart).

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "models/world.h"
#include "tools/bench/world.h"
#include "sim/simulation.h"

namespace bench {

WorldResult run_world(std::uint64_t projects, std::uint64_t clusters_per_project, std::uint64_t endpoints_per_project,
                      std::uint64_t days, std::uint64_t seed, bool fast_forward) {
  const auto start = std::chrono::steady_clock::now();
  sim::Simulation sim(seed);
  models::Settings settings;
  settings.validation_phase = models::ValidationPhase::random;  // spread the 15-minute ticks
  models::World world(sim, settings);
  world.set_fast_forward(fast_forward);
  world.reserve(projects, projects * clusters_per_project, projects * endpoints_per_project);
  const std::vector<std::string> awsRegions{"US_EAST_1", "US_WEST_2", "EU_WEST_1", "EU_CENTRAL_1"};
  const std::vector<std::string> azRegions{"US_EAST_2", "US_WEST_2", "EUROPE_WEST", "EUROPE_NORTH"};
  const std::uint64_t nRegions = std::max<std::uint64_t>(1, std::min<std::uint64_t>(endpoints_per_project, 4));

  for (std::uint64_t i = 0; i < projects; ++i) {
    const bool aws = i % 2 == 0;
    const models::Provider prov = aws ? models::Provider::AWS : models::Provider::AZURE;
    const auto& regions = aws ? awsRegions : azRegions;
    models::ProjectSetup ps;
    ps.name = "p" + std::to_string(i);
    models::KmsSetup k;
    k.provider = prov;
    k.requirePrivateNetworking = true;
    k.region = regions[0];
    ps.kms.push_back(k);
    const models::ProjectIx p = world.add_project(ps);
    for (std::uint64_t c = 0; c < clusters_per_project; ++c) {
      models::ClusterSetup cs;
      cs.project = ps.name;
      cs.name = "c" + std::to_string(c);
      cs.encryptionAtRestProvider = prov;
      cs.regions.push_back({regions[c % nRegions], prov, 3});
      world.add_cluster(cs);
    }
    for (std::uint64_t e = 0; e < endpoints_per_project; ++e) {
      const models::Outcome o = world.create_endpoint(p, prov, regions[e % regions.size()] + (e >= regions.size() ? std::to_string(e) : ""));
      if (!aws && o.ok()) {
        const models::EndpointIx ix = *world.find_endpoint(o.createdId());
        sim.schedule_after(sim::Duration::minutes(5), [&world, ix] { world.approve_endpoint(ix); });
      }
    }
    if (i % 10 == 0 && days > 4) {
      sim.schedule_after(sim::Duration::days(3), [&world, p, prov] { world.disable_key(p, prov); });
      sim.schedule_after(sim::Duration::days(4), [&world, p, prov] { world.enable_key(p, prov); });
    }
  }
  sim.run_until(sim::Time::zero() + sim::Duration::days(static_cast<std::int64_t>(days)));
  world.account_elided_ticks();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {sim.fired_count(), sim.fired_count() - world.ticks_elided(), seconds};
}

}  // namespace bench
