// AtlasError and Outcome: what every operation returns. Codes and HTTP statuses are the Atlas
// ones from spec §3.2 (api-errors [documented], CIREP [observed]); codes starting SIM_ are the
// spec's stand-ins for cases the documents leave without a code (spec §3.2 last paragraph).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace models {

struct AtlasError {
  std::string code;        // errorCode, e.g. "CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS"
  int httpStatus = 400;    // e.g. 400, 404, 409, 500
  std::string message;     // detail, the Atlas text where the spec quotes it
  std::vector<std::string> params;  // e.g. the regions of ..._WHILE_PRIVATE_ENDPOINTS_EXIST
};

// Success (with the HTTP status Atlas answers: 200, 202 or 204) or an AtlasError.
class Outcome {
 public:
  Outcome() = default;  // 200 OK
  static Outcome success(int status = 200) { Outcome o; o.status_ = status; return o; }
  Outcome(AtlasError e) : status_(e.httpStatus), error_(std::move(e)) {}  // NOLINT: errors convert

  bool ok() const { return !error_; }
  explicit operator bool() const { return ok(); }
  int httpStatus() const { return status_; }
  const AtlasError& error() const { return *error_; }
  // "OK" or the error code: what operation records and scenario expectations compare.
  std::string code() const { return error_ ? error_->code : std::string("OK"); }
  // Set by operations that create something (endpoint id, snapshot id, cluster id).
  const std::string& createdId() const { return created_; }
  Outcome& with_created(std::string id) { created_ = std::move(id); return *this; }
  // The fields of the response body a read returns (GET privateEndpoints/{id}: status,
  // errorMessage), as the API spells them; empty for requests whose answer carries nothing read.
  const std::vector<std::pair<std::string, std::string>>& body() const { return body_; }
  Outcome& with_body(std::string key, std::string value) { body_.emplace_back(std::move(key), std::move(value)); return *this; }
  // A body field's value, or nullptr.
  const std::string* body_field(std::string_view key) const {
    for (const auto& [k, v] : body_)
      if (k == key) return &v;
    return nullptr;
  }

 private:
  int status_ = 200;
  std::optional<AtlasError> error_;
  std::string created_;
  std::vector<std::pair<std::string, std::string>> body_;
};

