// Alerts and emails: Atlas event-type names (RAWSPEC event types, spec §1 "Events") emitted as
// sim::Record{kind "alert" | "email" | "event", fields {eventTypeName, ...}}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "models/ids.h"
#include "sim/observer.h"

namespace models::alerts {

// Per provider: "AWS_ENCRYPTION_KEY_INVALID" etc.
std::string key_invalid(Provider p);          // <P>_ENCRYPTION_KEY_INVALID (alertable)
std::string key_valid(Provider p);            // <P>_ENCRYPTION_KEY_VALID
std::string key_needs_rotation(Provider p);   // <P>_ENCRYPTION_KEY_NEEDS_ROTATION (alertable)
std::string key_rotated(Provider p);          // <P>_ENCRYPTION_KEY_ROTATED

inline constexpr std::string_view kKmsNetworkAccessDenied = "ENCRYPTION_AT_REST_KMS_NETWORK_ACCESS_DENIED";
inline constexpr std::string_view kKmsNetworkAccessRestored = "ENCRYPTION_AT_REST_KMS_NETWORK_ACCESS_RESTORED";
inline constexpr std::string_view kConfigNoLongerValid = "ENCRYPTION_AT_REST_CONFIG_NO_LONGER_VALID";
inline constexpr std::string_view kConfigIsValid = "ENCRYPTION_AT_REST_CONFIG_IS_VALID";
inline constexpr std::string_view kConfigurationUpdated = "ENCRYPTION_AT_REST_CONFIGURATION_UPDATED";
inline constexpr std::string_view kValidationFailed = "ENCRYPTION_AT_REST_VALIDATION_FAILED";
inline constexpr std::string_view kValidationSucceeded = "ENCRYPTION_AT_REST_VALIDATION_SUCCEEDED";
inline constexpr std::string_view kKeyRotationStarted = "ENCRYPTION_AT_REST_KEY_ROTATION_STARTED";
inline constexpr std::string_view kPrivateEndpointCreated = "ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_CREATED";
inline constexpr std::string_view kPrivateEndpointDeleted = "ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETED";
// The email seed 003 §'Validate...' describes ("Atlas sends an email to the Project Owner listing
// all affected clusters"); not an Atlas event type: a sim name.
inline constexpr std::string_view kClustersShutDownEmail = "SIM_EAR_CLUSTERS_SHUT_DOWN_EMAIL";
// Atlas master-key rotation (DOCS fact-atlas-key-rotation); sim name, kind "event".
inline constexpr std::string_view kMasterKeyRotated = "SIM_ATLAS_MASTER_KEY_ROTATED";
// Cluster paused by Atlas on Azure key-access revocation (seed 004 §'Revoke Access...'); sim name.
inline constexpr std::string_view kClusterPausedByAtlas = "SIM_CLUSTER_PAUSED_KEY_ACCESS_REVOKED";
// A snapshot taken / restored (seed 003 §'Encrypted Backups': bound to the key that encrypted it);
// sim names, kind "event".
inline constexpr std::string_view kSnapshotTaken = "SIM_SNAPSHOT_TAKEN";
inline constexpr std::string_view kSnapshotRestored = "SIM_SNAPSHOT_RESTORED";

// The one catalogue of what a name is: "alert" (alertable: an alert configuration can watch it),
// "email" (kClustersShutDownEmail) or "event" (project activity feed only, every other name).
// World::alert records each name with this kind; callers do not choose it.
sim::RecordKind kind_of(std::string_view eventTypeName);
// kind_of(eventTypeName) == alert.
bool is_alertable(std::string_view eventTypeName);
// The notifications that clear an alertable one (the condition is over): <P>_ENCRYPTION_KEY_VALID
// for <P>_ENCRYPTION_KEY_INVALID, ..._RESTORED for ..._DENIED, ..._IS_VALID for ..._NO_LONGER_VALID,
// <P>_ENCRYPTION_KEY_ROTATED for <P>_ENCRYPTION_KEY_NEEDS_ROTATION. Empty for any other name.
std::vector<std::string> cleared_by(std::string_view eventTypeName);

}  // namespace models::alerts
