#include "models/errors.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace models::errors {

namespace {
AtlasError make(std::string code, int status, std::string message, std::vector<std::string> params = {}) {
  return AtlasError{std::move(code), status, std::move(message), std::move(params)};
}
}  // namespace

// ---- spec §3.2, exact texts seen on Atlas (CIREP) ----
AtlasError cannot_disable_due_to_private_endpoints() {
  return make("CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS", 400,
              "Encryption at Rest cannot be disabled when private endpoints are present.");
}
AtlasError cannot_disable_pn_while_endpoints_exist(std::vector<std::string> regions) {
  std::string msg = fmt::format(
      "Cannot disable requirePrivateNetworking field when there are private endpoints. Remove private endpoints in "
      "region(s) {} to disable requirePrivateNetworking.",
      fmt::join(regions, ", "));
  return make("CANNOT_DISABLE_ENCRYPTION_AT_REST_REQUIRE_PRIVATE_NETWORKING_WHILE_PRIVATE_ENDPOINTS_EXIST", 400,
              std::move(msg), std::move(regions));
}
AtlasError endpoint_delete_blocked_during_provisioning(const std::string& id) {
  return make("ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING", 400,
              fmt::format("Failed to delete Encryption at Rest Private endpoint with id [{}] during IN_PROGRESS state. "
                          "Please try again later.",
                          id),
              {id});
}
AtlasError cannot_assume_role(const std::string& arn) {
  return make("CANNOT_ASSUME_ROLE", 400, fmt::format("Atlas cannot assume the specified role ({}).", arn), {arn});
}
AtlasError unexpected_error() { return make("UNEXPECTED_ERROR", 500, "Unexpected error."); }
AtlasError aws_credentials_auth_deprecated() {
  return make("AWS_KMS_CREDENTIALS_AUTH_DEPRECATED", 400,
              "Credentials based authentication is no longer supported for AWS KMS.");
}
// ---- spec §3.2, api-errors ----
AtlasError settings_invalid() {
  return make("ENCRYPTION_AT_REST_SETTINGS_INVALID", 400,
              "Atlas is unable to access your encryption key. You cannot change your encryption key until access to "
              "your current encryption key has been restored.");
}
AtlasError cannot_disable_encryption_at_rest() {
  return make("CANNOT_DISABLE_ENCRYPTION_AT_REST", 409,
              "Cannot disable Encryption at Rest on the group because it is still enabled on one or more clusters in "
              "the group.");
}
AtlasError cannot_change_provider() {
  return make("CANNOT_CHANGE_ENCRYPTION_AT_REST_PROVIDER", 409,
              "To choose a different Encryption at Rest provider, please disable and re-enable this feature.");
}
AtlasError cannot_rotate_key_encryption_disabled() {
  return make("CANNOT_ROTATE_KEY_ENCRYPTION_DISABLED", 409,
              "Cannot rotate the encryption key because Encryption at Rest is disabled.");
}
AtlasError not_enabled(const std::string& p) {
  return make("ENCRYPTION_AT_REST_NOT_ENABLED", 400,
              fmt::format("Encryption at Rest using {} is not enabled for this project.", p), {p});
}
AtlasError provider_not_supported(const std::string& why) {
  return make("ENCRYPTION_AT_REST_PROVIDER_NOT_SUPPORTED", 400, why);
}
AtlasError missing_provider() {
  return make("MISSING_ENCRYPTION_AT_REST_PROVIDER", 400, "No Encryption at Rest provider was specified.");
}
AtlasError cannot_use_tenant(const std::string& tier) {
  return make("CANNOT_USE_ENCRYPTION_AT_REST_TENANT", 400,
              fmt::format("Encryption at Rest with a customer key is not available for {} clusters.", tier), {tier});
}
AtlasError cannot_disable_with_backup_compliance() {
  return make("CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY", 400,
              "Encryption at Rest cannot be disabled while a Backup Compliance Policy is enabled.");
}
AtlasError cannot_update_paused_cluster(const std::string& c) {
  return make("CANNOT_UPDATE_PAUSED_CLUSTER", 409, fmt::format("Cannot update cluster {} while it is paused.", c), {c});
}
AtlasError cluster_already_paused(const std::string& c) {
  return make("CLUSTER_ALREADY_PAUSED", 409, fmt::format("Cluster {} is already paused.", c), {c});
}
AtlasError cannot_pause_with_pending_changes(const std::string& c) {
  return make("CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES", 409,
              fmt::format("Cannot pause cluster {} while it has pending changes.", c), {c});
}
AtlasError cannot_pause_recently_resumed(const std::string& c, long minutes) {
  return make("CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER", 400,
              fmt::format("Cluster {} must remain running for {} minutes after being resumed before it can be paused.",
                          c, minutes),
              {c, std::to_string(minutes)});
}
AtlasError kms_key_error(const std::string& code, const std::string& detail) {
  const int status = code == "AWS_CUSTOMER_MASTER_KEY_NOT_FOUND" ? 404 : 400;
  return make(code, status, detail);
}
// ---- SIM_ stand-in codes ----
AtlasError pn_not_enabled(const std::string& p) {
  return make("SIM_PRIVATE_NETWORKING_NOT_ENABLED", 400,
              fmt::format("Encryption at Rest using {} with requirePrivateNetworking must be enabled first.", p), {p});
}
AtlasError unsupported_pe_provider(const std::string& p) {
  return make("SIM_UNSUPPORTED_EAR_PE_PROVIDER", 400,
              fmt::format("Encryption at Rest private endpoints are not supported for {} (AWS and AZURE only).", p), {p});
}
AtlasError region_without_approved_endpoint(std::vector<std::string> regions) {
  std::string msg = fmt::format("No approved Encryption at Rest private endpoint in region(s) {}.", fmt::join(regions, ", "));
  return make("SIM_REGION_WITHOUT_APPROVED_ENDPOINT", 400, std::move(msg), std::move(regions));
}
AtlasError project_not_active(const std::string& p) {
  return make("SIM_PROJECT_NOT_ACTIVE", 400, fmt::format("Project {} is not ACTIVE.", p), {p});
}
AtlasError topology_unsupported(const std::string& why) {
  return make("SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED", 400, why);
}
AtlasError duplicate_region_endpoint(const std::string& r) {
  return make("SIM_DUPLICATE_REGION_ENDPOINT", 409,
              fmt::format("An Encryption at Rest private endpoint already exists in region {}.", r), {r});
}
AtlasError endpoint_not_found(const std::string& id) {
  return make("SIM_PRIVATE_ENDPOINT_NOT_FOUND", 404, fmt::format("No Encryption at Rest private endpoint with id {}.", id), {id});
}
AtlasError endpoint_not_pending_acceptance(const std::string& id, const std::string& st) {
  return make("SIM_ENDPOINT_NOT_PENDING_ACCEPTANCE", 400,
              fmt::format("Private endpoint connection {} has no pending request to approve (status {}).", id, st), {id, st});
}
AtlasError endpoint_not_active(const std::string& id, const std::string& st) {
  return make("SIM_ENDPOINT_NOT_ACTIVE", 400,
              fmt::format("Private endpoint {} has no connection to reject or remove (status {}).", id, st), {id, st});
}
AtlasError endpoint_not_initiating(const std::string& id, const std::string& st) {
  return make("SIM_ENDPOINT_NOT_INITIATING", 400, fmt::format("Private endpoint {} is not INITIATING (status {}).", id, st),
              {id, st});
}
AtlasError cluster_not_paused(const std::string& c) {
  return make("SIM_CLUSTER_NOT_PAUSED", 409, fmt::format("Cluster {} is not paused.", c), {c});
}
AtlasError cluster_exists(const std::string& c) {
  return make("SIM_DUPLICATE_CLUSTER_NAME", 409, fmt::format("A cluster named {} already exists.", c), {c});
}
AtlasError cluster_disabled_no_reads(const std::string& c) {
  return make("SIM_CLUSTER_DISABLED", 503,
              fmt::format("Cluster {} is not serving reads or writes (disabled, paused or down).", c), {c});
}
AtlasError snapshot_key_invalid(const std::string& s) {
  return make("SIM_SNAPSHOT_KEY_INVALID", 400,
              fmt::format("Snapshot {} cannot be restored: the key that encrypted it is not valid.", s), {s});
}
AtlasError snapshot_not_found(const std::string& s) {
  return make("SIM_SNAPSHOT_NOT_FOUND", 404, fmt::format("No snapshot {}.", s), {s});
}
AtlasError multiple_providers_refused() {
  return make("SIM_MULTIPLE_PROVIDERS_REFUSED", 400, "Another Encryption at Rest provider is already enabled.");
}
AtlasError key_state_conflict(const std::string& what) { return make("SIM_CLOUD_KEY_STATE_CONFLICT", 409, what); }

