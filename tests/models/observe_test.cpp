// The observable state (models/observe.h): fields by name and type, the endpoint a region names,
// and what does not exist now.
#include <doctest/doctest.h>

#include <algorithm>

#include "helpers.h"
#include "models/observe.h"

using namespace models;
using namespace testing;

namespace {

FieldType type_of(const FieldValue& v) {
  if (std::holds_alternative<bool>(v)) return FieldType::boolean;
  if (std::holds_alternative<std::int64_t>(v)) return FieldType::integer;
  if (std::holds_alternative<std::string>(v)) return FieldType::text;
  return FieldType::list;
}

std::string text(const World& w, const Observable& e, std::string_view field) {
  const auto v = observe_field(w, e, field);
  REQUIRE(v);
  REQUIRE(std::holds_alternative<std::string>(*v));
  return std::get<std::string>(*v);
}

// observe() gives exactly fields_of's fields, in order, with the declared types and origins, and
// an enumerated field's value is one of its declared values.
void check_matches_declaration(const World& w, const Observable& e) {
  const auto record = observe(w, e);
  REQUIRE(record);
  const std::vector<FieldInfo>& infos = fields_of(e.kind, e.provider == Provider::NONE ? Provider::AWS : e.provider);
  REQUIRE(record->size() == infos.size());
  for (std::size_t i = 0; i < infos.size(); ++i) {
    const Field& f = (*record)[i];
    CHECK(f.name == infos[i].name);
    CHECK(f.origin == infos[i].origin);
    CHECK_MESSAGE(type_of(f.value) == infos[i].type, f.name);
    if (infos[i].values.empty()) continue;
    const std::string seen = type_of(f.value) == FieldType::boolean ? (std::get<bool>(f.value) ? "true" : "false")
                                                                     : std::get<std::string>(f.value);
    CHECK_MESSAGE(std::count(infos[i].values.begin(), infos[i].values.end(), seen) == 1, f.name << " = " << seen);
  }
}

}  // namespace

TEST_CASE("a cluster's fields: Atlas API first, then the simulator's; values follow the model") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  const Observable cluster{EntityKind::cluster, c};
  check_matches_declaration(*env.w, cluster);
  CHECK(text(*env.w, cluster, "name") == "orders");
  CHECK(text(*env.w, cluster, "runState") == "RUNNING");
  CHECK(text(*env.w, cluster, "stateName") == "IDLE");
  CHECK(text(*env.w, cluster, "encryptionAtRestProvider") == "AWS");
  CHECK(observe_field(*env.w, cluster, "paused") == FieldValue{false});
  CHECK(observe_field(*env.w, cluster, "queuedChanges") == FieldValue{std::int64_t{0}});
  const auto regions = observe_field(*env.w, cluster, "regions");
  REQUIRE(regions);
  const auto& list = std::get<std::vector<FieldRecord>>(*regions);
  REQUIRE(list.size() == 1);
  REQUIRE(list[0].size() == 3);
  CHECK(list[0][0].name == "regionName");
  CHECK(list[0][0].value == FieldValue{std::string("US_EAST_1")});
  CHECK(list[0][1].value == FieldValue{std::string("AWS")});
  CHECK(list[0][2].value == FieldValue{std::int64_t{3}});

  const auto& infos = fields_of(EntityKind::cluster);
  auto origin = [&](std::string_view name) {
    return std::find_if(infos.begin(), infos.end(), [&](const FieldInfo& f) { return f.name == name; })->origin;
  };
  CHECK(origin("stateName") == FieldOrigin::atlas_api);
  CHECK(origin("runState") == FieldOrigin::simulator);

  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(16));  // the next scheduled check shuts it down
  CHECK(text(*env.w, cluster, "runState") == "DISABLED_EAR");
  CHECK(text(*env.w, cluster, "stateName") == "IDLE");  // spec §1: no "disabled" stateName
  CHECK(observe_field(*env.w, cluster, "servesReadsWrites") == FieldValue{false});
  CHECK(text(*env.w, {EntityKind::kms, p, Provider::AWS}, "keyState") == "DISABLED");
}

