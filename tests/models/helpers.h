// Test helpers: a world with a recording observer that also feeds one global transition coverage
// (checked by zz_coverage_test.cpp, which runs last in doctest's default file order).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "models/world.h"
#include "sim/machine_description.h"
#include "sim/simulation.h"

namespace testing {

inline sim::TransitionCoverage& coverage() {
  static sim::TransitionCoverage c;
  return c;
}

struct Recorder : sim::Observer {
  std::vector<sim::Record> records;
  void on_record(const sim::Record& r) override {
    if (r.kind == sim::RecordKind::transition) coverage().hit(r.machine, static_cast<std::size_t>(r.row));
    records.push_back(r);
  }
  static std::string field(const sim::Record& r, const std::string& k) {
    for (const auto& [a, b] : r.fields)
      if (a == k) return b;
    return {};
  }
  // Records of kind (alert/email/event) with that eventTypeName.
  std::vector<sim::Record> named(const std::string& eventTypeName) const {
    std::vector<sim::Record> out;
    for (const auto& r : records)
      if (field(r, "eventTypeName") == eventTypeName) out.push_back(r);
    return out;
  }
  std::size_t count(const std::string& eventTypeName) const { return named(eventTypeName).size(); }
};

inline sim::Duration min(std::int64_t m) { return sim::Duration::minutes(m); }
inline sim::Duration sec(std::int64_t s) { return sim::Duration::seconds(s); }
inline sim::Time at(sim::Duration d) { return sim::Time::zero() + d; }

struct Env {
  sim::Simulation sim;
  Recorder rec;
  std::unique_ptr<models::World> w;
  explicit Env(models::Settings s = {}, std::uint64_t seed = 7) : sim(seed) {
    sim.add_observer(&rec);
    w = std::make_unique<models::World>(sim, std::move(s));
  }
  ~Env() { sim.remove_observer(&rec); }

  // A project with one enabled block (and optionally requirePrivateNetworking).
  models::ProjectIx project(const std::string& name, models::Provider p, bool pn = false, models::KmsSetup k = {}) {
    k.provider = p;
    k.requirePrivateNetworking = pn;
    models::ProjectSetup ps;
    ps.name = name;
    ps.kms.push_back(k);
    return w->add_project(ps);
  }
  models::ClusterIx cluster(const std::string& project, const std::string& name, models::Provider ear,
                            std::vector<models::ClusterRegion> regions = {}) {
    models::ClusterSetup cs;
    cs.project = project;
    cs.name = name;
    cs.encryptionAtRestProvider = ear;
    cs.regions = std::move(regions);
    return w->add_cluster(cs);
  }
  void run_to(sim::Duration d) { sim.run_until(at(d)); }
  void run_for(sim::Duration d) { sim.run_until(sim.now() + d); }
  models::ClusterState state(models::ClusterIx c) const { return w->cluster(c).state(); }
  models::EndpointStatus status(models::EndpointIx e) const { return w->endpoint(e).state(); }
  models::EndpointIx ep(const models::Outcome& o) const { return *w->find_endpoint(o.createdId()); }
};

}  // namespace testing
