// Updating an enabled key configuration (spec §2.6 "ON_* PATCH changed fields -> revalidated",
// G-UPD §3.1, §2.8 regional failover, §1 Azure vault fields): every changed field is checked and
// applied, or the request is refused as a whole with the documented code. Never 200 and dropped.
#include "models/key_config_patch.h"

#include <algorithm>
#include <array>
#include <functional>

#include <fmt/format.h>

#include "models/alerts.h"
#include "models/key_versions.h"
#include "models/world.h"

namespace models {

const std::vector<std::string>& kms_field_names(Provider p) {
  // RAWSPEC AWSKMSConfiguration / AzureKeyVault / GoogleCloudKMS (read-only `valid` left out).
  static const std::vector<std::string> aws = {"enabled", "customerMasterKeyID", "region", "roleId", "requirePrivateNetworking",
                                               "accessKeyID", "secretAccessKey"};
  static const std::vector<std::string> azure = {"enabled",        "azureEnvironment",  "clientID",       "tenantID",
                                                 "secret",         "subscriptionID",    "resourceGroupName", "keyVaultName",
                                                 "keyIdentifier", "requirePrivateNetworking"};
  static const std::vector<std::string> gcp = {"enabled", "keyVersionResourceID", "serviceAccountKey", "roleId"};
  static const std::vector<std::string> none;
  return p == Provider::AWS ? aws : p == Provider::AZURE ? azure : p == Provider::GCP ? gcp : none;
}

bool is_secret_kms_field(std::string_view n) {
  return n == "secret" || n == "secretAccessKey" || n == "accessKeyID" || n == "serviceAccountKey";
}

bool is_boolean_kms_field(std::string_view n) { return n == "enabled" || n == "requirePrivateNetworking"; }

KmsPatch read_kms_patch(Provider p, const KmsFieldValues& fields) {
  KmsPatch x;
  for (const auto& [name, value] : fields) {
    if (name == "enabled") x.enabled = value == "true";
    else if (name == "requirePrivateNetworking") x.requirePrivateNetworking = value == "true";
    else if (name == "customerMasterKeyID" || name == "keyIdentifier" || name == "keyVersionResourceID") x.keyId = value;
    else if (name == "region" && p == Provider::AWS) x.region = value;
    else if (name == "azureEnvironment") x.azureEnvironment = value;
    else if (name == "keyVaultName") x.keyVaultName = value;
    else if (name == "resourceGroupName") x.resourceGroupName = value;
    else if (name == "subscriptionID") x.subscriptionID = value;
    else if (name == "clientID") x.clientID = value, x.credentials = true;
    else if (name == "tenantID") x.tenantID = value, x.credentials = true;
    else if (name == "accessKeyID" || name == "secretAccessKey") x.accessKeys = x.credentials = true;
    else if (name == "roleId") x.roleId = value, x.credentials = true;
    else if (name == "serviceAccountKey") x.serviceAccountKey = x.credentials = true;
    else x.credentials = true;  // secret
  }
  return x;
}

namespace {
bool all_of_class(std::string_view s, std::string_view chars) { return !s.empty() && s.find_first_not_of(chars) == std::string_view::npos; }

// An AWS KMS key ARN: arn:<partition>:kms:<region>:<12-digit account>:key/<id> | alias/<name>.
bool aws_key_arn(std::string_view id) {
  std::vector<std::string_view> part;
  for (std::size_t at = 0; part.size() < 5;) {
    const std::size_t colon = id.find(':', at);
    if (colon == std::string_view::npos) return false;
    part.push_back(id.substr(at, colon - at));
    at = colon + 1;
    if (part.size() == 5) part.push_back(id.substr(at));
  }
  const bool partition = part[1] == "aws" || part[1] == "aws-cn" || part[1] == "aws-us-gov";
  const std::string_view res = part[5];
  const bool resource = (res.starts_with("key/") && res.size() > 4) || (res.starts_with("alias/") && res.size() > 6);
  return partition && part[2] == "kms" && all_of_class(part[3], "abcdefghijklmnopqrstuvwxyz0123456789-") && part[4].size() == 12 &&
         all_of_class(part[4], "0123456789") && resource;
}
}  // namespace

std::optional<std::string> malformed_kms_field(Provider p, const KmsPatch& x) {
  // RAWSPEC roleId: pattern ^([a-f0-9]{24})$.
  if (x.roleId && !(x.roleId->size() == 24 && all_of_class(*x.roleId, "0123456789abcdef"))) return "roleId";
  // RAWSPEC customerMasterKeyID: 1..2048 characters; an ARN must be a whole KMS key ARN.
  if (p == Provider::AWS && x.keyId && (x.keyId->empty() || x.keyId->size() > 2048 || (x.keyId->starts_with("arn:") && !aws_key_arn(*x.keyId))))
    return "customerMasterKeyID";
  return std::nullopt;
}

namespace {
// What a patch does to the block's key: nothing, a move to a replica of the same multi-Region key
// in another region (AWS failover), or a different key (rotation).
enum class KeyChange { none, replica, rotation };

KeyChange key_change(const KmsConfig& b, Provider p, const std::string& id, const std::string& region) {
  const std::string& current = key_id_field(b, p);
  if (p == Provider::AWS && aws_key_part(id) == aws_key_part(current))
    return region == b.kmsRegion && id == current ? KeyChange::none : KeyChange::replica;
  return id == current ? KeyChange::none : KeyChange::rotation;
}
}  // namespace

// seed 004 §'Enable Customer-Managed Keys...' Note: "You can't modify the following settings after
// you enable and set up private endpoint connections to your AKV: keyVaultName, resourceGroupName,
// subscriptionID." Only a change counts: sending the same value again is no modification.
std::optional<AtlasError> World::vault_field_guard(ProjectIx p, const KmsPatch& x) const {
  const Project& pr = projects_[p];
  const KmsConfig& b = pr.azureKeyVault();
  bool endpoints = false;
  for (EndpointIx e : pr.endpointIxs) endpoints = endpoints || (!endpoints_[e].gone() && endpoints_[e].cloudProvider == Provider::AZURE);
  if (!endpoints) return std::nullopt;
  if (x.keyVaultName && *x.keyVaultName != b.keyVaultName) return errors::azure_vault_field_immutable("keyVaultName");
  if (x.resourceGroupName && *x.resourceGroupName != b.resourceGroupName) return errors::azure_vault_field_immutable("resourceGroupName");
  if (x.subscriptionID && *x.subscriptionID != b.subscriptionID) return errors::azure_vault_field_immutable("subscriptionID");
  return std::nullopt;
}

namespace {
// A cluster still on `provider`, or about to be: until its change to NONE is applied it uses the key
// (spec §6 #7: Terraform needs two applies).
bool uses_provider(const Cluster& cl, Provider provider) {
  bool uses = cl.encryptionAtRestProvider == provider;
  if (cl.applying && cl.applying->kind == QueuedChange::Kind::SetProvider) uses = uses || cl.applying->provider == provider;
  for (const QueuedChange& q : cl.queuedChanges)
    if (q.kind == QueuedChange::Kind::SetProvider) uses = uses || q.provider == provider;
  return uses;
}
}  // namespace

// G-DIS (spec §3.1): the refusals of {enabled: false} of an enabled block, the first that applies
// in disable_guard_order (default the spec's order; spec §5: undocumented, "any").
std::optional<AtlasError> World::disable_guard(ProjectIx p, Provider provider) const {
  const Project& pr = projects_[p];
  using Guard = std::function<std::optional<AtlasError>()>;
  // (1) seed 000/004 §'Disable Customer-Managed Keys...': every endpoint, any status, blocks [observed].
  const Guard endpoints = [&]() -> std::optional<AtlasError> {
    for (EndpointIx e : pr.endpointIxs)
      if (endpoint_blocks(endpoints_[e], p, provider)) return errors::cannot_disable_due_to_private_endpoints();
    return std::nullopt;
  };
  // (2) api-errors CANNOT_DISABLE_ENCRYPTION_AT_REST 409: a cluster still on this provider.
  const Guard clusters = [&]() -> std::optional<AtlasError> {
    for (ClusterIx c : pr.clusterIxs)
      if (uses_provider(clusters_[c], provider)) return errors::cannot_disable_encryption_at_rest();
    return std::nullopt;
  };
  // (3) api-errors: Backup Compliance Policy (backup_compliance_keeps_one_provider).
  const Guard compliance = [&] { return backup_compliance_guard(p, provider); };
  // (4) seed 003 warning: "You cannot ... disable Encryption at Rest ... without a valid key."
  const Guard key = [&]() -> std::optional<AtlasError> {
    if (pr.block(provider).ear.state() == EarState::ON_INVALID) return errors::settings_invalid();
    return std::nullopt;
  };
  const bool reversed = settings_.disable_guard_order == DisableGuardOrder::key_compliance_clusters_endpoints;
  for (const Guard* g : reversed ? std::array{&key, &compliance, &clusters, &endpoints} : std::array{&endpoints, &clusters, &compliance, &key})
    if (auto err = (*g)()) return err;
  return std::nullopt;
}

// The credentials and identifiers a PATCH sends, enabling or updating: their shape (RAWSPEC), and
// GCP's one-way move from a static service-account key to role-based auth (spec §1: once roleId
// is set, serviceAccountKey is refused; TF GCP role migration guide). Sending both at once is
// refused the same way [inferred].
std::optional<AtlasError> World::credential_fields_guard(ProjectIx p, Provider provider, const KmsPatch& x) const {
  if (auto field = malformed_kms_field(provider, x)) return errors::invalid_attribute(*field);
  const KmsConfig& b = projects_[p].block(provider);
  if (provider == Provider::GCP && x.serviceAccountKey && (x.roleId || !b.roleId.empty())) return errors::gcp_service_account_key_after_role();
  return std::nullopt;
}

// Every check of a PATCH of an enabled block but the requirePrivateNetworking ones (which
// set_require_private_networking makes), in the order [inferred]: body, vault fields, key.
std::optional<AtlasError> World::patch_guard(ProjectIx p, Provider provider, const KmsPatch& x) const {
  const KmsConfig& b = projects_[p].block(provider);
  if (x.azureEnvironment && *x.azureEnvironment != "AZURE" && *x.azureEnvironment != "AZURE_CHINA" && *x.azureEnvironment != "AZURE_GERMANY")
    return errors::key_unusable("AZURE_KEY_VAULT_ENVIRONMENT_NOT_SUPPORTED", projects_[p].id.str());  // RAWSPEC enum; api-errors
  if (x.accessKeys && !settings_.aws_allow_credentials_auth) return errors::aws_credentials_auth_deprecated();  // seed 000; spec §8.6
  if (provider == Provider::AZURE)
    if (auto err = vault_field_guard(p, x)) return err;
  const std::string id = x.keyId.value_or(key_id_field(b, provider));
  const std::string region = x.region.value_or(provider == Provider::AWS ? b.kmsRegion : std::string());
  const KeyChange change = key_change(b, provider, id, region);
  if (change == KeyChange::none) return std::nullopt;
  // seed 003 warning, api-errors ENCRYPTION_AT_REST_SETTINGS_INVALID: no key change without access
  // to the current key. A failover to a replica of the same key needs no access to the region that
  // is down (DOCS security-aws-kms), only a key that is not invalid.
  const bool currentOk = b.ear.state() == EarState::ON_VALID && b.key.usable() && !current_key_problem(projects_[p], provider);
  if (change == KeyChange::rotation ? !currentOk : b.ear.state() == EarState::ON_INVALID) return errors::settings_invalid();
  if (auto err = new_key_guard(p, provider, id, provider == Provider::AZURE ? x.keyVaultName.value_or(b.keyVaultName) : region))
    return err;
  if (!b.key.reachable(provider == Provider::AWS ? region : b.kmsRegion)) return errors::kms_unreachable(std::string(provider_name(provider)));
  return std::nullopt;
}

Outcome World::patch_encryption_at_rest(ProjectIx p, Provider provider, const KmsFieldValues& fields) {
  if (auto err = project_active_guard(p)) return *err;
  if (provider == Provider::NONE) return errors::missing_provider();
  const KmsPatch x = read_kms_patch(provider, fields);
  KmsConfig& b = projects_[p].block(provider);
  if (x.enabled == false) return disable_cmk(p, provider);  // seed 002: send only {enabled: false}
  if (auto err = credential_fields_guard(p, provider, x)) return *err;
  if (!b.enabled) {
    // seed 002 §'Request Body Parameters': enabling sends the whole block; the model fills what is
    // left out. Without enabled: true the block stays off [inferred code].
    if (x.enabled != true) return errors::not_enabled(std::string(provider_name(provider)));
    KmsSetup k;
    k.provider = provider;
    k.region = x.region.value_or(b.kmsRegion);
    k.keyId = x.keyId.value_or(std::string());
    k.requirePrivateNetworking = x.requirePrivateNetworking.value_or(false);
    k.accessKeyAuth = x.accessKeys;
    const Outcome o = enable_cmk(p, k);
    if (o.ok() && provider == Provider::AZURE) apply_vault_fields(b, x);
    if (o.ok() && x.roleId) b.roleId = *x.roleId;  // the role the request names (RAWSPEC roleId)
    return o;
  }
  if (auto err = patch_guard(p, provider, x)) return *err;
  // requirePrivateNetworking last among the checks: its own guards (G-PN, §2.5) refuse before
  // anything else is applied, and it applies itself when they pass.
  if (x.requirePrivateNetworking && *x.requirePrivateNetworking != b.requirePrivateNetworking)
    if (Outcome o = set_require_private_networking(p, provider, *x.requirePrivateNetworking); !o.ok()) return o;
  const bool more = x.keyId || x.region || x.azureEnvironment || x.keyVaultName || x.resourceGroupName || x.subscriptionID || x.credentials;  // roleId included
  if (!more) return Outcome::success();  // nothing but requirePrivateNetworking (or nothing) was sent
  return apply_patch(p, provider, x);
}

void World::apply_vault_fields(KmsConfig& b, const KmsPatch& x) {
  if (x.azureEnvironment) b.azureEnvironment = *x.azureEnvironment;
  if (x.keyVaultName) b.keyVaultName = *x.keyVaultName;
  if (x.resourceGroupName) b.resourceGroupName = *x.resourceGroupName;
  if (x.subscriptionID) b.subscriptionID = *x.subscriptionID;
  if (x.clientID) b.clientID = *x.clientID;
  if (x.tenantID) b.tenantID = *x.tenantID;
}

// The checked patch takes effect: vault fields, the key (rotation or replica), then the
// revalidation every changed configuration gets (seed 003 §'Validate...': "when you add or update
// credentials"; spec §2.6).
Outcome World::apply_patch(ProjectIx p, Provider provider, const KmsPatch& x) {
  KmsConfig& b = projects_[p].block(provider);
  if (provider == Provider::AZURE) apply_vault_fields(b, x);
  // AWS: the IAM role Atlas assumes; GCP: from now on the Atlas-managed service account, the static
  // key given up (spec §1; TF GCP role migration guide). Either way new credentials, revalidated.
  if (x.roleId) b.roleId = *x.roleId;
  const std::string id = x.keyId.value_or(key_id_field(b, provider));
  const std::string region = x.region.value_or(provider == Provider::AWS ? b.kmsRegion : std::string());
  const KeyChange change = key_change(b, provider, id, region);
  if (change == KeyChange::rotation) start_rotation(p, provider, id, region, "patch_encryption_at_rest");
  if (change == KeyChange::replica) switch_replica(p, provider, id, region);
  if (x.credentials) return update_credentials(p, provider);  // validates and records the update itself
  if (change != KeyChange::rotation) b.ear.fire(sim_, EarEvent::UpdateFields, "patch_encryption_at_rest");
  alert(alerts::kConfigurationUpdated, block_subject(p, provider));
  validate_block(p, provider, CheckKind::credential_change);
  return Outcome::success();
}

}  // namespace models
