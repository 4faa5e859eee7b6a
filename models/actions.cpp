#include "models/actions.h"

namespace models {

std::string_view actor_name(Actor a) {
  switch (a) {
    case Actor::user_api: return "user API";
    case Actor::cloud_console: return "cloud console";
    case Actor::fault: return "fault";
    case Actor::atlas_ui: return "Atlas UI";
  }
  return "?";
}

namespace {
const ActionParam kProject{"project", true, "project name"};
const ActionParam kProvider{"provider", true, "AWS | AZURE | GCP"};
const ActionParam kProviderOpt{"provider", false, "AWS | AZURE | GCP (default: the project's only enabled provider)"};
const ActionParam kCluster{"cluster", true, "cluster name"};
const ActionParam kEndpoint{"endpoint", false, "endpoint id; or region + provider to pick the project's live endpoint there"};
const ActionParam kRegionOpt{"region", false, "regionName (with provider, to pick an endpoint)"};
}  // namespace

const std::vector<ActionInfo>& actions() {
  static const std::vector<ActionInfo> list = {
      // ---- project Encryption at Rest (user API) ----
      {"enable_cmk", Actor::user_api,
       {kProject, kProvider, {"region", false, "KMS region (default US_EAST_1)"},
        {"require_private_networking", false, "true|false (AWS, Azure)"}, {"key_id", false, "key identifier"}},
       "PATCH encryptionAtRest {<block>: {enabled: true, ...}}: validated at once, 400 KMS code if the key is unusable",
       "seed 002 §'Request Body Parameters'; seed 003 §'Validate your KMS Configuration'"},
      {"disable_cmk", Actor::user_api, {kProject, kProvider},
       "PATCH {<block>: {enabled: false}}; refused while endpoints exist, clusters use the key, or the key is invalid",
       "seed 000/004 §'Disable Customer-Managed Keys...'; spec §3.1 G-DIS"},
      {"update_credentials", Actor::user_api, {kProject, kProvider},
       "PATCH new credentials: the cloud credentials become valid (AWS role: after T_iam) and Atlas validates at once",
       "seed 003 §'Validate your KMS Configuration' (when you add or update credentials)"},
      {"rotate_key", Actor::user_api, {kProject, kProvider, {"key_id", false, "new key identifier / version"}},
       "PATCH a new key id/version: refused with ENCRYPTION_AT_REST_SETTINGS_INVALID unless the current key is valid",
       "seed 004 §'Rotate your Azure Key Identifier'; seed 003 warning"},
      {"set_require_private_networking", Actor::user_api, {kProject, kProvider, {"value", true, "true|false"}},
       "PATCH requirePrivateNetworking; false refused while endpoints exist (names the regions)",
       "seed 000/004 §'Enable and Set up...', §'Disable Private Endpoint Connections...'; spec §3.1 G-PN"},
      {"get_encryption_at_rest", Actor::user_api, {kProject},
       "GET encryptionAtRest: on-demand validation (validation_on_get)", "seed 003 §'Validate...' (on-demand)"},
      {"try_again", Actor::atlas_ui, {kProject}, "Try Again: validate now; a valid configuration restarts disabled clusters",
       "seed 003 §'Validate...' (click Try Again)"},
      // ---- endpoints ----
      {"create_endpoint", Actor::user_api, {kProject, kProvider, {"region", true, "regionName"}},
       "POST privateEndpoints {regionName}: 202, INITIATING", "seed 000/004 §'Enable and Set up Private Endpoint Connections'"},
      {"delete_endpoint", Actor::user_api, {kProject, kEndpoint, kProviderOpt, kRegionOpt},
       "DELETE privateEndpoints/{id}: 204, DELETING then gone; refused while INITIATING",
       "seed 000/004 §'Reject or Remove...'; spec §3.1 G-EP-D"},
      {"approve_endpoint", Actor::cloud_console, {kProject, kEndpoint, kProviderOpt, kRegionOpt},
       "approve the pending connection on the key vault / VPC endpoint service; ACTIVE visible within T_reflect (<= 3 min)",
       "seed 004 §'Enable and Set up...' (up to three minutes)"},
      {"reject_endpoint", Actor::cloud_console, {kProject, kEndpoint, kProviderOpt, kRegionOpt},
       "reject the connection in the cloud console: Atlas recreates it (recreation_mode)",
       "seed 000/004 §'Reject or Remove Private Endpoint Connections'"},
      {"remove_endpoint_connection", Actor::cloud_console, {kProject, kEndpoint, kProviderOpt, kRegionOpt},
       "remove the connection in the cloud console: Atlas recreates it (recreation_mode)",
       "seed 000/004 §'Reject or Remove Private Endpoint Connections'"},
      {"fail_endpoint_creation", Actor::fault, {kProject, kEndpoint, kProviderOpt, kRegionOpt,
                                               {"message", false, "errorMessage"}},
       "an INITIATING endpoint ends FAILED with errorMessage", "seed 004 §'View Private Endpoints and their Statuses'"},
      {"fail_endpoint_deletion", Actor::fault, {kProject, kEndpoint, kProviderOpt, kRegionOpt},
       "a DELETING endpoint ends FAILED", "spec §2.1 [inferred]"},
      // ---- clusters ----
      {"create_cluster", Actor::user_api,
       {kProject, kCluster, {"tier", false, "instanceSizeName (default M10)"},
        {"regions", false, "comma list REGION[:CLOUD[:NODES]] (default US_EAST_1:AWS)"},
        {"provider", false, "encryptionAtRestProvider (default NONE)"}},
       "create a cluster; refused for tenant tiers with a key, regions without an approved endpoint",
       "spec §2.7, §2.5; seed 004"},
      {"enable_cluster_cmk", Actor::user_api, {kProject, kCluster, kProvider},
       "set encryptionAtRestProvider: UPDATING (initial sync), queued while disabled", "seed 003; spec §2.7, §3.1 G-CL"},
      {"disable_cluster_cmk", Actor::user_api, {kProject, kCluster}, "set encryptionAtRestProvider NONE", "seed 003; spec §2.7"},
      {"resize_cluster", Actor::user_api,
       {kProject, kCluster, {"tier", false, "new instanceSizeName"}, {"disk_gb", false, "new disk size"}},
       "change tier / disk: applied now, queued while disabled, refused while paused",
       "seed 003 §'Validate...' (updates queued); api-errors CANNOT_UPDATE_PAUSED_CLUSTER"},
      {"pause_cluster", Actor::user_api, {kProject, kCluster}, "pause", "DOCS pause-terminate-cluster; api-errors"},
      {"resume_cluster", Actor::user_api, {kProject, kCluster}, "resume: processes start (disabled if the KMS is unusable)",
       "DOCS pause-terminate-cluster; seed 003 §intro"},
      {"restart_cluster", Actor::user_api, {kProject, kCluster, {"nodes", false, "how many nodes (default all)"}},
       "restart processes; during a KMS outage the restarted nodes cannot start", "seed 003 §intro; DOCS security-aws-kms"},
      {"take_snapshot", Actor::user_api, {kProject, kCluster}, "take a backup snapshot bound to the current key",
       "seed 003 §'Encrypted Backups'"},
      {"restore_snapshot", Actor::user_api, {kProject, kCluster, {"snapshot", false, "snapshot id (default latest)"}},
       "restore a snapshot; refused when its key is invalid", "seed 003 §'Encrypted Backups'"},
      {"read_write", Actor::user_api, {kProject, kCluster}, "a client read/write: refused while disabled or paused",
       "seed 003 §'Validate...' (you can't read or write data on disabled clusters)"},
      // ---- key / credentials (cloud console) ----
      {"disable_key", Actor::cloud_console, {kProject, kProvider}, "disable the key in the KMS",
       "seed 003 §'Validate...'"},
      {"enable_key", Actor::cloud_console, {kProject, kProvider}, "re-enable the key", "seed 003 §'Validate...'"},
      {"schedule_key_deletion", Actor::cloud_console, {kProject, kProvider}, "schedule key deletion (deleted after the waiting period)",
       "spec §2.8"},
      {"delete_key", Actor::cloud_console, {kProject, kProvider}, "delete the key (soft delete, restorable)", "seed 003 §'Validate...'"},
      {"restore_key", Actor::cloud_console, {kProject, kProvider}, "restore a deleted / cancel a scheduled deletion",
       "seed 003 §'Restore a Deleted Key'"},
      {"destroy_key", Actor::fault, {kProject, kProvider}, "the key is gone for good (past the recovery window): data lost",
       "seed 000 warning"},
      {"revoke_key_access", Actor::cloud_console, {kProject, kProvider}, "revoke Atlas's access to the key (Azure: clusters pause)",
       "seed 004 §'Revoke Access to an Encryption Key'"},
      {"grant_key_access", Actor::cloud_console, {kProject, kProvider}, "grant access again", "seed 004 §'Revoke Access...'"},
      {"expire_credentials", Actor::fault, {kProject, kProvider}, "the Azure client secret expires",
       "DOCS security-azure-kms (secret <= 2 years)"},
      {"invalidate_credentials", Actor::fault, {kProject, kProvider}, "the credentials stop working (role deleted, secret rotated)",
       "seed 003 §'Validate...'"},
      {"fix_credentials", Actor::cloud_console, {kProject, kProvider}, "credentials work again without a PATCH (e.g. role restored)",
       "seed 003 §'Validate...'"},
      {"kms_outage_start", Actor::fault, {kProject, kProvider, {"region", false, "one KMS region (default whole KMS)"}},
       "the KMS becomes unreachable: network-access alert, nothing shuts down", "seed 003 §'Validate...' (can't connect)"},
      {"kms_outage_end", Actor::fault, {kProject, kProvider, {"region", false, "one KMS region"}}, "the KMS is reachable again",
       "seed 003 §'Validate...'"},
      {"deactivate_project", Actor::fault, {kProject}, "project becomes INACTIVE", "spec §1; seed 000 §'Limitations'"},
      {"reactivate_project", Actor::fault, {kProject}, "project becomes ACTIVE", "spec §1"},
  };
  return list;
}

const ActionInfo* find_action(std::string_view name) {
  for (const ActionInfo& a : actions())
    if (a.name == name) return &a;
  return nullptr;
}

}  // namespace models
