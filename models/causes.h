// Causes that other layers key on: a transition record's `cause` says why a state machine moved.
// Invariants (explore/), metrics (sweep/) and reports compare against these names, so a rename
// here is a compile-time change everywhere instead of a check that silently stops matching.
// Most other causes are the name of the action that fired the transition (models::actions()).
#pragma once

#include <string_view>

namespace models::causes {

// seed 003 §'Validate...': a scheduled check found the key invalid and shut the cluster down.
inline constexpr std::string_view kScheduledCheckKeyInvalid = "scheduled_check_key_invalid";
// restart_scope: nodes: a restart finished with some nodes unable to start (KMS unreachable).
inline constexpr std::string_view kRestartPartialKmsUnavailable = "restart_partial_kms_unavailable";
// The user's PATCH {<block>: {enabled: false}} (action disable_cmk) turning a block off.
inline constexpr std::string_view kDisableCmk = "disable_cmk";

// A client actor's records (RecordKind::client, models/clients/): a command starts, a command ends
// (field outcome: success | error). Sweep metrics key on them.
inline constexpr std::string_view kClientApply = "apply";
inline constexpr std::string_view kClientDestroy = "destroy";
inline constexpr std::string_view kClientDone = "done";

}  // namespace models::causes
