// The Terraform client (models/clients/): one test per rule of spec §7, each against the provider
// source it cites (mongodb/terraform-provider-mongodbatlas).
#include <doctest/doctest.h>

#include "helpers.h"
#include "models/clients/go_text.h"
#include "models/clients/state_wait.h"
#include "models/clients/terraform.h"

using namespace models;
using namespace models::clients;
using namespace testing;

namespace {

ResourceConfig ear(const std::string& project, bool pn = true) {
  ResourceConfig rc;
  rc.type = ResourceType::encryption_at_rest;
  rc.name = "this";
  rc.project = project;
  rc.blocks.push_back(KmsBlockConfig{Provider::AWS, "US_EAST_1", "", pn});
  return rc;
}

ResourceConfig endpoint(const std::string& project, Provider cloud = Provider::AWS, std::string region = "US_EAST_1") {
  ResourceConfig rc;
  rc.type = ResourceType::encryption_at_rest_private_endpoint;
  rc.name = "ep";
  rc.project = project;
  rc.cloud = cloud;
  rc.region = std::move(region);
  rc.dependsOn = {"mongodbatlas_encryption_at_rest.this"};
  return rc;
}

// Times (seconds) of the client's requests of one action.
std::vector<std::int64_t> request_times(const Recorder& rec, const std::string& action) {
  std::vector<std::int64_t> out;
  for (const sim::Record& r : rec.records)
    if (r.kind == sim::RecordKind::operation && r.cause == action && !Recorder::field(r, "client").empty())
      out.push_back(r.at.since_start().ms() / 1000);
  return out;
}

const Diagnostic* first_error(const TerraformClient& c) {
  for (const Diagnostic& d : c.last()->diagnostics)
    if (d.error) return &d;
  return nullptr;
}

// A project whose AWS block is off, with the role not yet usable: PROPAGATING (usable after
// t_iam, spec §2.8), or INVALID (never usable; Atlas answers INVALID_AWS_CREDENTIALS, retried too).
ProjectIx role_project(Env& env, CredentialState credentials = CredentialState::PROPAGATING) {
  KmsSetup k;
  k.enabled = false;
  k.credentials = credentials;
  return env.project("ci", Provider::AWS, false, k);
}

}  // namespace

TEST_CASE("SDK helper/retry state.go: gaps double, clamped to MinTimeout below and 10 s above") {
  sim::Duration g;
  std::vector<std::int64_t> gaps;
  for (int i = 0; i < 5; ++i) gaps.push_back((g = next_gap(g, sim::Duration::seconds(30))).ms() / 1000);
  CHECK(gaps == std::vector<std::int64_t>{30, 10, 30, 10, 30});
  g = {};
  gaps.clear();
  for (int i = 0; i < 4; ++i) gaps.push_back((g = next_gap(g, sim::Duration::seconds(5))).ms() / 1000);
  CHECK(gaps == std::vector<std::int64_t>{5, 10, 10, 10});
}

TEST_CASE("Go texts: time.Duration.String and the SDK's TimeoutError") {
  CHECK(go_duration(sim::Duration::hours(3)) == "3h0m0s");
  CHECK(go_duration(sim::Duration::minutes(20)) == "20m0s");
  CHECK(go_duration(sim::Duration::seconds(90)) == "1m30s");
  CHECK(go_duration(sim::Duration::milliseconds(1500)) == "1.5s");
  CHECK(go_duration(sim::Duration::milliseconds(100)) == "100ms");
  CHECK(timeout_text({"PENDING_ACCEPTANCE", "ACTIVE", "FAILED"}, "INITIATING", sim::Duration::hours(3)) ==
        "timeout while waiting for state to become 'PENDING_ACCEPTANCE, ACTIVE, FAILED' (last state: 'INITIATING', timeout: 3h0m0s)");
}

TEST_CASE("spec §7 EAR create: PATCH re-sent at 0, 5, 15, 25 ... s on CANNOT_ASSUME_ROLE until it succeeds") {
  Settings s;
  s.t_iam = sec(40);  // the role propagates at 40 s (spec §2.8)
  Env env(s);
  const ProjectIx p = role_project(env);
  TerraformClient tf(*env.w, "ci");
  tf.apply({{ear("ci", false)}});
  env.run_to(min(5));
  CHECK(request_times(env.rec, "enable_cmk") == std::vector<std::int64_t>{0, 5, 15, 25, 35, 45});
  REQUIRE(tf.last()->finished);
  CHECK(*tf.last()->finished == at(sec(45)));
  CHECK_FALSE(tf.last()->has_error());
  CHECK(env.w->project(p).block(Provider::AWS).enabled);
}