TEST_CASE("every entity's fields match their declaration: project, three blocks, endpoint, snapshot") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE, true);
  const ClusterIx c = env.cluster("p", "orders", Provider::AZURE, {{"EASTUS2", Provider::AZURE, 3}});
  const EndpointIx e = env.w->add_endpoint("p", Provider::AZURE, "EASTUS2", EndpointStatus::ACTIVE);
  REQUIRE(env.w->take_snapshot(c).ok());
  check_matches_declaration(*env.w, {EntityKind::project, p});
  for (Provider b : {Provider::AWS, Provider::AZURE, Provider::GCP}) check_matches_declaration(*env.w, {EntityKind::kms, p, b});
  check_matches_declaration(*env.w, {EntityKind::endpoint, e});
  check_matches_declaration(*env.w, {EntityKind::snapshot, 0});
  CHECK(text(*env.w, {EntityKind::snapshot, 0}, "cluster") == "orders");
  CHECK(text(*env.w, {EntityKind::snapshot, 0}, "encryptionAtRestProvider") == "AZURE");
  // Provider-specific API fields belong to their block only.
  CHECK(observe_field(*env.w, {EntityKind::kms, p, Provider::AZURE}, "keyVaultName"));
  CHECK_FALSE(observe_field(*env.w, {EntityKind::kms, p, Provider::GCP}, "requirePrivateNetworking"));
}

TEST_CASE("the enumerated values come from the model: stateName has only what Cluster::stateName gives") {
  const auto& infos = fields_of(EntityKind::cluster);
  const auto stateName = std::find_if(infos.begin(), infos.end(), [](const FieldInfo& f) { return f.name == "stateName"; });
  REQUIRE(stateName != infos.end());
  std::vector<std::string> values = stateName->values;
  std::sort(values.begin(), values.end());
  CHECK(values == std::vector<std::string>{"CREATING", "IDLE", "REPAIRING", "UPDATING"});
  const auto& endpoint = fields_of(EntityKind::endpoint);
  const auto status = std::find_if(endpoint.begin(), endpoint.end(), [](const FieldInfo& f) { return f.name == "status"; });
  REQUIRE(status != endpoint.end());
  CHECK(std::count(status->values.begin(), status->values.end(), "DELETED") == 0);  // gone: absent, not a status
  CHECK(std::count(status->values.begin(), status->values.end(), "PENDING_RECREATION") == 1);
}

TEST_CASE("World::endpoint_in_region: a live replacement wins over the record PENDING_RECREATION; gone is absent") {
  Env env;  // recreation_mode new_record: the old record waits in PENDING_RECREATION beside the replacement
  const ProjectIx p = env.project("p", Provider::AZURE, true);
  const EndpointIx old = env.w->add_endpoint("p", Provider::AZURE, "EASTUS2", EndpointStatus::ACTIVE);
  CHECK(env.w->endpoint_in_region(p, "EASTUS2", std::nullopt) == old);
  CHECK(env.w->endpoint_in_region(p, "EASTUS2", Provider::AZURE) == old);
  CHECK_FALSE(env.w->endpoint_in_region(p, "EASTUS2", Provider::AWS));
  CHECK_FALSE(env.w->endpoint_in_region(p, "WESTEUROPE", std::nullopt));

  REQUIRE(env.w->reject_endpoint(old).ok());
  CHECK(env.w->endpoint_in_region(p, "EASTUS2", std::nullopt) == old);  // no replacement yet: the record itself
  env.run_for(min(1));                                                    // t_recreate
  const auto live = env.w->list_endpoints(p, Provider::AZURE);
  REQUIRE(live.size() == 2);
  const EndpointIx replacement = live[1];
  CHECK(env.status(old) == EndpointStatus::PENDING_RECREATION);
  CHECK(env.w->endpoint_in_region(p, "EASTUS2", std::nullopt) == replacement);
  CHECK(text(*env.w, {EntityKind::endpoint, replacement}, "status") == "INITIATING");
  CHECK(text(*env.w, {EntityKind::endpoint, old}, "status") == "PENDING_RECREATION");

  env.run_for(min(3));  // the replacement leaves INITIATING: the old record goes
  REQUIRE(env.w->endpoint(old).gone());
  CHECK(env.w->endpoint_in_region(p, "EASTUS2", std::nullopt) == replacement);
  CHECK_FALSE(observe(*env.w, {EntityKind::endpoint, old}));
  CHECK_FALSE(observe_field(*env.w, {EntityKind::endpoint, old}, "status"));
}

TEST_CASE("absent: what does not exist now has no fields") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  CHECK_FALSE(observe(*env.w, {EntityKind::cluster, 0}));        // no cluster yet
  CHECK_FALSE(observe(*env.w, {EntityKind::project, p + 1}));    // no such project
  CHECK_FALSE(observe(*env.w, {EntityKind::snapshot, 0}));       // none taken
  CHECK_FALSE(observe(*env.w, {EntityKind::kms, p, Provider::NONE}));
  CHECK_FALSE(observe_field(*env.w, {EntityKind::project, p}, "runState"));  // a cluster's field
  CHECK(observe_field(*env.w, {EntityKind::project, p}, "state") == FieldValue{std::string("ACTIVE")});
  CHECK_THROWS_AS(fields_of(EntityKind::kms, Provider::NONE), std::invalid_argument);
}
