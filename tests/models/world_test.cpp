// The operations API: actions() as data, perform(), records, determinism, ids.
#include <doctest/doctest.h>

#include <set>

#include "helpers.h"
#include "models/actions.h"
#include "models/alerts.h"

using namespace models;
using namespace testing;

TEST_CASE("actions(): unique snake_case names, each with a source, each dispatched by perform") {
  std::set<std::string_view> names;
  for (const ActionInfo& a : actions()) {
    CHECK(names.insert(a.name).second);
    CHECK_FALSE(a.source.empty());
    CHECK_FALSE(a.description.empty());
    for (char ch : a.name) CHECK(((ch >= 'a' && ch <= 'z') || ch == '_'));
  }
  CHECK(names.size() >= 35);
  // Every listed action reaches its typed method (no "not dispatched" logic_error).
  for (const ActionInfo& a : actions()) {
    Env env;
    env.project("p", Provider::AWS, true);
    env.cluster("p", "c", Provider::AWS);
    env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
    ActionRequest r;
    r.name = std::string(a.name);
    r.project = "p";
    r.cluster = "c";
    r.provider = Provider::AWS;
    r.region = "US_EAST_1";
    if (a.name == "set_require_private_networking") r.params["value"] = true;
    if (a.name == "create_cluster") r.cluster = "new";
    if (a.name == "create_endpoint") r.region = "US_WEST_2";
    if (a.name == "inject_api_error") r.params["operation"] = std::string("get_endpoint");
    if (a.name == "add_search_nodes") r.params["nodes"] = std::int64_t{2};
    if (a.name == "set_search_nodes_encryption") r.params["value"] = true;
    if (a.name == "add_cluster_regions") r.params["regions"] = std::vector<RegionRequest>{{"US_EAST_1", Provider::AWS, 1}};
    if (a.name == "patch_encryption_at_rest") r.params["fields"] = KmsFieldValues{{"region", "US_EAST_1"}};
    if (a.name == "set_rotation_alert_threshold") r.params["days"] = std::int64_t{90};
    if (a.name == "create_key") r.params["key_id"] = std::string("arn:aws:kms:us-east-1:1:key/k");
    if (a.name == "set_key_expiry") r.params["expires_in_hours"] = std::int64_t{48};
    if (a.name == "set_key_auto_rotation") r.params["value"] = true;
    CHECK_NOTHROW(env.w->perform(r));
  }
}

TEST_CASE("perform(): scenario mistakes are ActionError naming the parameter; Atlas errors are Outcomes; operations recorded") {
  Env env;
  env.project("p", Provider::AWS, true);
  CHECK_THROWS_AS(env.w->perform(ActionRequest{"no_such_action", "p", "", "", "", std::nullopt, {}}), ActionError);
  try {
    env.w->perform(ActionRequest{"create_endpoint", "nope", "", "", "US_EAST_1", Provider::AWS, {}});
    FAIL("expected ActionError");
  } catch (const ActionError& e) {
    CHECK(e.param() == "project");
  }
  try {
    env.w->perform(ActionRequest{"create_endpoint", "p", "", "", "US_EAST_1", Provider::AWS, {{"colour", std::string("red")}}});
    FAIL("expected ActionError");
  } catch (const ActionError& e) {
    CHECK(e.param() == "colour");
  }
  const Outcome o = env.w->perform(ActionRequest{"create_endpoint", "p", "", "", "US_EAST_1", Provider::AWS, {}});
  CHECK(o.httpStatus() == 202);
  const Outcome d = env.w->perform(ActionRequest{"delete_endpoint", "p", "", o.createdId(), "", std::nullopt, {}});
  CHECK(d.code() == "ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING");
  std::vector<sim::Record> ops;
  for (const auto& r : env.rec.records)
    if (r.kind == sim::RecordKind::operation) ops.push_back(r);
  REQUIRE(ops.size() == 2);
  CHECK(ops[1].cause == "delete_endpoint");
  CHECK(Recorder::field(ops[1], "outcome") == "ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING");
  CHECK(Recorder::field(ops[0], "outcome") == "OK");
  // region-based endpoint lookup
  env.run_for(min(30));
  const Outcome del = env.w->perform(ActionRequest{"delete_endpoint", "p", "", "", "US_EAST_1", Provider::AWS, {}});
  CHECK(del.httpStatus() == 204);
}