TEST_CASE("spec §7 EAR create: a role that never becomes valid: 19 PATCHes, then only the timeout text") {
  Env env;
  const ProjectIx p = role_project(env, CredentialState::INVALID);
  TerraformClient tf(*env.w, "ci");
  tf.apply({{ear("ci", false)}});
  env.run_to(min(10));
  const auto times = request_times(env.rec, "enable_cmk");
  CHECK(times.size() == 19);
  CHECK(times.back() == 175);
  REQUIRE(tf.last()->finished);
  CHECK(*tf.last()->finished == at(sec(180)));
  const Diagnostic* d = first_error(tf);
  REQUIRE(d);
  CHECK(d->summary == "error creating Encryption At Rest: " + env.w->project(p).id.str());
  CHECK(d->detail == "timeout while waiting for state to become 'COMPLETED, ERROR' (last state: 'PENDING', timeout: 3m0s)");
  CHECK(tf.state_ids().empty());
}

TEST_CASE("spec §7 EAR create: the window is a setting (1 min before CHANGELOG #4064)") {
  Settings s;
  s.set("tf_ear_retry_window", "1m");
  Env env(s);
  role_project(env, CredentialState::INVALID);
  TerraformClient tf(*env.w, "ci");
  tf.apply({{ear("ci", false)}});
  env.run_to(min(5));
  CHECK(request_times(env.rec, "enable_cmk").size() == 7);  // 0, 5, 15, 25, 35, 45, 55
  CHECK(*tf.last()->finished == at(sec(60)));
}

TEST_CASE("spec §7 EAR create: another error fails at once") {
  Env env;
  KmsSetup k;
  k.enabled = false;
  k.keyState = KeyState::DISABLED;
  env.project("ci", Provider::AWS, false, k);
  TerraformClient tf(*env.w, "ci");
  tf.apply({{ear("ci", false)}});
  env.run_to(min(5));
  CHECK(request_times(env.rec, "enable_cmk") == std::vector<std::int64_t>{0});
  const Diagnostic* d = first_error(tf);
  REQUIRE(d);
  CHECK(d->detail.find("PATCH: HTTP 400 Bad Request (Error code: \"") != std::string::npos);
  CHECK(*tf.last()->finished == at(sec(0)));
}

TEST_CASE("spec §7 EAR update: only the changed block attribute is PATCHed") {
  Env env;
  KmsSetup k;
  k.enabled = false;
  env.project("ci", Provider::AWS, false, k);
  TerraformClient tf(*env.w, "ci");
  tf.apply({{ear("ci", false)}});
  env.run_to(min(1));
  tf.apply({{ear("ci", true)}});
  env.run_to(min(2));
  CHECK(request_times(env.rec, "enable_cmk").size() == 1);
  CHECK(request_times(env.rec, "set_require_private_networking") == std::vector<std::int64_t>{60});
  CHECK_FALSE(tf.last()->has_error());
}

TEST_CASE("spec §7 create wait: first GET at once, then gaps of 30 s and 10 s; ACTIVE ends it") {
  Settings s;
  s.set("t_aws_prov", "75s");
  Env env(s);
  env.project("ci", Provider::AWS, true);
  TerraformClient tf(*env.w, "ci");
  tf.apply({{endpoint("ci")}});
  env.run_to(min(5));
  CHECK(request_times(env.rec, "get_endpoint") == std::vector<std::int64_t>{0, 30, 40, 70, 80});
  CHECK(*tf.last()->finished == at(sec(80)));
  CHECK_FALSE(tf.last()->has_error());
  CHECK(tf.state_ids().size() == 1);
}

