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
  if (std::holds_alternative<FieldRecord>(v)) return FieldType::object;
  if (std::holds_alternative<Null>(v)) return FieldType::text;  // a nullable text field with no value
  return FieldType::list;
}

std::string text(const World& w, const Observable& e, std::string_view field) {
  const auto v = observe_field(w, e, field);
  REQUIRE(v);
  REQUIRE(std::holds_alternative<std::string>(*v));
  return std::get<std::string>(*v);
}

// A record gives the declared fields, in order, with the declared types and origins, leaving out
// only unset text fields; an enumerated field's value is one of its declared values; objects and
// list elements likewise.
void check_record(const FieldRecord& record, const std::vector<FieldInfo>& infos) {
  std::size_t at = 0;
  for (const FieldInfo& info : infos) {
    if (at == record.size() || record[at].name != info.name) {
      CHECK_MESSAGE((info.type == FieldType::text && !info.nullable), info.name << " is missing");
      continue;
    }
    const Field& f = record[at++];
    CHECK(f.origin == info.origin);
    CHECK_MESSAGE((!std::holds_alternative<Null>(f.value) || info.nullable), f.name << " is null but not nullable");
    if (std::holds_alternative<Null>(f.value)) continue;
    CHECK_MESSAGE(type_of(f.value) == info.type, f.name);
    if (const auto* object = std::get_if<FieldRecord>(&f.value)) check_record(*object, info.children);
    if (const auto* list = std::get_if<std::vector<FieldRecord>>(&f.value))
      for (const FieldRecord& element : *list) check_record(element, info.children);
    if (const auto* s = std::get_if<std::string>(&f.value)) CHECK_MESSAGE(!s->empty(), f.name << " is written empty");
    if (info.values.empty()) continue;
    const std::string seen = type_of(f.value) == FieldType::boolean ? (std::get<bool>(f.value) ? "true" : "false")
                                                                     : std::get<std::string>(f.value);
    CHECK_MESSAGE(std::count(info.values.begin(), info.values.end(), seen) == 1, f.name << " = " << seen);
  }
  CHECK_MESSAGE(at == record.size(), "undeclared field " << (at < record.size() ? record[at].name : ""));
}

