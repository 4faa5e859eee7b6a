// World: the Atlas facade. Owns projects, customer keys, private endpoints, clusters and
// snapshots; exposes one method per user / cloud-console / fault action (each returns Outcome),
// the generic perform(ActionRequest), and read-only access to every entity.
//
// Everything is deterministic: randomness only from sim.random(). Every state change fires a
// StateMachine (a "transition" Record with table row); alerts/emails are Records kind "alert" /
// "email" / "event" with field eventTypeName; operations are Records kind "operation" with field
// "outcome" (OK or the error code). Nothing is recorded when !sim.observed().
#pragma once

#include <deque>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/actions.h"
#include "models/cluster.h"
#include "models/endpoint.h"
#include "models/errors.h"
#include "models/ids.h"
#include "models/key.h"
#include "models/project.h"
#include "models/settings.h"
#include "models/subject.h"
#include "models/tick_queue.h"
#include "sim/bulk_allocator.h"
#include "sim/bulk_arena.h"
#include "sim/simulation.h"
#include "sim/wall_clock.h"

namespace models {

struct KmsPatch;  // models/key_config_patch.h

// ---- setup at time zero ----
struct KmsSetup {
  Provider provider = Provider::AWS;
  bool enabled = true;
  bool requirePrivateNetworking = false;
  std::string region = "US_EAST_1";  // KMS region (AWS region / vault region / key location)
  std::string keyId;                 // customerMasterKeyID / keyIdentifier / keyVersionResourceID; generated if empty
  KeyState keyState = KeyState::ENABLED;
  CredentialState credentials = CredentialState::VALID;
  AccessState access = AccessState::GRANTED;
  sim::Duration keyAge;              // age of the key version at time zero (rotation alert clock)
  std::optional<sim::Duration> secretExpiresIn;  // Azure client secret expiry (capped at 2 years)
  bool ipAccessListBlocksControlPlane = false;   // Azure public network (spec §8.2)
  bool unreachable = false;          // KMS outage at time zero
  bool accessKeyAuth = false;        // AWS legacy accessKeyID/secretAccessKey (seed 002); refused unless aws_allow_credentials_auth
};

struct ProjectSetup {
  std::string name;
  ProjectState state = ProjectState::ACTIVE;
  bool backupCompliancePolicy = false;
  std::vector<KmsSetup> kms;                       // enabled blocks
  std::optional<sim::Duration> validationPhase;    // overrides Settings phase for this project
};

struct ClusterSetup {
  std::string project;   // project name
  std::string name;
  std::string instanceSizeName = "M10";
  std::int64_t diskSizeGB = 10;
  std::vector<ClusterRegion> regions;  // empty: one AWS US_EAST_1 region
  Provider encryptionAtRestProvider = Provider::NONE;
  ClusterState state = ClusterState::RUNNING;  // RUNNING or PAUSED at setup
};

// The entity tables: one element per project or cluster, for the whole run, so at fleet scale they
// are the bulk of the model's memory (sim::BulkAllocator: huge pages where the kernel gives them).
using Projects = std::vector<Project, sim::BulkAllocator<Project>>;
using Clusters = std::vector<Cluster, sim::BulkAllocator<Cluster>>;

class World : private sim::ChangeListener, private sim::SubjectNamer {
 public:
  World(sim::Simulation& sim, Settings settings = {});
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // ---- fast-forward: a run option, not a domain setting (models/tick_schedule.cpp) ----
  // On: a project whose scheduled check found nothing to do schedules no tick until an input of the
  // check changes (any state-machine move or record of the project, an action on it) or a
  // time-dependent input comes due (Azure key exp/nbf, the rotation alert's age); the tick then
  // runs at the next point of the project's own grid. Every record, state and counter equals the
  // run without it: skipped ticks are credited to scheduledChecks, validations_run() and the
  // kernel's fired_count(). Set before the first project is added; off by default.
  void set_fast_forward(bool on);
  bool fast_forward() const { return fastForward_; }
  // Credits the ticks skipped through now() (call when a run stops; repeatable).
  void account_elided_ticks();
  std::uint64_t ticks_elided() const { return ticksElided_; }