TEST_CASE("spec §7 timeout: 3 h default, the exact message, delete_on_create_timeout sends one DELETE (refused)") {
  Settings s;
  s.set("endpoint_stuck_prob", "1");
  Env env(s);
  env.project("ci", Provider::AWS, true);
  TerraformClient tf(*env.w, "ci");
  tf.apply({{endpoint("ci")}});
  env.run_to(sim::Duration::hours(4));
  REQUIRE(tf.last()->finished);
  CHECK(*tf.last()->finished == at(sim::Duration::hours(3)));
  CHECK(request_times(env.rec, "delete_endpoint") == std::vector<std::int64_t>{10800});
  const Diagnostic* d = first_error(tf);
  REQUIRE(d);
  CHECK(d->summary == "error when waiting for status transition in creation");
  CHECK(d->detail.rfind("timeout while waiting for state to become 'PENDING_ACCEPTANCE, ACTIVE, FAILED' (last state: 'INITIATING', "
                        "timeout: 3h0m0s)\nwill run cleanup because delete_on_create_timeout is true.", 0) == 0);
  CHECK(d->detail.find("\ncleanup failed: https://cloud.mongodb.com/api/atlas/v2/groups/") != std::string::npos);
  CHECK(d->detail.find("(Error code: \"ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING\")") != std::string::npos);
  CHECK(tf.state_ids().empty());
}

TEST_CASE("spec §7 timeouts block and delete_on_create_timeout false: no DELETE") {
  Settings s;
  s.set("endpoint_stuck_prob", "1");
  Env env(s);
  env.project("ci", Provider::AWS, true);
  TerraformClient tf(*env.w, "ci");
  ResourceConfig rc = endpoint("ci");
  rc.createTimeout = sim::Duration::hours(1);
  rc.deleteOnCreateTimeout = false;
  tf.apply({{rc}});
  env.run_to(sim::Duration::hours(2));
  CHECK(*tf.last()->finished == at(sim::Duration::hours(1)));
  CHECK(request_times(env.rec, "delete_endpoint").empty());
  CHECK(first_error(tf)->detail ==
        "timeout while waiting for state to become 'PENDING_ACCEPTANCE, ACTIVE, FAILED' (last state: 'INITIATING', timeout: 1h0m0s)\n"
        "cleanup won't be run because delete_on_create_timeout is false");
}

TEST_CASE("spec §7 other states: outside pending and target is an immediate 'unexpected state'") {
  Settings s;
  s.set("endpoint_stuck_prob", "1");
  s.set("delete_while_initiating", "accept");
  Env env(s);
  const ProjectIx p = env.project("ci", Provider::AWS, true);
  TerraformClient tf(*env.w, "ci");
  tf.apply({{endpoint("ci")}});
  env.sim.schedule_at(at(sec(35)), [&] { env.w->delete_endpoint(env.w->list_endpoints(p, Provider::AWS).at(0)); });
  env.run_to(min(5));
  CHECK(*tf.last()->finished == at(sec(40)));
  CHECK(first_error(tf)->detail == "unexpected state 'DELETING', wanted target 'PENDING_ACCEPTANCE, ACTIVE, FAILED'. last error: %!s(<nil>)");
  CHECK(request_times(env.rec, "delete_endpoint").empty());  // no cleanup: not a timeout
}

TEST_CASE("spec §7 refresh errors: a 500 during the wait ends it at once") {
  Settings s;
  s.set("endpoint_stuck_prob", "1");
  Env env(s);
  env.project("ci", Provider::AWS, true);
  TerraformClient tf(*env.w, "ci");
  tf.apply({{endpoint("ci")}});
  env.sim.schedule_at(at(sec(35)), [&] { env.w->inject_api_error("get_endpoint", 1); });
  env.run_to(min(5));
  CHECK(*tf.last()->finished == at(sec(40)));
  CHECK(first_error(tf)->detail.find("GET: HTTP 500 Internal Server Error (Error code: \"UNEXPECTED_ERROR\") Detail: Unexpected error.") !=
        std::string::npos);
}