void check_matches_declaration(const World& w, const Observable& e) {
  const auto record = observe(w, e);
  REQUIRE(record);
  check_record(*record, fields_of(e.kind, e.provider == Provider::NONE ? Provider::AWS : e.provider));
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
  // The Atlas layout: replicationSpecs[].regionConfigs[] with electableSpecs.
  const std::string region = "replicationSpecs[0].regionConfigs[0].";
  CHECK(text(*env.w, cluster, region + "regionName") == "US_EAST_1");
  CHECK(text(*env.w, cluster, region + "providerName") == "AWS");
  CHECK(observe_field(*env.w, cluster, region + "priority") == FieldValue{std::int64_t{7}});
  CHECK(text(*env.w, cluster, region + "electableSpecs.instanceSize") == "M10");
  CHECK(observe_field(*env.w, cluster, region + "electableSpecs.nodeCount") == FieldValue{std::int64_t{3}});
  CHECK_FALSE(observe_field(*env.w, cluster, "replicationSpecs[0].regionConfigs[1].regionName"));  // one region
  CHECK_FALSE(observe_field(*env.w, cluster, "replicationSpecs[x].regionConfigs"));
  // The simulator's fields sit under cmksim: by their own name or with the prefix.
  CHECK(text(*env.w, cluster, "cmksim.runState") == "RUNNING");
  CHECK_FALSE(observe_field(*env.w, cluster, "cmksim.stateName"));  // an API field is not under cmksim
  const auto record = observe(*env.w, cluster);
  REQUIRE(record);
  CHECK(record->back().name == kSimulatorKey);

  const auto& infos = fields_of(EntityKind::cluster);
  auto info = [](const std::vector<FieldInfo>& fields, std::string_view name) {
    return *std::find_if(fields.begin(), fields.end(), [&](const FieldInfo& f) { return f.name == name; });
  };
  CHECK(info(infos, "stateName").origin == FieldOrigin::atlas_api);
  CHECK(info(info(infos, kSimulatorKey).children, "runState").origin == FieldOrigin::simulator);

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
  const ClusterIx c = env.cluster("p", "orders", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
  const EndpointIx e = env.w->add_endpoint("p", Provider::AZURE, "US_EAST_2", EndpointStatus::ACTIVE, "east");
  REQUIRE(env.w->take_snapshot(c).ok());
  CHECK(text(*env.w, {EntityKind::endpoint, e}, "name") == "east");  // the scenario's label (issue 15)
  CHECK(env.w->entity_name(endpoint_subject(e)) == "endpoint/east");
  check_matches_declaration(*env.w, {EntityKind::project, p});
  for (Provider b : {Provider::AWS, Provider::AZURE, Provider::GCP}) check_matches_declaration(*env.w, {EntityKind::kms, p, b});
  check_matches_declaration(*env.w, {EntityKind::endpoint, e});
  check_matches_declaration(*env.w, {EntityKind::snapshot, 0});
  CHECK(text(*env.w, {EntityKind::snapshot, 0}, "replicaSetName") == "orders");
  CHECK(text(*env.w, {EntityKind::snapshot, 0}, "createdAt") == "2026-01-01T00:00:00Z");  // the default start
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
  const EndpointIx old = env.w->add_endpoint("p", Provider::AZURE, "US_EAST_2", EndpointStatus::ACTIVE);
  CHECK(env.w->endpoint_in_region(p, "US_EAST_2", std::nullopt) == old);
  CHECK(env.w->endpoint_in_region(p, "US_EAST_2", Provider::AZURE) == old);
  CHECK_FALSE(env.w->endpoint_in_region(p, "US_EAST_2", Provider::AWS));
  CHECK_FALSE(env.w->endpoint_in_region(p, "EUROPE_WEST", std::nullopt));

  REQUIRE(env.w->reject_endpoint(old).ok());
  CHECK(env.w->endpoint_in_region(p, "US_EAST_2", std::nullopt) == old);  // no replacement yet: the record itself
  env.run_for(min(1));                                                    // t_recreate
  const auto live = env.w->list_endpoints(p, Provider::AZURE);
  REQUIRE(live.size() == 2);
  const EndpointIx replacement = live[1];
  CHECK(env.status(old) == EndpointStatus::PENDING_RECREATION);
  CHECK(env.w->endpoint_in_region(p, "US_EAST_2", std::nullopt) == replacement);
  CHECK(text(*env.w, {EntityKind::endpoint, replacement}, "status") == "INITIATING");
  CHECK(text(*env.w, {EntityKind::endpoint, old}, "status") == "PENDING_RECREATION");

  env.run_for(min(3));  // the replacement leaves INITIATING: the old record goes
  REQUIRE(env.w->endpoint(old).gone());
  CHECK(env.w->endpoint_in_region(p, "US_EAST_2", std::nullopt) == replacement);
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

TEST_CASE("unset fields are left out, a KMS block's API text fields are null; date-times follow the wall clock") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  env.w->set_wall_clock(sim::WallClock(*sim::parse_iso8601("2026-03-01T09:00:00Z")));
  // The GCP block is not configured: no KMS region (left out, not ""); its key resource id is null
  // as seed 002's example response shows it (issue 11 item 10).
  const Observable gcp{EntityKind::kms, p, Provider::GCP};
  CHECK(observe_field(*env.w, gcp, "keyVersionResourceID") == FieldValue{Null{}});
  CHECK_FALSE(observe_field(*env.w, gcp, "kmsRegion"));
  const auto record = observe(*env.w, gcp);
  REQUIRE(record);
  for (const Field& f : *record)
    if (f.name == "keyVersionResourceID") CHECK(std::holds_alternative<Null>(f.value));
  // The Azure block, never enabled: clientID and tenantID read null as seed 002's example shows
  // them; both are nullable API text, and the client secret is no field at all.
  const Observable azure{EntityKind::kms, p, Provider::AZURE};
  for (const char* f : {"clientID", "tenantID"}) CHECK_MESSAGE(observe_field(*env.w, azure, f) == FieldValue{Null{}}, f);
  std::size_t declared = 0;
  for (const FieldInfo& info : fields_of(EntityKind::kms, Provider::AZURE)) {
    CHECK(info.name != "secret");
    if (info.name != "clientID" && info.name != "tenantID") continue;
    ++declared;
    CHECK((info.type == FieldType::text && info.nullable && info.origin == FieldOrigin::atlas_api));
  }
  CHECK(declared == 2);
  CHECK(text(*env.w, {EntityKind::project, p}, "created") == "2026-03-01T09:00:00Z");
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_for(min(90));
  REQUIRE(env.w->take_snapshot(c).ok());
  CHECK(text(*env.w, {EntityKind::snapshot, 0}, "createdAt") == "2026-03-01T10:30:00Z");
}
