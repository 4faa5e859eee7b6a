// Private endpoints: spec §2.1-2.3, seeds 000/004.
#include <doctest/doctest.h>

#include "helpers.h"
#include "models/alerts.h"

using namespace models;
using namespace testing;

TEST_CASE("seed 004 §Enable and Set up: Azure INITIATING -> PENDING_ACCEPTANCE, stays there, approval ACTIVE within 3 minutes") {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Env env({}, seed);
    const ProjectIx p = env.project("p", Provider::AZURE, true);
    const Outcome o = env.w->create_endpoint(p, Provider::AZURE, "US_EAST_2");
    REQUIRE(o.ok());
    CHECK(o.httpStatus() == 202);
    const EndpointIx e = env.ep(o);
    CHECK(env.w->endpoint(e).id.size() == 24);
    CHECK(env.status(e) == EndpointStatus::INITIATING);
    env.run_for(min(3));  // t_az_prov <= 3m
    REQUIRE(env.status(e) == EndpointStatus::PENDING_ACCEPTANCE);
    CHECK_FALSE(env.w->endpoint(e).privateEndpointConnectionName.empty());
    env.run_for(sim::Duration::days(2));  // indefinitely without approval
    REQUIRE(env.status(e) == EndpointStatus::PENDING_ACCEPTANCE);
    const sim::Time approvedAt = env.sim.now();
    REQUIRE(env.w->approve_endpoint(e).ok());
    env.sim.run_until(approvedAt + min(3));
    CHECK(env.status(e) == EndpointStatus::ACTIVE);
    CHECK(env.w->endpoint(e).statusSince - approvedAt <= min(3));
  }
}

TEST_CASE("spec §2.2: AWS INITIATING -> ACTIVE without approval; creation takes minutes with outliers (<= 27m cap)") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS, true);
  std::vector<EndpointIx> eps;
  const char* regions[] = {"US_EAST_1", "US_WEST_2", "EU_WEST_1", "EU_CENTRAL_1", "AP_SOUTHEAST_1"};
  for (const char* r : regions) eps.push_back(env.ep(env.w->create_endpoint(p, Provider::AWS, r)));
  CHECK(env.w->endpoint(eps[0]).privateEndpointConnectionName.starts_with("vpce-"));
  env.run_for(min(27));
  for (EndpointIx e : eps) {
    CHECK(env.status(e) == EndpointStatus::ACTIVE);
    CHECK(env.w->endpoint(e).statusSince - sim::Time::zero() >= sim::Duration{});
  }
  CHECK(env.rec.count(std::string(alerts::kPrivateEndpointCreated)) == 5);
  CHECK(env.w->project(p).awsKms().privatePath);
}

TEST_CASE("spec §4: t_aws_prov default median about 3 minutes") {
  Settings s;
  std::vector<std::int64_t> v;
  sim::Random rng(3);
  for (int i = 0; i < 2001; ++i) v.push_back(s.t_aws_prov.sample(rng).ms());
  std::sort(v.begin(), v.end());
  CHECK(v[1000] > min(2).ms());
  CHECK(v[1000] < min(4).ms());
  CHECK(v.back() <= min(27).ms());
  CHECK(s.t_reflect.upper_bound() == min(3));  // "up to three minutes" (seed 004)
}

TEST_CASE("seed 000/004 §Reject or Remove (recreation_mode=new_record): old PENDING_RECREATION, new INITIATING beside it") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE, true);
  const EndpointIx e = env.w->add_endpoint("p", Provider::AZURE, "US_EAST_2", EndpointStatus::ACTIVE);
  REQUIRE(env.w->reject_endpoint(e).ok());
  CHECK(env.status(e) == EndpointStatus::PENDING_RECREATION);
  CHECK_FALSE(env.w->endpoint(e).errorMessage.empty());
  env.run_for(min(1));  // t_recreate
  auto live = env.w->list_endpoints(p, Provider::AZURE);
  REQUIRE(live.size() == 2);
  const EndpointIx n = live[1];
  CHECK(env.w->endpoint(n).id != env.w->endpoint(e).id);
  CHECK(env.status(n) == EndpointStatus::INITIATING);
  CHECK(env.status(e) == EndpointStatus::PENDING_RECREATION);
  env.run_for(min(3));
  CHECK(env.status(n) == EndpointStatus::PENDING_ACCEPTANCE);  // "You must approve the new private endpoint"
  CHECK(env.w->endpoint(e).gone());                            // recreation_old_record = remove_when_replacement_ready
  CHECK(env.w->delete_endpoint(e).httpStatus() == 404);
}

