#include "scenario/fields.h"

#include "models/alerts.h"
#include "models/cluster.h"
#include "models/endpoint.h"
#include "models/key.h"
#include "models/project.h"

namespace scenario {

const std::vector<std::string>& target_fields(Target::Kind kind, models::Provider provider) {
  static const std::vector<std::string> project = {"id", "name", "state", "backupCompliancePolicy"};
  // Every block: the API's enabled/valid, then the simulator's view of the key (state_json.cpp).
  static const auto block = [](std::vector<std::string> api) {
    for (const char* f : {"earState", "keyState", "credentials", "keyAccess", "kmsRegion", "kmsReachable", "privatePath", "keyVersion"})
      api.emplace_back(f);
    return api;
  };
  static const std::vector<std::string> aws = block({"enabled", "valid", "requirePrivateNetworking", "customerMasterKeyID", "region", "roleId"});
  static const std::vector<std::string> azure = block({"enabled", "valid", "requirePrivateNetworking", "azureEnvironment", "keyVaultName", "keyIdentifier"});
  static const std::vector<std::string> gcp = block({"enabled", "valid", "keyVersionResourceID"});
  static const std::vector<std::string> cluster = {"id", "name", "stateName", "paused", "encryptionAtRestProvider",
                                                   "instanceSizeName", "diskSizeGB", "providerName", "runState",
                                                   "privatePath", "nodesDown", "queuedChanges", "pausedByAtlas",
                                                   "servesReadsWrites", "dataLost"};
  static const std::vector<std::string> endpoint = {"id", "cloudProvider", "regionName", "status", "errorMessage",
                                                    "privateEndpointConnectionName"};
  static const std::vector<std::string> alert = {"count", "at_least", "at_most"};
  switch (kind) {
    case Target::Kind::project: return project;
    case Target::Kind::kms: return provider == models::Provider::AZURE ? azure : provider == models::Provider::GCP ? gcp : aws;
    case Target::Kind::cluster: return cluster;
    case Target::Kind::endpoint: return endpoint;
    case Target::Kind::alert: return alert;
  }
  return project;
}

namespace {
template <class E, class F>
std::vector<std::string> names(E last, F name) {
  std::vector<std::string> out;
  for (int i = 0; i <= static_cast<int>(last); ++i) out.emplace_back(name(static_cast<E>(i)));
  return out;
}
}  // namespace

std::vector<std::string> field_values(Target::Kind kind, const std::string& field) {
  using K = Target::Kind;
  std::vector<std::string> v;
  if (field == "enabled" || field == "valid" || field == "paused" || field == "requirePrivateNetworking" ||
      field == "kmsReachable" || field == "privatePath" || field == "pausedByAtlas" || field == "servesReadsWrites" ||
      field == "dataLost" || field == "backupCompliancePolicy")
    v = {"true", "false"};
  else if (kind == K::cluster && field == "runState")
    v = names(models::ClusterState::DISABLED_MULTICLOUD, models::cluster_state_name);
  else if (kind == K::cluster && field == "stateName")
    v = {"IDLE", "CREATING", "UPDATING", "DELETING", "REPAIRING"};  // spec §1
  else if (kind == K::cluster && (field == "encryptionAtRestProvider" || field == "providerName"))
    v = {"NONE", "AWS", "AZURE", "GCP"};
  else if (kind == K::endpoint && field == "status")
    v = {"INITIATING", "PENDING_ACCEPTANCE", "ACTIVE", "FAILED", "PENDING_RECREATION", "DELETING"};  // RAWSPEC; gone = absent
  else if (kind == K::endpoint && field == "cloudProvider")
    v = {"AWS", "AZURE"};
  else if (kind == K::project && field == "state")
    v = names(models::ProjectState::INACTIVE, models::project_state_name);
  else if (kind == K::kms && field == "earState")
    v = names(models::EarState::ON_UNREACHABLE, models::ear_state_name);
  else if (kind == K::kms && field == "keyState")
    v = names(models::KeyState::DESTROYED, models::key_state_name);
  else if (kind == K::kms && field == "credentials")
    v = names(models::CredentialState::INVALID, models::credential_state_name);
  else if (kind == K::kms && field == "keyAccess")
    v = names(models::AccessState::REVOKED, models::access_state_name);
  if (!v.empty()) v.emplace_back("absent");
  return v;
}

const std::vector<std::string>& alert_names() {
  static const std::vector<std::string> list = [] {
    namespace a = models::alerts;
    std::vector<std::string> out;
    for (models::Provider p : {models::Provider::AWS, models::Provider::AZURE, models::Provider::GCP}) {
      out.push_back(a::key_invalid(p));
      out.push_back(a::key_valid(p));
      out.push_back(a::key_needs_rotation(p));
      out.push_back(a::key_rotated(p));
    }
    for (std::string_view s : {a::kKmsNetworkAccessDenied, a::kKmsNetworkAccessRestored, a::kConfigNoLongerValid, a::kConfigIsValid,
                               a::kConfigurationUpdated, a::kValidationFailed, a::kValidationSucceeded, a::kKeyRotationStarted,
                               a::kPrivateEndpointCreated, a::kPrivateEndpointDeleted, a::kClustersShutDownEmail,
                               a::kMasterKeyRotated, a::kClusterPausedByAtlas, a::kSnapshotTaken, a::kSnapshotRestored})
      out.emplace_back(s);
    return out;
  }();
  return list;
}

std::string_view target_kind_name(Target::Kind kind) {
  switch (kind) {
    case Target::Kind::project: return "project";
    case Target::Kind::kms: return "kms";
    case Target::Kind::cluster: return "cluster";
    case Target::Kind::endpoint: return "endpoint";
    case Target::Kind::alert: return "alert";
  }
  return "?";
}

}  // namespace scenario
