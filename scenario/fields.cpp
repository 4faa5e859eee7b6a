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
    case Target::Kind::alert:
    case Target::Kind::client:
    case Target::Kind::step: break;
  }
  throw std::invalid_argument("an alert, a client or a step is not an entity of the world");
}

// Appends the scalar fields under `fields` by their paths from `prefix`: an object's as
// "object.field", a list's through its first element as "list[0].field". The simulator's fields
// (in cmksim) go by their own names (fields.h).
void add_paths(const std::vector<models::FieldInfo>& fields, const std::string& prefix, std::vector<std::string>& out) {
  for (const models::FieldInfo& f : fields) {
    const std::string name(f.name);
    switch (f.type) {
      case models::FieldType::object:
        add_paths(f.children, prefix.empty() && f.name == models::kSimulatorKey ? "" : prefix + name + ".", out);
        break;
      case models::FieldType::list: add_paths(f.children, prefix + name + "[0].", out); break;
      default: out.push_back(prefix + name);
    }
  }
}

// The names of an entity's fields an expectation can compare: every scalar, by its path.
std::vector<std::string> scalar_fields(Target::Kind kind, models::Provider provider) {
  std::vector<std::string> out;
  add_paths(models::fields_of(entity_kind(kind), provider), "", out);
  return out;
}

// The field info at an expectation field name (scalar_fields' paths); nullptr when none.
const models::FieldInfo* info_at(const std::vector<models::FieldInfo>& fields, const std::string& prefix, const std::string& name) {
  for (const models::FieldInfo& f : fields) {
    const std::string path = prefix + std::string(f.name);
    if (f.type == models::FieldType::object) {
      const auto* in = info_at(f.children, prefix.empty() && f.name == models::kSimulatorKey ? "" : path + ".", name);
      if (in) return in;
    } else if (f.type == models::FieldType::list) {
      if (const auto* in = info_at(f.children, path + "[0].", name)) return in;
    } else if (path == name) {
      return &f;
    }
  }
  return nullptr;
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
  static const std::vector<std::string> client = {"outcome", "finishedAt", "errors", "warnings", "error", "warning"};
  switch (kind) {
    case K::project: return project;
    case K::kms: return provider == models::Provider::AZURE ? azure : provider == models::Provider::GCP ? gcp : aws;
    case K::cluster: return cluster;
    case K::endpoint: return endpoint;
    case K::client: return client;
    case K::alert:
    case K::step: return alert;  // both are counted: count, at_least, at_most
  }
  return project;
}

std::vector<std::string> field_values(Target::Kind kind, const std::string& field) {
  if (kind == Target::Kind::alert || kind == Target::Kind::step) return {};
  if (kind == Target::Kind::client) return field == "outcome" ? std::vector<std::string>{"running", "success", "error", "absent"} : std::vector<std::string>{};
  // A kms field has the same values in every block that has it.
  const std::vector<models::Provider> blocks =
      kind == Target::Kind::kms ? std::vector{models::Provider::AWS, models::Provider::AZURE, models::Provider::GCP}
                                : std::vector{models::Provider::NONE};
  for (models::Provider p : blocks)
    if (const models::FieldInfo* f = info_at(models::fields_of(entity_kind(kind), p), "", field); f && !f->values.empty()) {
      std::vector<std::string> v = f->values;
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
    case Target::Kind::client: return "client";
    case Target::Kind::step: return "step";
  }
  return "?";
}

}  // namespace scenario
