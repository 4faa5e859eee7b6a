// Tables of the external world: the customer key, the credentials, the access grant (spec §2.8).
#include "models/key.h"

#include "models/cloud_guards.h"

namespace models {

const sim::TransitionTable<KeyState, KeyEvent>& key_table() {
  using S = KeyState;
  using E = KeyEvent;
  static const sim::TransitionTable<KeyState, KeyEvent> t(
      "key", {S::ENABLED, S::DISABLED, S::PENDING_DELETION, S::DELETED, S::DESTROYED}, S::ENABLED, {S::DESTROYED},
      {
          {S::ENABLED, E::Disable, S::DISABLED, "seed 003 §'Validate your KMS Configuration' (someone disables your key)"},
          {S::DISABLED, E::Enable, S::ENABLED, "seed 003 §'Validate...' (restore your key if disabled)"},
          {S::ENABLED, E::ScheduleDeletion, S::PENDING_DELETION, "spec §2.8 (schedule deletion)"},
          {S::DISABLED, E::ScheduleDeletion, S::PENDING_DELETION, "spec §2.8"},
          {S::PENDING_DELETION, E::CancelDeletion, S::ENABLED, "spec §2.8 restore [inferred: back to ENABLED]"},
          {S::PENDING_DELETION, E::WaitingPeriodEnds, S::DELETED, "spec §2.8; key_deletion_waiting_period [inferred]"},
          {S::ENABLED, E::Delete, S::DELETED, "seed 003 §'Validate...' (someone deletes your key)"},
          {S::DISABLED, E::Delete, S::DELETED, "seed 003 §'Validate...'"},
          {S::PENDING_DELETION, E::Delete, S::DELETED, "spec §2.8"},
          {S::DELETED, E::Restore, S::ENABLED, "seed 003 §'Restore a Deleted Key'"},
          {S::DELETED, E::RecoveryWindowEnds, S::DESTROYED, "seed 000 warning: past the recovery window data is lost"},
      },
      key_state_name, key_event_name);
  return t;
}

const sim::TransitionTable<CredentialState, CredentialEvent, Provider>& credential_table() {
  using S = CredentialState;
  using E = CredentialEvent;
  // spec §2.8: an AWS role Atlas is newly given first propagates through IAM.
  static constexpr sim::Guard<Provider> aws_role{"aws_role", [](const Provider& p) { return p == Provider::AWS; }};
  static const sim::TransitionTable<CredentialState, CredentialEvent, Provider> t(
      "credentials", {S::PROPAGATING, S::VALID, S::EXPIRED, S::INVALID}, S::VALID, {},
      {
          {S::PROPAGATING, E::Propagated, S::VALID, "spec §2.8, T_iam (CIREP CANNOT_ASSUME_ROLE retries) [observed]"},
          {S::VALID, E::Expire, S::EXPIRED, cloud_guard::azure, "DOCS security-azure-kms: client secret lifetime <= 2 years"},
          {S::VALID, E::Invalidate, S::INVALID, "seed 003 §'Validate...' (credentials become invalid)"},
          {S::PROPAGATING, E::Invalidate, S::INVALID, "seed 003 §'Validate...'"},
          {S::INVALID, E::Update, S::PROPAGATING, aws_role, "spec §2.8"},
          {S::VALID, E::Update, S::VALID, "seed 003 §'Validate...' (update your credentials)"},
          {S::EXPIRED, E::Update, S::VALID, "seed 003 §'Validate...' (update your credentials)"},
          {S::INVALID, E::Update, S::VALID, "seed 003 §'Validate...' (update your credentials)"},
      },
      credential_state_name, credential_event_name);
  return t;
}

const sim::TransitionTable<AccessState, AccessEvent>& access_table() {
  using S = AccessState;
  using E = AccessEvent;
  static const sim::TransitionTable<AccessState, AccessEvent> t(
      "key_access", {S::GRANTED, S::REVOKED}, S::GRANTED, {},
      {
          {S::GRANTED, E::Revoke, S::REVOKED, "seed 004 §'Revoke Access to an Encryption Key'; AWS/GCP as invalid credentials [inferred]"},
          {S::REVOKED, E::Grant, S::GRANTED, "seed 004 §'Revoke Access...' (restore access) [inferred]"},
      },
      access_state_name, access_event_name);
  return t;
}

}  // namespace models