AtlasError cluster_not_idle(const std::string& c, const std::string& st) {
  return make("SIM_CLUSTER_NOT_IDLE", 409, fmt::format("Cluster {} cannot do this while {}.", c, st), {c, st});
}
AtlasError endpoint_already_deleting(const std::string& id) {
  return make("SIM_ENDPOINT_ALREADY_DELETING", 400, fmt::format("Private endpoint {} is already being deleted.", id), {id});
}
AtlasError kms_unreachable(const std::string& p) {
  return make("SIM_KMS_UNREACHABLE", 400, fmt::format("Atlas cannot connect to the {} key management service.", p), {p});
}

// ---- key configuration (issue 11 items 2, 3, 10, 13) ----
AtlasError azure_vault_field_immutable(const std::string& field) {
  return make("SIM_AZURE_VAULT_FIELD_IMMUTABLE", 400,
              fmt::format("{} cannot be changed while Encryption at Rest private endpoints exist.", field), {field});
}
AtlasError key_unusable(const std::string& code, const std::string& project) {
  // api-errors texts, verbatim (spec §3.2 "From api-errors").
  static const std::vector<std::pair<std::string_view, std::string_view>> texts = {
      {"AWS_KMS_CUSTOMER_MASTER_KEY_NOT_ENABLED", "AWS KMS Customer Master Key is not enabled."},
      {"AWS_KMS_CUSTOMER_MASTER_KEY_PENDING_DELETION", "AWS KMS Customer Master Key is pending deletion."},
      {"AWS_KMS_CUSTOMER_MASTER_KEY_PENDING_IMPORT", "AWS KMS Customer Master Key is pending import."},
      {"AWS_KMS_REGION_NOT_SUPPORTED", "Region is not supported by AWS KMS."},
      {"AZURE_KEY_VAULT_KEY_EXPIRED", "The key has expired."},
      {"AZURE_KEY_VAULT_KEY_EXPIRING", "The key cannot be used because it will expire within the next 48 hours."},
      {"AZURE_KEY_VAULT_KEY_IDENTIFIER_INVALID_FORMAT", "Invalid format for Azure Key Vault Key Identifier."},
      {"AZURE_KEY_VAULT_KEY_NOT_ACTIVE", "The key must not be used before its \"nbf\""},
      {"AZURE_KEY_VAULT_KEY_NOT_ENABLED", "Key not enabled."},
      {"AZURE_KEY_VAULT_KEY_NOT_FOUND", "No Azure Key Vault key found for the provided credentials."},
      {"AZURE_KEY_VAULT_ENVIRONMENT_NOT_SUPPORTED", "Environment not supported for Azure Key Vault."},
      {"GOOGLE_CLOUD_KMS_KEY_VERSION_DISABLED", "Key version is disabled."},
      {"GOOGLE_CLOUD_KMS_KEY_VERSION_DESTROY_SCHEDULED", "Key version is scheduled for destruction."},
      {"GOOGLE_CLOUD_KMS_KEY_VERSION_DESTROYED", "Key version is destroyed."},
      {"GOOGLE_CLOUD_KMS_KEY_VERSION_NOT_FOUND", "Cannot find key version."},
      {"GOOGLE_CLOUD_KMS_KEY_VERSION_PENDING_GENERATION", "Key version is pending generation."},
  };
  if (code == "AWS_CUSTOMER_MASTER_KEY_NOT_FOUND")
    return make(code, 404, fmt::format("No AWS customer master key found for group {}.", project), {project});
  for (const auto& [c, text] : texts)
    if (c == code) return make(code, 400, std::string(text));
  return kms_key_error(code, "Encryption at Rest validation failed: " + code + ".");
}

}  // namespace models::errors
