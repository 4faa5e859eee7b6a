// Settings: every choice the documents leave open (spec §4 timing, §5 open choices) in one place,
// each with its default, its alternatives and why. The YAML layer sets them by name through
// setting_names() / Settings::set(name, ...) without knowing the fields.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sim/distribution.h"
#include "sim/enum_names.h"
#include "sim/time.h"

namespace models {

// spec §5 enums, values spelled as in the spec, each with its table of names (Settings::set and
// setting_names() take the values from there).
enum class RecreationMode { new_record, same_record };
inline constexpr auto kRecreationModeNames = sim::enum_names<RecreationMode>({
    {RecreationMode::new_record, "new_record"},
    {RecreationMode::same_record, "same_record"},
});
static_assert(kRecreationModeNames.dense());
enum class RecreationOldRecord { remove_when_replacement_ready, keep_until_deleted };
inline constexpr auto kRecreationOldRecordNames = sim::enum_names<RecreationOldRecord>({
    {RecreationOldRecord::remove_when_replacement_ready, "remove_when_replacement_ready"},
    {RecreationOldRecord::keep_until_deleted, "keep_until_deleted"},
});
static_assert(kRecreationOldRecordNames.dense());
enum class DeleteWhileInitiating { reject_400, accept };
inline constexpr auto kDeleteWhileInitiatingNames = sim::enum_names<DeleteWhileInitiating>({
    {DeleteWhileInitiating::reject_400, "reject_400"},
    {DeleteWhileInitiating::accept, "accept"},
});
static_assert(kDeleteWhileInitiatingNames.dense());
enum class DeleteWhilePendingRecreation { reject_400, accept };
inline constexpr auto kDeleteWhilePendingRecreationNames = sim::enum_names<DeleteWhilePendingRecreation>({
    {DeleteWhilePendingRecreation::reject_400, "reject_400"},
    {DeleteWhilePendingRecreation::accept, "accept"},
});
static_assert(kDeleteWhilePendingRecreationNames.dense());
enum class DeleteWhileDeleting { accept_204_noop, reject_400 };
inline constexpr auto kDeleteWhileDeletingNames = sim::enum_names<DeleteWhileDeleting>({
    {DeleteWhileDeleting::accept_204_noop, "accept_204_noop"},
    {DeleteWhileDeleting::reject_400, "reject_400"},
});
static_assert(kDeleteWhileDeletingNames.dense());
enum class PendingRemovalEffect { no_change, failed, recreate };
inline constexpr auto kPendingRemovalEffectNames = sim::enum_names<PendingRemovalEffect>({
    {PendingRemovalEffect::no_change, "no_change"},
    {PendingRemovalEffect::failed, "failed"},
    {PendingRemovalEffect::recreate, "recreate"},
});
static_assert(kPendingRemovalEffectNames.dense());
enum class EndpointGuardScope { project, provider };
inline constexpr auto kEndpointGuardScopeNames = sim::enum_names<EndpointGuardScope>({
    {EndpointGuardScope::project, "project"},
    {EndpointGuardScope::provider, "provider"},
});
static_assert(kEndpointGuardScopeNames.dense());
// Which refusal of {enabled: false} wins when several G-DIS guards apply (spec §3.1 G-DIS, §5
// disable_guard_order: "endpoints, clusters, compliance, key | any", undocumented): the spec's
// order, or the same guards in reverse [inferred].
enum class DisableGuardOrder { endpoints_clusters_compliance_key, key_compliance_clusters_endpoints };
inline constexpr auto kDisableGuardOrderNames = sim::enum_names<DisableGuardOrder>({
    {DisableGuardOrder::endpoints_clusters_compliance_key, "endpoints_clusters_compliance_key"},
    {DisableGuardOrder::key_compliance_clusters_endpoints, "key_compliance_clusters_endpoints"},
});
static_assert(kDisableGuardOrderNames.dense());
enum class DuplicateRegionEndpoint { reject_409, allow };
inline constexpr auto kDuplicateRegionEndpointNames = sim::enum_names<DuplicateRegionEndpoint>({
    {DuplicateRegionEndpoint::reject_409, "reject_409"},
    {DuplicateRegionEndpoint::allow, "allow"},
});
static_assert(kDuplicateRegionEndpointNames.dense());
enum class ValidWhenUnreachable { unchanged, invalid };
inline constexpr auto kValidWhenUnreachableNames = sim::enum_names<ValidWhenUnreachable>({
    {ValidWhenUnreachable::unchanged, "unchanged"},
    {ValidWhenUnreachable::invalid, "invalid"},
});
static_assert(kValidWhenUnreachableNames.dense());
enum class EndpointLossSemantics { unreachable, invalid };
inline constexpr auto kEndpointLossSemanticsNames = sim::enum_names<EndpointLossSemantics>({
    {EndpointLossSemantics::unreachable, "unreachable"},
    {EndpointLossSemantics::invalid, "invalid"},
});
static_assert(kEndpointLossSemanticsNames.dense());
enum class AzureRevocationEffect { pause, shutdown };
inline constexpr auto kAzureRevocationEffectNames = sim::enum_names<AzureRevocationEffect>({
    {AzureRevocationEffect::pause, "pause"},
    {AzureRevocationEffect::shutdown, "shutdown"},
});
static_assert(kAzureRevocationEffectNames.dense());
enum class RevocationPauseTiming { next_tick, immediate };
inline constexpr auto kRevocationPauseTimingNames = sim::enum_names<RevocationPauseTiming>({
    {RevocationPauseTiming::next_tick, "next_tick"},
    {RevocationPauseTiming::immediate, "immediate"},
});
static_assert(kRevocationPauseTimingNames.dense());
enum class RestartScope { node, cluster };
inline constexpr auto kRestartScopeNames =
    sim::enum_names<RestartScope>({{RestartScope::node, "node"}, {RestartScope::cluster, "cluster"}});
static_assert(kRestartScopeNames.dense());
enum class AutoResumeWithInvalidKey { disabled_ear, stay_paused };
inline constexpr auto kAutoResumeWithInvalidKeyNames = sim::enum_names<AutoResumeWithInvalidKey>({
    {AutoResumeWithInvalidKey::disabled_ear, "disabled_ear"},
    {AutoResumeWithInvalidKey::stay_paused, "stay_paused"},
});
static_assert(kAutoResumeWithInvalidKeyNames.dense());
enum class EndpointEventEmit { on_request, on_active };
inline constexpr auto kEndpointEventEmitNames = sim::enum_names<EndpointEventEmit>({
    {EndpointEventEmit::on_request, "on_request"},
    {EndpointEventEmit::on_active, "on_active"},
});
static_assert(kEndpointEventEmitNames.dense());
enum class MultipleProviders { allowed, single };
inline constexpr auto kMultipleProvidersNames = sim::enum_names<MultipleProviders>({
    {MultipleProviders::allowed, "allowed"},
    {MultipleProviders::single, "single"},
});
static_assert(kMultipleProvidersNames.dense());
enum class ValidationPhase { fixed, random };
inline constexpr auto kValidationPhaseNames =
    sim::enum_names<ValidationPhase>({{ValidationPhase::fixed, "fixed"}, {ValidationPhase::random, "random"}});
static_assert(kValidationPhaseNames.dense());

struct Settings {
  // ---- validation (seed 003 §'Validate your KMS Configuration') ----
  // Every 15 minutes [documented]. Alternative: any duration, for what-ifs.
  sim::Duration validation_interval = sim::Duration::minutes(15);
  // Offset of a project's first scheduled check from time zero (spec §4 "Tick phase", undocumented):
  // default 0; with validation_phase = random each project draws its offset in [0, interval).
  sim::Duration validation_phase_offset = sim::Duration::minutes(0);
  ValidationPhase validation_phase = ValidationPhase::fixed;
  // GET encryptionAtRest also validates (seed 003 "On-demand with the ... API endpoint"). Alt: false.
  bool validation_on_get = true;
  // Shut clusters down on an unscheduled (on-demand, credential-change) check too. Default false:
  // seed 003 says "on the next scheduled validity check". Alt: true.
  bool shutdown_on_unscheduled_check = false;
  // valid flag while the KMS cannot be reached: keep the last value (default) or set false
  // (spec §5, undocumented).
  ValidWhenUnreachable valid_when_unreachable = ValidWhenUnreachable::unchanged;

