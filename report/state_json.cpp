// report::state_json: the World's observable state (models::observe) as one JSON document, nested
// as Atlas nests its resources: each project (Group) with its sub-resources encryptionAtRest
// (GET /groups/{g}/encryptionAtRest), privateEndpoints per cloud (GET .../encryptionAtRest/
// {cloudProvider}/privateEndpoints: "AWS" and "AZURE") and clusters (GET /groups/{g}/clusters),
// then the snapshots. Gone endpoints are left out (the view has none), as the API leaves them out.
#include "report/state_json.h"

#include <string>
#include <type_traits>
#include <variant>

#include "models/observe.h"

namespace report {

namespace {

using nlohmann::json;

json record_json(const models::FieldRecord& record);

json value_json(const models::FieldValue& v) {
  return std::visit(
      [](const auto& x) -> json {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::vector<models::FieldRecord>>) {
          json list = json::array();
          for (const models::FieldRecord& r : x) list.push_back(record_json(r));
          return list;
        } else if constexpr (std::is_same_v<T, models::FieldRecord>) {
          return record_json(x);
        } else if constexpr (std::is_same_v<T, models::Null>) {
          return nullptr;  // seed 002 §'Example Response': an unset KMS field is null
        } else {
          return x;
        }
      },
      v);
}

json record_json(const models::FieldRecord& record) {
  json j = json::object();
  for (const models::Field& f : record) j[std::string(f.name)] = value_json(f.value);
  return j;
}

// The entity's fields as a JSON object; null when it does not exist now.
json entity_json(const models::World& world, const models::Observable& e) {
  const auto record = models::observe(world, e);
  return record ? record_json(*record) : json();
}

json project_json(const models::World& world, models::ProjectIx p) {
  using K = models::EntityKind;
  json j = entity_json(world, {K::project, p});
  json ear;
  for (std::size_t i = 0; i < models::kBlockCount; ++i) {
    const models::Provider prov = models::block_provider(i);
    ear[std::string(models::block_name(prov))] = entity_json(world, {K::kms, p, prov});
  }
  json clusters = json::array();
  for (models::ClusterIx c : world.project(p).clusterIxs) clusters.push_back(entity_json(world, {K::cluster, c}));
  json endpoints = {{"AWS", json::array()}, {"AZURE", json::array()}};
  for (models::EndpointIx e : world.project(p).endpointIxs)
    if (auto record = models::observe(world, {K::endpoint, e}))
      endpoints[std::string(models::provider_name(world.endpoint(e).cloudProvider))].push_back(record_json(*record));
  j["encryptionAtRest"] = ear;
  j["clusters"] = clusters;
  j["privateEndpoints"] = endpoints;
  return j;
}

}  // namespace

nlohmann::json state_json(const models::World& world) {
  json projects = json::array();
  for (models::ProjectIx p = 0; p < world.projects().size(); ++p) projects.push_back(project_json(world, p));
  json snapshots = json::array();
  for (models::SnapshotIx s = 0; s < world.snapshots().size(); ++s)
    snapshots.push_back(entity_json(world, {models::EntityKind::snapshot, s}));
  return json{{"projects", projects}, {"snapshots", snapshots}};
}

}  // namespace report