  // ---- setup (time zero; throws std::invalid_argument on inconsistent setup) ----
  // Room for about that many entities in all, so a large setup neither moves the entities nor
  // rehashes their names as it grows (a hint: more may be added).
  void reserve(std::size_t projects, std::size_t clusters, std::size_t endpoints);
  ProjectIx add_project(const ProjectSetup& p);
  ClusterIx add_cluster(const ClusterSetup& c);  // existing cluster, no CREATING phase
  // A pre-existing endpoint (status ACTIVE or PENDING_ACCEPTANCE); marks CMK clusters private-path if ACTIVE.
  // `label`: the scenario's name for it, shown in outputs in place of the id ("" for none).
  EndpointIx add_endpoint(std::string_view project, Provider cloud, std::string_view regionName,
                          EndpointStatus status = EndpointStatus::ACTIVE, std::string_view label = {});

  // ---- user API: project Encryption at Rest (PATCH/GET /groups/{g}/encryptionAtRest) ----
  Outcome enable_cmk(ProjectIx p, const KmsSetup& block);                // PATCH {<block>: {enabled: true, ...}}
  Outcome disable_cmk(ProjectIx p, Provider provider);                   // PATCH {<block>: {enabled: false}}
  Outcome update_credentials(ProjectIx p, Provider provider);            // PATCH changed credentials: validation
  Outcome rotate_key(ProjectIx p, Provider provider, std::string newKeyId = {});  // PATCH new key id/version
  Outcome set_require_private_networking(ProjectIx p, Provider provider, bool on);
  // PATCH {<block>: {<field>: <value>, ...}} by the API's field names (models/key_config_patch.cpp):
  // changed fields of an enabled block are validated and applied, or the whole request is refused.
  Outcome patch_encryption_at_rest(ProjectIx p, Provider provider, const KmsFieldValues& fields);
  Outcome get_encryption_at_rest(ProjectIx p);                           // GET: on-demand validation
  Outcome try_again(ProjectIx p);                                        // Atlas UI "Try Again"
  // ---- user API: private endpoints ----
  Outcome create_endpoint(ProjectIx p, Provider cloud, std::string_view regionName,
                          std::string_view label = {});  // 202 + createdId; label as in add_endpoint
  Outcome delete_endpoint(EndpointIx e);                                 // 204
  Outcome get_endpoint(EndpointIx e);                                    // 200 + body status, errorMessage; 404 once gone
  // ---- cloud console: endpoints ----
  Outcome approve_endpoint(EndpointIx e);
  Outcome reject_endpoint(EndpointIx e);
  Outcome remove_endpoint_connection(EndpointIx e);
  // ---- faults: endpoints ----
  Outcome fail_endpoint_creation(EndpointIx e, std::string_view errorMessage = {});
  Outcome fail_endpoint_deletion(EndpointIx e);
  // ---- user API: clusters ----
  Outcome create_cluster(const ClusterSetup& c);
  Outcome enable_cluster_cmk(ClusterIx c, Provider provider);
  Outcome disable_cluster_cmk(ClusterIx c);
  Outcome resize_cluster(ClusterIx c, std::string_view instanceSizeName, std::int64_t diskSizeGB = 0);
  Outcome pause_cluster(ClusterIx c);
  Outcome resume_cluster(ClusterIx c);
  Outcome restart_cluster(ClusterIx c, std::int64_t nodes = 0);  // 0 = all nodes (rolling restart)
  // Adds nodes to existing regions (same name and cloud) or new regions: queued like a resize
  // (seed 004: only in regions with an approved endpoint). cluster_regions.cpp.
  Outcome add_cluster_regions(ClusterIx c, const std::vector<ClusterRegion>& regions);
  Outcome take_snapshot(ClusterIx c);                            // createdId = snapshot id
  Outcome restore_snapshot(ClusterIx c, std::string_view snapshotId = {});  // {} = latest of the cluster
  Outcome read_write(ClusterIx c);                               // a client read/write: refused while disabled
  Outcome enable_legacy_backup(ClusterIx c);                     // backup.cpp: refused on customer-key clusters
  // search_nodes.cpp: dedicated Search Nodes (0: none) and PATCH {enabledForSearchNodes}
  Outcome add_search_nodes(ClusterIx c, std::int64_t nodes);
  Outcome set_search_nodes_encryption(ProjectIx p, bool on);
  // ---- cloud console / faults: the customer key and credentials ----
  Outcome disable_key(ProjectIx p, Provider provider);
  Outcome enable_key(ProjectIx p, Provider provider);
  Outcome schedule_key_deletion(ProjectIx p, Provider provider);
  Outcome delete_key(ProjectIx p, Provider provider);
  Outcome restore_key(ProjectIx p, Provider provider);
  Outcome destroy_key(ProjectIx p, Provider provider);        // past the recovery window: data lost
  Outcome revoke_key_access(ProjectIx p, Provider provider);
  Outcome grant_key_access(ProjectIx p, Provider provider);
  Outcome expire_credentials(ProjectIx p, Provider provider);
  Outcome invalidate_credentials(ProjectIx p, Provider provider);
  Outcome fix_credentials(ProjectIx p, Provider provider);    // customer fixes credentials in the cloud (no PATCH)
  // ---- the customer's other keys and their attributes (models/key_versions.cpp) ----
  Outcome create_key(ProjectIx p, Provider provider, const KeyVersion& key);  // a key / key version made in the KMS
  // A cloud-console key action (KeyEvent) on a key other than the one Atlas uses now.
  Outcome key_version_action(ProjectIx p, Provider provider, std::string_view keyId, KeyEvent ev, std::string_view what);
  Outcome set_key_expiry(ProjectIx p, Provider provider, std::string_view keyId, sim::Duration in);  // Azure "exp"
  Outcome set_key_auto_rotation(ProjectIx p, Provider provider, bool on);  // provider-side yearly rotation
  Outcome set_rotation_alert_threshold(ProjectIx p, std::int64_t days);    // 0: alert off
  Outcome fail_over_key_vault(ProjectIx p, Provider provider, std::string_view region);  // Azure paired region
  Outcome kms_outage_start(ProjectIx p, Provider provider, std::string_view region = {});  // {} = whole KMS
  Outcome kms_outage_end(ProjectIx p, Provider provider, std::string_view region = {});
  Outcome deactivate_project(ProjectIx p);
  Outcome reactivate_project(ProjectIx p);
  // ---- faults: the API itself ----
  // The next `count` requests naming `action` answer the transient error `code` (a catalogue row
  // marked transient: UNEXPECTED_ERROR 500, RATE_LIMITED 429, SIM_SERVICE_UNAVAILABLE 503) before
  // the model sees them, once each (spec §3.2, §6 #5). Injections queue up in order.
  Outcome inject_api_error(std::string_view action, std::int64_t count, std::string_view code = "UNEXPECTED_ERROR");