// Factories for every code the models return. Each builds its AtlasError from the code's row of
// the catalogue (models/error_catalogue.h): status and text are written there once; a factory
// only names the code and fills in the values. A code missing from the catalogue is a bug: the
// factory throws std::logic_error (tests/models/error_catalogue_test.cpp checks every code).
namespace errors {
// The catalogue row of `code` with its %s/%d filled from `values`; params are the error's
// parameters as Atlas returns them (default: the values).
AtlasError from_catalogue(std::string_view code, std::vector<std::string> values = {});
AtlasError from_catalogue(std::string_view code, std::vector<std::string> values, std::vector<std::string> params);
// spec §3.2 [observed] CIREP
AtlasError cannot_disable_due_to_private_endpoints();
AtlasError cannot_disable_pn_while_endpoints_exist(std::vector<std::string> regions);
AtlasError endpoint_delete_blocked_during_provisioning(const std::string& endpointId);
AtlasError cannot_assume_role(const std::string& roleArn);
AtlasError unexpected_error();
AtlasError aws_credentials_auth_deprecated();
// spec §3.2 api-errors [documented]
AtlasError settings_invalid();                     // ENCRYPTION_AT_REST_SETTINGS_INVALID 400
AtlasError cannot_disable_encryption_at_rest();    // CANNOT_DISABLE_ENCRYPTION_AT_REST 409
AtlasError cannot_change_provider();               // CANNOT_CHANGE_ENCRYPTION_AT_REST_PROVIDER 409
AtlasError cannot_rotate_key_encryption_disabled();// CANNOT_ROTATE_KEY_ENCRYPTION_DISABLED 409
AtlasError not_enabled(const std::string& project);  // ENCRYPTION_AT_REST_NOT_ENABLED 400 ("... for group %s.")
AtlasError provider_not_supported();               // ENCRYPTION_AT_REST_PROVIDER_NOT_SUPPORTED 400
AtlasError missing_provider();                     // MISSING_ENCRYPTION_AT_REST_PROVIDER 400
AtlasError cannot_use_tenant();                    // CANNOT_USE_ENCRYPTION_AT_REST_TENANT 400
AtlasError cannot_disable_with_backup_compliance(); // ..._WITH_BACKUP_COMPLIANCE_POLICY 400
AtlasError cannot_update_paused_cluster(const std::string& cluster);  // 409
AtlasError cluster_already_paused();               // 409
AtlasError cannot_pause_with_pending_changes();    // 409
AtlasError cannot_pause_recently_resumed(long minutes);  // 400, params [minutes]
AtlasError rate_limited(const std::string& resource);    // RATE_LIMITED 429
AtlasError service_unavailable();                  // SIM_SERVICE_UNAVAILABLE 503
// A transient server error (a catalogue row marked transient) answering a request of `operation`.
AtlasError transient(std::string_view code, const std::string& operation);
// Key / credential codes by provider (spec §3.2): the reason a validation failed (validator.cpp's
// reason code), each with its own catalogue text; `project` fills "... for group %s." and
// `provider` the SIM_ texts that name the key's provider.
AtlasError kms_key_error(const std::string& code, const std::string& project, const std::string& provider);
// spec §3.2 stand-in codes [inferred]
AtlasError pn_not_enabled(const std::string& provider);        // SIM_PRIVATE_NETWORKING_NOT_ENABLED 400
AtlasError unsupported_pe_provider(const std::string& provider);  // SIM_UNSUPPORTED_EAR_PE_PROVIDER 400
AtlasError region_without_approved_endpoint(std::vector<std::string> regions);  // SIM_REGION_WITHOUT_APPROVED_ENDPOINT 400
AtlasError project_not_active(const std::string& project);     // SIM_PROJECT_NOT_ACTIVE 400
AtlasError topology_unsupported(const std::string& why);       // SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED 400
AtlasError duplicate_region_endpoint(const std::string& region);  // SIM_DUPLICATE_REGION_ENDPOINT 409
// Further stand-in codes of this model (not in the spec's list; same convention) [inferred]
AtlasError endpoint_not_found(const std::string& id);          // SIM_PRIVATE_ENDPOINT_NOT_FOUND 404 (spec §1: gone = 404)
AtlasError endpoint_not_pending_acceptance(const std::string& id, const std::string& status);  // SIM_ENDPOINT_NOT_PENDING_ACCEPTANCE 400
AtlasError endpoint_not_active(const std::string& id, const std::string& status);  // SIM_ENDPOINT_NOT_ACTIVE 400
AtlasError endpoint_not_initiating(const std::string& id, const std::string& status);  // SIM_ENDPOINT_NOT_INITIATING 400
AtlasError cluster_not_paused(const std::string& cluster);     // SIM_CLUSTER_NOT_PAUSED 409
AtlasError cluster_exists(const std::string& cluster, const std::string& group);  // DUPLICATE_CLUSTER_NAME 400 (api-errors)
AtlasError cluster_disabled_no_reads(const std::string& cluster);  // SIM_CLUSTER_DISABLED 503 (seed 003: no reads/writes)
AtlasError snapshot_key_invalid(const std::string& snapshot);  // SIM_SNAPSHOT_KEY_INVALID 400 (seed 003 §'Encrypted Backups')
AtlasError snapshot_not_found(const std::string& snapshot, const std::string& cluster);  // SNAPSHOT_NOT_FOUND 404 (api-errors)
AtlasError multiple_providers_refused();                       // SIM_MULTIPLE_PROVIDERS_REFUSED 400 (multiple_providers=single)
AtlasError key_state_conflict(const std::string& what);      // SIM_CLOUD_KEY_STATE_CONFLICT 409 (cloud console refuses)
AtlasError cluster_not_idle(const std::string& cluster, const std::string& state);  // SIM_CLUSTER_NOT_IDLE 409
AtlasError endpoint_already_deleting(const std::string& id);  // SIM_ENDPOINT_ALREADY_DELETING 400 (delete_while_deleting=reject_400)
AtlasError kms_unreachable(const std::string& provider);      // SIM_KMS_UNREACHABLE 400 (enable while the KMS cannot be reached)
// Backup and restore (api-errors [documented]; seed 003 §'Encrypted Backups'; issue 11 item 12)
AtlasError cluster_paused_cannot_restore();                  // CLUSTER_PAUSED_CANNOT_RESTORE 400
AtlasError invalid_snapshot_restore_encryption();            // INVALID_SNAPSHOT_RESTORE_ENCRYPTION 400
AtlasError cannot_use_encryption_at_rest_backup_type();      // CANNOT_USE_ENCRYPTION_AT_REST_BACKUP_TYPE 400
AtlasError cannot_disable_all_with_backup_compliance();      // CAN_NOT_DISABLE_ALL_..._WHILE_BACKUP_COMPLIANCE_POLICY_ENCRYPTION_ENABLED 400
// ---- key configuration (issue 11 items 2, 3, 10, 13; models/key_config_patch.cpp, key_versions.cpp) ----
// SIM_AZURE_VAULT_FIELD_IMMUTABLE 400: spec §3.2 stand-in; seed 004 "You can't modify ... keyVaultName,
// resourceGroupName, subscriptionID after you enable and set up private endpoint connections".
AtlasError azure_vault_field_immutable(const std::string& field);
// A key the KMS shows but Atlas cannot use, with the api-errors text of its code (spec §3.2):
// AWS_KMS_CUSTOMER_MASTER_KEY_{NOT_ENABLED,PENDING_DELETION,PENDING_IMPORT}, AWS_KMS_REGION_NOT_SUPPORTED,
// AWS_CUSTOMER_MASTER_KEY_NOT_FOUND (404), AZURE_KEY_VAULT_KEY_{EXPIRED,EXPIRING,NOT_ACTIVE,NOT_ENABLED,
// NOT_FOUND,IDENTIFIER_INVALID_FORMAT}, AZURE_KEY_VAULT_ENVIRONMENT_NOT_SUPPORTED,
// GOOGLE_CLOUD_KMS_KEY_VERSION_{DISABLED,DESTROY_SCHEDULED,DESTROYED,NOT_FOUND,PENDING_GENERATION}.
// `project`: the group the AWS not-found text names. Every code is a catalogue row (error_catalogue.cpp).
AtlasError key_unusable(const std::string& code, const std::string& project);
// INVALID_ATTRIBUTE 400 (api-errors, generic): a malformed roleId or customerMasterKeyID ARN.
AtlasError invalid_attribute(const std::string& field);
// SIM_GCP_SERVICE_ACCOUNT_KEY_AFTER_ROLE 400: spec §1 "GCP: once [roleId is] set, serviceAccountKey
// refused for good" (RAWSPEC; TF GCP role migration guide); no documented code.
AtlasError gcp_service_account_key_after_role();
}  // namespace errors

}  // namespace models