TEST_CASE("PR #2544 (recreation_mode=same_record): the same endpoint goes back to INITIATING, errorMessage cleared") {
  Settings s;
  s.set("recreation_mode", "same_record");
  Env env(s);
  const ProjectIx p = env.project("p", Provider::AZURE, true);
  const EndpointIx e = env.w->add_endpoint("p", Provider::AZURE, "US_EAST_2", EndpointStatus::ACTIVE);
  const std::string id = env.w->endpoint(e).id.str();
  REQUIRE(env.w->remove_endpoint_connection(e).ok());
  CHECK(env.status(e) == EndpointStatus::PENDING_RECREATION);
  CHECK_FALSE(env.w->endpoint(e).errorMessage.empty());
  env.run_for(min(1));
  CHECK(env.status(e) == EndpointStatus::INITIATING);
  CHECK(env.w->endpoint(e).errorMessage.empty());
  env.run_for(min(3));
  CHECK(env.status(e) == EndpointStatus::PENDING_ACCEPTANCE);
  CHECK(env.w->list_endpoints(p, Provider::AZURE).size() == 1);
  CHECK(env.w->endpoint(e).id == id);
}

TEST_CASE("seed 000: an AWS replacement endpoint must be approved (aws_replacement_requires_approval), else ACTIVE") {
  for (bool needsApproval : {true, false}) {
    Settings s;
    s.aws_replacement_requires_approval = needsApproval;
    Env env(s);
    const ProjectIx p = env.project("p", Provider::AWS, true);
    const EndpointIx e = env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
    env.w->reject_endpoint(e);
    env.run_for(min(1) + min(27));
    auto live = env.w->list_endpoints(p, Provider::AWS);
    REQUIRE(live.size() == 1);
    CHECK(env.status(live[0]) == (needsApproval ? EndpointStatus::PENDING_ACCEPTANCE : EndpointStatus::ACTIVE));
    if (needsApproval) {
      env.w->approve_endpoint(live[0]);
      env.run_for(min(3));
      CHECK(env.status(live[0]) == EndpointStatus::ACTIVE);
    }
  }
}

TEST_CASE("CIREP: DELETE while INITIATING is refused with ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS, true);
  const EndpointIx e = env.ep(env.w->create_endpoint(p, Provider::AWS, "US_EAST_1"));
  const Outcome o = env.w->delete_endpoint(e);
  REQUIRE_FALSE(o.ok());
  CHECK(o.code() == "ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING");
  CHECK(o.httpStatus() == 400);
  CHECK(o.error().message.find(env.w->endpoint(e).id) != std::string::npos);
  CHECK(env.status(e) == EndpointStatus::INITIATING);
  SUBCASE("delete_while_initiating=accept") {
    Settings s;
    s.set("delete_while_initiating", "accept");
    Env e2(s);
    const ProjectIx p2 = e2.project("p", Provider::AWS, true);
    const EndpointIx x = e2.ep(e2.w->create_endpoint(p2, Provider::AWS, "US_EAST_1"));
    CHECK(e2.w->delete_endpoint(x).httpStatus() == 204);
    CHECK(e2.status(x) == EndpointStatus::DELETING);
  }
}

TEST_CASE("seed 000/004 §Reject or Remove: DELETE -> DELETING (204) -> gone (404); DELETED event; DELETING again is a no-op") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE, true);
  const EndpointIx e = env.w->add_endpoint("p", Provider::AZURE, "US_EAST_2", EndpointStatus::PENDING_ACCEPTANCE);
  const Outcome o = env.w->delete_endpoint(e);
  CHECK(o.httpStatus() == 204);
  CHECK(env.status(e) == EndpointStatus::DELETING);
  CHECK(env.w->delete_endpoint(e).httpStatus() == 204);  // delete_while_deleting = accept_204_noop
  env.run_for(sim::Duration::hours(1));
  CHECK(env.w->endpoint(e).gone());
  CHECK(env.w->list_endpoints(p, Provider::AZURE).empty());
  CHECK(env.w->delete_endpoint(e).code() == "SIM_PRIVATE_ENDPOINT_NOT_FOUND");
  CHECK(env.rec.count(std::string(alerts::kPrivateEndpointDeleted)) == 1);
  // Every endpoint operation answers the same 404 for a gone endpoint, naming it.
  const std::string id = env.w->endpoint(e).id.str();
  for (const Outcome& gone : {env.w->delete_endpoint(e), env.w->approve_endpoint(e), env.w->reject_endpoint(e),
                              env.w->remove_endpoint_connection(e), env.w->fail_endpoint_creation(e),
                              env.w->fail_endpoint_deletion(e)}) {
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.code() == "SIM_PRIVATE_ENDPOINT_NOT_FOUND");
    CHECK(gone.error().message == "No Encryption at Rest private endpoint with id " + id + ".");
  }
}

TEST_CASE("seed 004: FAILED with errorMessage (fault); a FAILED endpoint can be deleted; deletion failure -> FAILED") {
  Settings s;
  s.endpoint_fail_prob = 1.0;
  Env env(s);
  const ProjectIx p = env.project("p", Provider::AZURE, true);
  const EndpointIx e = env.ep(env.w->create_endpoint(p, Provider::AZURE, "US_EAST_2"));
  env.run_for(min(3));
  CHECK(env.status(e) == EndpointStatus::FAILED);
  CHECK_FALSE(env.w->endpoint(e).errorMessage.empty());
  CHECK(env.w->delete_endpoint(e).ok());
  CHECK(env.w->fail_endpoint_deletion(e).ok());
  CHECK(env.status(e) == EndpointStatus::FAILED);
  ActionRequest a{"fail_endpoint_creation", "p", "", "", "EUROPE_WEST", Provider::AZURE, {}};
  CHECK(env.w->perform(a).code() == "SIM_PRIVATE_ENDPOINT_NOT_FOUND");
}