  // One step by name: looks the action up in actions(), runs its handler (which resolves the names
  // and calls the typed method above) and records the operation. Throws ActionError for scenario
  // mistakes (unknown action, parameter, project or cluster).
  Outcome perform(const ActionRequest& a);

  // ---- queries ----
  const Settings& settings() const { return settings_; }
  // The UTC instant time zero stands for: the date-times the API shows (created, createdAt).
  const sim::WallClock& wall_clock() const { return wallClock_; }
  void set_wall_clock(sim::WallClock clock) { wallClock_ = clock; }
  sim::Simulation& simulation() { return sim_; }
  const sim::Simulation& simulation() const { return sim_; }  // for observers: which timers are pending
  const Projects& projects() const { return projects_; }
  const Clusters& clusters() const { return clusters_; }
  const std::vector<PrivateEndpoint>& endpoints() const { return endpoints_; }  // gone ones included
  const std::vector<Snapshot>& snapshots() const { return snapshots_; }
  const Project& project(ProjectIx p) const { return projects_.at(p); }
  const Cluster& cluster(ClusterIx c) const { return clusters_.at(c); }
  const PrivateEndpoint& endpoint(EndpointIx e) const { return endpoints_.at(e); }
  std::optional<ProjectIx> find_project(std::string_view name) const;
  std::optional<ClusterIx> find_cluster(std::string_view project, std::string_view name) const;
  std::optional<EndpointIx> find_endpoint(std::string_view id) const;  // gone ones too
  // The endpoint a region selector names (a step's or an expectation's {region, provider}): among
  // the project's live (not gone) endpoints in that region, of that cloud when given, the newest
  // one not PENDING_RECREATION (a replacement wins over the record it replaces); when all are
  // PENDING_RECREATION, the oldest. nullopt: no live endpoint there (404).
  std::optional<EndpointIx> endpoint_in_region(ProjectIx p, std::string_view region, std::optional<Provider> cloud = {}) const;
  // Live (not gone) endpoints of a project and cloud, in creation order (GET .../privateEndpoints).
  std::vector<EndpointIx> list_endpoints(ProjectIx p, Provider cloud) const;
  std::vector<ClusterIx> project_clusters(ProjectIx p) const;
  // Next scheduled validation of a project.
  sim::Time next_validation(ProjectIx p) const;
  // The display name of a record's subject, as traces print it ("cluster/shop/orders").
  std::string entity_name(sim::Subject s) const;
  // The project a subject belongs to (nullopt: about no entity).
  std::optional<ProjectIx> project_of(sim::Subject s) const;
  // Counters for benches/reports.
  std::uint64_t validations_run() const { return validations_; }