  // ---- clusters (spec §4, §2.7) ----
  // mongod/mongos restart after the configuration is valid again, or a user restart (spec §4:
  // undocumented, default 5 min, range 1-20).
  sim::Distribution restart_duration = sim::Duration::minutes(5);
  // Initial sync when a cluster's encryptionAtRestProvider changes (spec §4: default 30 min,
  // range 10 min-24 h) [inferred].
  sim::Distribution initial_sync = sim::Duration::minutes(30);
  // A resize (tier / disk) applying (undocumented; default 10 min) [inferred].
  sim::Distribution resize_duration = sim::Duration::minutes(10);
  // A new cluster CREATING -> IDLE (undocumented; default 10 min) [inferred].
  sim::Distribution cluster_create_duration = sim::Duration::minutes(10);
  // Nodes or regions added to a cluster (add_cluster_regions) join: UPDATING this long
  // (undocumented; default 10 min, as a resize) [inferred].
  sim::Distribution add_nodes_duration = sim::Duration::minutes(10);
  // Restart while the KMS is unreachable/invalid: only the restarted node(s) go down, the cluster
  // is DISABLED_EAR once all are down (node, default; seed 003 §intro, DOCS security-aws-kms) or
  // the whole cluster goes down at once (cluster).
  RestartScope restart_scope = RestartScope::node;
  // Nodes per region for new clusters (a 3-member replica set per region) [inferred].
  std::int64_t nodes_per_region = 3;
  // Auto-resume of a paused cluster after 30 days (DOCS pause-terminate-cluster) [documented].
  sim::Duration pause_auto_resume_after = sim::Duration::days(30);
  // A resumed cluster must run 60 minutes before the next pause (same) [documented].
  sim::Duration pause_min_running = sim::Duration::minutes(60);
  // Auto-resume while the key is invalid: DISABLED_EAR (default) or stay PAUSED (spec §5, undocumented).
  AutoResumeWithInvalidKey auto_resume_with_invalid_key = AutoResumeWithInvalidKey::disabled_ear;
  // Move of CMK clusters to the private path once the first endpoint is ACTIVE (spec §4: 0, 0-30 min).
  sim::Distribution migration_delay = sim::Duration::minutes(0);
  // Azure PN on -> multi-cloud clusters disabled (spec §4: 0, 0-15 min).
  sim::Distribution multicloud_disable_delay = sim::Duration::minutes(0);

