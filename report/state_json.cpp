// report::state_json: the World as Atlas would show it (API field names: RAWSPEC EncryptionAtRest,
// EARPrivateEndpoint, cluster description), plus the simulator's own fields (runState, key
// state...) that no API returns. Gone endpoints are left out, as GET .../privateEndpoints does.
// Secrets are never part of the World, so never part of this document.
#include "report/state_json.h"

#include <string>

#include "models/key.h"
#include "sim/duration_text.h"

namespace report {

namespace {

using nlohmann::json;

json block_json(const models::KmsConfig& b, models::Provider p) {
  json j;
  j["enabled"] = b.enabled;
  j["valid"] = b.valid;
  switch (p) {
    case models::Provider::AWS:
      j["requirePrivateNetworking"] = b.requirePrivateNetworking;
      j["customerMasterKeyID"] = b.customerMasterKeyID;
      j["region"] = b.region;
      j["roleId"] = b.roleId;
      break;
    case models::Provider::AZURE:
      j["requirePrivateNetworking"] = b.requirePrivateNetworking;
      j["azureEnvironment"] = b.azureEnvironment;
      j["keyVaultName"] = b.keyVaultName;
      j["keyIdentifier"] = b.keyIdentifier;
      break;
    default:
      j["keyVersionResourceID"] = b.keyVersionResourceID;
      break;
  }
  // Simulator fields: the block's machine and the customer's key in the cloud (spec §2.6, §2.8).
  j["earState"] = std::string(models::ear_state_name(b.ear.state()));
  j["keyState"] = std::string(models::key_state_name(b.key.keyState.state()));
  j["credentials"] = std::string(models::credential_state_name(b.key.credentials.state()));
  j["keyAccess"] = std::string(models::access_state_name(b.key.access.state()));
  j["kmsRegion"] = b.kmsRegion;
  j["kmsReachable"] = b.key.reachable(b.kmsRegion);
  j["privatePath"] = b.privatePath;
  j["keyVersion"] = b.key.version;
  return j;
}

json cluster_json(const models::Cluster& c) {
  json regions = json::array();
  for (const models::ClusterRegion& r : c.regions)
    regions.push_back({{"regionName", r.regionName}, {"providerName", std::string(models::provider_name(r.providerName))},
                       {"nodes", r.nodes}});
  return json{{"id", c.id},
              {"name", c.name},
              {"stateName", std::string(c.stateName())},
              {"paused", c.paused},
              {"encryptionAtRestProvider", std::string(models::provider_name(c.encryptionAtRestProvider))},
              {"instanceSizeName", c.instanceSizeName},
              {"diskSizeGB", c.diskSizeGB},
              {"providerName", std::string(models::provider_name(c.providerName))},
              {"regions", regions},
              // simulator fields
              {"runState", std::string(models::cluster_state_name(c.state()))},
              {"privatePath", c.privatePath},
              {"nodesDown", c.nodesDown},
              {"queuedChanges", c.queuedChanges.size()},
              {"pausedByAtlas", c.pausedByAtlas},
              {"servesReadsWrites", c.servesReadsWrites()},
              {"dataLost", c.dataLost}};
}

json endpoint_json(const models::PrivateEndpoint& e) {
  return json{{"id", e.id},
              {"cloudProvider", std::string(models::provider_name(e.cloudProvider))},
              {"regionName", e.regionName},
              {"status", std::string(e.statusName())},
              {"errorMessage", e.errorMessage},
              {"privateEndpointConnectionName", e.privateEndpointConnectionName}};
}

}  // namespace

nlohmann::json state_json(const models::World& world) {
  json projects = json::array();
  for (const models::Project& p : world.projects()) {
    json ear;
    for (std::size_t i = 0; i < models::kBlockCount; ++i) {
      const models::Provider prov = models::block_provider(i);
      ear[std::string(models::block_name(prov))] = block_json(p.blocks[i], prov);
    }
    json clusters = json::array();
    for (std::uint32_t c : p.clusterIxs) clusters.push_back(cluster_json(world.cluster(c)));
    json endpoints = json::array();
    for (std::uint32_t e : p.endpointIxs)
      if (!world.endpoint(e).gone()) endpoints.push_back(endpoint_json(world.endpoint(e)));
    projects.push_back(json{{"id", p.id},
                            {"name", p.name},
                            {"state", std::string(models::project_state_name(p.state.state()))},
                            {"backupCompliancePolicy", p.backupCompliancePolicy},
                            {"encryptionAtRest", ear},
                            {"clusters", clusters},
                            {"privateEndpoints", endpoints}});
  }
  json snapshots = json::array();
  for (const models::Snapshot& s : world.snapshots())
    snapshots.push_back(json{{"id", s.id},
                             {"cluster", world.cluster(s.cluster).name},
                             {"encryptionAtRestProvider", std::string(models::provider_name(s.encryptionAtRestProvider))},
                             {"keyVersion", s.keyVersion},
                             {"createdAt", sim::format_time(s.createdAt)}});
  return json{{"projects", projects}, {"snapshots", snapshots}};
}

}  // namespace report
