#include "models/errors.h"

#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/error_catalogue.h"

namespace models::errors {

AtlasError from_catalogue(std::string_view code, std::vector<std::string> values, std::vector<std::string> params) {
  const ErrorInfo* e = find_error(code);
  if (!e) throw std::logic_error(fmt::format("error code {} is not in models/error_catalogue.cpp", code));
  return AtlasError{std::string(e->code), e->httpStatus, fill_message(e->message, values), std::move(params)};
}
AtlasError from_catalogue(std::string_view code, std::vector<std::string> values) {
  std::vector<std::string> params = values;
  return from_catalogue(code, std::move(values), std::move(params));
}

// ---- spec §3.2, exact texts seen on Atlas (CIREP) ----
AtlasError cannot_disable_due_to_private_endpoints() {
  return from_catalogue("CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS");
}
AtlasError cannot_disable_pn_while_endpoints_exist(std::vector<std::string> regions) {
  // One placeholder for the whole list; the error's parameters are the regions themselves.
  std::string list = fmt::format("{}", fmt::join(regions, ", "));  // before the move below
  return from_catalogue("CANNOT_DISABLE_ENCRYPTION_AT_REST_REQUIRE_PRIVATE_NETWORKING_WHILE_PRIVATE_ENDPOINTS_EXIST",
                        {std::move(list)}, std::move(regions));
}
AtlasError endpoint_delete_blocked_during_provisioning(const std::string& id) {
  return from_catalogue("ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING", {id});
}
AtlasError cannot_assume_role(const std::string& arn) { return from_catalogue("CANNOT_ASSUME_ROLE", {arn}); }
AtlasError unexpected_error() { return from_catalogue("UNEXPECTED_ERROR"); }
AtlasError aws_credentials_auth_deprecated() { return from_catalogue("AWS_KMS_CREDENTIALS_AUTH_DEPRECATED"); }
// ---- spec §3.2, api-errors ----
AtlasError settings_invalid() { return from_catalogue("ENCRYPTION_AT_REST_SETTINGS_INVALID"); }
AtlasError cannot_disable_encryption_at_rest() { return from_catalogue("CANNOT_DISABLE_ENCRYPTION_AT_REST"); }
AtlasError cannot_change_provider() { return from_catalogue("CANNOT_CHANGE_ENCRYPTION_AT_REST_PROVIDER"); }
AtlasError cannot_rotate_key_encryption_disabled() { return from_catalogue("CANNOT_ROTATE_KEY_ENCRYPTION_DISABLED"); }
AtlasError not_enabled(const std::string& project) { return from_catalogue("ENCRYPTION_AT_REST_NOT_ENABLED", {project}); }
AtlasError provider_not_supported() { return from_catalogue("ENCRYPTION_AT_REST_PROVIDER_NOT_SUPPORTED"); }
AtlasError missing_provider() { return from_catalogue("MISSING_ENCRYPTION_AT_REST_PROVIDER"); }
AtlasError cannot_use_tenant() { return from_catalogue("CANNOT_USE_ENCRYPTION_AT_REST_TENANT"); }
AtlasError cannot_disable_with_backup_compliance() {
  return from_catalogue("CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY");
}
AtlasError cannot_update_paused_cluster(const std::string& c) { return from_catalogue("CANNOT_UPDATE_PAUSED_CLUSTER", {c}); }
AtlasError cluster_already_paused() { return from_catalogue("CLUSTER_ALREADY_PAUSED"); }
AtlasError cannot_pause_with_pending_changes() { return from_catalogue("CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES"); }
AtlasError cannot_pause_recently_resumed(long minutes) {
  return from_catalogue("CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER", {std::to_string(minutes)});
}
// Atlas fills its own limit and period; the model, which has none, fills the documented pattern
// with one request per minute [inferred].
AtlasError rate_limited(const std::string& resource) { return from_catalogue("RATE_LIMITED", {resource, "1", "1"}); }
AtlasError service_unavailable() { return from_catalogue("SIM_SERVICE_UNAVAILABLE"); }
AtlasError transient(std::string_view code, const std::string& operation) {
  if (code == "RATE_LIMITED") return rate_limited(operation);
  return from_catalogue(code);
}
AtlasError kms_key_error(const std::string& code, const std::string& project, const std::string& provider) {
  // Each code's own text: only AWS_CUSTOMER_MASTER_KEY_NOT_FOUND names the group, the SIM_ ones the provider.
  if (code == "AWS_CUSTOMER_MASTER_KEY_NOT_FOUND") return from_catalogue(code, {project});
  if (code.starts_with("SIM_")) return from_catalogue(code, {provider});
  return from_catalogue(code);
}
// ---- SIM_ stand-in codes ----
AtlasError pn_not_enabled(const std::string& p) { return from_catalogue("SIM_PRIVATE_NETWORKING_NOT_ENABLED", {p}); }
AtlasError unsupported_pe_provider(const std::string& p) { return from_catalogue("SIM_UNSUPPORTED_EAR_PE_PROVIDER", {p}); }
AtlasError region_without_approved_endpoint(std::vector<std::string> regions) {
  std::string list = fmt::format("{}", fmt::join(regions, ", "));  // before the move below
  return from_catalogue("SIM_REGION_WITHOUT_APPROVED_ENDPOINT", {std::move(list)}, std::move(regions));
}
AtlasError project_not_active(const std::string& p) { return from_catalogue("SIM_PROJECT_NOT_ACTIVE", {p}); }
AtlasError topology_unsupported(const std::string& why) { return from_catalogue("SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED", {why}); }
AtlasError duplicate_region_endpoint(const std::string& r) { return from_catalogue("SIM_DUPLICATE_REGION_ENDPOINT", {r}); }
AtlasError endpoint_not_found(const std::string& id) { return from_catalogue("SIM_PRIVATE_ENDPOINT_NOT_FOUND", {id}); }
AtlasError endpoint_not_pending_acceptance(const std::string& id, const std::string& st) {
  return from_catalogue("SIM_ENDPOINT_NOT_PENDING_ACCEPTANCE", {id, st});
}
AtlasError endpoint_not_active(const std::string& id, const std::string& st) { return from_catalogue("SIM_ENDPOINT_NOT_ACTIVE", {id, st}); }
AtlasError endpoint_not_initiating(const std::string& id, const std::string& st) {
  return from_catalogue("SIM_ENDPOINT_NOT_INITIATING", {id, st});
}
AtlasError cluster_not_paused(const std::string& c) { return from_catalogue("SIM_CLUSTER_NOT_PAUSED", {c}); }
AtlasError cluster_exists(const std::string& c, const std::string& g) { return from_catalogue("DUPLICATE_CLUSTER_NAME", {c, g}); }
AtlasError cluster_disabled_no_reads(const std::string& c) { return from_catalogue("SIM_CLUSTER_DISABLED", {c}); }
AtlasError snapshot_key_invalid(const std::string& s) { return from_catalogue("SIM_SNAPSHOT_KEY_INVALID", {s}); }
AtlasError snapshot_not_found(const std::string& s, const std::string& c) { return from_catalogue("SNAPSHOT_NOT_FOUND", {s, c}); }
AtlasError multiple_providers_refused() { return from_catalogue("SIM_MULTIPLE_PROVIDERS_REFUSED"); }
AtlasError key_state_conflict(const std::string& what) { return from_catalogue("SIM_CLOUD_KEY_STATE_CONFLICT", {what}); }
AtlasError cluster_not_idle(const std::string& c, const std::string& st) { return from_catalogue("SIM_CLUSTER_NOT_IDLE", {c, st}); }
AtlasError endpoint_already_deleting(const std::string& id) { return from_catalogue("SIM_ENDPOINT_ALREADY_DELETING", {id}); }
AtlasError kms_unreachable(const std::string& p) { return from_catalogue("SIM_KMS_UNREACHABLE", {p}); }

// ---- backup and restore: api-errors texts (issue 11 item 12) ----
AtlasError cluster_paused_cannot_restore() {
  return from_catalogue("CLUSTER_PAUSED_CANNOT_RESTORE");
}
AtlasError invalid_snapshot_restore_encryption() {
  return from_catalogue("INVALID_SNAPSHOT_RESTORE_ENCRYPTION");
}
AtlasError cannot_use_encryption_at_rest_backup_type() {
  return from_catalogue("CANNOT_USE_ENCRYPTION_AT_REST_BACKUP_TYPE");
}
AtlasError cannot_disable_all_with_backup_compliance() {
  return from_catalogue("CAN_NOT_DISABLE_ALL_ENCRYPTION_AT_REST_SETTINGS_WHILE_BACKUP_COMPLIANCE_POLICY_ENCRYPTION_ENABLED");
}

// ---- key configuration (issue 11 items 2, 3, 10, 13) ----
AtlasError azure_vault_field_immutable(const std::string& field) {
  return from_catalogue("SIM_AZURE_VAULT_FIELD_IMMUTABLE", {field});
}
AtlasError key_unusable(const std::string& code, const std::string& project) {
  return kms_key_error(code, project, "");  // the catalogue's api-errors text of the code
}

AtlasError invalid_attribute(const std::string& field) { return from_catalogue("INVALID_ATTRIBUTE", {field}); }
AtlasError gcp_service_account_key_after_role() { return from_catalogue("SIM_GCP_SERVICE_ACCOUNT_KEY_AFTER_ROLE"); }

}  // namespace models::errors