  // ---- Azure key-access revocation (seed 004 §'Revoke Access to an Encryption Key') ----
  // pause (default, seed 004) or shutdown like any invalid key (seed 003's generic rule).
  AzureRevocationEffect azure_revocation_effect = AzureRevocationEffect::pause;
  // When the pause happens: at the next scheduled check (default) or at once (spec §4 T_revoke_pause).
  RevocationPauseTiming revocation_pause_timing = RevocationPauseTiming::next_tick;
  // DOCS azure-kms-over-public-network: no pause if the vault's IP access list blocks the Atlas
  // control plane. false (default, seeds 001/004 have no exception) | true: honour the project's
  // ipAccessListBlocksControlPlane flag, and then the revocation acts as an invalid key.
  bool azure_ip_list_blocks_pause = false;

  // ---- private endpoints (spec §2.1-2.3, §4, §5) ----
  // Approval -> ACTIVE visible: "up to three minutes" (seed 004 §'Enable and Set up...') [documented];
  // default uniform 0-3 min, capped at 3 min.
  sim::Distribution t_reflect = sim::Distribution(sim::Uniform{sim::Duration::minutes(0), sim::Duration::minutes(3)},
                                                  sim::Duration::minutes(3));
  // Azure INITIATING -> PENDING_ACCEPTANCE (spec §4: 1 min, 0.5-3) [observed CIREP]: lognormal with
  // the spec's median 1 min and p99 3 min, capped at 3 min.
  sim::Distribution t_az_prov = sim::Distribution(sim::LogNormal{sim::Duration::minutes(1), sim::Duration::minutes(3)},
                                                  sim::Duration::minutes(3));
  // AWS INITIATING -> ACTIVE (spec §4: median 3 min, 1-25, max 27 observed): lognormal with p99 25 min.
  sim::Distribution t_aws_prov = sim::Distribution(sim::LogNormal{sim::Duration::minutes(3), sim::Duration::minutes(25)},
                                                   sim::Duration::minutes(27));
  // The shortest AWS provisioning: a draw of t_aws_prov below it takes this long (spec §4 range
  // 1-25 min; the whole CI test never took under 3 min [observed]) [inferred].
  sim::Duration t_aws_prov_min = sim::Duration::minutes(1);
  // DELETING -> gone (spec §4: 2 min, 0.5-10) [observed: not immediate].
  sim::Distribution t_delete = sim::Distribution(sim::LogNormal{sim::Duration::minutes(2), sim::Duration::minutes(10)});
  // PENDING_RECREATION -> replacement INITIATING (spec §4: 1 min, 0-5) [observed "temporary"].
  sim::Distribution t_recreate = sim::Duration::minutes(1);
  // IAM role propagation before CANNOT_ASSUME_ROLE stops (spec §4: 20 s, 0-180 s) [observed].
  sim::Distribution t_iam = sim::Duration::seconds(20);
  RecreationMode recreation_mode = RecreationMode::new_record;  // docs (seed 000/004) vs PR #2544 same_record
  RecreationOldRecord recreation_old_record = RecreationOldRecord::remove_when_replacement_ready;  // undocumented
  bool aws_replacement_requires_approval = true;  // seed 000 "You must approve the new private endpoint"
  DeleteWhileInitiating delete_while_initiating = DeleteWhileInitiating::reject_400;  // CIREP; accept planned
  DeleteWhilePendingRecreation delete_while_pending_recreation = DeleteWhilePendingRecreation::reject_400;
  DeleteWhileDeleting delete_while_deleting = DeleteWhileDeleting::accept_204_noop;
  bool delete_failed_allowed = true;  // seed 000 "regardless of their state"
  PendingRemovalEffect pending_removal_effect = PendingRemovalEffect::no_change;  // PR #2512 (once)
  double endpoint_fail_prob = 0.0;   // creation ends FAILED (spec §6: observed, rare)
  double endpoint_stuck_prob = 0.0;  // creation stays INITIATING for good (spec §6 #1: 3 h stalls)
  double endpoint_delete_fail_prob = 0.0;  // DELETING -> FAILED [inferred]
  double api_500_rate = 0.0;          // POST endpoint -> 500 UNEXPECTED_ERROR (spec §6 #5)
  EndpointGuardScope endpoint_guard_scope = EndpointGuardScope::project;  // seed 000 "all ... associated with the project"
  DuplicateRegionEndpoint duplicate_region_endpoint = DuplicateRegionEndpoint::reject_409;  // undocumented
  DisableGuardOrder disable_guard_order = DisableGuardOrder::endpoints_clusters_compliance_key;  // spec §3.1 G-DIS order
  // Private-path block with no ACTIVE endpoint left: KMS unreachable (default) or invalid. A region that
  // loses its endpoint while others keep theirs is unreachable for its nodes (spec §2.5) [inferred].
  EndpointLossSemantics endpoint_loss_semantics = EndpointLossSemantics::unreachable;
  // ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_CREATED on the 202 (default) or when ACTIVE.
  EndpointEventEmit endpoint_event_emit = EndpointEventEmit::on_request;

