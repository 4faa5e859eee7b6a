// World: setup, project Encryption at Rest operations, the customer's key, queries, records and
// the generic dispatcher. Endpoints: endpoint_machine.cpp; clusters: cluster_machine.cpp;
// validation: validator.cpp.
#include "models/world.h"

#include <algorithm>

#include <fmt/format.h>

#include "models/alerts.h"

namespace models {

World::World(sim::Simulation& sim, Settings settings) : sim_(sim), settings_(std::move(settings)) { settings_.check(); }

std::string World::project_entity(ProjectIx p) const { return "project/" + projects_[p].name; }
std::string World::cluster_entity(ClusterIx c) const {
  return "cluster/" + projects_[clusters_[c].project].name + "/" + clusters_[c].name;
}
std::string World::block_entity(ProjectIx p, Provider provider) const {
  return "project/" + projects_[p].name + "/" + std::string(block_name(provider));
}

void World::note(std::string_view kind, std::string entity, std::string_view cause,
                 std::vector<std::pair<std::string, std::string>> fields) {
  if (!sim_.observed()) return;
  sim::Record r;
  r.at = sim_.now();
  r.kind = std::string(kind);
  r.entity = std::move(entity);
  r.cause = std::string(cause);
  r.fields = std::move(fields);
  sim_.record(r);
}

void World::alert(std::string_view kind, std::string_view eventTypeName, std::string entity,
                  std::vector<std::pair<std::string, std::string>> fields) {
  if (!sim_.observed()) return;
  fields.insert(fields.begin(), {"eventTypeName", std::string(eventTypeName)});
  note(kind, std::move(entity), eventTypeName, std::move(fields));
}

std::optional<AtlasError> World::project_active_guard(ProjectIx p) const {
  // seed 000 §'Limitations' (AWS: ACTIVE projects only), seed 004 (Azure: not INACTIVE).
  if (!projects_.at(p).active()) return errors::project_not_active(projects_[p].name);
  return std::nullopt;
}

// ---- setup ----

ProjectIx World::add_project(const ProjectSetup& ps) {
  if (ps.name.empty()) throw std::invalid_argument("add_project: a project needs a name");
  if (projectByName_.contains(ps.name)) throw std::invalid_argument(fmt::format("add_project: duplicate project '{}'", ps.name));
  const auto p = static_cast<ProjectIx>(projects_.size());
  Project pr;
  pr.id = make_object_id(IdKind::Project, ++idCounter_);
  pr.name = ps.name;
  pr.state = sim::StateMachine<ProjectState, ProjectEvent>(project_table(), "project/" + ps.name, ps.state);
  pr.backupCompliancePolicy = ps.backupCompliancePolicy;
  for (std::size_t i = 0; i < kBlockCount; ++i) {
    KmsConfig& b = pr.blocks[i];
    const std::string base = "project/" + ps.name + "/" + std::string(block_name(block_provider(i)));
    const std::string prov(provider_name(block_provider(i)));
    b.ear = sim::StateMachine<EarState, EarEvent>(ear_table(), base);
    b.pn = sim::StateMachine<PnState, PnEvent>(pn_table(), base + "/requirePrivateNetworking");
    b.key.provider = block_provider(i);
    b.key.keyState = sim::StateMachine<KeyState, KeyEvent>(key_table(), "key/" + ps.name + "/" + prov);
    b.key.credentials = sim::StateMachine<CredentialState, CredentialEvent>(credential_table(), "credentials/" + ps.name + "/" + prov);
    b.key.access = sim::StateMachine<AccessState, AccessEvent>(access_table(), "key_access/" + ps.name + "/" + prov);
  }
  projects_.push_back(std::move(pr));
  projectByName_.emplace(ps.name, p);
  Project& P = projects_[p];
  for (const KmsSetup& k : ps.kms) {
    if (k.provider == Provider::NONE) throw std::invalid_argument("add_project: kms block without provider");
    if (k.requirePrivateNetworking && k.provider == Provider::GCP)
      throw std::invalid_argument("add_project: googleCloudKms has no requirePrivateNetworking (spec §2.4)");
    KmsConfig& b = P.block(k.provider);
    const std::string prov(provider_name(k.provider));
    b.key.keyState = sim::StateMachine<KeyState, KeyEvent>(key_table(), "key/" + ps.name + "/" + prov, k.keyState);
    b.key.credentials = sim::StateMachine<CredentialState, CredentialEvent>(credential_table(), "credentials/" + ps.name + "/" + prov, k.credentials);
    b.key.access = sim::StateMachine<AccessState, AccessEvent>(access_table(), "key_access/" + ps.name + "/" + prov, k.access);
    b.key.outage = k.unreachable;
    b.key.keyAgeAtStart = k.keyAge;
    b.key.rotatedAt = sim_.now();
    b.key.ipAccessListBlocksControlPlane = k.ipAccessListBlocksControlPlane;
    b.kmsRegion = k.region;
    if (k.provider == Provider::AWS) {
      b.region = k.region;
      b.customerMasterKeyID = k.keyId.empty() ? fmt::format("arn:aws:kms:{}:000000000000:key/{}", k.region, P.id) : k.keyId;
      b.roleId = make_object_id(IdKind::Role, ++idCounter_);
    } else if (k.provider == Provider::AZURE) {
      b.azureEnvironment = "AZURE";
      b.keyVaultName = "vault-" + ps.name;
      b.keyIdentifier = k.keyId.empty() ? fmt::format("https://{}.vault.azure.net/keys/atlas/1", b.keyVaultName) : k.keyId;
      if (k.secretExpiresIn) {
        // DOCS security-azure-kms: a client secret lives at most 2 years.
        const sim::Duration life = std::min(*k.secretExpiresIn, settings_.azure_secret_max_lifetime);
        b.key.secretExpiresAt = sim_.now() + life;
        // Logged with its own cause, so the timeline tells it from a user's expire_credentials step.
        sim_.schedule_at(b.key.secretExpiresAt, [this, p] { expire_secret(p, Provider::AZURE, "secret_expired"); });
      }
    } else {
      b.keyVersionResourceID =
          k.keyId.empty() ? fmt::format("projects/p/locations/{}/keyRings/r/cryptoKeys/atlas/cryptoKeyVersions/1", k.region) : k.keyId;
    }
    if (!k.enabled) continue;  // the key exists in the cloud; enable_cmk may turn the block on later
    b.enabled = true;
    b.requirePrivateNetworking = k.requirePrivateNetworking;
    if (k.requirePrivateNetworking)
      b.pn = sim::StateMachine<PnState, PnEvent>(pn_table(), b.pn.entity(), PnState::ON);
    const BlockVerdict v = assess(P, k.provider);
    const EarState s = v.verdict == Verdict::valid ? EarState::ON_VALID
                       : v.verdict == Verdict::invalid ? EarState::ON_INVALID
                                                       : EarState::ON_UNREACHABLE;
    b.ear = sim::StateMachine<EarState, EarEvent>(ear_table(), b.ear.entity(), s);
    b.valid = v.verdict == Verdict::valid;
    b.networkAccessDenied = false;
  }
  if (ps.validationPhase) {
    P.validationPhase = *ps.validationPhase;
  } else if (settings_.validation_phase == ValidationPhase::random) {
    P.validationPhase = sim::Duration::milliseconds(sim_.random().uniform_int(0, settings_.validation_interval.ms() - 1));
  } else {
    P.validationPhase = settings_.validation_phase_offset;
  }
  schedule_tick(p, sim_.now() + P.validationPhase);
  // Master-key rotation phase: uniform over the first interval (DOCS: rolling, in maintenance windows).
  schedule_master_key_rotation(
      p, sim_.now() + sim::Duration::milliseconds(sim_.random().uniform_int(0, settings_.master_key_rotation_interval.ms() - 1)));
  return p;
}

// ---- project Encryption at Rest ----

Outcome World::enable_cmk(ProjectIx p, const KmsSetup& k) {
  if (auto err = project_active_guard(p)) return *err;
  if (k.provider == Provider::NONE) return errors::missing_provider();  // api-errors
  Project& pr = projects_[p];
  KmsConfig& b = pr.block(k.provider);
  if (k.provider == Provider::AWS && k.accessKeyAuth && !settings_.aws_allow_credentials_auth)
    return errors::aws_credentials_auth_deprecated();  // seed 000: IAM roles; spec §8.6
  if (k.requirePrivateNetworking && k.provider == Provider::GCP)
    return errors::unsupported_pe_provider("GCP");  // spec §2.4: no PN on googleCloudKms
  if (b.enabled) return update_credentials(p, k.provider);  // PATCH of an enabled block: only changed fields
  if (settings_.multiple_providers == MultipleProviders::single)
    for (const KmsConfig& other : pr.blocks)
      if (other.enabled) return errors::multiple_providers_refused();
  // seed 003 §'Validate...': validated when credentials are added; refused with the KMS code [inferred sync].
  const std::string oldRegion = b.kmsRegion;
  if (!k.region.empty()) b.kmsRegion = k.region;
  const BlockVerdict v = assess(pr, k.provider);
  if (v.verdict != Verdict::valid) {
    b.kmsRegion = oldRegion;
    if (v.verdict == Verdict::unreachable) return errors::kms_unreachable(std::string(provider_name(k.provider)));
    if (v.reasonCode == "CANNOT_ASSUME_ROLE") return errors::cannot_assume_role("arn:aws:iam::000000000000:role/atlas-" + pr.name);
    return errors::kms_key_error(v.reasonCode, fmt::format("Encryption at Rest validation failed for {}.", block_name(k.provider)));
  }
  b.enabled = true;
  b.valid = true;
  if (k.provider == Provider::AWS) b.region = b.kmsRegion;
  if (!k.keyId.empty()) {
    if (k.provider == Provider::AWS) b.customerMasterKeyID = k.keyId;
    else if (k.provider == Provider::AZURE) b.keyIdentifier = k.keyId;
    else b.keyVersionResourceID = k.keyId;
  }
  b.ear.fire(sim_, EarEvent::Enable, "enable_cmk");
  // seed 003 §intro: "When you set customer key management in a project, Atlas creates a 90-day key rotation alert."
  b.key.rotatedAt = sim_.now();
  b.key.keyAgeAtStart = k.keyAge;
  b.key.rotationAlertSent = false;
  if (k.requirePrivateNetworking) {
    b.pn.fire(sim_, PnEvent::Require, "enable_cmk", [&](std::string_view g) { return g == "aws" ? k.provider == Provider::AWS : k.provider == Provider::AZURE; });
    b.requirePrivateNetworking = true;
    if (k.provider == Provider::AZURE) set_multicloud_disabled(p, true);
  }
  alert("event", alerts::kConfigurationUpdated, block_entity(p, k.provider));
  return Outcome::success();
}

Outcome World::disable_cmk(ProjectIx p, Provider provider) {
  if (auto err = project_active_guard(p)) return *err;
  if (provider == Provider::NONE) return errors::missing_provider();
  Project& pr = projects_[p];
  KmsConfig& b = pr.block(provider);
  if (!b.enabled) return Outcome::success();  // nothing to erase
  // G-DIS (spec §3.1) in the spec's order (disable_guard_order):
  // (1) seed 000/004 §'Disable Customer-Managed Keys...': every endpoint, any status, blocks [observed].
  for (EndpointIx e : pr.endpointIxs)
    if (endpoint_blocks(endpoints_[e], p, provider)) return errors::cannot_disable_due_to_private_endpoints();
  // (2) api-errors: a cluster still on this provider (or about to be).
  for (ClusterIx c : pr.clusterIxs) {
    const Cluster& cl = clusters_[c];
    // Still on it until the change to NONE is applied (spec §6 #7: two Terraform applies).
    bool uses = cl.encryptionAtRestProvider == provider;
    if (cl.applying && cl.applying->kind == QueuedChange::Kind::SetProvider) uses = uses || cl.applying->provider == provider;
    for (const QueuedChange& q : cl.queuedChanges)
      if (q.kind == QueuedChange::Kind::SetProvider) uses = uses || q.provider == provider;
    if (uses) return errors::cannot_disable_encryption_at_rest();
  }
  // (3) api-errors: Backup Compliance Policy.
  if (pr.backupCompliancePolicy) return errors::cannot_disable_with_backup_compliance();
  // (4) seed 003 warning: "You cannot ... disable Encryption at Rest ... without a valid key."
  if (b.ear.state() == EarState::ON_INVALID) return errors::settings_invalid();
  b.ear.fire(sim_, EarEvent::Disable, "disable_cmk");
  if (b.pn.state() == PnState::ON)
    b.pn.fire(sim_, PnEvent::Release, "disable_cmk", [&](std::string_view g) { return g == "aws" ? provider == Provider::AWS : provider == Provider::AZURE; });
  // seed 002: {enabled:false} erases the block (fields null, valid false).
  const bool wasAzurePn = provider == Provider::AZURE && b.requirePrivateNetworking;
  b.enabled = false;
  b.valid = false;
  b.requirePrivateNetworking = false;
  b.privatePath = false;
  b.networkAccessDenied = false;
  b.customerMasterKeyID.clear();
  b.region.clear();
  b.roleId.clear();
  b.keyIdentifier.clear();
  b.keyVersionResourceID.clear();
  if (wasAzurePn) set_multicloud_disabled(p, false);
  alert("event", alerts::kConfigurationUpdated, block_entity(p, provider));
  return Outcome::success();
}

Outcome World::update_credentials(ProjectIx p, Provider provider) {
  if (auto err = project_active_guard(p)) return *err;
  if (provider == Provider::NONE) return errors::missing_provider();
  KmsConfig& b = projects_[p].block(provider);
  if (!b.enabled) return errors::not_enabled(std::string(provider_name(provider)));
  CustomerKey& k = b.key;
  if (k.credentials.state() == CredentialState::PROPAGATING)  // spec §2.8: until T_iam elapses [observed]
    return errors::cannot_assume_role("arn:aws:iam::000000000000:role/atlas-" + projects_[p].name);
  // The customer supplies working credentials: an AWS role first propagates (T_iam).
  k.credentials.fire(sim_, CredentialEvent::Update, "update_credentials",
                     [provider](std::string_view g) { return g == "aws_role" && provider == Provider::AWS; });
  if (k.credentials.state() == CredentialState::PROPAGATING) {
    sim_.schedule_after(sample(settings_.t_iam), [this, p, provider] {
      CustomerKey& key = projects_[p].block(provider).key;
      if (key.credentials.state() == CredentialState::PROPAGATING) key.credentials.fire(sim_, CredentialEvent::Propagated);
    });
    return errors::cannot_assume_role("arn:aws:iam::000000000000:role/atlas-" + projects_[p].name);
  }
  if (provider == Provider::AZURE && k.secretExpiresAt != sim::Time::never()) k.secretExpiresAt = sim::Time::never();
  b.ear.fire(sim_, EarEvent::UpdateFields, "update_credentials");
  alert("event", alerts::kConfigurationUpdated, block_entity(p, provider));
  // seed 003: validated "when you add or update credentials".
  validate_block(p, provider, CheckKind::credential_change);
  const BlockVerdict v = assess(projects_[p], provider);
  if (v.verdict == Verdict::invalid)
    return errors::kms_key_error(v.reasonCode, fmt::format("Encryption at Rest validation failed for {}.", block_name(provider)));
  return Outcome::success();
}

Outcome World::rotate_key(ProjectIx p, Provider provider, std::string newKeyId) {
  if (auto err = project_active_guard(p)) return *err;
  KmsConfig& b = projects_[p].block(provider);
  if (!b.enabled) return errors::cannot_rotate_key_encryption_disabled();  // api-errors 409
  // seed 003 warning / api-errors: no key change without a valid current key.
  if (b.ear.state() != EarState::ON_VALID) return errors::settings_invalid();
  CustomerKey& k = b.key;
  ++k.version;
  if (newKeyId.empty()) newKeyId = fmt::format("v{}", k.version);
  if (provider == Provider::AWS) b.customerMasterKeyID = newKeyId;
  else if (provider == Provider::AZURE) b.keyIdentifier = newKeyId;
  else b.keyVersionResourceID = newKeyId;
  k.rotatedAt = sim_.now();
  k.keyAgeAtStart = {};
  k.rotationAlertSent = false;  // DOCS security-gcp-kms: the alert timer resets
  b.ear.fire(sim_, EarEvent::RotateKey, "rotate_key");
  alert("event", alerts::kKeyRotationStarted, block_entity(p, provider));
  alert("event", alerts::key_rotated(provider), block_entity(p, provider), {{"keyVersion", std::to_string(k.version)}});
  return Outcome::success();
}

Outcome World::set_require_private_networking(ProjectIx p, Provider provider, bool on) {
  if (auto err = project_active_guard(p)) return *err;  // seed 000/004 §'Limitations'
  if (provider != Provider::AWS && provider != Provider::AZURE)
    return errors::unsupported_pe_provider(std::string(provider_name(provider)));  // spec §2.4
  Project& pr = projects_[p];
  KmsConfig& b = pr.block(provider);
  if (!b.enabled) return errors::not_enabled(std::string(provider_name(provider)));
  auto cloud = [provider](std::string_view g) { return g == "aws" ? provider == Provider::AWS : provider == Provider::AZURE; };
  if (on) {
    if (b.requirePrivateNetworking) return Outcome::success();
    // seed 001 §'Limitations' (spec §8.4): AKV over PN only for clusters on Azure.
    if (provider == Provider::AZURE)
      for (ClusterIx c : pr.clusterIxs)
        if (clusters_[c].encryptionAtRestProvider == Provider::AZURE)
          for (const ClusterRegion& r : clusters_[c].regions)
            if (r.providerName != Provider::AZURE)
              return errors::provider_not_supported(fmt::format(
                  "Cluster {} is not on Azure: Azure Key Vault over private networking supports only Azure clusters.", clusters_[c].name));
    b.pn.fire(sim_, PnEvent::Require, "set_require_private_networking", cloud);
    b.requirePrivateNetworking = true;
    // seed 004 §'Limitations': multi-cloud clusters are disabled when Azure PN is enabled.
    if (provider == Provider::AZURE) {
      const sim::Duration d = sample(settings_.multicloud_disable_delay);
      if (d == sim::Duration{}) set_multicloud_disabled(p, true);
      else sim_.schedule_after(d, [this, p] { if (projects_[p].azureKeyVault().requirePrivateNetworking) set_multicloud_disabled(p, true); });
    }
  } else {
    if (!b.requirePrivateNetworking) return Outcome::success();
    // G-PN: any endpoint of this provider, DELETING too, blocks; the error names the regions [observed].
    std::vector<std::string> regions;
    for (EndpointIx e : pr.endpointIxs) {
      const PrivateEndpoint& ep = endpoints_[e];
      if (ep.gone() || ep.cloudProvider != provider) continue;
      if (std::find(regions.begin(), regions.end(), ep.regionName) == regions.end()) regions.push_back(ep.regionName);
    }
    if (!regions.empty()) {
      std::sort(regions.begin(), regions.end());
      return errors::cannot_disable_pn_while_endpoints_exist(std::move(regions));
    }
    b.pn.fire(sim_, PnEvent::Release, "set_require_private_networking", cloud);
    b.requirePrivateNetworking = false;
    b.privatePath = false;
    for (ClusterIx c : pr.clusterIxs)
      if (clusters_[c].encryptionAtRestProvider == provider) clusters_[c].privatePath = false;
    if (provider == Provider::AZURE) set_multicloud_disabled(p, false);
  }
  alert("event", alerts::kConfigurationUpdated, block_entity(p, provider));
  return Outcome::success();
}

Outcome World::get_encryption_at_rest(ProjectIx p) {
  if (settings_.validation_on_get) validate_project(p, CheckKind::on_demand);  // seed 003 "On-demand"
  return Outcome::success();
}

Outcome World::try_again(ProjectIx p) {
  validate_project(p, CheckKind::on_demand);  // seed 003 "click Try Again to validate it"
  return Outcome::success();
}

// ---- the customer's key (external world) ----

void World::external_record(ProjectIx p, Provider provider, std::string_view what) {
  if (!sim_.observed()) return;
  note("external", "kms/" + projects_[p].name + "/" + std::string(provider_name(provider)), what);
}

void World::fire_key(ProjectIx p, Provider provider, KeyEvent ev, std::string_view cause) {
  CustomerKey& k = projects_[p].block(provider).key;
  k.keyState.fire(sim_, ev, cause);
  ++k.keyTimerGeneration;
  if (k.keyState.state() == KeyState::PENDING_DELETION) {
    const std::uint64_t g = k.keyTimerGeneration;
    sim_.schedule_after(settings_.key_deletion_waiting_period,
                        [this, p, provider, g] { on_key_timer(p, provider, g, KeyEvent::WaitingPeriodEnds); });
  } else if (k.keyState.state() == KeyState::DELETED) {
    const std::uint64_t g = k.keyTimerGeneration;
    sim_.schedule_after(settings_.key_recovery_window,
                        [this, p, provider, g] { on_key_timer(p, provider, g, KeyEvent::RecoveryWindowEnds); });
  } else if (k.keyState.state() == KeyState::DESTROYED) {
    // seed 000 warning: past the recovery window the data encrypted with the key is lost.
    for (ClusterIx c : projects_[p].clusterIxs)
      if (clusters_[c].encryptionAtRestProvider == provider) clusters_[c].dataLost = true;
  }
}

void World::on_key_timer(ProjectIx p, Provider provider, std::uint64_t generation, KeyEvent ev) {
  CustomerKey& k = projects_[p].block(provider).key;
  if (k.keyTimerGeneration != generation) return;
  fire_key(p, provider, ev);
}

Outcome World::key_action(ProjectIx p, Provider provider, KeyEvent ev, std::string_view what) {
  if (provider == Provider::NONE) return errors::missing_provider();
  CustomerKey& k = projects_.at(p).block(provider).key;
  if (!k.keyState.can(ev))
    return errors::key_state_conflict(fmt::format("Cannot {} a key that is {}.", key_event_name(ev), key_state_name(k.keyState.state())));
  fire_key(p, provider, ev, what);
  return Outcome::success();
}

Outcome World::disable_key(ProjectIx p, Provider v) { return key_action(p, v, KeyEvent::Disable, "disable_key"); }
Outcome World::enable_key(ProjectIx p, Provider v) { return key_action(p, v, KeyEvent::Enable, "enable_key"); }
Outcome World::schedule_key_deletion(ProjectIx p, Provider v) { return key_action(p, v, KeyEvent::ScheduleDeletion, "schedule_key_deletion"); }
Outcome World::delete_key(ProjectIx p, Provider v) { return key_action(p, v, KeyEvent::Delete, "delete_key"); }
Outcome World::restore_key(ProjectIx p, Provider v) {
  if (v == Provider::NONE) return errors::missing_provider();
  const KeyState s = projects_.at(p).block(v).key.keyState.state();
  return key_action(p, v, s == KeyState::PENDING_DELETION ? KeyEvent::CancelDeletion : KeyEvent::Restore, "restore_key");
}
Outcome World::destroy_key(ProjectIx p, Provider v) {
  if (v == Provider::NONE) return errors::missing_provider();
  CustomerKey& k = projects_.at(p).block(v).key;
  if (k.keyState.state() != KeyState::DELETED && k.keyState.can(KeyEvent::Delete)) fire_key(p, v, KeyEvent::Delete, "destroy_key");
  return key_action(p, v, KeyEvent::RecoveryWindowEnds, "destroy_key");
}

Outcome World::revoke_key_access(ProjectIx p, Provider v) {
  if (v == Provider::NONE) return errors::missing_provider();
  KmsConfig& b = projects_.at(p).block(v);
  CustomerKey& k = b.key;
  if (!k.access.can(AccessEvent::Revoke)) return errors::key_state_conflict("Access is already revoked.");
  k.access.fire(sim_, AccessEvent::Revoke, "revoke_key_access");
  // seed 004 §'Revoke Access...': "Atlas automatically pauses your clusters" (Azure).
  const bool pause = v == Provider::AZURE && b.enabled && settings_.azure_revocation_effect == AzureRevocationEffect::pause &&
                     !(settings_.azure_ip_list_blocks_pause && k.ipAccessListBlocksControlPlane);
  if (pause && settings_.revocation_pause_timing == RevocationPauseTiming::immediate) pause_clusters_for_revocation(p);
  b.pauseOnNextTick = pause && settings_.revocation_pause_timing == RevocationPauseTiming::next_tick;
  return Outcome::success();
}

Outcome World::grant_key_access(ProjectIx p, Provider v) {
  if (v == Provider::NONE) return errors::missing_provider();
  KmsConfig& b = projects_.at(p).block(v);
  if (!b.key.access.can(AccessEvent::Grant)) return errors::key_state_conflict("Access is already granted.");
  b.key.access.fire(sim_, AccessEvent::Grant, "grant_key_access");
  b.pauseOnNextTick = false;
  return Outcome::success();
}

Outcome World::expire_credentials(ProjectIx p, Provider v) { return expire_secret(p, v, "expire_credentials"); }

Outcome World::expire_secret(ProjectIx p, Provider v, std::string_view cause) {
  CustomerKey& k = projects_.at(p).block(v).key;
  auto azure = [v](std::string_view g) { return g == "azure" && v == Provider::AZURE; };
  if (!k.credentials.can(CredentialEvent::Expire, azure))
    return errors::key_state_conflict("Only a valid Azure client secret can expire.");
  k.credentials.fire(sim_, CredentialEvent::Expire, cause, azure);
  return Outcome::success();
}

Outcome World::invalidate_credentials(ProjectIx p, Provider v) {
  CustomerKey& k = projects_.at(p).block(v).key;
  if (!k.credentials.can(CredentialEvent::Invalidate)) return errors::key_state_conflict("Credentials are already invalid.");
  k.credentials.fire(sim_, CredentialEvent::Invalidate, "invalidate_credentials");
  return Outcome::success();
}

Outcome World::fix_credentials(ProjectIx p, Provider v) {
  CustomerKey& k = projects_.at(p).block(v).key;
  if (k.credentials.state() == CredentialState::VALID) return Outcome::success();
  if (k.credentials.state() == CredentialState::PROPAGATING) k.credentials.fire(sim_, CredentialEvent::Propagated, "fix_credentials");
  else k.credentials.fire(sim_, CredentialEvent::Update, "fix_credentials");
  return Outcome::success();
}

Outcome World::kms_outage_start(ProjectIx p, Provider v, std::string_view region) {
  CustomerKey& k = projects_.at(p).block(v).key;
  if (region.empty()) k.outage = true;
  else k.unreachableRegions.insert(std::string(region));
  external_record(p, v, region.empty() ? std::string("kms_outage_start") : "kms_outage_start:" + std::string(region));
  return Outcome::success();
}

Outcome World::kms_outage_end(ProjectIx p, Provider v, std::string_view region) {
  CustomerKey& k = projects_.at(p).block(v).key;
  if (region.empty()) {
    k.outage = false;
    k.unreachableRegions.clear();
  } else {
    k.unreachableRegions.erase(std::string(region));
  }
  external_record(p, v, region.empty() ? std::string("kms_outage_end") : "kms_outage_end:" + std::string(region));
  return Outcome::success();
}

Outcome World::deactivate_project(ProjectIx p) {
  Project& pr = projects_.at(p);
  if (!pr.state.can(ProjectEvent::Deactivate)) return errors::project_not_active(pr.name);
  pr.state.fire(sim_, ProjectEvent::Deactivate, "deactivate_project");
  return Outcome::success();
}

Outcome World::reactivate_project(ProjectIx p) {
  Project& pr = projects_.at(p);
  if (!pr.state.can(ProjectEvent::Reactivate)) return Outcome::success();
  pr.state.fire(sim_, ProjectEvent::Reactivate, "reactivate_project");
  return Outcome::success();
}

// ---- queries ----

std::optional<ProjectIx> World::find_project(std::string_view name) const {
  auto it = projectByName_.find(std::string(name));
  if (it == projectByName_.end()) return std::nullopt;
  return it->second;
}

std::optional<ClusterIx> World::find_cluster(std::string_view project, std::string_view name) const {
  auto it = clusterByName_.find(std::string(project) + '\0' + std::string(name));
  if (it == clusterByName_.end()) return std::nullopt;
  return it->second;
}

std::optional<EndpointIx> World::find_endpoint(std::string_view id) const {
  auto it = endpointById_.find(std::string(id));
  if (it == endpointById_.end()) return std::nullopt;
  return it->second;
}

std::vector<EndpointIx> World::list_endpoints(ProjectIx p, Provider cloud) const {
  std::vector<EndpointIx> out;
  for (EndpointIx e : projects_.at(p).endpointIxs)
    if (!endpoints_[e].gone() && endpoints_[e].cloudProvider == cloud) out.push_back(e);
  return out;
}

std::vector<ClusterIx> World::project_clusters(ProjectIx p) const { return projects_.at(p).clusterIxs; }

std::optional<EndpointIx> World::endpoint_in_region(ProjectIx p, std::string_view region, std::optional<Provider> cloud) const {
  std::optional<EndpointIx> found;
  for (EndpointIx e : projects_.at(p).endpointIxs) {
    const PrivateEndpoint& ep = endpoints_[e];
    if (ep.gone() || ep.regionName != region || (cloud && ep.cloudProvider != *cloud)) continue;
    if (ep.state() == EndpointStatus::PENDING_RECREATION && found) continue;  // prefer the live replacement
    found = e;
  }
  return found;
}

// ---- one step by name ----

Outcome World::perform(const ActionRequest& a) {
  const ActionInfo* info = find_action(a.name);
  if (!info) throw ActionError(a.name, "", fmt::format("unknown action '{}'", a.name));
  for (const auto& [key, value] : a.params) {  // typos surface (the scenario parser checks this too)
    const ActionParam* p = info->param(key);
    if (!p || !travels_in_params(p->kind)) throw ActionError(a.name, key, fmt::format("{}: unknown parameter '{}'", a.name, key));
    if (!value_fits(p->kind, value))
      throw ActionError(a.name, key, fmt::format("{}: parameter '{}' must be {}", a.name, key, param_kind_name(p->kind)));
  }
  const Outcome o = info->handler(*this, a);
  record_operation(a, o);
  return o;
}

void World::record_operation(const ActionRequest& a, const Outcome& o) {
  if (!sim_.observed()) return;
  sim::Record r;
  r.at = sim_.now();
  r.kind = "operation";
  r.entity = a.cluster.empty() ? "project/" + a.project : "cluster/" + a.project + "/" + a.cluster;
  if (!a.endpoint.empty()) r.entity = "endpoint/" + a.endpoint;
  r.cause = a.name;
  r.fields = {{"outcome", o.code()}, {"httpStatus", std::to_string(o.httpStatus())}};
  if (!o.ok()) r.fields.emplace_back("message", o.error().message);
  if (!o.createdId().empty()) r.fields.emplace_back("createdId", o.createdId());
  for (const auto& [k, v] : a.params) r.fields.emplace_back(k, param_text(v));
  sim_.record(r);
}

}  // namespace models
