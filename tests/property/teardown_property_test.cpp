// Property (issue 11 item 11): no combination of the open choices (spec §5) makes the documented
// teardown impossible. Over generated settings (every enumeration and boolean setting, and the
// fault probabilities but the stuck one) and generated histories (endpoints created, approved,
// rejected or removed in the cloud, clusters on the key), the teardown of seed 000 §'Disable
// Private Endpoint Connections...' and §'Disable Customer-Managed Keys...' always finishes: delete
// every endpoint "regardless of their state" (waiting while Atlas answers "try again later"), then
// requirePrivateNetworking off, each cluster off the key, and the project's key off. A combination
// under which it could not finish must be refused when the settings are read
// (models::deadlocking_combination). Left out on purpose: endpoint_stuck_prob, the observed stall
// that does leave endpoints behind (spec §6 #1).
#include <fmt/format.h>

#include "models/world.h"
#include "rc_doctest.h"

using namespace models;

namespace {

// Every enumeration and boolean setting drawn, and the failure probabilities at 0 or 0.5.
Settings generated_settings(std::string& text) {
  Settings s;
  for (const SettingInfo& i : setting_names()) {
    std::string value;
    if (i.kind == SettingKind::enumeration) value = std::string(*rc::gen::elementOf(i.allowed));
    else if (i.kind == SettingKind::boolean) value = *rc::gen::arbitrary<bool>() ? "true" : "false";
    else if (i.name == "endpoint_fail_prob" || i.name == "endpoint_delete_fail_prob") value = *rc::gen::element<std::string>("0", "0.5");
    else continue;
    s.set(i.name, value);
    if (value != i.default_text) text += fmt::format("{}={} ", i.name, value);
  }
  return s;
}

bool live(const PrivateEndpoint& ep) { return !ep.gone(); }

// One teardown pass at the current time; true once the project's key is off.
bool teardown_step(World& w, ProjectIx p, Provider cloud) {
  bool endpointsLeft = false;
  for (EndpointIx e : w.list_endpoints(p, cloud)) {
    endpointsLeft = true;
    const Outcome o = w.delete_endpoint(e);  // refusals mean "try again later" (G-EP-D)
    RC_ASSERT(o.ok() || o.httpStatus() == 400);
  }
  if (endpointsLeft) return false;
  if (w.project(p).block(cloud).requirePrivateNetworking) RC_ASSERT(w.set_require_private_networking(p, cloud, false).ok());
  bool clustersOnKey = false;
  for (ClusterIx c : w.project_clusters(p)) {
    const Cluster& cl = w.cluster(c);
    if (cl.encryptionAtRestProvider == Provider::NONE && !cl.applying && cl.queuedChanges.empty()) continue;
    clustersOnKey = true;
    if (cl.state() == ClusterState::PAUSED) RC_ASSERT(w.resume_cluster(c).ok());
    else if (cl.state() == ClusterState::RUNNING || cl.state() == ClusterState::DISABLED_EAR) w.disable_cluster_cmk(c);
  }
  if (clustersOnKey) return false;
  const Outcome off = w.disable_cmk(p, cloud);
  RC_ASSERT(off.code() != "CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS");
  return off.ok();
}

void teardown_property() {
  std::string text;
  Settings s = generated_settings(text);
  if (auto refused = deadlocking_combination(s)) {
    RC_ASSERT_THROWS_AS(s.check(), SettingError);  // refused when read, with a message naming it
    RC_TAG("refused");
    return;
  }
  RC_LOG() << text << "\n";
  const Provider cloud = *rc::gen::element(Provider::AWS, Provider::AZURE);
  sim::Simulation sim(*rc::gen::inRange<std::uint64_t>(0, 1000));
  World w(sim, s);
  ProjectSetup ps;
  ps.name = "p";
  KmsSetup k;
  k.provider = cloud;
  k.requirePrivateNetworking = true;
  ps.kms.push_back(k);
  const ProjectIx p = w.add_project(ps);
  const std::vector<std::string> regions = {"US_EAST_1", "US_WEST_2", "EU_WEST_1"};
  const int endpoints = *rc::gen::inRange(1, 4);
  for (int i = 0; i < endpoints; ++i) w.add_endpoint("p", cloud, regions[i], EndpointStatus::ACTIVE);
  const int clusters = *rc::gen::inRange(0, 3);
  for (int i = 0; i < clusters; ++i) {
    ClusterSetup cs;
    cs.project = "p";
    cs.name = fmt::format("c{}", i);
    cs.encryptionAtRestProvider = cloud;
    cs.regions = {{regions[0], cloud, 3}};
    w.add_cluster(cs);
  }
  // History: cloud-console acts on the endpoints, spaced out in time.
  const int acts = *rc::gen::inRange(0, 8);
  for (int i = 0; i < acts; ++i) {
    sim.run_until(sim.now() + sim::Duration::minutes(*rc::gen::inRange(0, 20)));
    const std::vector<EndpointIx> live_eps = w.list_endpoints(p, cloud);
    const int what = *rc::gen::inRange(0, 4);
    if (what == 3) {
      w.create_endpoint(p, cloud, *rc::gen::elementOf(regions));
      continue;
    }
    if (live_eps.empty()) continue;
    const EndpointIx e = *rc::gen::elementOf(live_eps);
    if (what == 0) w.approve_endpoint(e);
    else if (what == 1) w.reject_endpoint(e);
    else w.remove_endpoint_connection(e);
  }
  // Approve whatever waits for approval (the customer finishes what they started), then tear down.
  bool done = false;
  for (int round = 0; round < 24 * 12 && !done; ++round) {
    for (EndpointIx e : w.list_endpoints(p, cloud))
      if (w.endpoint(e).state() == EndpointStatus::PENDING_ACCEPTANCE) w.approve_endpoint(e);
    done = teardown_step(w, p, cloud);
    sim.run_until(sim.now() + sim::Duration::minutes(5));
  }
  if (!done) {
    std::string left;
    for (const PrivateEndpoint& ep : w.endpoints())
      if (live(ep)) left += fmt::format("{} {} ", ep.regionName, ep.statusName());
    RC_FAIL(fmt::format("teardown did not finish in 24 h with {}; endpoints left: {}", text, left));
  }
}

}  // namespace

TEST_CASE("property (issue 11 item 11): the documented teardown order always finishes, whatever the settings") {
  rc_doctest::check("teardown always finishes", [] { teardown_property(); }, 400);
}