  // ---- keys (spec §4, §8) ----
  // Customer-key rotation alert: 90 days (seed 003 §intro, default) vs 365 (seed 002 legacy page).
  std::int64_t rotation_alert_days = 90;
  // Atlas rotates its own master keys at most every 90 days (DOCS fact-atlas-key-rotation).
  sim::Duration master_key_rotation_interval = sim::Duration::days(90);
  // The rolling master-key rotation, begun in the maintenance window, is done after this window
  // (DOCS fact-atlas-key-rotation: "rotated on a rolling basis"; length undocumented) [inferred: 1h].
  sim::Distribution master_key_rotation_window = sim::Duration::hours(1);
  // Azure client secret lifetime at most 2 years (DOCS security-azure-kms) [documented].
  sim::Duration azure_secret_max_lifetime = sim::Duration::days(730);
  // AWS key scheduled for deletion: waiting period 7-30 days before deleted (AWS KMS) [inferred: 30].
  sim::Duration key_deletion_waiting_period = sim::Duration::days(30);
  // Soft-deleted key restorable for this long, then destroyed (seed 003 §'Restore a Deleted Key') [inferred: 90].
  sim::Duration key_recovery_window = sim::Duration::days(90);
  // A key rotation (a PATCH of a new key id) deploys over this window; until then the replaced key
  // must stay usable (seed 004 §'Rotate...': "until your changes have deployed") [inferred: 10m].
  sim::Distribution key_rotation_deploy_window = sim::Duration::minutes(10);
  // Provider-side automatic rotation period: about a year (DOCS security-aws-kms, security-azure-kms, security-gcp-kms; spec §4).
  sim::Duration provider_auto_rotation_period = sim::Duration::days(365);
  bool aws_allow_credentials_auth = false;  // seed 000 roles only vs seed 002 access keys
  // Backup Compliance Policy and disabling a provider: false (default, spec §3.1 G-DIS (3)): every
  // disable refused; true: only the last enabled one (api-errors CAN_NOT_DISABLE_ALL_...) [inferred].
  bool backup_compliance_keeps_one_provider = false;
  MultipleProviders multiple_providers = MultipleProviders::allowed;  // seed 003 "one or more"

