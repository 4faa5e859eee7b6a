// World: setup, project Encryption at Rest operations, the customer's key, queries, records and
// the generic dispatcher. Endpoints: endpoint_machine.cpp; clusters: cluster_machine.cpp;
// validation: validator.cpp.
#include "models/world.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/alerts.h"
#include "models/error_catalogue.h"
#include "models/causes.h"
#include "models/key_versions.h"
#include "models/regions.h"

namespace models {

World::World(sim::Simulation& sim, Settings settings) : sim_(sim), settings_(std::move(settings)) {
  settings_.check();
  sim_.set_subject_namer(this);
}

World::~World() {
  if (sim_.change_listener() == this) sim_.set_change_listener(nullptr);
  if (sim_.subject_namer() == this) sim_.set_subject_namer(nullptr);
}

std::string World::entity_name(sim::Subject s) const {
  const Entity x = entity_of(s);
  if (x.index == kNotFound) return {};
  switch (x.kind) {
    case EntityKind::none: return {};
    case EntityKind::cluster: return entity_name(clusters_.at(x.index).project, clusters_[x.index].name);
    case EntityKind::endpoint: {
      const PrivateEndpoint& ep = endpoints_.at(x.index);
      return "endpoint/" + (ep.label.empty() ? ep.id.str() : ep.label);
    }
    default: return entity_name(x.kind, projects_.at(x.index).name, x.provider);
  }
}

namespace {
// "<head>/<project>[/<tail>][<suffix>]", built in one allocation: setup names every entity's
// machines (sixteen per project), so this runs tens of thousands of times for a fleet.
std::string path_name(std::string_view head, std::string_view project, std::string_view tail = {}, std::string_view suffix = {}) {
  std::string s;
  s.reserve(head.size() + project.size() + tail.size() + suffix.size() + 2);
  s.append(head).append(1, '/').append(project);
  if (!tail.empty()) s.append(1, '/').append(tail);
  return s.append(suffix);
}
}  // namespace

std::string World::entity_name(EntityKind kind, std::string_view project, Provider provider) {
  switch (kind) {
    case EntityKind::project: return path_name("project", project);
    case EntityKind::kms: return path_name("project", project, block_name(provider));
    case EntityKind::private_networking: return path_name("project", project, block_name(provider), "/requirePrivateNetworking");
    case EntityKind::key: return path_name("key", project, provider_name(provider));
    case EntityKind::credentials: return path_name("credentials", project, provider_name(provider));
    case EntityKind::key_access: return path_name("key_access", project, provider_name(provider));
    case EntityKind::kms_service: return path_name("kms", project, provider_name(provider));
    default: return {};
  }
}

std::string World::entity_name(ProjectIx p, std::string_view cluster) const {
  return path_name("cluster", projects_.at(p).name, cluster);
}

std::optional<ProjectIx> World::project_of(sim::Subject s) const {
  const Entity x = entity_of(s);
  if (x.index == kNotFound) return std::nullopt;
  switch (x.kind) {
    case EntityKind::none: return std::nullopt;
    case EntityKind::cluster: return clusters_.at(x.index).project;
    case EntityKind::endpoint: return endpoints_.at(x.index).project;
    case EntityKind::snapshot: return clusters_.at(snapshots_.at(x.index).cluster).project;  // the project of its cluster
    default: return x.index;
  }
}

void World::note(sim::RecordKind kind, sim::Subject subject, std::string_view cause,
                 std::vector<std::pair<std::string, std::string>> fields) {
  wake_subject(subject);  // a recorded happening may change what the project's next check finds
  sim_.emit(kind, subject, [&](sim::Record& r) {  // entity: entity_name(subject), through name_of
    r.cause.assign(cause);
    r.fields = std::move(fields);
  });
}

void World::alert(std::string_view eventTypeName, sim::Subject subject, std::vector<std::pair<std::string, std::string>> fields) {
  wake_subject(subject);
  const sim::RecordKind kind = alerts::kind_of(eventTypeName);
  if (!sim_.observed(kind)) return;
  fields.insert(fields.begin(), {"eventTypeName", std::string(eventTypeName)});
  note(kind, subject, eventTypeName, std::move(fields));
}

std::optional<AtlasError> World::project_active_guard(ProjectIx p) const {
  // seed 000 §'Limitations' (AWS: ACTIVE projects only), seed 004 (Azure: not INACTIVE).
  if (!projects_.at(p).active()) return errors::project_not_active(projects_[p].name);
  return std::nullopt;
}

// ---- setup ----

void World::reserve(std::size_t projects, std::size_t clusters, std::size_t endpoints) {
  // A fleet's name nodes go into huge pages once they would fill a quarter of one (about 7,300
  // names: a node and a bucket each); a smaller world keeps operator new (sim/bulk_arena.h).
  constexpr std::size_t kNameBytes = 64 + sizeof(void*);
  const std::size_t nameBytes = (projects + clusters + endpoints) * kNameBytes;
  if (nameBytes >= sim::bulk::kHugePage / 4) names_.reserve(nameBytes);
  projects_.reserve(projects);
  clusters_.reserve(clusters);
  endpoints_.reserve(endpoints);
  projectByName_.reserve(projects);
  clusterByName_.reserve(clusters);
  endpointById_.reserve(endpoints);
  ticksDue_.reserve(projects);
}

ProjectIx World::add_project(const ProjectSetup& ps) {
  if (ps.name.empty()) throw std::invalid_argument("add_project: a project needs a name");
  const auto p = static_cast<ProjectIx>(projects_.size());
  if (!projectByName_.try_emplace(ps.name, p).second)  // one hash lookup: the check is the insertion
    throw std::invalid_argument(fmt::format("add_project: duplicate project '{}'", ps.name));
  Project& pr = projects_.emplace_back();  // built in place: a Project is large (three blocks)
  pr.id = make_object_id(IdKind::Project, ++idCounter_);
  pr.name = ps.name;
  pr.backupCompliancePolicy = ps.backupCompliancePolicy;
  projects_[p].state = machine<ProjectState, ProjectEvent>(project_table(), project_subject(p), ps.state);
  // A block the setup configures gets its machines there, so each machine is named once.
  for (std::size_t i = 0; i < kBlockCount; ++i)
    if (std::none_of(ps.kms.begin(), ps.kms.end(), [&](const KmsSetup& k) { return k.provider == block_provider(i); }))
      init_block_machines(p, block_provider(i), key_table().initial(), credential_table().initial(), access_table().initial());
  for (const KmsSetup& k : ps.kms) setup_block(p, k);
  start_project_clocks(p, ps.validationPhase);
  return p;
}

void World::init_block_machines(ProjectIx p, Provider provider, KeyState key, CredentialState credentials, AccessState access) {
  KmsConfig& b = projects_[p].block(provider);
  b.ear = machine<EarState, EarEvent>(ear_table(), block_subject(p, provider));
  b.pn = machine<PnState, PnEvent>(pn_table(), subject_of(EntityKind::private_networking, p, provider));
  b.key.provider = provider;
  b.key.keyState = machine<KeyState, KeyEvent>(key_table(), subject_of(EntityKind::key, p, provider), key);
  b.key.credentials = machine<CredentialState, CredentialEvent>(credential_table(), subject_of(EntityKind::credentials, p, provider), credentials);
  b.key.access = machine<AccessState, AccessEvent>(access_table(), subject_of(EntityKind::key_access, p, provider), access);
}

void World::setup_block(ProjectIx p, const KmsSetup& k) {
  if (k.provider == Provider::NONE) throw std::invalid_argument("add_project: kms block without provider");
  if (k.requirePrivateNetworking && k.provider == Provider::GCP)
    throw std::invalid_argument("add_project: googleCloudKms has no requirePrivateNetworking (spec §2.4)");
  init_block_machines(p, k.provider, k.keyState, k.credentials, k.access);
  KmsConfig& b = projects_[p].block(k.provider);
  // spec §2.8: a role PROPAGATING at time zero becomes VALID after T_iam, as after a PATCH.
  if (k.credentials == CredentialState::PROPAGATING) start_role_propagation(p, k.provider);
  b.key.outage = k.unreachable;
  b.key.keyAgeAtStart = k.keyAge;
  b.key.rotatedAt = sim_.now();
  b.key.ipAccessListBlocksControlPlane = k.ipAccessListBlocksControlPlane;
  b.kmsRegion = k.region;
  set_key_identity(p, k);
  if (!k.enabled) return;  // the key exists in the cloud; enable_cmk may turn the block on later
  set_block_enabled(projects_[p], k.provider, true);
  b.requirePrivateNetworking = k.requirePrivateNetworking;
  if (k.requirePrivateNetworking)
    b.pn = machine<PnState, PnEvent>(pn_table(), b.pn.subject(), PnState::ON);
  const BlockVerdict v = assess(projects_[p], k.provider);
  const EarState s = v.verdict == Verdict::valid ? EarState::ON_VALID
                     : v.verdict == Verdict::invalid ? EarState::ON_INVALID
                                                     : EarState::ON_UNREACHABLE;
  b.ear = machine<EarState, EarEvent>(ear_table(), b.ear.subject(), s);
  b.valid = v.verdict == Verdict::valid;
  b.networkAccessDenied = false;
}

// The block's key fields as Atlas shows them (a generated id where the setup gives none), and the
// Azure client secret's expiry.
void World::set_key_identity(ProjectIx p, const KmsSetup& k) {
  Project& P = projects_[p];
  KmsConfig& b = P.block(k.provider);
  if (k.provider == Provider::AWS) {
    b.region = k.region;
    b.customerMasterKeyID = k.keyId.empty() ? fmt::format("arn:aws:kms:{}:000000000000:key/{}", aws_region_code(k.region), P.id) : k.keyId;
    b.roleId = make_object_id(IdKind::Role, ++idCounter_);
  } else if (k.provider == Provider::AZURE) {
    set_azure_vault_fields(P, k.keyId);
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
}

// Azure: the vault fields a configuration carries (seed 004 GET example), the vault the key
// identifier names or the project's default vault.
void World::set_azure_vault_fields(Project& P, const std::string& keyId) {
  KmsConfig& b = P.block(Provider::AZURE);
  b.azureEnvironment = "AZURE";
  b.keyVaultName = azure_key_vault_of(keyId).value_or("vault-" + P.name);
  b.resourceGroupName = "rg-" + P.name;
  b.subscriptionID = fmt::format("00000000-0000-4000-8000-{}", P.id.substr(P.id.size() - 12));
  b.clientID = fmt::format("00000000-0000-4000-9000-{}", P.id.substr(P.id.size() - 12));
  b.tenantID = fmt::format("00000000-0000-4000-a000-{}", P.id.substr(P.id.size() - 12));
  b.keyIdentifier = keyId.empty() ? fmt::format("https://{}.vault.azure.net/keys/atlas/1", b.keyVaultName) : keyId;
}

// The project's validation tick (phase: the setup's, the settings' offset, or random) and the
// Atlas master-key rotation clock.
void World::start_project_clocks(ProjectIx p, std::optional<sim::Duration> validationPhase) {
  Project& P = projects_[p];
  if (validationPhase) {
    P.validationPhase = *validationPhase;
  } else if (settings_.validation_phase == ValidationPhase::random) {
    P.validationPhase = sim::Duration::milliseconds(sim_.random().uniform_int(0, settings_.validation_interval.ms() - 1));
  } else {
    P.validationPhase = settings_.validation_phase_offset;
  }
  P.firstTick = sim_.now() + P.validationPhase;
  if (fastForward_) {
    P.lastTickMs = P.firstTick.ms() - settings_.validation_interval.ms();
    set_tick_due(p, P.firstTick);
  } else {
    schedule_tick(p, P.firstTick);
  }
  // Master-key rotation phase: uniform over the first interval (DOCS: rolling, in maintenance windows).
  schedule_master_key_rotation(
      p, sim_.now() + sim::Duration::milliseconds(sim_.random().uniform_int(0, settings_.master_key_rotation_interval.ms() - 1)));
}

// ---- project Encryption at Rest ----

Outcome World::enable_cmk(ProjectIx p, const KmsSetup& k) {
  // seed 000/004 §'Limitations': INACTIVE projects refuse only EAR over private endpoints.
  if (k.requirePrivateNetworking)
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
    return errors::kms_key_error(v.reasonCode, pr.name, std::string(provider_name(k.provider)));
  }
  set_block_enabled(pr, k.provider, true);
  b.valid = true;
  if (k.provider == Provider::AWS) b.region = b.kmsRegion;
  if (k.keyId.empty() && key_id_field(b, k.provider).empty()) key_id_field(b, k.provider) = b.key.erasedId;
  if (!k.keyId.empty()) {
    // The key a block is enabled with is the block's key in the cloud (its state, its clock): no
    // second record of it among the customer's other keys.
    key_id_field(b, k.provider) = k.keyId;
    std::erase_if(b.key.others, [&](const KeyVersion& x) { return x.id == k.keyId; });
  }
  if (k.provider == Provider::AZURE && b.keyVaultName.empty()) set_azure_vault_fields(pr, key_id_field(b, k.provider));
  b.ear.fire(sim_, EarEvent::Enable, "enable_cmk");
  // seed 003 §intro: "When you set customer key management in a project, Atlas creates a 90-day key rotation alert."
  b.key.rotatedAt = sim_.now();
  b.key.keyAgeAtStart = k.keyAge;
  b.key.rotationAlertSent = false;
  if (k.requirePrivateNetworking) {
    b.pn.fire(sim_, PnEvent::Require, "enable_cmk", k.provider);
    b.requirePrivateNetworking = true;
    if (k.provider == Provider::AZURE) schedule_multicloud_disable(p);  // seed 004 §'Limitations'
  }
  alert(alerts::kConfigurationUpdated, block_subject(p, k.provider));
  return Outcome::success();
}

Outcome World::disable_cmk(ProjectIx p, Provider provider) {
  if (provider == Provider::NONE) return errors::missing_provider();
  Project& pr = projects_[p];
  KmsConfig& b = pr.block(provider);
  if (!b.enabled) return Outcome::success();  // nothing to erase
  if (auto err = disable_guard(p, provider)) return *err;  // G-DIS (spec §3.1), key_config_patch.cpp
  b.ear.fire(sim_, EarEvent::Disable, causes::kDisableCmk);
  if (b.pn.state() == PnState::ON)
    b.pn.fire(sim_, PnEvent::Release, causes::kDisableCmk, provider);
  // seed 002: {enabled:false} erases the block (fields null, valid false).
  const bool wasAzurePn = provider == Provider::AZURE && b.requirePrivateNetworking;
  set_block_enabled(pr, provider, false);
  b.valid = false;
  b.requirePrivateNetworking = false;
  b.privatePath = false;
  b.networkAccessDenied = false;
  b.key.erasedId = key_id_field(b, provider);
  b.customerMasterKeyID.clear();
  b.region.clear();
  b.roleId.clear();
  b.keyIdentifier.clear();
  b.keyVersionResourceID.clear();
  // seed 002 §'Example Response': azureKeyVault's keyVaultName, resourceGroupName, subscriptionID,
  // clientID, tenantID... null.
  b.azureEnvironment.clear();
  b.keyVaultName.clear();
  b.resourceGroupName.clear();
  b.subscriptionID.clear();
  b.clientID.clear();
  b.tenantID.clear();
  if (wasAzurePn) set_multicloud_disabled(p, false);
  alert(alerts::kConfigurationUpdated, block_subject(p, provider));
  return Outcome::success();
}

Outcome World::update_credentials(ProjectIx p, Provider provider) {
  if (provider == Provider::NONE) return errors::missing_provider();
  KmsConfig& b = projects_[p].block(provider);
  if (!b.enabled) return errors::not_enabled(projects_[p].name);
  CustomerKey& k = b.key;
  if (k.credentials.state() == CredentialState::PROPAGATING)  // spec §2.8: until T_iam elapses [observed]
    return errors::cannot_assume_role("arn:aws:iam::000000000000:role/atlas-" + projects_[p].name);
  // The customer supplies working credentials: an AWS role first propagates (T_iam).
  k.credentials.fire(sim_, CredentialEvent::Update, "update_credentials", provider);
  if (k.credentials.state() == CredentialState::PROPAGATING) {
    start_role_propagation(p, provider);
    return errors::cannot_assume_role("arn:aws:iam::000000000000:role/atlas-" + projects_[p].name);
  }
  if (provider == Provider::AZURE && k.secretExpiresAt != sim::Time::never()) k.secretExpiresAt = sim::Time::never();
  b.ear.fire(sim_, EarEvent::UpdateFields, "update_credentials");
  alert(alerts::kConfigurationUpdated, block_subject(p, provider));
  // seed 003: validated "when you add or update credentials".
  validate_block(p, provider, CheckKind::credential_change);
  const BlockVerdict v = assess(projects_[p], provider);
  if (v.verdict == Verdict::invalid)
    return errors::kms_key_error(v.reasonCode, projects_[p].name, std::string(provider_name(provider)));
  return Outcome::success();
}

Outcome World::rotate_key(ProjectIx p, Provider provider, std::string newKeyId) {
  KmsConfig& b = projects_[p].block(provider);
  if (!b.enabled) return errors::cannot_rotate_key_encryption_disabled();  // api-errors 409
  // seed 003 warning / api-errors: no key change until access to the current key is restored.
  if (b.ear.state() != EarState::ON_VALID || !b.key.usable() || current_key_problem(projects_[p], provider))
    return errors::settings_invalid();
  // The customer makes a new key (version) in the KMS unless it exists, then PATCHes its id.
  if (newKeyId.empty()) newKeyId = generated_key_id(projects_[p], provider, b.key.version + 1);
  const std::string region = provider == Provider::AWS ? b.kmsRegion : std::string();
  if (newKeyId == key_id_field(b, provider)) return Outcome::success();  // nothing changes
  const bool made = !find_key(b, provider, newKeyId, region);
  if (made) {
    KeyVersion k;
    k.id = newKeyId;
    k.region = region;
    b.key.others.push_back(k);
  }
  if (auto err = new_key_guard(p, provider, newKeyId, provider == Provider::AZURE ? b.keyVaultName : region)) {
    if (made) b.key.others.pop_back();  // a key id the KMS refuses to hold (format, vault) was never made
    return *err;
  }
  start_rotation(p, provider, newKeyId, region, "rotate_key");
  return Outcome::success();
}

Outcome World::set_require_private_networking(ProjectIx p, Provider provider, bool on) {
  if (on)  // seed 000/004 §'Limitations': no EAR over private endpoints in INACTIVE projects
    if (auto err = project_active_guard(p)) return *err;
  if (provider != Provider::AWS && provider != Provider::AZURE)
    return errors::unsupported_pe_provider(std::string(provider_name(provider)));  // spec §2.4
  Project& pr = projects_[p];
  KmsConfig& b = pr.block(provider);
  if (!b.enabled) return errors::not_enabled(projects_[p].name);
  if (on) {
    if (b.requirePrivateNetworking) return Outcome::success();
    if (auto err = private_networking_guard(p, provider)) return *err;  // spec §2.5 topology (cluster_regions.cpp)
    b.pn.fire(sim_, PnEvent::Require, "set_require_private_networking", provider);
    b.requirePrivateNetworking = true;
    // seed 004 §'Limitations': multi-cloud clusters are disabled when Azure PN is enabled.
    if (provider == Provider::AZURE) schedule_multicloud_disable(p);
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
    b.pn.fire(sim_, PnEvent::Release, "set_require_private_networking", provider);
    b.requirePrivateNetworking = false;
    b.privatePath = false;
    for (ClusterIx c : pr.clusterIxs)
      if (clusters_[c].encryptionAtRestProvider == provider) clusters_[c].privatePath = false;
    region_inputs_changed(p);
    if (provider == Provider::AZURE) set_multicloud_disabled(p, false);
  }
  alert(alerts::kConfigurationUpdated, block_subject(p, provider));
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
  note(sim::RecordKind::external, subject_of(EntityKind::kms_service, p, provider), what);
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
  // next_tick: the next scheduled check finds the access revoked and pauses them (validate_block).
  if (pause && settings_.revocation_pause_timing == RevocationPauseTiming::immediate) pause_clusters_for_revocation(p);
  return Outcome::success();
}

Outcome World::grant_key_access(ProjectIx p, Provider v) {
  if (v == Provider::NONE) return errors::missing_provider();
  CustomerKey& k = projects_.at(p).block(v).key;
  if (!k.access.can(AccessEvent::Grant)) return errors::key_state_conflict("Access is already granted.");
  k.access.fire(sim_, AccessEvent::Grant, "grant_key_access");
  return Outcome::success();
}

Outcome World::expire_credentials(ProjectIx p, Provider v) { return expire_secret(p, v, "expire_credentials"); }

Outcome World::expire_secret(ProjectIx p, Provider v, std::string_view cause) {
  CustomerKey& k = projects_.at(p).block(v).key;
  if (!k.credentials.can(CredentialEvent::Expire, v))
    return errors::key_state_conflict("Only a valid Azure client secret can expire.");
  k.credentials.fire(sim_, CredentialEvent::Expire, cause, v);
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
  // Fixed in the cloud, not given to Atlas: no context, so no AWS role propagation either.
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
  const std::optional<AtlasError> injected = injected_error(a.name);
  const Outcome o = injected ? Outcome(*injected) : info->handler(*this, a);
  if (fastForward_) wake_subject(operation_subject(a));  // some actions change a check's input silently
  record_operation(a, o);
  return o;
}

Outcome World::inject_api_error(std::string_view action, std::int64_t count, std::string_view code) {
  if (!find_action(action)) throw ActionError("inject_api_error", "operation", fmt::format("inject_api_error: unknown operation '{}'", action));
  const ErrorInfo* e = find_error(code);
  if (!e || !e->transient) {
    std::vector<std::string_view> transient;
    for (const ErrorInfo& x : error_catalogue())
      if (x.transient) transient.push_back(x.code);
    throw ActionError("inject_api_error", "code",
                      fmt::format("inject_api_error: code '{}' is not a transient server error (one of {})", code, fmt::join(transient, ", ")));
  }
  if (count > 0) injectedErrors_[std::string(action)].emplace_back(std::string(code), count);
  return Outcome::success();
}

// The error an injection still owes this action, oldest first; takes it if so.
std::optional<AtlasError> World::injected_error(const std::string& action) {
  auto it = injectedErrors_.find(action);
  if (it == injectedErrors_.end() || it->second.empty()) return std::nullopt;
  auto& [code, left] = it->second.front();
  std::optional<AtlasError> e = errors::transient(code, action);
  if (--left <= 0) it->second.pop_front();
  return e;
}

// What an operation is about: the endpoint it names, else the cluster, else the project (found
// or not: a refused request may name what does not exist).
sim::Subject World::operation_subject(const ActionRequest& a) const {
  if (!a.endpoint.empty()) return endpoint_subject(find_endpoint(a.endpoint).value_or(kNotFound));
  const std::optional<ProjectIx> p = find_project(a.project);
  if (!a.cluster.empty()) return cluster_subject(p ? find_cluster(a.project, a.cluster).value_or(kNotFound) : kNotFound);
  return project_subject(p.value_or(kNotFound));
}

void World::record_operation(const ActionRequest& a, const Outcome& o) {
  if (!sim_.observed()) return;
  sim::Record r;
  r.at = sim_.now();
  r.kind = sim::RecordKind::operation;
  r.subject = operation_subject(a);
  r.entity = a.cluster.empty() ? "project/" + a.project : "cluster/" + a.project + "/" + a.cluster;
  if (!a.endpoint.empty()) {  // by its label when the endpoint exists, else by the id asked for
    const std::string known = entity_name(r.subject);
    r.entity = known.empty() ? "endpoint/" + a.endpoint : known;
  }
  r.cause = a.name;
  r.fields = {{"outcome", o.code()}, {"httpStatus", std::to_string(o.httpStatus())}};
  if (!o.ok()) r.fields.emplace_back("message", o.error().message);
  if (!o.createdId().empty()) r.fields.emplace_back("createdId", o.createdId());
  for (const auto& [k, v] : o.body()) r.fields.emplace_back(k, v);
  for (const auto& [k, v] : a.params) r.fields.emplace_back(k, param_text(v));
  if (!a.client.empty()) r.fields.emplace_back("client", a.client);
  sim_.record(r);
}

}  // namespace models