TEST_CASE("spec §6 #1 endpoint_stuck_prob: creation stays INITIATING; DELETE refused; disable refused") {
  Settings s;
  s.endpoint_stuck_prob = 1.0;
  Env env(s);
  const ProjectIx p = env.project("p", Provider::AWS, true);
  const EndpointIx e = env.ep(env.w->create_endpoint(p, Provider::AWS, "US_EAST_1"));
  env.run_for(sim::Duration::hours(3));
  CHECK(env.status(e) == EndpointStatus::INITIATING);
  CHECK(env.w->delete_endpoint(e).code() == "ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING");
  CHECK(env.w->disable_cmk(p, Provider::AWS).code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS");
  CHECK(env.w->fail_endpoint_creation(e).ok());
  CHECK(env.status(e) == EndpointStatus::FAILED);
}

TEST_CASE("spec §2.3 pending_removal_effect: removing an unapproved connection: no_change | failed | recreate") {
  for (const char* mode : {"no_change", "failed", "recreate"}) {
    Settings s;
    s.set("pending_removal_effect", mode);
    Env env(s);
    env.project("p", Provider::AZURE, true);
    const EndpointIx e = env.w->add_endpoint("p", Provider::AZURE, "US_EAST_2", EndpointStatus::PENDING_ACCEPTANCE);
    REQUIRE(env.w->reject_endpoint(e).ok());
    const EndpointStatus want = std::string(mode) == "no_change" ? EndpointStatus::PENDING_ACCEPTANCE
                                : std::string(mode) == "failed" ? EndpointStatus::FAILED
                                                                : EndpointStatus::PENDING_RECREATION;
    CHECK(env.status(e) == want);
  }
}

TEST_CASE("spec §6 #5: api_500_rate makes POST answer 500 UNEXPECTED_ERROR") {
  Settings s;
  s.api_500_rate = 1.0;
  Env env(s);
  const ProjectIx p = env.project("p", Provider::AZURE, true);
  const Outcome o = env.w->create_endpoint(p, Provider::AZURE, "US_EAST_2");
  CHECK(o.code() == "UNEXPECTED_ERROR");
  CHECK(o.httpStatus() == 500);
  CHECK(env.w->list_endpoints(p, Provider::AZURE).empty());
}

TEST_CASE("spec §2.5 endpoint_loss_semantics: an endpoint that stops being ACTIVE makes the KMS unreachable, no shutdown") {
  Env env;
  env.project("p", Provider::AWS, true);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  const EndpointIx e = env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
  CHECK(env.w->cluster(c).privatePath);
  env.run_to(min(1));
  env.w->reject_endpoint(e);
  env.run_to(min(15));
  CHECK(env.rec.count(std::string(alerts::kKmsNetworkAccessDenied)) == 1);
  CHECK(env.state(c) == ClusterState::RUNNING);
  // a restart now cannot reach the KMS through the region's endpoint
  env.w->restart_cluster(c);
  env.run_for(min(5));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  SUBCASE("endpoint_loss_semantics=invalid shuts down at the tick") {
    Settings s;
    s.endpoint_loss_semantics = EndpointLossSemantics::invalid;
    Env e2(s);
    e2.project("p", Provider::AWS, true);
    const ClusterIx c2 = e2.cluster("p", "orders", Provider::AWS);
    const EndpointIx x = e2.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
    e2.run_to(min(1));
    e2.w->reject_endpoint(x);
    e2.run_to(min(15));
    CHECK(e2.state(c2) == ClusterState::DISABLED_EAR);
  }
}

// Model choice, not in the documents: spec §5 duplicate_region_endpoint (default reject_409) is
// itself undocumented; the model exempts a region whose endpoint is DELETING (or
// PENDING_RECREATION), so a Terraform "replace" (DELETE, then POST in the same region, spec §7)
// is not refused while the old record drains. With the setting at allow, nothing is refused.
TEST_CASE("spec §5 duplicate_region_endpoint (model choice): a region whose endpoint is DELETING takes a new one; ACTIVE refuses") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS, true);
  const EndpointIx e = env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
  const Outcome dup = env.w->create_endpoint(p, Provider::AWS, "US_EAST_1");
  REQUIRE_FALSE(dup.ok());
  CHECK(dup.code() == "SIM_DUPLICATE_REGION_ENDPOINT");
  REQUIRE(env.w->delete_endpoint(e).ok());
  REQUIRE(env.status(e) == EndpointStatus::DELETING);
  const Outcome o = env.w->create_endpoint(p, Provider::AWS, "US_EAST_1");
  CHECK(o.code() == "OK");
  CHECK(o.httpStatus() == 202);
}