 private:
  // The Azure client secret expires, logged with `cause`: "expire_credentials" for the scenario's
  // step, "secret_expired" when secretExpiresIn runs out on its own.
  Outcome expire_secret(ProjectIx p, Provider provider, std::string_view cause);
  friend struct WorldAccess;  // tests

  // setup (world.cpp)
  void init_block_machines(ProjectIx p, Provider provider, KeyState key, CredentialState credentials, AccessState access);
  void setup_block(ProjectIx p, const KmsSetup& k);
  void set_key_identity(ProjectIx p, const KmsSetup& k);
  void start_role_propagation(ProjectIx p, Provider provider);  // credentials.cpp
  // backup.cpp
  std::optional<AtlasError> restore_guard(const Cluster& target, const Snapshot& snap) const;
  std::optional<AtlasError> backup_compliance_guard(ProjectIx p, Provider provider) const;
  // search_nodes.cpp
  bool search_nodes_encrypted(const Cluster& cl) const;
  void rebuild_search_nodes(ClusterIx c, std::string_view cause);
  void remove_search_nodes(ClusterIx c);
  void restore_search_nodes(ClusterIx c);
  void set_azure_vault_fields(Project& P, const std::string& keyId);
  void start_project_clocks(ProjectIx p, std::optional<sim::Duration> validationPhase);
  // validator.cpp
  enum class CheckKind { scheduled, on_demand, credential_change };
  enum class Verdict { valid, invalid, unreachable };
  struct BlockVerdict {
    Verdict verdict = Verdict::valid;
    std::string reasonCode;  // KMS code when invalid
  };
  // the tick schedule (tick_schedule.cpp)
  void schedule_tick(ProjectIx p, sim::Time at);
  void on_tick(ProjectIx p);
  void run_scheduled_checks(ProjectIx p);  // validator.cpp: the checks one tick makes
  sim::Time next_grid_point(const Project& pr, sim::Time from) const;
  sim::Time next_input_due(const Project& pr) const;
  std::pair<std::int64_t, ProjectIx> tick_rank(ProjectIx p) const;
  void on_change(sim::Subject s) override;
  // The records' entity names (sim::SubjectNamer): entity_name.
  std::string name_of(sim::Subject s) const override { return entity_name(s); }
  void wake_subject(sim::Subject s);
  void wake(ProjectIx p);
  void set_tick_due(ProjectIx p, sim::Time at);
  void arm_dispatcher();
  void dispatch_tick();
  void run_tick_fast(ProjectIx p);
  void credit_elided(Project& pr, std::int64_t uptoMs);
  void validate_project(ProjectIx p, CheckKind kind);
  void validate_block(ProjectIx p, Provider provider, CheckKind kind);
  BlockVerdict assess(const Project& pr, Provider provider) const;
  bool cluster_kms_usable(const Cluster& c) const;  // KMS reachable & key usable for this cluster
  void shut_down_clusters(ProjectIx p, Provider provider, const std::string& reason);
  void pause_clusters_for_revocation(ProjectIx p);
  void recover_clusters(ProjectIx p, Provider provider);
  void check_rotation_alert(ProjectIx p, Provider provider);
  void schedule_master_key_rotation(ProjectIx p, sim::Time at);
  // PATCH of an enabled block (key_config_patch.cpp)
  std::optional<AtlasError> vault_field_guard(ProjectIx p, const KmsPatch& x) const;
  std::optional<AtlasError> patch_guard(ProjectIx p, Provider provider, const KmsPatch& x) const;
  std::optional<AtlasError> disable_guard(ProjectIx p, Provider provider) const;
  std::optional<AtlasError> credential_fields_guard(ProjectIx p, Provider provider, const KmsPatch& x) const;
  Outcome apply_patch(ProjectIx p, Provider provider, const KmsPatch& x);
  static void apply_vault_fields(KmsConfig& b, const KmsPatch& x);
  // keys (key_versions.cpp)
  // The api-errors code that keeps key k from being used; `incoming`: it is about to be (adds the
  // Azure 48-hour expiry refusal). nullopt: usable.
  std::optional<std::string> key_unusable_code(Provider provider, const KeyVersion& k, bool incoming) const;
  // What keeps the block's current key from working beyond its state: Azure expiry / not-before,
  // or a rotation still deploying whose replaced key is no longer usable (seed 004 §'Rotate...').
  std::optional<std::string> current_key_problem(const Project& pr, Provider provider) const;
  // The key with that id (and AWS region) in the block's KMS, the current one included.
  std::optional<KeyVersion> find_key(const KmsConfig& b, Provider provider, std::string_view id, std::string_view region) const;
  // `where`: the AWS region the key is looked up in; the Azure vault it must be in; unused for GCP.
  std::optional<AtlasError> new_key_guard(ProjectIx p, Provider provider, const std::string& id, const std::string& where) const;
  void start_rotation(ProjectIx p, Provider provider, const std::string& id, const std::string& region, std::string_view cause);
  void switch_replica(ProjectIx p, Provider provider, const std::string& id, const std::string& region);
  void finish_rotation(ProjectIx p, Provider provider, std::uint64_t generation);
  bool snapshot_key_usable(const Snapshot& s) const;
  void schedule_auto_rotation(ProjectIx p, Provider provider);
  // endpoints (endpoint_machine.cpp)
  EndpointIx new_endpoint(ProjectIx p, Provider cloud, std::string_view region, bool replacement, std::string label);
  void fire_endpoint(EndpointIx e, EndpointEvent ev, std::string_view cause = {});
  void schedule_endpoint(EndpointIx e, sim::Duration d, EndpointEvent ev);
  void on_endpoint_timer(EndpointIx e);
  void start_provisioning(EndpointIx e);
  void on_endpoint_active(EndpointIx e);
  void spawn_replacement(EndpointIx old);
  void finish_restart(ClusterIx c);
  // reject_endpoint / remove_endpoint_connection: the cloud connection of an ACTIVE or
  // PENDING_ACCEPTANCE endpoint goes; cause names which.
  Outcome remove_connection(EndpointIx e, std::string_view cause);
  bool endpoint_blocks(const PrivateEndpoint& ep, ProjectIx p, Provider provider) const;
  bool region_has_active_endpoint(ProjectIx p, Provider cloud, const std::string& region) const;
  bool region_has_active_endpoint(ProjectIx p, Provider cloud, RegionId region) const;  // the check's cached form
  void count_active_endpoint(EndpointIx e, bool active);  // the endpoint became (or left) ACTIVE
  bool any_active_endpoint(ProjectIx p, Provider cloud) const;
  // clusters (cluster_machine.cpp)
  // drivenBy: the provider whose key or key vault setting drives the event (the table's guards).
  void fire_cluster(ClusterIx c, ClusterEvent ev, std::string_view cause = {}, Provider drivenBy = Provider::NONE);
  void schedule_cluster(ClusterIx c, sim::Duration d, ClusterEvent ev);
  void on_cluster_timer(ClusterIx c);
  void schedule_auto_resume(ClusterIx c);  // the 30-day timer of a pause, from now
  void on_auto_resume(ClusterIx c);
  void start_next_change(ClusterIx c);
  Provider provider_after_queue(const Cluster& cl) const;
  void queue_change(ClusterIx c, const QueuedChange& change, std::string_view cause);
  void apply_change(ClusterIx c);
  void start_restart(ClusterIx c, std::string_view cause);
  std::optional<AtlasError> cluster_provider_guard(ProjectIx p, const Cluster& shape, Provider provider) const;
  void set_multicloud_disabled(ProjectIx p, bool on);
  // regions and private-networking topology (cluster_regions.cpp)
  RegionId region_id(std::string_view regionName);  // interned: the same name, the same id
  bool region_kms_usable(const Cluster& c, const ClusterRegion& r) const;
  bool block_key_usable(const Project& pr, Provider provider) const;  // the part all regions share
  bool region_reaches_key(const Cluster& c, const ClusterRegion& r, bool keyUsable) const;
  bool any_region_kms_usable(const Cluster& c) const;
  std::vector<std::string> update_regions_without_key(ProjectIx p, Provider provider, bool keyUsable);
  bool region_without_key(const Cluster& cl, const ClusterRegion& r, bool keyUsable, std::vector<std::string>& cut) const;
  bool regions_without_key_agree(ProjectIx p, Provider provider, bool keyUsable, const std::vector<std::string>& cut) const;
  // A cluster's key provider, private path or regions, or the project's ACTIVE endpoint regions
  // changed: update_regions_without_key walks the clusters again at its next call.
  void region_inputs_changed(ProjectIx p) { ++projects_[p].regionInputs; }
  // Sets KmsConfig::enabled and the project's mask of enabled blocks that the tick reads.
  static void set_block_enabled(Project& pr, Provider provider, bool on) {
    pr.block(provider).enabled = on;
    const auto bit = static_cast<std::uint8_t>(1U << block_index(provider));
    pr.enabledBlocks = static_cast<std::uint8_t>(on ? pr.enabledBlocks | bit : pr.enabledBlocks & ~bit);
  }
  bool restart_nodes_without_key(Cluster& cl);
  void restart_recovered_regions(ClusterIx c);
  std::optional<AtlasError> region_guard(ProjectIx p, std::span<const ClusterRegion> regions, Provider ear) const;
  std::optional<AtlasError> topology_guard(ProjectIx p, const std::string& name, std::span<const ClusterRegion> regions,
                                           Provider ear) const;
  std::optional<AtlasError> aws_topology_error(const std::string& name, std::span<const ClusterRegion> regions,
                                               const std::string& customerMasterKeyID) const;
  std::optional<AtlasError> private_networking_guard(ProjectIx p, Provider provider) const;
  void schedule_multicloud_disable(ProjectIx p);
  void add_regions_now(ClusterIx c, std::span<const ClusterRegion> regions);
  // key transitions
  void fire_key(ProjectIx p, Provider provider, KeyEvent ev, std::string_view cause = {});
  void on_key_timer(ProjectIx p, Provider provider, std::uint64_t generation, KeyEvent ev);
  Outcome key_action(ProjectIx p, Provider provider, KeyEvent ev, std::string_view what);
  void external_record(ProjectIx p, Provider provider, std::string_view what);
  // records
  // A Record of any kind but "transition" (those come from the StateMachines), when observed.
  void note(sim::RecordKind kind, sim::Subject subject, std::string_view cause,
            std::vector<std::pair<std::string, std::string>> fields = {});
  // A notification; its kind (alert, event or email) is the catalogue's, alerts::kind_of.
  void alert(std::string_view eventTypeName, sim::Subject subject, std::vector<std::pair<std::string, std::string>> fields = {});
  void record_operation(const ActionRequest& a, const Outcome& o);
  std::optional<AtlasError> injected_error(const std::string& action);
  sim::Subject operation_subject(const ActionRequest& a) const;
  static std::string entity_name(EntityKind kind, std::string_view project, Provider provider);
  std::string entity_name(ProjectIx p, std::string_view cluster) const;
  // A state machine for the subject, starting in `start` (its records name it by name_of).
  template <class S, class E, class C>
  static sim::StateMachine<S, E, C> machine(const sim::TransitionTable<S, E, C>& table, sim::Subject subject, S start) {
    return sim::StateMachine<S, E, C>(table, subject, start);
  }
  template <class S, class E, class C>
  static sim::StateMachine<S, E, C> machine(const sim::TransitionTable<S, E, C>& table, sim::Subject subject) {
    return machine<S, E, C>(table, subject, table.initial());
  }
  sim::Duration sample(const sim::Distribution& d) { return d.sample(sim_.random()); }
  std::optional<AtlasError> project_active_guard(ProjectIx p) const;