TEST_CASE("perform(create_cluster): typed regions, cloud and node count defaulted by the model") {
  Env env;
  env.project("p", Provider::AZURE);
  const std::vector<RegionRequest> regions = {{"US_EAST_2", Provider::AZURE, 3}, {"US_EAST_1", Provider::AWS, 2}};
  const Outcome o = env.w->perform(
      ActionRequest{"create_cluster", "p", "mc", "", "", std::nullopt, {{"regions", regions}, {"tier", std::string("M30")}}});
  REQUIRE(o.ok());
  const Cluster& c = env.w->cluster(*env.w->find_cluster("p", "mc"));
  CHECK(c.multiCloud());
  CHECK(c.totalNodes() == 5);
  CHECK(c.instanceSizeName == "M30");
  // Left out: AWS, Settings::nodes_per_region nodes.
  const std::vector<RegionRequest> bare = {{"US_WEST_2", std::nullopt, std::nullopt}};
  REQUIRE(env.w->perform(ActionRequest{"create_cluster", "p", "one", "", "", std::nullopt, {{"regions", bare}}}).ok());
  const Cluster& one = env.w->cluster(*env.w->find_cluster("p", "one"));
  REQUIRE(one.regions.size() == 1);
  CHECK(one.regions[0].providerName == Provider::AWS);
  CHECK(one.regions[0].nodes == env.w->settings().nodes_per_region);
  // A value of the wrong type, or a name passed as a value, is a scenario mistake.
  CHECK_THROWS_AS(env.w->perform(ActionRequest{"create_cluster", "p", "x", "", "", std::nullopt, {{"tier", std::int64_t{3}}}}), ActionError);
  CHECK_THROWS_AS(env.w->perform(ActionRequest{"create_cluster", "p", "x", "", "", std::nullopt, {{"cluster", std::string("y")}}}), ActionError);
}

TEST_CASE("operation records show typed parameters as text") {
  CHECK(param_text(ParamValue{true}) == "true");
  CHECK(param_text(ParamValue{std::int64_t{40}}) == "40");
  CHECK(param_text(ParamValue{std::vector<RegionRequest>{{"EUROPE_WEST", Provider::AZURE, std::nullopt}, {"US_EAST_1", Provider::AWS, 2},
                                                        {"EU_WEST_1", std::nullopt, std::nullopt}}}) ==
        "EUROPE_WEST:AZURE,US_EAST_1:AWS:2,EU_WEST_1");
}

TEST_CASE("determinism: same seed, same ids, states and record stream") {
  auto run = [](std::uint64_t seed) {
    Settings s;
    s.validation_phase = ValidationPhase::random;
    Env env(s, seed);
    for (int i = 0; i < 5; ++i) {
      const ProjectIx p = env.project("p" + std::to_string(i), i % 2 ? Provider::AZURE : Provider::AWS, true);
      env.w->create_endpoint(p, i % 2 ? Provider::AZURE : Provider::AWS, "R1");
    }
    env.run_to(sim::Duration::hours(2));
    std::string out;
    for (const auto& r : env.rec.records) out += std::to_string(r.at.ms()) + std::string(sim::record_kind_name(r.kind)) + r.entity + r.to + ";";
    for (const auto& e : env.w->endpoints()) out += e.id.str() + std::string(e.statusName());
    return out;
  };
  CHECK(run(5) == run(5));
  CHECK(run(5) != run(6));
}

TEST_CASE("spec §1: ids are 24 hex digits, deterministic, unique") {
  std::set<std::string> ids;
  for (std::uint64_t i = 0; i < 100; ++i) {
    const std::string id = make_object_id(IdKind::Endpoint, i).str();
    CHECK(id.size() == 24);
    CHECK(id.find_first_not_of("0123456789abcdef") == std::string::npos);
    ids.insert(id);
  }
  CHECK(ids.size() == 100);
  // The layout: a fixed prefix, the kind in 2 digits, the counter in 14 (wider past 14 digits).
  CHECK(make_object_id(IdKind::Project, 0) == "65a0c0de0100000000000000");
  CHECK(make_object_id(IdKind::Organization, 0xabc123) == "65a0c0de0600000000abc123");
  CHECK(make_object_id(IdKind::Cluster, 0xfedcba9876543210) == "65a0c0de02fedcba9876543210");
  // Held in place and read as text: empty until made, formatted and compared as its digits.
  CHECK(ObjectId{}.empty());
  CHECK(ObjectId{}.view().empty());
  const ObjectId id = make_object_id(IdKind::Cluster, 0x2a);
  CHECK(id.size() == 24);
  CHECK(fmt::format("[{}]", id) == "[65a0c0de020000000000002a]");
  CHECK(id.substr(16) == "0000002a");
  CHECK(id == make_object_id(IdKind::Cluster, 0x2a));
  CHECK_FALSE(id == make_object_id(IdKind::Project, 0x2a));
}

TEST_CASE("RAWSPEC event types: the alerts emitted carry eventTypeName and the alert/event kind") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  env.cluster("p", "c", Provider::AWS);
  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(1));
  auto inv = env.rec.named("AWS_ENCRYPTION_KEY_INVALID");
  REQUIRE(inv.size() == 1);
  CHECK(inv[0].kind == sim::RecordKind::alert);
  CHECK(alerts::is_alertable("AWS_ENCRYPTION_KEY_INVALID"));
  CHECK(alerts::is_alertable("GCP_ENCRYPTION_KEY_NEEDS_ROTATION"));
  CHECK_FALSE(alerts::is_alertable(alerts::kPrivateEndpointCreated));
}

