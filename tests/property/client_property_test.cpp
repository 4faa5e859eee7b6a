// Property (issue 18): a client actor's requests are only those a scenario step could make. Over
// generated worlds (role propagating or not, stuck or slow endpoints, injected 500s) and generated
// Terraform configurations (which resources, depends_on, timeouts, delete_on_create_timeout), an
// apply and a destroy send only user API actions of the catalogue, with parameters the action
// declares and of their kinds, naming only endpoints the client itself created (a step names them
// by the label of its create_endpoint `as:`), and never a request the world refuses as a
// scenario mistake (ActionError).
#include <set>

#include "models/clients/terraform.h"
#include "rc_doctest.h"

using namespace models;
using namespace models::clients;

namespace {

struct Case {
  bool ear = true, endpoint = true, dependsOn = true, deleteOnTimeout = true, stuck = false;
  CredentialState credentials = CredentialState::VALID;
  int provisionMin = 3, timeoutMin = 180, fixAtSec = -1, injectAtSec = -1, destroyAtMin = 200;
};

void client_requests_property() {
  Case c;
  c.ear = *rc::gen::arbitrary<bool>();
  c.endpoint = !c.ear || *rc::gen::arbitrary<bool>();  // at least one resource
  c.dependsOn = *rc::gen::arbitrary<bool>();
  c.deleteOnTimeout = *rc::gen::arbitrary<bool>();
  c.stuck = *rc::gen::arbitrary<bool>();
  c.credentials = *rc::gen::element(CredentialState::VALID, CredentialState::PROPAGATING, CredentialState::INVALID);
  c.provisionMin = *rc::gen::inRange(1, 90);
  c.timeoutMin = *rc::gen::inRange(1, 240);
  c.fixAtSec = *rc::gen::inRange(-1, 240);
  c.injectAtSec = *rc::gen::arbitrary<bool>() ? -1 : *rc::gen::inRange(0, 4 * 3600);
  c.destroyAtMin = *rc::gen::inRange(1, 300);

  Settings s;
  s.set("t_aws_prov", std::to_string(c.provisionMin) + "m");
  if (c.stuck) s.set("endpoint_stuck_prob", "1");
  sim::Simulation sim(3);
  World w(sim, s);
  ProjectSetup ps;
  ps.name = "p";
  KmsSetup k;
  k.enabled = !c.ear;  // the configuration turns it on, or it is on already
  k.requirePrivateNetworking = !c.ear;
  k.credentials = c.ear ? c.credentials : CredentialState::VALID;
  ps.kms.push_back(k);
  const ProjectIx p = w.add_project(ps);

  Configuration config;
  if (c.ear) {
    ResourceConfig r;
    r.name = "this";
    r.project = "p";
    r.blocks.push_back(KmsBlockConfig{Provider::AWS, "", "", true});
    config.resources.push_back(r);
  }
  if (c.endpoint) {
    ResourceConfig e;
    e.type = ResourceType::encryption_at_rest_private_endpoint;
    e.name = "this";
    e.project = "p";
    e.region = "US_EAST_1";
    e.createTimeout = sim::Duration::minutes(c.timeoutMin);
    e.deleteOnCreateTimeout = c.deleteOnTimeout;
    if (c.ear && c.dependsOn) e.dependsOn = {"mongodbatlas_encryption_at_rest.this"};
    config.resources.push_back(e);
  }
  TerraformClient tf(w, "t");
  std::set<std::string> created;
  std::size_t requests = 0;
  tf.observe_requests([&](const ActionRequest& rq, const Outcome& o) {
    ++requests;
    const ActionInfo* a = find_action(rq.name);
    RC_ASSERT(a != nullptr);
    RC_ASSERT(a->actor == Actor::user_api);
    for (const auto& [key, value] : rq.params) {
      const ActionParam* param = a->param(key);
      RC_ASSERT(param != nullptr);
      RC_ASSERT(value_fits(param->kind, value));
    }
    RC_ASSERT(rq.cluster.empty());
    if (!rq.endpoint.empty()) RC_ASSERT(created.contains(rq.endpoint));
    if (a->creates == Creates::endpoint && o.ok()) created.insert(o.createdId());
  });
  if (c.fixAtSec >= 0) sim.schedule_at(sim::Time::zero() + sim::Duration::seconds(c.fixAtSec), [&] { w.fix_credentials(p, Provider::AWS); });
  if (c.injectAtSec >= 0)
    sim.schedule_at(sim::Time::zero() + sim::Duration::seconds(c.injectAtSec), [&] { w.inject_api_error("get_endpoint", 1); });
  tf.apply(config);  // ActionError would escape here and fail the property
  sim.schedule_at(sim::Time::zero() + sim::Duration::minutes(c.destroyAtMin), [&] {
    if (!tf.running()) tf.destroy();
  });
  sim.run_until(sim::Time::zero() + sim::Duration::hours(10));
  RC_ASSERT(requests > 0);
  RC_TAG(requests > 100);
  RC_ASSERT(!tf.running());  // every command ends: by success, error or timeout
}

}  // namespace

TEST_CASE("property: a Terraform client's requests are only those a scenario step could make") {
  rc_doctest::check("client requests", [] { client_requests_property(); }, 300);
}
