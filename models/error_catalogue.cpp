#include "models/error_catalogue.h"

#include <algorithm>

namespace models {

namespace {

// api-errors: the Atlas Administration API Error Codes page, its text as rendered (|service| =
// Atlas, {+cluster+} = cluster, {+aws+} = AWS, |kms| = KMS, {+bcp+} = Backup Compliance Policy).
// CIREP: texts seen on Atlas in daily Terraform runs (spec §3.2 [observed]).
// Ordered by code; a test checks the order and that every code the factories name is here.
constexpr ErrorInfo kErrors[] = {
    {"AWS_CUSTOMER_MASTER_KEY_NOT_FOUND", 404, "No AWS customer master key found for group %s.", "api-errors"},
    {"AWS_KMS_CREDENTIALS_AUTH_DEPRECATED", 400, "Credentials based authentication is no longer supported for AWS KMS.",
     "CIREP; seed 000 (IAM roles only)"},
    {"AWS_KMS_CUSTOMER_MASTER_KEY_NOT_ENABLED", 400, "AWS KMS Customer Master Key is not enabled.", "api-errors"},
    {"AWS_KMS_CUSTOMER_MASTER_KEY_PENDING_DELETION", 400, "AWS KMS Customer Master Key is pending deletion.", "api-errors"},
    {"AWS_KMS_CUSTOMER_MASTER_KEY_PENDING_IMPORT", 400, "AWS KMS Customer Master Key is pending import.", "api-errors"},
    {"AWS_KMS_REGION_NOT_SUPPORTED", 400, "Region is not supported by AWS KMS.", "api-errors"},
    {"AZURE_KEY_VAULT_ENVIRONMENT_NOT_SUPPORTED", 400, "Environment not supported for Azure Key Vault.", "api-errors"},
    {"AZURE_KEY_VAULT_KEY_EXPIRED", 400, "The key has expired.", "api-errors"},
    {"AZURE_KEY_VAULT_KEY_EXPIRING", 400, "The key cannot be used because it will expire within the next 48 hours.", "api-errors"},
    {"AZURE_KEY_VAULT_KEY_IDENTIFIER_INVALID_FORMAT", 400, "Invalid format for Azure Key Vault Key Identifier.", "api-errors"},
    {"AZURE_KEY_VAULT_KEY_NOT_ACTIVE", 400, "The key must not be used before its \"nbf\".", "api-errors"},
    {"AZURE_KEY_VAULT_KEY_NOT_ENABLED", 400, "Key not enabled.", "api-errors"},
    {"AZURE_KEY_VAULT_KEY_NOT_FOUND", 400, "No Azure Key Vault key found for the provided credentials.", "api-errors"},
    {"CANNOT_ASSUME_ROLE", 400, "Atlas cannot assume the specified role (%s).", "CIREP"},
    {"CANNOT_CHANGE_ENCRYPTION_AT_REST_PROVIDER", 409,
     "To choose a different Encryption at Rest provider, please disable and re-enable this feature. This will decrypt your "
     "data and allow you to encrypt it with a different Encryption at Rest provider.",
     "api-errors"},
    {"CANNOT_DISABLE_ENCRYPTION_AT_REST", 409,
     "Cannot disable Encryption at Rest on the group because it is still enabled on one or more clusters in the group.", "api-errors"},
    {"CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS", 400,
     "Encryption at Rest cannot be disabled when private endpoints are present.", "CIREP; seed 000"},
    {"CANNOT_DISABLE_ENCRYPTION_AT_REST_REQUIRE_PRIVATE_NETWORKING_WHILE_PRIVATE_ENDPOINTS_EXIST", 400,
     "Cannot disable requirePrivateNetworking field when there are private endpoints. Remove private endpoints in region(s) %s "
     "to disable requirePrivateNetworking.",
     "CIREP; TF ab237ab5d"},
    {"CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY", 400,
     "You can't disable Encryption at Rest while you have a Backup Compliance Policy enabled.", "api-errors"},
    {"CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES", 409, "Cannot pause a cluster with pending changes.", "api-errors"},
    {"CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER", 400,
     "Recently resumed clusters must remain running for %d minutes to process all queued maintenance.", "api-errors"},
    {"CANNOT_ROTATE_KEY_ENCRYPTION_DISABLED", 409, "Cannot rotate encryption key because encryption is disabled.", "api-errors"},
    {"CANNOT_UPDATE_PAUSED_CLUSTER", 409, "Cannot update cluster %s while it is paused or being paused.", "api-errors"},
    {"CANNOT_USE_ENCRYPTION_AT_REST_BACKUP_TYPE", 400, "Cannot use Encryption at Rest with clusters running legacy backup.",
     "api-errors; seed 003"},
    {"CANNOT_USE_ENCRYPTION_AT_REST_TENANT", 400, "Cannot use Encryption at Rest with tenant clusters.", "api-errors"},
    {"CAN_NOT_DISABLE_ALL_ENCRYPTION_AT_REST_SETTINGS_WHILE_BACKUP_COMPLIANCE_POLICY_ENCRYPTION_ENABLED", 400,
     "You must keep at least one Encryption at Rest setting enabled while you have a Backup Compliance Policy enabled.",
     "api-errors"},
    {"CLUSTER_ALREADY_PAUSED", 409, "Cannot pause a cluster that is already paused.", "api-errors"},
    {"CLUSTER_PAUSED_CANNOT_RESTORE", 400,
     "Backup restore cannot occur on a paused cluster. Please unpause the target cluster or choose another target cluster.",
     "api-errors; seed 003"},
    {"DUPLICATE_CLUSTER_NAME", 400, "A cluster named %s is already present in group %s.", "api-errors"},
    {"ENCRYPTION_AT_REST_NOT_ENABLED", 400, "Encryption at Rest is not enabled for group %s.", "api-errors"},
    {"ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING", 400,
     "Failed to delete Encryption at Rest Private endpoint with id [%s] during IN_PROGRESS state. Please try again later.", "CIREP"},
    {"ENCRYPTION_AT_REST_PROVIDER_NOT_SUPPORTED", 400, "Encryption at Rest Provider cannot be configured on this cluster.",
     "api-errors"},
    {"ENCRYPTION_AT_REST_SETTINGS_INVALID", 400,
     "Atlas is unable to access your encryption key. You cannot change your encryption key until access to your current "
     "encryption key has been restored.",
     "api-errors; seed 003"},
    {"GOOGLE_CLOUD_KMS_KEY_VERSION_DESTROYED", 400, "Key version is destroyed.", "api-errors"},
    {"GOOGLE_CLOUD_KMS_KEY_VERSION_DESTROY_SCHEDULED", 400, "Key version is scheduled for destruction.", "api-errors"},
    {"GOOGLE_CLOUD_KMS_KEY_VERSION_DISABLED", 400, "Key version is disabled.", "api-errors"},
    {"GOOGLE_CLOUD_KMS_KEY_VERSION_NOT_FOUND", 400, "Cannot find key version.", "api-errors"},
    {"GOOGLE_CLOUD_KMS_KEY_VERSION_PENDING_GENERATION", 400, "Key version is pending generation.", "api-errors"},
    // Generic api-errors code; Atlas's answer to a malformed roleId / customerMasterKeyID ARN is not
    // documented, this one is chosen for it (issue 11 item 15) [inferred use].
    {"INVALID_ATTRIBUTE", 400, "Invalid attribute %s specified.", "api-errors; RAWSPEC roleId, customerMasterKeyID [inferred use]"},
    {"INVALID_AWS_CREDENTIALS", 400, "Invalid AWS credentials.", "api-errors"},
    {"INVALID_AZURE_CREDENTIALS", 400, "Invalid Azure credentials.", "api-errors"},
    {"INVALID_GOOGLE_CLOUD_CREDENTIALS", 400, "Invalid Google Cloud credentials.", "api-errors"},
    {"INVALID_SNAPSHOT_RESTORE_ENCRYPTION", 400, "Encryption settings of target cluster and source snapshot are different.",
     "api-errors; seed 003"},
    {"MISSING_ENCRYPTION_AT_REST_PROVIDER", 400, "At least one Encryption at Rest provider must be specified.", "api-errors"},
    {"NO_PERMISSION_TO_ENCRYPT_DECRYPT", 400, "The provided credentials do not have permission to encrypt or decrypt with the key.",
     "api-errors"},
    // The limit and period are the model's (Atlas fills its own): see errors::rate_limited.
    {"RATE_LIMITED", 429, "Resource %s is limited to %s requests every %s minutes.", "api-errors", true},
    {"SIM_AZURE_VAULT_FIELD_IMMUTABLE", 400, "%s cannot be changed while Encryption at Rest private endpoints exist.", "seed 004 Note [inferred code]"},
    {"SIM_CLOUD_KEY_STATE_CONFLICT", 409, "The cloud provider's console refuses the change: %s", "spec §3.2 [inferred]"},
    {"SIM_CLUSTER_DISABLED", 503, "Cluster %s is not serving reads or writes (disabled, paused or down).",
     "seed 003 (no reads or writes) [inferred]"},
    {"SIM_CLUSTER_NOT_IDLE", 409, "Cluster %s cannot do this while %s.", "spec §2.7 [inferred]"},
    {"SIM_CLUSTER_NOT_PAUSED", 409, "Cluster %s is not paused.", "DOCS pause-terminate-cluster [inferred]"},
    {"SIM_DUPLICATE_REGION_ENDPOINT", 409, "An Encryption at Rest private endpoint already exists in region %s.",
     "spec §3.2 [inferred]"},
    {"SIM_ENDPOINT_ALREADY_DELETING", 400, "Private endpoint %s is already being deleted.",
     "spec §5 delete_while_deleting [inferred]"},
    {"SIM_ENDPOINT_NOT_ACTIVE", 400, "Private endpoint %s has no connection to reject or remove (status %s).",
     "seed 004 [inferred]"},
    {"SIM_ENDPOINT_NOT_INITIATING", 400, "Private endpoint %s is not INITIATING (status %s).", "spec §2.1 [inferred]"},
    {"SIM_ENDPOINT_NOT_PENDING_ACCEPTANCE", 400,
     "Private endpoint connection %s has no pending request to approve (status %s).", "seed 004 [inferred]"},
    {"SIM_GCP_SERVICE_ACCOUNT_KEY_AFTER_ROLE", 400,
     "googleCloudKms uses role-based authentication (roleId): a serviceAccountKey can no longer be set.",
     "spec §1 (RAWSPEC roleId; TF GCP role migration guide) [inferred code]"},
    {"SIM_KMS_UNREACHABLE", 400, "Atlas cannot connect to the %s key management service.", "seed 003 (can't connect) [inferred]"},
    {"SIM_MULTIPLE_PROVIDERS_REFUSED", 400, "Another Encryption at Rest provider is already enabled.",
     "spec §5 multiple_providers [inferred]"},
    {"SIM_PRIVATE_ENDPOINT_NOT_FOUND", 404, "No Encryption at Rest private endpoint with id %s.", "spec §1 (gone = 404) [inferred]"},
    {"SIM_PRIVATE_ENDPOINT_UNAVAILABLE", 400,
     "Atlas cannot reach the %s key over private networking: no ACTIVE Encryption at Rest private endpoint.",
     "spec §2.5 [inferred]"},
    {"SIM_PRIVATE_NETWORKING_NOT_ENABLED", 400,
     "Encryption at Rest using %s with requirePrivateNetworking must be enabled first.", "spec §3.1 G-EP-C; seed 004 [inferred]"},
    {"SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED", 400, "This cluster topology cannot use private networking: %s",
     "spec §2.5 [inferred]"},
    {"SIM_PROJECT_NOT_ACTIVE", 400, "Project %s is not ACTIVE.", "seed 000 §'Limitations' [inferred]"},
    {"SIM_REGION_WITHOUT_APPROVED_ENDPOINT", 400, "No approved Encryption at Rest private endpoint in region(s) %s.",
     "seed 004; spec §2.5 [inferred]"},
    {"SIM_SERVICE_UNAVAILABLE", 503, "Service temporarily unavailable.", "spec §6 (transient server errors) [inferred]", true},
    {"SIM_SNAPSHOT_KEY_INVALID", 400, "Snapshot %s cannot be restored: the key that encrypted it is not valid.",
     "seed 003 §'Encrypted Backups' [inferred]"},
    {"SIM_UNSUPPORTED_EAR_PE_PROVIDER", 400, "Encryption at Rest private endpoints are not supported for %s (AWS and AZURE only).",
     "spec §2.4 [inferred]"},
    {"SNAPSHOT_NOT_FOUND", 404, "No snapshot with ID %s exists for cluster %s.", "api-errors"},
    {"UNEXPECTED_ERROR", 500, "Unexpected error.", "api-errors; CIREP", true},
};

}  // namespace

std::span<const ErrorInfo> error_catalogue() { return kErrors; }

const ErrorInfo* find_error(std::string_view code) {
  const auto it = std::find_if(std::begin(kErrors), std::end(kErrors), [&](const ErrorInfo& e) { return e.code == code; });
  return it == std::end(kErrors) ? nullptr : &*it;
}

std::string fill_message(std::string_view message, const std::vector<std::string>& values) {
  std::string out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < message.size(); ++i) {
    const bool placeholder = message[i] == '%' && i + 1 < message.size() && (message[i + 1] == 's' || message[i + 1] == 'd');
    if (placeholder && next < values.size()) {
      out += values[next++];
      ++i;
    } else {
      out += message[i];
    }
  }
  return out;
}

}  // namespace models
