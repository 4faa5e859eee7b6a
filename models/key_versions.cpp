// Keys in the customer's KMS and key rotation with two keys (spec §2.6 "ON_VALID --PATCH new key
// id/version--> rotation deploys", §1 Snapshot, §3.2 key codes, §4 provider auto-rotation; seed
// 004 §'Rotate your Azure Key Identifier'; seed 003 §'Encrypted Backups').
#include "models/key_versions.h"

#include <algorithm>

#include <fmt/format.h>

#include "models/alerts.h"
#include "models/regions.h"
#include "models/world.h"

namespace models {

std::string& key_id_field(KmsConfig& b, Provider p) {
  return p == Provider::AWS ? b.customerMasterKeyID : p == Provider::AZURE ? b.keyIdentifier : b.keyVersionResourceID;
}
const std::string& key_id_field(const KmsConfig& b, Provider p) { return key_id_field(const_cast<KmsConfig&>(b), p); }

std::optional<std::string> azure_key_vault_of(std::string_view id) {
  // seed 004 §'Rotate...': https://mykeyvault.vault.azure.net/keys/AtlasKMSKey/a241124e...
  constexpr std::string_view scheme = "https://", host = ".vault.azure.net/keys/";
  if (!id.starts_with(scheme)) return std::nullopt;
  id.remove_prefix(scheme.size());
  const std::size_t at = id.find(host);
  if (at == 0 || at == std::string_view::npos) return std::nullopt;
  const std::string_view rest = id.substr(at + host.size());
  if (rest.empty() || rest.front() == '/' || std::count(rest.begin(), rest.end(), '/') > 1 || rest.back() == '/') return std::nullopt;
  return std::string(id.substr(0, at));
}

std::string_view aws_key_part(std::string_view id) {
  const std::size_t at = id.rfind("key/");
  return id.starts_with("arn:") && at != std::string_view::npos ? id.substr(at + 4) : id;
}

std::string_view aws_arn_region(std::string_view id) {
  constexpr std::string_view prefix = "arn:aws:kms:";
  if (!id.starts_with(prefix)) return {};
  id.remove_prefix(prefix.size());
  return id.substr(0, id.find(':'));
}

std::string generated_key_id(const Project& pr, Provider p, std::uint32_t version) {
  const KmsConfig& b = pr.block(p);
  if (p == Provider::AWS)
    return fmt::format("arn:aws:kms:{}:000000000000:key/{}-v{}", aws_region_code(b.kmsRegion), pr.id, version);
  if (p == Provider::AZURE) return fmt::format("https://{}.vault.azure.net/keys/atlas/{}", b.keyVaultName, version);
  return fmt::format("projects/p/locations/{}/keyRings/r/cryptoKeys/atlas/cryptoKeyVersions/{}", b.kmsRegion, version);
}

// ---- judging a key ----

std::optional<std::string> World::key_unusable_code(Provider provider, const KeyVersion& k, bool incoming) const {
  // api-errors: a key whose material is not there yet (AWS imported material, GCP generation).
  if (k.pending == KeyPending::import_material) return "AWS_KMS_CUSTOMER_MASTER_KEY_PENDING_IMPORT";
  if (k.pending == KeyPending::generation) return "GOOGLE_CLOUD_KMS_KEY_VERSION_PENDING_GENERATION";
  if (k.state != KeyState::ENABLED) return key_state_code(provider, k.state);
  if (provider != Provider::AZURE) return std::nullopt;
  const sim::Time now = sim_.now();
  if (now >= k.expiresAt) return "AZURE_KEY_VAULT_KEY_EXPIRED";     // api-errors "The key has expired."
  if (now < k.notBefore) return "AZURE_KEY_VAULT_KEY_NOT_ACTIVE";   // api-errors: not before its "nbf"
  // api-errors AZURE_KEY_VAULT_KEY_EXPIRING; DOCS security-azure-kms: refused < 48 h before expiry.
  if (incoming && k.expiresAt != sim::Time::never() && k.expiresAt - now < sim::Duration::hours(48))
    return "AZURE_KEY_VAULT_KEY_EXPIRING";
  return std::nullopt;
}

std::optional<std::string> World::current_key_problem(const Project& pr, Provider provider) const {
  const KmsConfig& b = pr.block(provider);
  const CustomerKey& k = b.key;
  if (provider == Provider::AZURE) {
    if (sim_.now() >= k.expiresAt) return "AZURE_KEY_VAULT_KEY_EXPIRED";
    if (sim_.now() < k.notBefore) return "AZURE_KEY_VAULT_KEY_NOT_ACTIVE";
  }
  // seed 004 §'Rotate...': "Do not delete or disable the original Key Identifier until your changes
  // have deployed": until then the data is still wrapped by it, so it is needed like the current key.
  if (k.deployingFrom != 0)
    for (const KeyVersion& old : k.others)
      if (old.version == k.deployingFrom && old.state != KeyState::ENABLED) return key_state_code(provider, old.state);
  return std::nullopt;
}

std::optional<KeyVersion> World::find_key(const KmsConfig& b, Provider provider, std::string_view id, std::string_view region) const {
  const bool aws = provider == Provider::AWS;
  if (id == key_id_field(b, provider) && (!aws || region == b.kmsRegion)) {
    const CustomerKey& k = b.key;
    return KeyVersion{std::string(id), aws ? b.kmsRegion : "", k.version, k.keyState.state(), KeyPending::none, k.notBefore, k.expiresAt};
  }
  for (const KeyVersion& k : b.key.others)
    if (k.id == id && (!aws || k.region == region)) return k;
  return std::nullopt;
}

// A key Atlas is asked to use (G-UPD "bad new key -> KMS code", spec §3.1): its shape, its place
// (Azure vault, AWS region) and its state in the KMS. `region`: the AWS region it is looked up in.
std::optional<AtlasError> World::new_key_guard(ProjectIx p, Provider provider, const std::string& id, const std::string& where) const {
  const Project& pr = projects_.at(p);
  const KmsConfig& b = pr.block(provider);
  if (provider == Provider::AZURE) {
    const std::optional<std::string> vault = azure_key_vault_of(id);
    if (!vault) return errors::key_unusable("AZURE_KEY_VAULT_KEY_IDENTIFIER_INVALID_FORMAT", pr.id.str());
    // seed 004 §'Rotate...': "The encryption key must belong to the Key Vault configured for the
    // project"; Atlas looks the key up there, so another vault's key is not found [inferred code].
    if (*vault != where) return errors::key_unusable("AZURE_KEY_VAULT_KEY_NOT_FOUND", pr.id.str());
  }
  if (provider == Provider::AWS) {
    if (!is_region(Provider::AWS, where)) return errors::key_unusable("AWS_KMS_REGION_NOT_SUPPORTED", pr.id.str());  // api-errors
    // An ARN names its region; the KMS of another region does not hold that key [inferred code].
    const std::string_view arnRegion = aws_arn_region(id);
    if (!arnRegion.empty() && arnRegion != aws_region_code(where)) return errors::key_unusable("AWS_CUSTOMER_MASTER_KEY_NOT_FOUND", pr.id.str());
  }
  const std::optional<KeyVersion> k = find_key(b, provider, id, where);
  if (!k) return errors::key_unusable(key_state_code(provider, KeyState::DELETED), pr.id.str());  // the NOT_FOUND code
  if (auto code = key_unusable_code(provider, *k, true)) return errors::key_unusable(*code, pr.id.str());
  return std::nullopt;
}

// ---- rotation ----

// Atlas starts using key `id` (spec §2.6): the replaced key stays in the KMS beside it, bound to
// its version (snapshots keep it, seed 003 §'Encrypted Backups'), and must stay usable until the
// rotation has deployed (key_rotation_deploy_window; seed 004 §'Rotate...').
void World::start_rotation(ProjectIx p, Provider provider, const std::string& id, const std::string& region, std::string_view cause) {
  KmsConfig& b = projects_[p].block(provider);
  CustomerKey& k = b.key;
  const bool aws = provider == Provider::AWS;
  KeyVersion incoming = *find_key(b, provider, id, region);
  std::erase_if(k.others, [&](const KeyVersion& x) { return x.id == id && (!aws || x.region == region); });
  k.others.push_back({key_id_field(b, provider), aws ? b.kmsRegion : "", k.version, k.keyState.state(), KeyPending::none, k.notBefore,
                      k.expiresAt});
  key_id_field(b, provider) = id;
  if (aws) b.region = b.kmsRegion = region;
  const std::uint32_t replaced = k.version;
  ++k.version;
  if (k.keyState.state() != incoming.state) k.keyState = machine<KeyState, KeyEvent>(key_table(), k.keyState.subject(), incoming.state);
  ++k.keyTimerGeneration;  // the replaced key's deletion timers no longer drive the current key
  k.notBefore = incoming.notBefore;
  k.expiresAt = incoming.expiresAt;
  // seed 003 §intro / DOCS security-gcp-kms: the rotation-alert clock restarts with the new key.
  k.rotatedAt = sim_.now();
  k.keyAgeAtStart = {};
  k.rotationAlertSent = false;
  k.deployingFrom = replaced;
  const std::uint64_t generation = ++k.rotationGeneration;
  b.ear.fire(sim_, b.ear.state() == EarState::ON_VALID ? EarEvent::RotateKey : EarEvent::UpdateFields, cause);
  alert(alerts::kKeyRotationStarted, block_subject(p, provider),
        {{"keyVersion", std::to_string(k.version)}, {"replacesVersion", std::to_string(replaced)}});
  sim_.schedule_after(sample(settings_.key_rotation_deploy_window),
                      [this, p, provider, generation] { finish_rotation(p, provider, generation); });
}

// The rotation has deployed: <P>_ENCRYPTION_KEY_ROTATED (spec §2.6). It cannot finish while the
// replaced key is unusable (the data is still wrapped by it) [inferred]: it tries again a window later.
void World::finish_rotation(ProjectIx p, Provider provider, std::uint64_t generation) {
  KmsConfig& b = projects_[p].block(provider);
  CustomerKey& k = b.key;
  if (k.rotationGeneration != generation || k.deployingFrom == 0 || !b.enabled) return;
  for (const KeyVersion& old : k.others)
    if (old.version == k.deployingFrom && old.state != KeyState::ENABLED) {
      sim_.schedule_after(sample(settings_.key_rotation_deploy_window),
                          [this, p, provider, generation] { finish_rotation(p, provider, generation); });
      return;
    }
  k.deployingFrom = 0;
  alert(alerts::key_rotated(provider), block_subject(p, provider), {{"keyVersion", std::to_string(k.version)}});
}

// AWS regional failover (DOCS security-aws-kms, spec §2.8): Atlas moves to the replica of the same
// multi-Region key in another region. Same key material, so no rotation and no new version.
void World::switch_replica(ProjectIx p, Provider provider, const std::string& id, const std::string& region) {
  KmsConfig& b = projects_[p].block(provider);
  CustomerKey& k = b.key;
  const KeyVersion replica = *find_key(b, provider, id, region);
  std::erase_if(k.others, [&](const KeyVersion& x) { return x.id == id && x.region == region; });
  k.others.push_back({key_id_field(b, provider), b.kmsRegion, 0, k.keyState.state(), KeyPending::none, k.notBefore, k.expiresAt});
  key_id_field(b, provider) = id;
  b.region = b.kmsRegion = region;
  if (k.keyState.state() != replica.state) k.keyState = machine<KeyState, KeyEvent>(key_table(), k.keyState.subject(), replica.state);
}

bool World::snapshot_key_usable(const Snapshot& s) const {
  const Project& pr = projects_[clusters_[s.cluster].project];
  const KmsConfig& b = pr.block(s.encryptionAtRestProvider);
  const CustomerKey& k = b.key;
  if (k.credentials.state() != CredentialState::VALID || k.access.state() != AccessState::GRANTED) return false;
  // seed 003 §'Encrypted Backups': "Restore snapshots with the key that was active at the time the
  // snapshot was taken"; "You cannot restore snapshots encrypted with keys that have become invalid."
  if (s.keyVersion == k.version) return k.usable() && !current_key_problem(pr, s.encryptionAtRestProvider);
  for (const KeyVersion& old : k.others)
    if (old.version == s.keyVersion) return !key_unusable_code(s.encryptionAtRestProvider, old, false);
  return false;
}

// ---- the customer's KMS (cloud console) ----

Outcome World::create_key(ProjectIx p, Provider provider, const KeyVersion& key) {
  if (provider == Provider::NONE) return errors::missing_provider();
  KmsConfig& b = projects_.at(p).block(provider);
  KeyVersion k = key;
  if (provider != Provider::AWS) k.region.clear();
  else if (k.region.empty()) k.region = b.kmsRegion;
  k.version = 0;
  if (find_key(b, provider, k.id, k.region)) return errors::key_state_conflict(fmt::format("A key {} already exists.", k.id));
  b.key.others.push_back(std::move(k));
  external_record(p, provider, "create_key:" + key.id);
  return Outcome::success();
}

Outcome World::key_version_action(ProjectIx p, Provider provider, std::string_view keyId, KeyEvent ev, std::string_view what) {
  if (provider == Provider::NONE) return errors::missing_provider();
  CustomerKey& k = projects_.at(p).block(provider).key;
  for (KeyVersion& x : k.others) {
    if (x.id != keyId) continue;
    if (ev == KeyEvent::Enable && x.pending != KeyPending::none) {  // material imported / generated
      x.pending = KeyPending::none;
    } else {
      const auto row = key_table().find(x.state, ev);
      if (!row) return errors::key_state_conflict(fmt::format("Cannot {} a key that is {}.", key_event_name(ev), key_state_name(x.state)));
      x.state = key_table().row(*row).to;
    }
    external_record(p, provider, fmt::format("{}:{}", what, keyId));
    return Outcome::success();
  }
  return errors::key_state_conflict(fmt::format("No key {} in the {} KMS.", keyId, provider_name(provider)));
}

Outcome World::set_key_expiry(ProjectIx p, Provider provider, std::string_view keyId, sim::Duration in) {
  if (provider != Provider::AZURE) return errors::key_state_conflict("Only Azure Key Vault keys carry an expiry date here.");
  KmsConfig& b = projects_.at(p).block(provider);
  const sim::Time at = sim_.now() + in;
  if (keyId.empty() || keyId == b.keyIdentifier) {
    b.key.expiresAt = at;
  } else {
    auto it = std::find_if(b.key.others.begin(), b.key.others.end(), [&](const KeyVersion& x) { return x.id == keyId; });
    if (it == b.key.others.end()) return errors::key_state_conflict(fmt::format("No key {} in the vault.", keyId));
    it->expiresAt = at;
  }
  external_record(p, provider, "set_key_expiry");
  return Outcome::success();
}

Outcome World::set_key_auto_rotation(ProjectIx p, Provider provider, bool on) {
  if (provider == Provider::NONE) return errors::missing_provider();
  CustomerKey& k = projects_.at(p).block(provider).key;
  if (k.autoRotation == on) return Outcome::success();
  k.autoRotation = on;
  ++k.autoRotationGeneration;
  external_record(p, provider, on ? "auto_rotation_on" : "auto_rotation_off");
  if (on) schedule_auto_rotation(p, provider);
  return Outcome::success();
}

// Provider-side rotation about yearly (DOCS security-aws-kms, security-azure-kms, security-gcp-kms; spec §4): new key material
// under the same key id, so Atlas keeps its configuration. The key's age restarts, so a rotation
// alert above the period never fires, while the default 90-day one still does ("fires anyway").
void World::schedule_auto_rotation(ProjectIx p, Provider provider) {
  const std::uint64_t g = projects_[p].block(provider).key.autoRotationGeneration;
  sim_.schedule_after(settings_.provider_auto_rotation_period, [this, p, provider, g] {
    CustomerKey& k = projects_[p].block(provider).key;
    if (k.autoRotationGeneration != g || !k.autoRotation) return;
    k.rotatedAt = sim_.now();
    k.keyAgeAtStart = {};
    k.rotationAlertSent = false;
    external_record(p, provider, "key_auto_rotated");
    schedule_auto_rotation(p, provider);
  });
}

Outcome World::set_rotation_alert_threshold(ProjectIx p, std::int64_t days) {
  // RAWSPEC alert configuration: <P>_ENCRYPTION_KEY_NEEDS_ROTATION, threshold GREATER_THAN n DAYS, per project.
  projects_.at(p).rotationAlertDays = days;
  note(sim::RecordKind::event, project_subject(p), "rotation_alert_threshold", {{"thresholdDays", std::to_string(days)}});
  return Outcome::success();
}

Outcome World::fail_over_key_vault(ProjectIx p, Provider provider, std::string_view region) {
  // DOCS security-azure-kms (spec §2.8): the vault fails over to its paired region on Azure's side;
  // Atlas keeps the same keyIdentifier and reaches the vault there.
  if (provider != Provider::AZURE) return errors::key_state_conflict("Only an Azure Key Vault fails over to its paired region.");
  projects_.at(p).block(provider).kmsRegion = std::string(region);
  external_record(p, provider, "vault_failover:" + std::string(region));
  return Outcome::success();
}

}  // namespace models
