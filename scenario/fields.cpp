#include "scenario/fields.h"

#include <stdexcept>

#include "models/alerts.h"
#include "models/observe.h"

namespace scenario {

namespace {

// The view's kind for a target kind other than alert.
models::EntityKind entity_kind(Target::Kind kind) {
  switch (kind) {
    case Target::Kind::project: return models::EntityKind::project;
    case Target::Kind::kms: return models::EntityKind::kms;
    case Target::Kind::cluster: return models::EntityKind::cluster;
    case Target::Kind::endpoint: return models::EntityKind::endpoint;
    case Target::Kind::alert: break;
  }
  throw std::invalid_argument("an alert is not an entity of the world");
}

// The names of an entity's fields an expectation can compare: all but lists (a cluster's regions).
std::vector<std::string> scalar_fields(Target::Kind kind, models::Provider provider) {
  std::vector<std::string> out;
  for (const models::FieldInfo& f : models::fields_of(entity_kind(kind), provider))
    if (f.type != models::FieldType::list) out.emplace_back(f.name);
  return out;
}

}  // namespace

const std::vector<std::string>& target_fields(Target::Kind kind, models::Provider provider) {
  using K = Target::Kind;
  static const std::vector<std::string> project = scalar_fields(K::project, models::Provider::NONE);
  static const std::vector<std::string> aws = scalar_fields(K::kms, models::Provider::AWS);
  static const std::vector<std::string> azure = scalar_fields(K::kms, models::Provider::AZURE);
  static const std::vector<std::string> gcp = scalar_fields(K::kms, models::Provider::GCP);
  static const std::vector<std::string> cluster = scalar_fields(K::cluster, models::Provider::NONE);
  static const std::vector<std::string> endpoint = scalar_fields(K::endpoint, models::Provider::NONE);
  static const std::vector<std::string> alert = {"count", "at_least", "at_most"};
  switch (kind) {
    case K::project: return project;
    case K::kms: return provider == models::Provider::AZURE ? azure : provider == models::Provider::GCP ? gcp : aws;
    case K::cluster: return cluster;
    case K::endpoint: return endpoint;
    case K::alert: return alert;
  }
  return project;
}

std::vector<std::string> field_values(Target::Kind kind, const std::string& field) {
  if (kind == Target::Kind::alert) return {};
  // A kms field has the same values in every block that has it.
  const std::vector<models::Provider> blocks =
      kind == Target::Kind::kms ? std::vector{models::Provider::AWS, models::Provider::AZURE, models::Provider::GCP}
                                : std::vector{models::Provider::NONE};
  for (models::Provider p : blocks)
    for (const models::FieldInfo& f : models::fields_of(entity_kind(kind), p))
      if (f.name == field && !f.values.empty()) {
        std::vector<std::string> v = f.values;
        v.emplace_back("absent");
        return v;
      }
  return {};
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
