#include "lifecycle.h"

#include <algorithm>
#include <map>

#include "models/observe.h"
#include "models/regions.h"

namespace lifecycle {

using models::ActionRequest;
using models::ClusterState;
using models::EndpointStatus;
using models::KeyState;
using models::Outcome;

// ---------------------------------------------------------------- initial model

rc::Gen<Model> initial_model() {
  // Each open choice of spec §5 that guards a table row, default first; a case takes the defaults
  // or flips one or two of them.
  return rc::gen::exec([] {
    Model m;
    m.seed = *rc::gen::inRange<std::uint64_t>(0, 1000);
    struct Choice {
      const char* name;
      const char* value;
    };
    static const std::vector<Choice> choices = {
        {"recreation_mode", "same_record"},
        {"recreation_old_record", "keep_until_deleted"},
        {"aws_replacement_requires_approval", "false"},
        {"delete_while_initiating", "accept"},
        {"delete_while_pending_recreation", "accept"},
        {"delete_failed_allowed", "false"},
        {"pending_removal_effect", "failed"},
        {"pending_removal_effect", "recreate"},
        {"restart_scope", "cluster"},
        {"azure_revocation_effect", "shutdown"},
        {"revocation_pause_timing", "immediate"},
        {"auto_resume_with_invalid_key", "stay_paused"},
        {"endpoint_loss_semantics", "invalid"},
        {"endpoint_guard_scope", "provider"},
        {"shutdown_on_unscheduled_check", "true"},
        {"valid_when_unreachable", "invalid"},
        {"validation_phase", "random"},
    };
    // spec §4 T_iam, 0-180 s: half the cases at the upper end, so a role stays PROPAGATING long
    // enough for other commands to meet it (a role PROPAGATING at time zero ends after it too).
    if (*rc::gen::arbitrary<bool>()) {
      m.settings.set("t_iam", "3m");
      m.settingsText = "t_iam=3m";
    }
    const int flips = *rc::gen::weightedElement<int>({{2, 0}, {2, 1}, {1, 2}});
    for (int i = 0; i < flips; ++i) {
      const Choice& c = *rc::gen::elementOf(choices);
      models::Settings flipped = m.settings;
      flipped.set(c.name, c.value);
      if (models::deadlocking_combination(flipped)) continue;  // refused when read (spec §5): not a world
      m.settings = flipped;
      m.settingsText += fmt::format("{}{}={}", m.settingsText.empty() ? "" : ", ", c.name, c.value);
    }
    return m;
  });
}

// ---------------------------------------------------------------- SUT

Sut::Sut(const Model& m, sim::TransitionCoverage& cov, bool fastForward)
    : sim(m.seed), world(sim, m.settings), checker(world), coverage(cov) {
  world.set_fast_forward(fastForward);
  sim.add_observer(&checker);
  sim.add_observer(&coverage);
  sim.add_observer(&hash);
  models::ProjectSetup ps;
  ps.name = kProject;
  models::KmsSetup aws;
  aws.provider = Provider::AWS;
  models::KmsSetup azure;
  azure.provider = Provider::AZURE;
  azure.region = "US_EAST_2";
  models::KmsSetup gcp;  // the key exists in Google Cloud KMS; the block starts off (enable_cmk later)
  gcp.provider = Provider::GCP;
  gcp.enabled = false;
  gcp.region = "US_EAST_4";
  ps.kms = {aws, azure, gcp};
  world.add_project(ps);
  auto cluster = [&](const char* name, Provider ear, std::vector<models::ClusterRegion> regions) {
    models::ClusterSetup cs;
    cs.project = kProject;
    cs.name = name;
    cs.instanceSizeName = "M30";
    cs.encryptionAtRestProvider = ear;
    cs.regions = std::move(regions);
    world.add_cluster(cs);
  };
  cluster("orders", Provider::AWS, {{"US_EAST_1", Provider::AWS, 3}});
  cluster("ledger", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
  cluster("mixed", Provider::NONE, {{"US_EAST_1", Provider::AWS, 3}, {"US_EAST_2", Provider::AZURE, 2}});
  checker.check_now(sim.now());
}

Sut::~Sut() {
  sim.remove_observer(&hash);
  sim.remove_observer(&coverage);
  sim.remove_observer(&checker);
}

namespace {
// spec §3.2: the HTTP status of each catalogued code (api-errors [documented], CIREP [observed] and
// the spec's SIM_ placeholders), written here from the spec, not read from models/errors.cpp.
const std::map<std::string, int>& error_catalogue() {
  static const std::map<std::string, int> codes = {
      {"CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS", 400},
      {"CANNOT_DISABLE_ENCRYPTION_AT_REST_REQUIRE_PRIVATE_NETWORKING_WHILE_PRIVATE_ENDPOINTS_EXIST", 400},
      {"ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING", 400},
      {"CANNOT_ASSUME_ROLE", 400},
      {"UNEXPECTED_ERROR", 500},
      {"AWS_KMS_CREDENTIALS_AUTH_DEPRECATED", 400},
      {"ENCRYPTION_AT_REST_SETTINGS_INVALID", 400},
      {"CANNOT_DISABLE_ENCRYPTION_AT_REST", 409},
      {"CANNOT_CHANGE_ENCRYPTION_AT_REST_PROVIDER", 409},
      {"CANNOT_ROTATE_KEY_ENCRYPTION_DISABLED", 409},
      {"ENCRYPTION_AT_REST_NOT_ENABLED", 400},
      {"ENCRYPTION_AT_REST_PROVIDER_NOT_SUPPORTED", 400},
      {"MISSING_ENCRYPTION_AT_REST_PROVIDER", 400},
      {"CANNOT_USE_ENCRYPTION_AT_REST_TENANT", 400},
      {"CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY", 400},
      {"NO_PERMISSION_TO_ENCRYPT_DECRYPT", 400},
      {"CANNOT_UPDATE_PAUSED_CLUSTER", 409},
      {"CLUSTER_ALREADY_PAUSED", 409},
      {"CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES", 409},
      {"CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER", 400},
      {"SIM_PRIVATE_NETWORKING_NOT_ENABLED", 400},
      {"SIM_UNSUPPORTED_EAR_PE_PROVIDER", 400},
      {"SIM_REGION_WITHOUT_APPROVED_ENDPOINT", 400},
      {"SIM_PROJECT_NOT_ACTIVE", 400},
      {"SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED", 400},
      {"SIM_DUPLICATE_REGION_ENDPOINT", 409},
      {"CLUSTER_PAUSED_CANNOT_RESTORE", 400},
      {"INVALID_SNAPSHOT_RESTORE_ENCRYPTION", 400},
      {"CANNOT_USE_ENCRYPTION_AT_REST_BACKUP_TYPE", 400},
      {"CAN_NOT_DISABLE_ALL_ENCRYPTION_AT_REST_SETTINGS_WHILE_BACKUP_COMPLIANCE_POLICY_ENCRYPTION_ENABLED", 400},
  };
  return codes;
}
}  // namespace

Outcome Sut::perform(ActionRequest rq) {
  rq.project = kProject;
  const Outcome o = world.perform(rq);
  const auto& codes = error_catalogue();
  if (auto it = codes.find(o.code()); !o.ok() && it != codes.end() && it->second != o.httpStatus())
    RC_FAIL(fmt::format("error catalogue (spec §3.2): {} {} answered HTTP {}, documented {}", rq.name, o.code(), o.httpStatus(), it->second));
  return o;
}

std::string& only_invariant() {
  static std::string name;
  return name;
}

void Sut::check() {
  checker.check_now(sim.now());
  for (const explore::Violation& v : checker.violations())
    if (only_invariant().empty() || v.invariant == only_invariant())
      RC_FAIL(fmt::format("invariant {} violated at {} ms: {}", v.invariant, v.at.ms(), v.message));
}

std::vector<models::EndpointIx> Sut::live_endpoints() const {
  std::vector<models::EndpointIx> out;
  for (models::EndpointIx e = 0; e < world.endpoints().size(); ++e)
    if (!world.endpoint(e).gone()) out.push_back(e);
  return out;
}

// ---------------------------------------------------------------- commands

namespace {

std::string pname(Provider p) { return std::string(models::provider_name(p)); }

// Every command checks the invariants once it has run; act() is the command itself.
struct Cmd : Command {
  void run(const Model& m, Sut& s) const override {
    act(m, s);
    s.check();
  }
  virtual void act(const Model& m, Sut& s) const = 0;
};

Provider gen_provider() { return *rc::gen::element(Provider::AWS, Provider::AZURE, Provider::GCP); }
Provider gen_cloud() { return *rc::gen::element(Provider::AWS, Provider::AZURE); }

// The block's current key works (spec §2.8): usable, and for Azure within its nbf/exp; and the key a
// rotation still deploying replaces is enabled (seed 004 §'Rotate...').
bool current_key_works(const Sut& s, Provider p) {
  const models::CustomerKey& k = s.world.project(0).block(p).key;
  if (!k.usable()) return false;
  if (p == Provider::AZURE && (s.sim.now() >= k.expiresAt || s.sim.now() < k.notBefore)) return false;
  for (const models::KeyVersion& old : k.others)
    if (k.deployingFrom != 0 && old.version == k.deployingFrom && old.state != KeyState::ENABLED) return false;
  return true;
}

// ---- passage of time: validation ticks, approval delays, recreation, restarts happen here ----
struct Advance : Cmd {
  sim::Duration d;
  explicit Advance(const Model&) {
    const int kind = *rc::gen::weightedElement<int>({{12, 0}, {5, 1}, {2, 2}, {1, 3}});
    std::int64_t ms = 0;
    if (kind == 0) ms = *rc::gen::inRange<std::int64_t>(0, 20 * 60'000);                     // within a tick or two
    else if (kind == 1) ms = *rc::gen::inRange<std::int64_t>(20 * 60'000, 4 * 3'600'000);    // hours
    else if (kind == 2) ms = *rc::gen::inRange<std::int64_t>(4 * 3'600'000, 3 * 86'400'000); // days
    else ms = *rc::gen::inRange<std::int64_t>(3 * 86'400'000, 100 * 86'400'000LL);           // pause auto-resume, key windows
    d = sim::Duration::milliseconds(ms);
  }
  void apply(Model& m) const override { m.advance_to(m.now + d); }
  void act(const Model& m0, Sut& s) const override {
    s.sim.run_until(s.sim.now() + d);
    const Model m = nextState(m0);
    for (Provider p : kProviders)  // the reference model of the customer's key (spec §2.8)
      RC_ASSERT(s.world.project(0).block(p).key.keyState.state() == m.key(p).key);
  }
  void show(std::ostream& os) const override { os << "advance " << d.ms() / 1000 << "s"; }
};

// ---- the customer's key in the cloud console (spec §2.8), checked against the reference model ----
struct KeyAct : Cmd {
  Provider p;
  int what;  // 0 disable, 1 enable, 2 schedule deletion, 3 delete, 4 restore, 5 destroy (fault), 6 revoke, 7 grant
  explicit KeyAct(const Model& m) {
    p = gen_provider();
    what = *rc::gen::weightedElement<int>({{4, 0}, {4, 1}, {1, 2}, {1, 3}, {2, 4}, {1, 5}, {2, 6}, {2, 7}});
    (void)m;
  }
  static const char* name(int w) {
    static const char* n[] = {"disable_key", "enable_key", "schedule_key_deletion", "delete_key",
                              "restore_key", "destroy_key", "revoke_key_access", "grant_key_access"};
    return n[w];
  }
  void checkPreconditions(const Model& m) const override {
    const KeyModel& k = m.key(p);
    using S = KeyState;
    switch (what) {
      case 0: RC_PRE(k.key == S::ENABLED); break;
      case 1: RC_PRE(k.key == S::DISABLED); break;
      case 2: RC_PRE(k.key == S::ENABLED || k.key == S::DISABLED); break;
      case 3: RC_PRE(k.key == S::ENABLED || k.key == S::DISABLED || k.key == S::PENDING_DELETION); break;
      case 4: RC_PRE(k.key == S::PENDING_DELETION || k.key == S::DELETED); break;
      case 5: RC_PRE(k.key != S::DESTROYED); break;
      case 6: RC_PRE(k.access == models::AccessState::GRANTED); break;
      default: RC_PRE(k.access == models::AccessState::REVOKED); break;
    }
  }
  void apply(Model& m) const override {
    KeyModel& k = m.key(p);
    using S = KeyState;
    const S before = k.key;
    switch (what) {
      case 0: k.key = S::DISABLED; break;
      case 1: k.key = S::ENABLED; break;
      case 2: k.key = S::PENDING_DELETION; break;
      case 3: k.key = S::DELETED; break;
      case 4: k.key = S::ENABLED; break;
      case 5: k.key = S::DESTROYED; break;
      case 6: k.access = models::AccessState::REVOKED; break;
      default: k.access = models::AccessState::GRANTED; break;
    }
    if (k.key != before) k.keySince = m.now;
  }
  void act(const Model& m0, Sut& s) const override {
    ActionRequest rq;
    rq.name = name(what);
    rq.provider = p;
    const Outcome o = s.perform(rq);
    RC_ASSERT(o.code() == std::string("OK"));
    const Model m = nextState(m0);
    RC_ASSERT(s.world.project(0).block(p).key.keyState.state() == m.key(p).key);
    RC_ASSERT(s.world.project(0).block(p).key.access.state() == m.key(p).access);
  }
  void show(std::ostream& os) const override { os << name(what) << ' ' << pname(p); }
};

// ---- credentials, outages, validation on demand: outcomes vary, the invariants judge ----
struct SimpleAct : Cmd {
  std::string action;
  Provider p;
  explicit SimpleAct(const Model&) {
    action = *rc::gen::element<std::string>("invalidate_credentials", "fix_credentials", "update_credentials", "expire_credentials",
                                            "kms_outage_start", "kms_outage_end", "try_again", "get_encryption_at_rest",
                                            "rotate_key", "deactivate_project", "reactivate_project", "set_search_nodes_encryption");
    p = action == "expire_credentials" ? Provider::AZURE : gen_provider();
  }
  bool with_provider() const {
    return action != "try_again" && action != "get_encryption_at_rest" && action != "set_search_nodes_encryption" &&
           action.find("project") == std::string::npos;
  }
  void apply(Model& m) const override {
    if (action == "deactivate_project") m.projectActive = false;
    if (action == "reactivate_project") m.projectActive = true;
  }
  // G-UPD (spec §3.1; seed 003 warning): a key is changed only while the current one is valid
  // and usable, a rotation still deploying included (seed 004 §'Rotate...').
  static std::string rotate_expected(const Sut& s, Provider p) {
    const models::Project& pr = s.world.project(0);  // the project state plays no part (seed 000/004 §'Limitations')
    if (!pr.block(p).enabled) return "CANNOT_ROTATE_KEY_ENCRYPTION_DISABLED";
    if (pr.block(p).ear.state() != models::EarState::ON_VALID || !current_key_works(s, p)) return "ENCRYPTION_AT_REST_SETTINGS_INVALID";
    return "OK";
  }
  void act(const Model& m, Sut& s) const override {
    ActionRequest rq;
    rq.name = action;
    if (with_provider()) rq.provider = p;
    if (action == "set_search_nodes_encryption") rq.params["value"] = p != Provider::GCP;  // on two times in three
    const std::string want = action == "rotate_key" ? rotate_expected(s, p) : std::string();
    const Outcome o = s.perform(rq);
    if (!want.empty() && o.code() != want)
      RC_FAIL(fmt::format("G-UPD: rotate_key {} answered {}, documented {}", pname(p), o.code(), want));
    // spec §1: project state ACTIVE / INACTIVE, as the customer's reference model says.
    if (action == "deactivate_project" || action == "reactivate_project") RC_ASSERT(s.world.project(0).active() == nextState(m).projectActive);
  }
  void show(std::ostream& os) const override { os << action << (with_provider() ? " " + pname(p) : std::string()); }
};

// ---- the key configuration by field names (issue 11 items 2, 3, 10, 13) ----
// PATCH of a block's fields, sometimes with a key made ahead in the KMS: the answer is OK with
// every sent field read back as sent, or a refusal that changed none of them (spec §2.6: never
// 200 and dropped; refused requests apply nothing).
struct PatchKms : Cmd {
  Provider p;
  int n, what;
  bool makeKey;
  std::string keyState;
  explicit PatchKms(const Model&) : p(gen_provider()), n(*rc::gen::inRange(1, 4)), what(*rc::gen::inRange(0, 4)),
                                    makeKey(*rc::gen::arbitrary<bool>()),
                                    keyState(*rc::gen::element<std::string>("ENABLED", "ENABLED", "DISABLED", "PENDING_IMPORT", "PENDING_GENERATION")) {}
  std::string key_id(const Sut& s) const {
    const models::KmsConfig& b = s.world.project(0).block(p);
    if (p == Provider::AWS) return fmt::format("arn:aws:kms:{}:000000000000:key/p{}", models::aws_region_code(b.kmsRegion), n);
    if (p == Provider::AZURE) return fmt::format("https://{}.vault.azure.net/keys/p/{}", b.keyVaultName.empty() ? "vault-shop" : b.keyVaultName, n);
    return fmt::format("projects/p/locations/{}/keyRings/r/cryptoKeys/atlas/cryptoKeyVersions/p{}", b.kmsRegion, n);
  }
  models::KmsFieldValues fields(const Sut& s) const {
    const char* idField = p == Provider::AWS ? "customerMasterKeyID" : p == Provider::AZURE ? "keyIdentifier" : "keyVersionResourceID";
    switch (what) {
      case 0: return {{idField, key_id(s)}};
      case 1: return p == Provider::AWS ? models::KmsFieldValues{{"region", n % 2 ? "US_WEST_2" : "US_EAST_1"}}
                     : p == Provider::AZURE ? models::KmsFieldValues{{"keyVaultName", n % 2 ? "vault-b" : "vault-shop"}}
                                            : models::KmsFieldValues{{idField, key_id(s)}};
      case 2: return p == Provider::GCP ? models::KmsFieldValues{{"enabled", "true"}}
                                        : models::KmsFieldValues{{"requirePrivateNetworking", n % 2 ? "true" : "false"}, {idField, key_id(s)}};
      default: return {{"enabled", "true"}, {idField, key_id(s)}};
    }
  }
  static std::optional<std::string> read(const Sut& s, Provider p, const std::string& f) {
    const auto v = models::observe_field(s.world, models::Observable{models::EntityKind::kms, 0, p}, f);
    if (!v) return std::nullopt;
    if (const bool* b = std::get_if<bool>(&*v)) return *b ? "true" : "false";
    if (const std::string* t = std::get_if<std::string>(&*v)) return *t;
    return std::nullopt;
  }
  void act(const Model&, Sut& s) const override {
    if (makeKey) {
      ActionRequest mk;
      mk.name = "create_key";
      mk.provider = p;
      mk.params["key_id"] = key_id(s);
      mk.params["key_state"] = keyState;
      s.perform(mk);
    }
    const models::KmsFieldValues f = fields(s);
    std::vector<std::optional<std::string>> before;
    for (const auto& [name, value] : f) before.push_back(read(s, p, name));
    ActionRequest rq;
    rq.name = "patch_encryption_at_rest";
    rq.provider = p;
    rq.params["fields"] = f;
    const Outcome o = s.perform(rq);
    for (std::size_t i = 0; i < f.size(); ++i) {
      const std::optional<std::string> now = read(s, p, f[i].first);
      if (o.ok() && now != f[i].second)
        RC_FAIL(fmt::format("patch {} {}={} answered 200 but reads {}", pname(p), f[i].first, f[i].second, now.value_or("absent")));
      if (!o.ok() && now != before[i])
        RC_FAIL(fmt::format("patch {} refused with {} but changed {}", pname(p), o.code(), f[i].first));
    }
  }
  void show(std::ostream& os) const override {
    os << "patch_encryption_at_rest " << pname(p) << " #" << what << " key p" << n << (makeKey ? " made " + keyState : std::string());
  }
};

// ---- the customer's other keys, key attributes and the rotation alert (items 3, 13) ----
struct KeyConfigAct : Cmd {
  std::string action;
  Provider p;
  int n;
  explicit KeyConfigAct(const Model&) {
    action = *rc::gen::element<std::string>("set_key_auto_rotation", "set_rotation_alert_threshold", "set_key_expiry",
                                            "fail_over_key_vault", "disable_old_key", "enable_old_key");
    p = action == "set_key_expiry" || action == "fail_over_key_vault" ? Provider::AZURE : gen_provider();
    n = *rc::gen::inRange(0, 4);
  }
  void act(const Model&, Sut& s) const override {
    ActionRequest rq;
    rq.name = action;
    rq.provider = p;
    const models::CustomerKey& k = s.world.project(0).block(p).key;
    if (action == "set_key_auto_rotation") rq.params["value"] = n % 2 == 0;
    if (action == "set_rotation_alert_threshold") rq.provider.reset(), rq.params["days"] = std::int64_t{n * 200};
    if (action == "set_key_expiry") rq.params["expires_in_hours"] = std::int64_t{n * 48};
    if (action == "fail_over_key_vault") rq.region = region_of(Provider::AZURE, n);
    if (action == "disable_old_key" || action == "enable_old_key") {
      if (k.others.empty()) return;
      rq.name = action == "disable_old_key" ? "disable_key" : "enable_key";
      rq.params["key_id"] = k.others[static_cast<std::size_t>(n) % k.others.size()].id;
    }
    s.perform(rq);
  }
  void show(std::ostream& os) const override { os << action << ' ' << pname(p) << " #" << n; }
};

// One command for the key configuration, so the new actions take one share of the mix: half the
// time a PATCH by field names, else another key-configuration action.
struct KeyConfig : Cmd {
  std::shared_ptr<const Cmd> inner;
  explicit KeyConfig(const Model& m) {
    if (*rc::gen::arbitrary<bool>()) inner = std::make_shared<PatchKms>(m);
    else inner = std::make_shared<KeyConfigAct>(m);
  }
  void act(const Model& m, Sut& s) const override { inner->act(m, s); }
  void show(std::ostream& os) const override { inner->show(os); }
};

// ---- project Encryption at Rest: enable / disable / private networking (G-DIS, G-PN) ----
struct EnableCmk : Cmd {
  Provider p;
  bool pn;
  explicit EnableCmk(const Model&) : p(gen_provider()), pn(*rc::gen::arbitrary<bool>()) {
    if (p == Provider::GCP) pn = false;
  }
  void act(const Model&, Sut& s) const override {
    ActionRequest rq;
    rq.name = "enable_cmk";
    rq.provider = p;
    rq.params["require_private_networking"] = pn;
    rq.region = p == Provider::GCP ? "US_EAST_4" : p == Provider::AZURE ? "US_EAST_2" : "US_EAST_1";
    s.perform(rq);
  }
  void show(std::ostream& os) const override { os << "enable_cmk " << pname(p) << (pn ? " requirePrivateNetworking" : ""); }
};

struct DisableCmk : Cmd {
  Provider p;
  explicit DisableCmk(const Model&) : p(gen_provider()) {}
  // The documented answer (spec §3.1 G-DIS, in order), from the state before the call.
  static std::string expected(const Sut& s, Provider p) {
    const models::World& w = s.world;
    const models::Project& pr = w.project(0);  // INACTIVE refuses only EAR over private endpoints (seed 000/004)
    const models::KmsConfig& b = pr.block(p);
    if (!b.enabled) return "OK";
    const bool scopeProject = w.settings().endpoint_guard_scope == models::EndpointGuardScope::project;
    for (models::EndpointIx e : pr.endpointIxs)  // (1) seed 000/004: any endpoint, any status
      if (!w.endpoint(e).gone() && (scopeProject || w.endpoint(e).cloudProvider == p))
        return "CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS";
    for (models::ClusterIx c : pr.clusterIxs) {  // (2) api-errors: clusters still on it
      const models::Cluster& cl = w.cluster(c);
      bool uses = cl.encryptionAtRestProvider == p;
      if (cl.applying && cl.applying->kind == models::QueuedChange::Kind::SetProvider) uses = uses || cl.applying->provider == p;
      for (const models::QueuedChange& q : cl.queuedChanges)
        uses = uses || (q.kind == models::QueuedChange::Kind::SetProvider && q.provider == p);
      if (uses) return "CANNOT_DISABLE_ENCRYPTION_AT_REST";
    }
    if (pr.backupCompliancePolicy) return "CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY";  // (3)
    if (b.ear.state() == models::EarState::ON_INVALID) return "ENCRYPTION_AT_REST_SETTINGS_INVALID";       // (4) seed 003
    return "OK";
  }
  void act(const Model&, Sut& s) const override {
    const std::string want = expected(s, p);
    ActionRequest rq;
    rq.name = "disable_cmk";
    rq.provider = p;
    const Outcome o = s.perform(rq);
    if (o.code() != want) RC_FAIL(fmt::format("invariant cmk_disable_guards: disable_cmk {} answered {}, documented {}", pname(p), o.code(), want));
  }
  void show(std::ostream& os) const override { os << "disable_cmk " << pname(p); }
};

struct SetPn : Cmd {
  Provider p;
  bool on;
  explicit SetPn(const Model&) : p(gen_cloud()), on(*rc::gen::arbitrary<bool>()) {}
  void act(const Model&, Sut& s) const override {
    const models::Project& pr = s.world.project(0);
    bool endpoints = false;
    for (models::EndpointIx e : pr.endpointIxs)
      endpoints = endpoints || (!s.world.endpoint(e).gone() && s.world.endpoint(e).cloudProvider == p);
    const bool guarded = !on && pr.active() && pr.block(p).enabled && pr.block(p).requirePrivateNetworking && endpoints;
    ActionRequest rq;
    rq.name = "set_require_private_networking";
    rq.provider = p;
    rq.params["value"] = on;
    const Outcome o = s.perform(rq);
    // G-PN (spec §3.1; CIREP, TF ab237ab5d): any endpoint, DELETING too, blocks with this code.
    if (guarded && o.code() != "CANNOT_DISABLE_ENCRYPTION_AT_REST_REQUIRE_PRIVATE_NETWORKING_WHILE_PRIVATE_ENDPOINTS_EXIST")
      RC_FAIL(fmt::format("invariant cmk_disable_guards: requirePrivateNetworking=false with endpoints answered {}", o.code()));
  }
  void show(std::ostream& os) const override { os << "set_require_private_networking " << pname(p) << ' ' << (on ? "true" : "false"); }
};

// ---- private endpoints: user API, cloud console, faults ----
struct CreateEndpoint : Cmd {
  Provider cloud;
  int region;
  explicit CreateEndpoint(const Model&) : cloud(gen_cloud()), region(*rc::gen::inRange(0, 2)) {}
  void checkPreconditions(const Model& m) const override { RC_PRE(m.endpointRequests < 8); }
  void apply(Model& m) const override { ++m.endpointRequests; }
  // G-EP-C (spec §3.1, in order): an ACTIVE project, the block on with requirePrivateNetworking
  // (seed 004), one endpoint per region (spec §5 duplicate_region_endpoint; a region whose endpoint
  // is DELETING or PENDING_RECREATION takes a new one: model choice [inferred]).
  static std::string expected(const Sut& s, Provider cloud, const std::string& region) {
    const models::Project& pr = s.world.project(0);
    if (!pr.active()) return "SIM_PROJECT_NOT_ACTIVE";
    if (!pr.block(cloud).enabled || !pr.block(cloud).requirePrivateNetworking) return "SIM_PRIVATE_NETWORKING_NOT_ENABLED";
    if (s.world.settings().duplicate_region_endpoint == models::DuplicateRegionEndpoint::reject_409)
      for (models::EndpointIx e : pr.endpointIxs) {
        const models::PrivateEndpoint& ep = s.world.endpoint(e);
        if (!ep.gone() && ep.cloudProvider == cloud && ep.regionName == region && ep.state() != EndpointStatus::DELETING &&
            ep.state() != EndpointStatus::PENDING_RECREATION)
          return "SIM_DUPLICATE_REGION_ENDPOINT";
      }
    return "OK";
  }
  void act(const Model&, Sut& s) const override {
    ActionRequest rq;
    rq.name = "create_endpoint";
    rq.provider = cloud;
    rq.region = region_of(cloud, region);
    const std::string want = expected(s, cloud, rq.region);
    const Outcome o = s.perform(rq);
    if (o.code() != want) RC_FAIL(fmt::format("G-EP-C: create_endpoint {} {} answered {}, documented {}", pname(cloud), rq.region, o.code(), want));
  }
  void show(std::ostream& os) const override { os << "create_endpoint " << pname(cloud) << ' ' << region_of(cloud, region); }
};

struct EndpointAct : Cmd {
  std::string action;
  int pick;
  explicit EndpointAct(const Model&) {
    action = *rc::gen::weightedElement<std::string>({{4, "approve_endpoint"}, {2, "delete_endpoint"}, {2, "reject_endpoint"},
                                                     {1, "remove_endpoint_connection"}, {1, "fail_endpoint_creation"},
                                                     {1, "fail_endpoint_deletion"}});
    pick = *rc::gen::inRange(0, 8);
  }
  void act(const Model&, Sut& s) const override {
    const auto live = s.live_endpoints();
    if (live.empty()) return;
    const models::PrivateEndpoint& ep = s.world.endpoint(live[static_cast<std::size_t>(pick) % live.size()]);
    const EndpointStatus before = ep.state();
    ActionRequest rq;
    rq.name = action;
    rq.endpoint = ep.id;
    const Outcome o = s.perform(rq);
    // G-EP-D (spec §3.1; CIREP [observed]): DELETE while INITIATING is refused with this code.
    if (action == "delete_endpoint" && before == EndpointStatus::INITIATING &&
        s.world.settings().delete_while_initiating == models::DeleteWhileInitiating::reject_400 &&
        o.code() != "ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING")
      RC_FAIL(fmt::format("invariant cmk_disable_guards: DELETE of an INITIATING endpoint answered {}", o.code()));
  }
  void show(std::ostream& os) const override { os << action << " #" << pick; }
};

// ---- clusters ----
struct CreateCluster : Cmd {
  Provider ear;
  int shape;  // 0 AWS one region, 1 AWS two regions, 2 Azure one region, 3 Azure two regions
  explicit CreateCluster(const Model&)
      : ear(*rc::gen::element(Provider::NONE, Provider::AWS, Provider::AZURE, Provider::GCP)), shape(*rc::gen::inRange(0, 4)) {}
  void checkPreconditions(const Model& m) const override { RC_PRE(m.clustersCreated < 4); }
  void apply(Model& m) const override { ++m.clustersCreated; }
  std::string regions() const {
    const Provider cloud = shape < 2 ? Provider::AWS : Provider::AZURE;
    std::string r = fmt::format("{}:{}", region_of(cloud, 0), pname(cloud));
    if (shape % 2) r += fmt::format(",{}:{}", region_of(cloud, 1), pname(cloud));
    return r;
  }
  std::vector<models::RegionRequest> region_requests() const {
    const Provider cloud = shape < 2 ? Provider::AWS : Provider::AZURE;
    std::vector<models::RegionRequest> r = {{region_of(cloud, 0), cloud, std::nullopt}};
    if (shape % 2) r.push_back({region_of(cloud, 1), cloud, std::nullopt});
    return r;
  }
  void act(const Model& m, Sut& s) const override {
    ActionRequest rq;
    rq.name = "create_cluster";
    rq.cluster = fmt::format("new{}", m.clustersCreated);
    rq.params["tier"] = std::string("M30");
    rq.params["regions"] = region_requests();
    if (ear != Provider::NONE) rq.provider = ear;
    const models::Project& pr = s.world.project(0);
    const bool blockOff = pr.active() && ear != Provider::NONE && !pr.block(ear).enabled;
    const Outcome o = s.perform(rq);
    // G-CL (spec §3.1): a customer key for a cluster needs Encryption at Rest on the project first.
    if (blockOff && o.code() != "ENCRYPTION_AT_REST_NOT_ENABLED")
      RC_FAIL(fmt::format("G-CL: create_cluster with {} off answered {}", pname(ear), o.code()));
  }
  void show(std::ostream& os) const override { os << "create_cluster " << regions() << " cmk " << pname(ear); }
};

struct ClusterAct : Cmd {
  std::string action;
  int pick;
  Provider p;
  int nodes;
  explicit ClusterAct(const Model&) {
    action = *rc::gen::weightedElement<std::string>({{2, "enable_cluster_cmk"}, {2, "disable_cluster_cmk"}, {3, "resize_cluster"},
                                                     {2, "pause_cluster"}, {2, "resume_cluster"}, {3, "restart_cluster"},
                                                     {2, "take_snapshot"}, {2, "restore_snapshot"}, {2, "read_write"},
                                                     {1, "enable_legacy_backup"}, {1, "add_search_nodes"}, {2, "add_cluster_regions"}});
    pick = *rc::gen::inRange(0, 8);
    p = gen_provider();
    nodes = *rc::gen::inRange(0, 3);
    region = *rc::gen::inRange(0, 2);
    cloud = gen_cloud();
  }
  int region = 0;
  Provider cloud = Provider::AWS;
  // seed 004 §'Enable and Set up...': additional nodes only in regions with an approved endpoint of
  // the cloud whose private networking is on (checked here from the state before the call).
  static bool approved_elsewhere(const Sut& s, Provider cloud, const std::string& regionName) {
    const models::Project& pr = s.world.project(0);
    const models::KmsConfig& b = pr.block(cloud);
    bool any = false, here = false;
    for (models::EndpointIx e : pr.endpointIxs) {
      const models::PrivateEndpoint& ep = s.world.endpoint(e);
      if (ep.cloudProvider != cloud || ep.state() != EndpointStatus::ACTIVE) continue;
      any = true;
      here = here || ep.regionName == regionName;
    }
    return b.enabled && b.requirePrivateNetworking && any && !here;
  }
  void act(const Model&, Sut& s) const override {
    const auto& clusters = s.world.clusters();
    const models::Cluster& cl = clusters[static_cast<std::size_t>(pick) % clusters.size()];
    const bool served = cl.servesReadsWrites();
    ActionRequest rq;
    rq.name = action;
    rq.cluster = cl.name;
    if (action == "enable_cluster_cmk") rq.provider = p;
    if (action == "resize_cluster") rq.params["disk_gb"] = std::int64_t{40};
    if (action == "restart_cluster" && nodes > 0) rq.params["nodes"] = std::int64_t{nodes};
    if (action == "add_search_nodes") rq.params["nodes"] = std::int64_t{nodes};
    const std::string regionName = region_of(cloud, region);
    if (action == "add_cluster_regions")
      rq.params["regions"] = std::vector<models::RegionRequest>{{regionName, cloud, std::int64_t{nodes + 1}}};
    const bool mustRefuseRegion = action == "add_cluster_regions" && s.world.project(0).active() && cl.state() != ClusterState::PAUSED &&
                                  cl.state() != ClusterState::DISABLED_MULTICLOUD && approved_elsewhere(s, cloud, regionName);
    Provider target = cl.encryptionAtRestProvider;  // where the cluster heads once its changes are through
    if (cl.applying && cl.applying->kind == models::QueuedChange::Kind::SetProvider) target = cl.applying->provider;
    for (const models::QueuedChange& q : cl.queuedChanges)
      if (q.kind == models::QueuedChange::Kind::SetProvider) target = q.provider;
    const bool refusedChange = action == "enable_cluster_cmk" && cl.state() != ClusterState::PAUSED &&
                               target != Provider::NONE && target != p;
    const bool paused = cl.state() == ClusterState::PAUSED;
    const Outcome o = s.perform(rq);
    // seed 003 §'Validate...': "You can't read or write data on disabled clusters."
    if (action == "read_write") RC_ASSERT(o.ok() == served);
    // seed 003 §'Encrypted Backups': no Legacy Backups on a cluster with (or heading for) a customer key.
    if (action == "enable_legacy_backup" && !paused && target != Provider::NONE)
      RC_ASSERT(o.code() == std::string("CANNOT_USE_ENCRYPTION_AT_REST_BACKUP_TYPE"));
    // api-errors: a restore onto a paused cluster is CLUSTER_PAUSED_CANNOT_RESTORE (when the snapshot exists).
    if (action == "restore_snapshot" && paused && o.code() != "SNAPSHOT_NOT_FOUND")
      RC_ASSERT(o.code() == std::string("CLUSTER_PAUSED_CANNOT_RESTORE"));
    // spec §2.7: P -> Q is refused (disable, then enable the other provider).
    // (a topology the cluster cannot have at all is refused first, with its own code)
    if (mustRefuseRegion && o.code() != "SIM_REGION_WITHOUT_APPROVED_ENDPOINT" && o.code() != "SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED")
      RC_FAIL(fmt::format("seed 004: add_cluster_regions {} {} without an approved endpoint there answered {}", pname(cloud), regionName, o.code()));
    if (refusedChange && o.code() != "CANNOT_CHANGE_ENCRYPTION_AT_REST_PROVIDER")
      RC_FAIL(fmt::format("G-CL: enable_cluster_cmk {} on a cluster heading for {} answered {}", pname(p), pname(target), o.code()));
  }
  void show(std::ostream& os) const override {
    os << action << " #" << pick;
    if (action == "enable_cluster_cmk") os << ' ' << pname(p);
    if ((action == "restart_cluster" || action == "add_search_nodes") && nodes > 0) os << " nodes=" << nodes;
    if (action == "add_cluster_regions") os << ' ' << region_of(cloud, region) << ':' << pname(cloud) << ':' << nodes + 1;
  }
};

}  // namespace

rc::Gen<std::shared_ptr<const Command>> command_for(const Model& m) {
  // Time passes often: validation ticks, approval delays and recreation happen between commands.
  return rc::state::gen::execOneOfWithArgs<Advance, Advance, Advance, Advance, KeyAct, KeyAct, SimpleAct, SimpleAct, SimpleAct, EnableCmk,
                                           KeyConfig, DisableCmk, SetPn, CreateEndpoint, CreateEndpoint, EndpointAct, EndpointAct, EndpointAct, EndpointAct,
                                           CreateCluster, ClusterAct, ClusterAct, ClusterAct>()(m);
}

void lifecycle_property(sim::TransitionCoverage& cov) {
  const Model m0 = *initial_model();
  if (!m0.settingsText.empty()) RC_TAG(m0.settingsText);
  RC_LOG() << "seed " << m0.seed << (m0.settingsText.empty() ? "" : ", settings: " + m0.settingsText) << '\n';
  Sut sut(m0, cov);
  rc::state::check(m0, sut, &command_for);
}

void determinism_property() {
  const Model m0 = *initial_model();
  const auto cmds = *rc::state::gen::commands(m0, &command_for);
  sim::TransitionCoverage ignored;
  std::uint64_t hashes[2];
  for (std::uint64_t& h : hashes) {
    Sut sut(m0, ignored);
    rc::state::runAll(cmds, m0, sut);
    h = sut.hash.value();
  }
  RC_ASSERT(hashes[0] == hashes[1]);
}

}  // namespace lifecycle#include "models/observe.h"
#include "models/regions.h"