  // ---- the Terraform provider as a client (spec §7; models/clients/) ----
  // timeouts.create / timeouts.delete when the configuration gives none: 3 h (TF
  // internal/common/constant/timeout.go DefaultTimeout); 20 min before 2024-09-09 (spec §7).
  sim::Duration tf_default_timeout = sim::Duration::hours(3);
  // MinTimeout of the endpoint waits: 30 s (TF internal/service/encryptionatrestprivateendpoint/
  // state_transition.go defaultMinTimeout); with the SDK's doubling clamp, gaps alternate 30 s / 10 s.
  sim::Duration tf_poll_min_timeout = sim::Duration::seconds(30);
  // How long the encryption-at-rest create re-sends its PATCH on role errors: 3 min (TF
  // internal/service/encryptionatrest/resource.go Timeout); 1 min before CHANGELOG #4064 (spec §7).
  sim::Duration tf_ear_retry_window = sim::Duration::minutes(3);
  // MinTimeout of that retry: 5 s (same file), so PATCHes go at 0, 5, 15, 25 ... s.
  sim::Duration tf_ear_retry_min_timeout = sim::Duration::seconds(5);
  // ---- alert notifications (who hears of a problem, and when) ----
  // An alert's notification goes out this long after the condition is detected (Atlas alert
  // settings "send if condition lasts at least", API notifications[].delayMin). Not in the seeds;
  // default 0 (Atlas's own default) [inferred]. Read by the scenario's responders.
  sim::Duration alert_notification_delay = sim::Duration::minutes(0);

  // ---- by name (for the YAML layer) ----
  // Throws SettingError for an unknown name or a value of the wrong kind / out of range.
  void set(std::string_view name, std::string_view text);  // parses per kind: "15m", "true", "0.1", "same_record"
  void set(std::string_view name, const char* text) { set(name, std::string_view(text)); }
  void set(std::string_view name, const std::string& text) { set(name, std::string_view(text)); }
  void set(std::string_view name, sim::Distribution d);    // duration or distribution settings
  void set(std::string_view name, sim::Duration d);
  void set(std::string_view name, bool b);
  void set(std::string_view name, double x);               // probability or int settings
  std::string get_text(std::string_view name) const;      // current value as text
  void check() const;  // all distributions well-formed, probabilities in [0,1], no deadlocking combination
};

// Unknown setting or bad value. what() is a full sentence; name()/value() for file:line:col reports.
class SettingError : public std::invalid_argument {
 public:
  SettingError(std::string name, std::string value, const std::string& message)
      : std::invalid_argument(message), name_(std::move(name)), value_(std::move(value)) {}
  const std::string& name() const { return name_; }
  const std::string& value() const { return value_; }

 private:
  std::string name_, value_;
};

enum class SettingKind { duration, distribution, enumeration, boolean, integer, probability };
inline constexpr auto kSettingKindNames = sim::enum_names<SettingKind>({
    {SettingKind::duration, "duration"},
    {SettingKind::distribution, "distribution"},
    {SettingKind::enumeration, "enumeration"},
    {SettingKind::boolean, "boolean"},
    {SettingKind::integer, "integer"},
    {SettingKind::probability, "probability"},
});
static_assert(kSettingKindNames.dense());
std::string_view setting_kind_name(SettingKind k);

struct SettingInfo {
  std::string_view name;         // snake_case, as in spec §4/§5
  SettingKind kind;
  std::string_view description;  // one line, with the source
  std::string default_text;      // the default, as text set() reads back
  std::vector<std::string_view> allowed;  // enumeration values; empty otherwise
};

// The first combination of settings under which the documented teardown could never finish
// (spec §5; setting_combinations.cpp), as the error Settings::check() throws; nullopt if none.
std::optional<SettingError> deadlocking_combination(const Settings& s);

// Every setting, in declaration order.
const std::vector<SettingInfo>& setting_names();
const SettingInfo* find_setting(std::string_view name);

}  // namespace models