  sim::Simulation& sim_;
  Settings settings_;
  sim::WallClock wallClock_;
  Projects projects_;
  Clusters clusters_;
  std::vector<PrivateEndpoint> endpoints_;
  std::vector<Snapshot> snapshots_;
  // The name indexes: one node per entity, from names_ (an arena once reserve() expects a fleet).
  sim::BulkArena names_;
  std::pmr::unordered_map<std::string, ProjectIx> projectByName_{&names_};
  std::pmr::unordered_map<std::string, ClusterIx> clusterByName_{&names_};  // key: project + '\0' + name
  std::pmr::unordered_map<std::string, EndpointIx> endpointById_{&names_};
  // action name -> (code, answers still owed), oldest injection first
  std::unordered_map<std::string, std::deque<std::pair<std::string, std::int64_t>>> injectedErrors_;
  std::vector<std::string> regionNames_;  // index: RegionId (region_id)
  std::uint64_t idCounter_ = 0;
  std::uint64_t validations_ = 0;
  // fast-forward (tick_schedule.cpp): due ticks by (time, rank); one late kernel event, the
  // dispatcher, stands at the earliest and runs one tick per firing
  bool fastForward_ = false;
  TickQueue ticksDue_;
  sim::EventHandle dispatcher_;
  sim::Time dispatcherAt_ = sim::Time::never();
  std::optional<ProjectIx> ticking_;  // the project whose tick runs now
  bool tickTouched_ = false;          // that tick changed something of its project
  std::optional<TickDue> lastDispatched_;
  std::uint64_t ticksElided_ = 0;
};

}  // namespace models
