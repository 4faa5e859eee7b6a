// Project and its Encryption at Rest configuration (spec §1 "Project", "Project EAR config", §2.6).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/ids.h"
#include "models/key.h"
#include "sim/enum_names.h"
#include "sim/event_set.h"
#include "sim/transition_table.h"

namespace models {

// Project state (spec §1): ACTIVE / INACTIVE.
enum class ProjectState : std::uint8_t { ACTIVE, INACTIVE };
enum class ProjectEvent : std::uint8_t { Deactivate, Reactivate };
inline constexpr auto kProjectStateNames =
    sim::enum_names<ProjectState>({{ProjectState::ACTIVE, "ACTIVE"}, {ProjectState::INACTIVE, "INACTIVE"}});
inline constexpr auto kProjectEventNames =
    sim::enum_names<ProjectEvent>({{ProjectEvent::Deactivate, "deactivate"}, {ProjectEvent::Reactivate, "reactivate"}});
static_assert(kProjectStateNames.dense() && kProjectEventNames.dense());
inline std::string_view project_state_name(ProjectState s) { return kProjectStateNames.name(s); }
inline std::string_view project_event_name(ProjectEvent e) { return kProjectEventNames.name(e); }
const sim::TransitionTable<ProjectState, ProjectEvent>& project_table();

// The Encryption at Rest machine of one provider block (spec §2.6).
enum class EarState : std::uint8_t { OFF, ON_VALID, ON_INVALID, ON_UNREACHABLE };
enum class EarEvent : std::uint8_t { Enable, Disable, CheckValid, CheckInvalid, CheckUnreachable, UpdateFields, RotateKey };
inline constexpr auto kEarStateNames = sim::enum_names<EarState>({
    {EarState::OFF, "OFF"},
    {EarState::ON_VALID, "ON_VALID"},
    {EarState::ON_INVALID, "ON_INVALID"},
    {EarState::ON_UNREACHABLE, "ON_UNREACHABLE"},
});
inline constexpr auto kEarEventNames = sim::enum_names<EarEvent>({
    {EarEvent::Enable, "enable"},
    {EarEvent::Disable, "disable"},
    {EarEvent::CheckValid, "check_valid"},
    {EarEvent::CheckInvalid, "check_invalid"},
    {EarEvent::CheckUnreachable, "check_unreachable"},
    {EarEvent::UpdateFields, "update_fields"},
    {EarEvent::RotateKey, "rotate_key"},
});
static_assert(kEarStateNames.dense() && kEarEventNames.dense());
inline std::string_view ear_state_name(EarState s) { return kEarStateNames.name(s); }
inline std::string_view ear_event_name(EarEvent e) { return kEarEventNames.name(e); }
const sim::TransitionTable<EarState, EarEvent>& ear_table();

// requirePrivateNetworking (spec §2.6 "PN=false -> PN=true in place", G-PN). The guards' context is
// the block's provider: rows for "aws" and "azure" only, GCP has no PN (spec §2.4).
enum class PnState : std::uint8_t { OFF, ON };
enum class PnEvent : std::uint8_t { Require, Release };
inline constexpr auto kPnStateNames = sim::enum_names<PnState>({{PnState::OFF, "OFF"}, {PnState::ON, "ON"}});
inline constexpr auto kPnEventNames = sim::enum_names<PnEvent>({{PnEvent::Require, "require"}, {PnEvent::Release, "release"}});
static_assert(kPnStateNames.dense() && kPnEventNames.dense());
inline std::string_view pn_state_name(PnState s) { return kPnStateNames.name(s); }
inline std::string_view pn_event_name(PnEvent e) { return kPnEventNames.name(e); }
const sim::TransitionTable<PnState, PnEvent, Provider>& pn_table();
using PnMachine = sim::StateMachine<PnState, PnEvent, Provider>;

// One block of EncryptionAtRest: awsKms / azureKeyVault / googleCloudKms (RAWSPEC field names).
struct KmsConfig {
  // Fields in the order a validation tick reads them: the flags, the key, the machines, then the
  // texts it does not read (issue 14: a tick then touches few cache lines).
  bool enabled = false;
  bool valid = false;                     // read-only; only validation sets it (seed 002 §'Response')
  bool requirePrivateNetworking = false;  // AWS and Azure only (RAWSPEC)
  // sim: CMK clusters of this provider use the private endpoints (spec §2.5 "first endpoint ACTIVE").
  bool privatePath = false;
  bool networkAccessDenied = false;  // last validation could not reach the KMS (alert raised)
  CustomerKey key;                   // the customer's key and credentials in the cloud
  // sim: machines
  sim::StateMachine<EarState, EarEvent> ear{ear_table(), {}};
  PnMachine pn{pn_table(), {}};
  // sim: the KMS region used for reachability (AWS region, Azure vault region, GCP key location).
  std::string kmsRegion;
  // AWS
  std::string customerMasterKeyID, region, roleId;
  // Azure
  std::string azureEnvironment, keyVaultName, keyIdentifier, resourceGroupName, subscriptionID;
  std::string clientID, tenantID;  // the app registration Atlas signs in as; its secret is never kept
  // GCP
  std::string keyVersionResourceID;
};

struct Project {
  // sim: what every validation tick reads, first and together (issue 14: at fleet scale the
  // projects do not stay in cache, and each line a tick touches is a miss).
  sim::EventHandle nextTick;      // without fast-forward: the pending tick
  std::uint64_t scheduledChecks = 0;  // ticks run, with fast-forward's elided ones credited
  // The enabled blocks, bit block_index (World::set_block_enabled keeps it with KmsConfig::enabled).
  std::uint8_t enabledBlocks = 0;
  // Some cluster may be DISABLED_EAR or have nodes down (set when one becomes so, cleared by
  // recover_clusters when none is).
  bool clustersToRecover = false;
  // fast-forward: whether the last tick found nothing to do (dormant; dormantBlocks: the enabled
  // blocks each elided tick would have checked), the grid point of the last tick run or credited
  // (ms; firstTick - interval before the first), and the tick due in World's due set (never: none).
  bool dormant = false;
  std::uint8_t dormantBlocks = 0;
  // ACTIVE endpoints per cloud (index block_index), kept by fire_endpoint (count_active_endpoint).
  std::array<std::uint32_t, kBlockCount> activeEndpoints{};
  std::int64_t lastTickMs = 0;
  sim::Time tickDue = sim::Time::never();
  // The validation schedule (models/tick_schedule.cpp). The tick grid is firstTick + k * interval.
  sim::Duration validationPhase;  // offset of the first scheduled check from the project's creation
  sim::Time firstTick;            // creation time + validationPhase
  // The project's own key-rotation alert threshold in days (the alert configuration's GREATER_THAN
  // n DAYS, RAWSPEC); unset: Settings::rotation_alert_days; 0: the alert is turned off.
  std::optional<std::int64_t> rotationAlertDays;
  // The last answer of World::update_regions_without_key per block (index block_index), reused
  // while its inputs are unchanged: regionInputs counts changes to the clusters' key providers,
  // private paths and regions and to activeEndpointRegions (World::region_inputs_changed); the
  // block's key usability is the other input. An idle tick then reads no cluster.
  struct RegionsChecked {
    std::uint64_t inputs = 0;  // regionInputs when found (0: never)
    bool keyUsable = false;
    bool anyCut = false;       // regionsCut of the block is not empty
  };
  std::uint64_t regionInputs = 1;
  std::array<RegionsChecked, kBlockCount> regionsChecked;

