// Cluster (spec §1 "Cluster", §2.7): Atlas fields plus the sim lifecycle runState.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/container/small_vector.hpp>

#include "models/ids.h"
#include "models/search_nodes.h"
#include "sim/enum_names.h"
#include "sim/event_set.h"
#include "sim/transition_table.h"

namespace models {

// Lifecycle a user sees (spec §2.7; DISABLED_EAR = "disabled due to invalid Encryption at Rest
// settings", seed 003 §'Validate...'). CREATING/UPDATING/RESTARTING are the transitional states.
enum class ClusterState : std::uint8_t { CREATING, RUNNING, UPDATING, RESTARTING, DISABLED_EAR, PAUSED, DISABLED_MULTICLOUD };
enum class ClusterEvent : std::uint8_t {
  Created,            // cluster_create_duration elapsed
  ChangeRequested,    // provider change or resize accepted (queued while DISABLED_EAR)
  ChangeApplied,      // initial sync / resize done
  Restart,            // user restart / resume / configuration valid again: processes start
  RestartComplete,    // processes up (KMS usable)
  RestartFailed,      // processes could not start: KMS unreachable or key invalid
  Shutdown,           // scheduled check found the key invalid: all mongod/mongos stop
  ConfigValid,        // a check found the configuration valid: processes restart
  Pause,              // user pause
  PauseByAtlas,       // Azure key-access revocation (seed 004)
  Resume,             // user resume
  AutoResume,         // 30 days paused
  MultiCloudDisabled, // Azure PN on (seed 004 §'Limitations')
  MultiCloudRestored, // PN off again [inferred]
};
inline constexpr auto kClusterStateNames = sim::enum_names<ClusterState>({
    {ClusterState::CREATING, "CREATING"},
    {ClusterState::RUNNING, "RUNNING"},
    {ClusterState::UPDATING, "UPDATING"},
    {ClusterState::RESTARTING, "RESTARTING"},
    {ClusterState::DISABLED_EAR, "DISABLED_EAR"},
    {ClusterState::PAUSED, "PAUSED"},
    {ClusterState::DISABLED_MULTICLOUD, "DISABLED_MULTICLOUD"},
});
inline constexpr auto kClusterEventNames = sim::enum_names<ClusterEvent>({
    {ClusterEvent::Created, "created"},
    {ClusterEvent::ChangeRequested, "change_requested"},
    {ClusterEvent::ChangeApplied, "change_applied"},
    {ClusterEvent::Restart, "restart"},
    {ClusterEvent::RestartComplete, "restart_complete"},
    {ClusterEvent::RestartFailed, "restart_failed"},
    {ClusterEvent::Shutdown, "shutdown"},
    {ClusterEvent::ConfigValid, "config_valid"},
    {ClusterEvent::Pause, "pause"},
    {ClusterEvent::PauseByAtlas, "pause_by_atlas"},
    {ClusterEvent::Resume, "resume"},
    {ClusterEvent::AutoResume, "auto_resume"},
    {ClusterEvent::MultiCloudDisabled, "multicloud_disabled"},
    {ClusterEvent::MultiCloudRestored, "multicloud_restored"},
});
static_assert(kClusterStateNames.dense() && kClusterEventNames.dense());
inline std::string_view cluster_state_name(ClusterState s) { return kClusterStateNames.name(s); }
inline std::string_view cluster_event_name(ClusterEvent e) { return kClusterEventNames.name(e); }
// The guards' context is the provider whose key or key vault setting drives the event (the "azure"
// rows: Atlas pauses clusters on an Azure key-access revocation, or disables multi-cloud clusters
// under Azure private networking); NONE for events no provider drives.
const sim::TransitionTable<ClusterState, ClusterEvent, Provider>& cluster_table();
using ClusterMachine = sim::StateMachine<ClusterState, ClusterEvent, Provider>;

// Tiers that cannot use a customer key (seed 004 note; RAWSPEC): M0, M2, M5, Flex, Serverless.
bool is_tenant_tier(std::string_view instanceSizeName);

struct ClusterRegion {
  std::string regionName;   // e.g. "US_EAST_1"
  Provider providerName = Provider::AWS;  // cloud of the nodes in this region
  std::int64_t nodes = 3;
  // sim: nodes of this region whose processes could not start for want of the key (spec §2.5: a
  // private-path node reaches the KMS only through an ACTIVE endpoint in its own region).
  std::int64_t nodesDown = 0;
  // sim: regionName interned, set by the World when the region joins a cluster (none in requests).
  RegionId region = RegionId::none;
  // sim: this region's nodes cannot reach the key, as the last validation of the cluster's block
  // found it (spec §2.5: no ACTIVE endpoint in the region of a private-path cluster, or the key
  // unusable); false until a validation says otherwise.
  bool withoutKey = false;
};

struct QueuedChange {
  enum class Kind : std::uint8_t { Resize, SetProvider, AddRegions } kind = Kind::Resize;
  std::string instanceSizeName;  // Resize: new tier ("" = unchanged)
  std::int64_t diskSizeGB = 0;   // Resize: new disk (0 = unchanged)
  Provider provider = Provider::NONE;  // SetProvider
  std::vector<ClusterRegion> regions;  // AddRegions: nodes to add, per region (new or existing)
};

// A cluster's regions, in the order they joined (only ever appended). Most clusters have one, kept
// inside the Cluster: the checks that walk a project's clusters then read no second allocation.
using ClusterRegions = boost::container::small_vector<ClusterRegion, 1>;
// The regions as a span, for the checks that also read requested regions (a std::vector).
inline std::span<const ClusterRegion> region_span(const ClusterRegions& r) { return {r.data(), r.size()}; }

struct Cluster {
  ObjectId id;                    // 24-hex
  std::string name;
  ProjectIx project = 0;
  Provider providerName = Provider::AWS;     // cloud of the first region
  std::string instanceSizeName = "M10";
  std::int64_t diskSizeGB = 10;
  ClusterRegions regions;
  Provider encryptionAtRestProvider = Provider::NONE;
  bool paused = false;            // Atlas field
  // sim
  ClusterMachine runState{cluster_table(), {}};
  std::vector<QueuedChange> queuedChanges;  // submitted while DISABLED_EAR (seed 003), applied after restore
  std::optional<QueuedChange> applying;     // the change UPDATING is applying
  bool privatePath = false;       // KMS reached through the private endpoints (spec §2.5)
  bool pausedByAtlas = false;
  std::int64_t restartNodes = 0;  // nodes the running restart covers (0 = all)
  sim::Time resumedAt = sim::Time::from_ms(-(std::int64_t{1} << 40));
  sim::EventHandle pending;       // the scheduled end of the current transitional state
  ClusterEvent pendingEvent = ClusterEvent::Created;
  sim::EventHandle autoResume;     // the 30-day auto-resume of the current pause (its own timer)
  sim::Time pausedAt;             // when the current pause began (auto-resume counts from it)
  bool dataLost = false;          // only if the key was destroyed past its recovery window
  std::int64_t searchNodes = 0;   // dedicated Search Nodes (spec §1 sim field searchNodes)
  SearchNodesState searchNodesState = SearchNodesState::NONE;
  sim::EventHandle searchSync;    // the initial sync of new Search Nodes
  bool legacyBackup = false;      // Legacy Backups (deprecated) instead of Cloud Backup (seed 003 §'Encrypted Backups')

  ClusterState state() const { return runState.state(); }
  bool multiCloud() const;
  std::int64_t totalNodes() const;
  // Processes down after a restart during an outage (restart_scope node): the regions' sum.
  std::int64_t nodesDown() const;
  // The regions with nodes down, in the cluster's order ("" when none), e.g. "US_WEST_2,EU_WEST_1".
  std::string regionsDown() const;
  // The regions whose nodes cannot reach the key as the last validation found them
  // (ClusterRegion::withoutKey), in the same form; "" when every region can.
  std::string regionsWithoutKey() const;
  // Atlas stateName (IDLE, CREATING, UPDATING, REPAIRING): no "disabled" value exists (spec §1).
  std::string_view stateName() const;
  // Reads and writes are served: RUNNING or UPDATING with processes up (seed 003: none while disabled).
  bool servesReadsWrites() const;
};

struct Snapshot {
  ObjectId id;
  ClusterIx cluster = 0;
  Provider encryptionAtRestProvider = Provider::NONE;  // key that encrypted it (seed 003 §'Encrypted Backups')
  std::uint32_t keyVersion = 0;
  sim::Time createdAt;
};

}  // namespace models
