// The customer's key in the cloud KMS, and what Atlas needs to use it: external world, changed by
// the customer (cloud console) or by faults, read by the validator (spec §2.8).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/ids.h"
#include "sim/enum_names.h"
#include "sim/time.h"
#include "sim/transition_table.h"

namespace models {

// Key state in AWS KMS / Azure Key Vault / Google Cloud KMS (spec §2.8).
enum class KeyState : std::uint8_t { ENABLED, DISABLED, PENDING_DELETION, DELETED, DESTROYED };
enum class KeyEvent : std::uint8_t { Disable, Enable, ScheduleDeletion, CancelDeletion, WaitingPeriodEnds, Delete, Restore, RecoveryWindowEnds };
inline constexpr auto kKeyStateNames = sim::enum_names<KeyState>({
    {KeyState::ENABLED, "ENABLED"},
    {KeyState::DISABLED, "DISABLED"},
    {KeyState::PENDING_DELETION, "PENDING_DELETION"},
    {KeyState::DELETED, "DELETED"},
    {KeyState::DESTROYED, "DESTROYED"},
});
inline constexpr auto kKeyEventNames = sim::enum_names<KeyEvent>({
    {KeyEvent::Disable, "disable"},
    {KeyEvent::Enable, "enable"},
    {KeyEvent::ScheduleDeletion, "schedule_deletion"},
    {KeyEvent::CancelDeletion, "cancel_deletion"},
    {KeyEvent::WaitingPeriodEnds, "waiting_period_ends"},
    {KeyEvent::Delete, "delete"},
    {KeyEvent::Restore, "restore"},
    {KeyEvent::RecoveryWindowEnds, "recovery_window_ends"},
});
static_assert(kKeyStateNames.dense() && kKeyEventNames.dense());
inline std::string_view key_state_name(KeyState s) { return kKeyStateNames.name(s); }
inline std::string_view key_event_name(KeyEvent e) { return kKeyEventNames.name(e); }
const sim::TransitionTable<KeyState, KeyEvent>& key_table();

// Credentials Atlas uses: AWS IAM role (PROPAGATING until IAM catches up, spec §2.8 [observed]),
// Azure client secret (EXPIRED after at most 2 years), GCP service account.
enum class CredentialState : std::uint8_t { PROPAGATING, VALID, EXPIRED, INVALID };
enum class CredentialEvent : std::uint8_t { Propagated, Expire, Invalidate, Update };
inline constexpr auto kCredentialStateNames = sim::enum_names<CredentialState>({
    {CredentialState::PROPAGATING, "PROPAGATING"},
    {CredentialState::VALID, "VALID"},
    {CredentialState::EXPIRED, "EXPIRED"},
    {CredentialState::INVALID, "INVALID"},
});
inline constexpr auto kCredentialEventNames = sim::enum_names<CredentialEvent>({
    {CredentialEvent::Propagated, "propagated"},
    {CredentialEvent::Expire, "expire"},
    {CredentialEvent::Invalidate, "invalidate"},
    {CredentialEvent::Update, "update"},
});
static_assert(kCredentialStateNames.dense() && kCredentialEventNames.dense());
inline std::string_view credential_state_name(CredentialState s) { return kCredentialStateNames.name(s); }
inline std::string_view credential_event_name(CredentialEvent e) { return kCredentialEventNames.name(e); }
// The guards' context is the provider whose credentials Atlas is given or loses ("azure": a client
// secret expires; "aws_role": a new AWS role first propagates). Without one, as when the customer
// repairs credentials in the cloud, only the unguarded rows apply.
const sim::TransitionTable<CredentialState, CredentialEvent, Provider>& credential_table();
using CredentialMachine = sim::StateMachine<CredentialState, CredentialEvent, Provider>;

// Atlas's access to the key (Azure key-vault access policy / RBAC, AWS key policy, GCP IAM).
enum class AccessState : std::uint8_t { GRANTED, REVOKED };
enum class AccessEvent : std::uint8_t { Revoke, Grant };
inline constexpr auto kAccessStateNames =
    sim::enum_names<AccessState>({{AccessState::GRANTED, "GRANTED"}, {AccessState::REVOKED, "REVOKED"}});
inline constexpr auto kAccessEventNames = sim::enum_names<AccessEvent>({{AccessEvent::Revoke, "revoke"}, {AccessEvent::Grant, "grant"}});
static_assert(kAccessStateNames.dense() && kAccessEventNames.dense());
inline std::string_view access_state_name(AccessState s) { return kAccessStateNames.name(s); }
inline std::string_view access_event_name(AccessEvent e) { return kAccessEventNames.name(e); }
const sim::TransitionTable<AccessState, AccessEvent>& access_table();

// What keeps a key from being usable although the KMS shows it, by provider (api-errors: AWS
// PENDING_IMPORT, GCP PENDING_GENERATION; spec §3.2). The current key of a block never has one:
// Atlas refuses such a key before it uses it.
enum class KeyPending : std::uint8_t { none, import_material, generation };

// A key (AWS KMS key, Azure Key Vault key version, GCP key version) in the customer's KMS besides
// the one Atlas uses now: an older one that rotation replaced, or a newer one made ahead of a
// rotation (seed 004 §'Rotate your Azure Key Identifier'; spec §2.6 "old and new key").
struct KeyVersion {
  std::string id;              // customerMasterKeyID / keyIdentifier / keyVersionResourceID
  std::string region;          // AWS: the KMS region holding it (a multi-Region replica has its own); else empty
  std::uint32_t version = 0;   // Atlas's version number while it used this key; 0: never used
  KeyState state = KeyState::ENABLED;
  KeyPending pending = KeyPending::none;
  sim::Time notBefore;                      // Azure "nbf" (api-errors AZURE_KEY_VAULT_KEY_NOT_ACTIVE)
  sim::Time expiresAt = sim::Time::never();  // Azure "exp" (api-errors AZURE_KEY_VAULT_KEY_EXPIRED)
};

// Fields in the order a validation tick reads them: the scalars and the machines first, the rest
// (other keys, timers, the erased id) after, so that a tick touches few cache lines (issue 14).
struct CustomerKey {
  Provider provider = Provider::NONE;
  // KMS reachability: a whole-provider outage, or outages of single regions (spec §2.8 REACHABLE).
  bool outage = false;
  bool rotationAlertSent = false;
  // Azure public network: the vault's IP access list blocks the Atlas control plane (spec §8.2).
  bool ipAccessListBlocksControlPlane = false;
  // Provider-side automatic rotation, about yearly (DOCS security-aws-kms, security-azure-kms, security-gcp-kms; spec §4).
  bool autoRotation = false;
  // Rotation: version counter and when the current version was created (rotation alert clock).
  std::uint32_t version = 1;
  // A rotation still deploying: until then the replaced version must stay usable (seed 004
  // §'Rotate...'); 0: none.
  std::uint32_t deployingFrom = 0;
  sim::Time rotatedAt;             // may be "before" zero via keyAgeAtStart
  sim::Duration keyAgeAtStart;     // age of the key version at time zero
  // Azure attributes of the current key: not before / expires (api-errors AZURE_KEY_VAULT_KEY_*).
  sim::Time notBefore;
  sim::Time expiresAt = sim::Time::never();
  // Azure: secret expiry (<= 2 years, DOCS security-azure-kms); Time::never() when none.
  sim::Time secretExpiresAt = sim::Time::never();
  std::set<std::string> unreachableRegions;
  sim::StateMachine<KeyState, KeyEvent> keyState{key_table(), {}};
  CredentialMachine credentials{credential_table(), {}};
  sim::StateMachine<AccessState, AccessEvent> access{access_table(), {}};
  // Pending scheduled transitions (deletion waiting period, recovery window).
  std::uint64_t keyTimerGeneration = 0;
  std::uint64_t rotationGeneration = 0;
  std::uint64_t autoRotationGeneration = 0;
  // The customer's other keys (models/key_versions.cpp), the replaced one of a deploying rotation
  // among them (deployingFrom).
  std::vector<KeyVersion> others;
  // The id of the key while the block is erased ({enabled: false}): the key stays in the cloud, and
  // enabling again without a key id uses it.
  std::string erasedId;

  bool usable() const {
    return keyState.state() == KeyState::ENABLED && credentials.state() == CredentialState::VALID &&
           access.state() == AccessState::GRANTED;
  }
  bool reachable(const std::string& region) const {
    return !outage && (unreachableRegions.empty() || !unreachableRegions.contains(region));
  }
};

}  // namespace models