TEST_CASE("spec §7 diagnostics: FAILED is an error after the state is saved; PENDING_ACCEPTANCE a warning") {
  Settings s;
  s.set("endpoint_stuck_prob", "1");
  Env env(s);
  const ProjectIx p = env.project("ci", Provider::AWS, true);
  TerraformClient tf(*env.w, "ci");
  tf.apply({{endpoint("ci")}});
  env.sim.schedule_at(at(min(10)), [&] { env.w->fail_endpoint_creation(env.w->list_endpoints(p, Provider::AWS).at(0), "no capacity"); });
  env.run_to(min(15));
  CHECK(first_error(tf)->text() == "Private endpoint is in a failed status: no capacity");
  CHECK(tf.state_ids().size() == 1);  // saved (tainted)

  Settings az;
  az.set("t_az_prov", "1m");
  Env env2(az);
  env2.project("ci", Provider::AZURE, true);
  TerraformClient tf2(*env2.w, "ci");
  tf2.apply({{endpoint("ci", Provider::AZURE, "US_EAST_2")}});
  env2.run_to(min(5));
  REQUIRE(tf2.last()->diagnostics.size() == 1);
  CHECK_FALSE(tf2.last()->diagnostics[0].error);
  CHECK(tf2.last()->diagnostics[0].summary == "Private endpoint may be in PENDING_ACCEPTANCE status");
}

TEST_CASE("spec §7 delete: waits until 404; refresh fails at once on a non-404 error") {
  Settings s;
  s.set("t_aws_prov", "1m");
  s.set("t_delete", "2m");
  Env env(s);
  env.project("ci", Provider::AWS, true);
  TerraformClient tf(*env.w, "ci");
  tf.apply({{endpoint("ci")}});
  env.run_to(min(10));
  REQUIRE(tf.state_ids().size() == 1);
  env.w->inject_api_error("get_endpoint", 1);
  tf.apply({{endpoint("ci")}});  // the refresh's GET answers 500
  CHECK(tf.last()->finished);
  CHECK(first_error(tf)->summary == "error fetching resource");
  tf.destroy();
  env.run_to(min(20));
  // DELETE at 10m; GETs at 10m, +30, +40, +70, +80, +110, +120 s: the one at 12m sees the 404.
  CHECK(request_times(env.rec, "get_endpoint").back() == 720);
  CHECK(*tf.last()->finished == at(min(12)));
  CHECK_FALSE(tf.last()->has_error());
  CHECK(tf.state_ids().empty());
}

TEST_CASE("property: the client's requests are user API actions a scenario step can name") {
  Settings s;
  s.set("t_aws_prov", "1m");
  Env env(s);
  KmsSetup k;
  k.enabled = false;
  k.credentials = CredentialState::PROPAGATING;
  const ProjectIx p = env.project("ci", Provider::AWS, false, k);
  TerraformClient tf(*env.w, "ci");
  env.sim.schedule_at(at(sec(20)), [&] { env.w->fix_credentials(p, Provider::AWS); });
  tf.apply({{ear("ci"), endpoint("ci")}});
  env.run_to(min(30));
  tf.destroy();
  env.run_to(min(60));
  std::size_t requests = 0;
  for (const sim::Record& r : env.rec.records) {
    if (r.kind != sim::RecordKind::operation || Recorder::field(r, "client").empty()) continue;
    ++requests;
    const ActionInfo* a = find_action(r.cause);
    REQUIRE(a);
    CHECK(a->actor == Actor::user_api);
  }
  CHECK(requests > 10);
  CHECK(env.w->list_endpoints(p, Provider::AWS).empty());
  CHECK_FALSE(env.w->project(p).block(Provider::AWS).enabled);
}

TEST_CASE("inject_api_error: the next requests of that action answer 500, then the model answers again") {
  Env env;
  env.project("ci", Provider::AWS, true);
  const Outcome created = env.w->create_endpoint(0, Provider::AWS, "US_EAST_1");
  ActionRequest get;
  get.name = "get_endpoint";
  get.project = "ci";
  get.endpoint = created.createdId();
  ActionRequest inject;
  inject.name = "inject_api_error";
  inject.project = "ci";
  inject.params["operation"] = std::string("get_endpoint");
  inject.params["count"] = std::int64_t{2};
  CHECK(env.w->perform(inject).ok());
  CHECK(env.w->perform(get).code() == "UNEXPECTED_ERROR");
  CHECK(env.w->perform(get).httpStatus() == 500);
  const Outcome ok = env.w->perform(get);
  CHECK(ok.ok());
  CHECK(*ok.body_field("status") == "INITIATING");
  inject.params["operation"] = std::string("no_such_action");
  CHECK_THROWS_AS(env.w->perform(inject), ActionError);
}