  std::array<KmsConfig, kBlockCount> blocks;  // index block_index(Provider)

  ObjectId id;       // 24-hex group id
  std::string name;
  sim::StateMachine<ProjectState, ProjectEvent> state{project_table(), {}};
  bool backupCompliancePolicy = false;
  bool enabledForSearchNodes = false;  // EncryptionAtRest.enabledForSearchNodes (RAWSPEC; spec §1)
  std::vector<std::uint32_t> clusterIxs;   // sim: the project's clusters (indices into World::clusters())
  std::vector<std::uint32_t> endpointIxs;  // sim: the project's endpoints, gone ones too
  // sim: the regions of the ACTIVE endpoints per cloud, one entry per endpoint, kept with
  // activeEndpoints (World::count_active_endpoint): the check asks per cluster region (spec §2.5).
  std::array<std::vector<RegionId>, kBlockCount> activeEndpointRegions;
  // The regions the last update_regions_without_key found cut, per block (regionsChecked).
  std::array<std::vector<std::string>, kBlockCount> regionsCut;

  KmsConfig& block(Provider p) { return blocks[block_index(p)]; }
  const KmsConfig& block(Provider p) const { return blocks[block_index(p)]; }
  const KmsConfig& awsKms() const { return blocks[0]; }
  const KmsConfig& azureKeyVault() const { return blocks[1]; }
  const KmsConfig& googleCloudKms() const { return blocks[2]; }
  bool active() const { return state.state() == ProjectState::ACTIVE; }
};

}  // namespace models