// Issue 11 item 15 "consistent alert/event kinds": the catalogue (alerts::kind_of) decides the kind
// from RAWSPEC's alert-configuration event types; the names that clear an alert are events, and
// every notification a run records carries the catalogue's kind.
TEST_CASE("RAWSPEC alert configurations: KEY_INVALID, NEEDS_ROTATION, NETWORK_ACCESS_DENIED, CONFIG_NO_LONGER_VALID are alerts; what clears them is an event") {
  for (Provider v : {Provider::AWS, Provider::AZURE, Provider::GCP}) {
    CHECK(alerts::kind_of(alerts::key_invalid(v)) == sim::RecordKind::alert);
    CHECK(alerts::kind_of(alerts::key_needs_rotation(v)) == sim::RecordKind::alert);
    CHECK(alerts::kind_of(alerts::key_valid(v)) == sim::RecordKind::event);
    CHECK(alerts::kind_of(alerts::key_rotated(v)) == sim::RecordKind::event);
  }
  CHECK(alerts::kind_of(alerts::kKmsNetworkAccessDenied) == sim::RecordKind::alert);
  CHECK(alerts::kind_of(alerts::kConfigNoLongerValid) == sim::RecordKind::alert);
  CHECK(alerts::kind_of(alerts::kKmsNetworkAccessRestored) == sim::RecordKind::event);
  CHECK(alerts::kind_of(alerts::kConfigIsValid) == sim::RecordKind::event);
  CHECK(alerts::kind_of(alerts::kClustersShutDownEmail) == sim::RecordKind::email);
  CHECK(alerts::kind_of(alerts::kMasterKeyRotated) == sim::RecordKind::event);
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  env.cluster("p", "c", Provider::AWS);
  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(20));
  env.w->enable_key(p, Provider::AWS);
  env.w->try_again(p);
  env.run_to(min(40));
  REQUIRE(env.rec.named("AWS_ENCRYPTION_KEY_VALID").size() == 1);
  CHECK(env.rec.named("AWS_ENCRYPTION_KEY_VALID")[0].kind == sim::RecordKind::event);
  REQUIRE(env.rec.named("ENCRYPTION_AT_REST_CONFIG_IS_VALID").size() == 1);
  CHECK(env.rec.named("ENCRYPTION_AT_REST_CONFIG_IS_VALID")[0].kind == sim::RecordKind::event);
  std::size_t notifications = 0;
  for (const sim::Record& r : env.rec.records)
    if (const std::string* name = r.field("eventTypeName")) {
      ++notifications;
      CHECK_MESSAGE(r.kind == alerts::kind_of(*name), *name);
    }
  CHECK(notifications >= 4);
}

TEST_CASE("queries: find by name, list endpoints, next validation on the 15-minute grid with the phase setting") {
  Settings s;
  s.set("validation_phase_offset", "7m");
  Env env(s);
  const ProjectIx p = env.project("p", Provider::AWS);
  CHECK(env.w->find_project("p") == p);
  CHECK_FALSE(env.w->find_project("q"));
  env.run_to(min(8));
  CHECK(env.w->next_validation(p) == at(min(22)));
  CHECK(env.w->project(p).scheduledChecks == 1);
  env.run_to(min(22));
  CHECK(env.w->project(p).scheduledChecks == 2);
}

TEST_CASE("IllegalTransition is typed: firing an event a state does not allow throws") {
  sim::Simulation sim;
  EndpointMachine m(endpoint_table(), {});
  CHECK_THROWS_AS(m.fire(sim, EndpointEvent::Delete), sim::IllegalTransition);
  ClusterMachine c(cluster_table(), {}, ClusterState::PAUSED);
  CHECK_THROWS_AS(c.fire(sim, ClusterEvent::Shutdown), sim::IllegalTransition);
}

TEST_CASE("setup: duplicate names are refused, and a cluster refused for another reason leaves its name free") {
  Env env;
  env.project("p", Provider::AWS);
  ProjectSetup again;
  again.name = "p";
  CHECK_THROWS_AS(env.w->add_project(again), std::invalid_argument);
  ClusterSetup tenant;
  tenant.project = "p";
  tenant.name = "c";
  tenant.instanceSizeName = "M0";
  tenant.encryptionAtRestProvider = Provider::AWS;
  CHECK_THROWS_AS(env.w->add_cluster(tenant), std::invalid_argument);  // M0 cannot use a customer key
  CHECK_FALSE(env.w->find_cluster("p", "c"));
  const ClusterIx c = env.cluster("p", "c", Provider::AWS);
  CHECK(env.w->find_cluster("p", "c") == c);
  CHECK_THROWS_AS(env.cluster("p", "c", Provider::AWS), std::invalid_argument);
  CHECK(env.w->projects().size() == 1);
  CHECK(env.w->clusters().size() == 1);
}
