// Encryption at Rest private endpoint (RAWSPEC EARPrivateEndpoint; spec §1, §2.1-2.3).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "models/ids.h"
#include "sim/enum_names.h"
#include "sim/event_set.h"
#include "sim/machine_description.h"
#include "sim/transition_table.h"

namespace models {

// NONE = no record yet (spec's ∅); DELETED = gone, GET answers 404 (spec: "no DELETED status").
enum class EndpointStatus : std::uint8_t { NONE, INITIATING, PENDING_ACCEPTANCE, ACTIVE, FAILED, PENDING_RECREATION, DELETING, DELETED };
enum class EndpointEvent : std::uint8_t {
  Create,                    // POST {regionName}, 202
  Provisioned,               // T_aws_prov / T_az_prov elapsed
  CreationFailed,            // fault: FAILED + errorMessage
  ApprovalReflected,         // approved in the cloud, visible after T_reflect (<= 3 min)
  ConnectionRemoved,         // ACTIVE connection rejected/removed in the cloud console
  PendingConnectionRemoved,  // PENDING_ACCEPTANCE connection rejected/removed
  RecreationStarts,          // same_record: back to INITIATING
  ReplacementReady,          // new_record: old record goes once the replacement left INITIATING
  Delete,                    // DELETE, 204
  DeletionDone,              // T_delete elapsed: 404
  DeletionFailed,            // fault
};
// Atlas values; NONE and DELETED, which the API never shows, in lower case.
inline constexpr auto kEndpointStatusNames = sim::enum_names<EndpointStatus>({
    {EndpointStatus::NONE, "none"},
    {EndpointStatus::INITIATING, "INITIATING"},
    {EndpointStatus::PENDING_ACCEPTANCE, "PENDING_ACCEPTANCE"},
    {EndpointStatus::ACTIVE, "ACTIVE"},
    {EndpointStatus::FAILED, "FAILED"},
    {EndpointStatus::PENDING_RECREATION, "PENDING_RECREATION"},
    {EndpointStatus::DELETING, "DELETING"},
    {EndpointStatus::DELETED, "deleted"},
});
inline constexpr auto kEndpointEventNames = sim::enum_names<EndpointEvent>({
    {EndpointEvent::Create, "create"},
    {EndpointEvent::Provisioned, "provisioned"},
    {EndpointEvent::CreationFailed, "creation_failed"},
    {EndpointEvent::ApprovalReflected, "approval_reflected"},
    {EndpointEvent::ConnectionRemoved, "connection_removed"},
    {EndpointEvent::PendingConnectionRemoved, "pending_connection_removed"},
    {EndpointEvent::RecreationStarts, "recreation_starts"},
    {EndpointEvent::ReplacementReady, "replacement_ready"},
    {EndpointEvent::Delete, "delete"},
    {EndpointEvent::DeletionDone, "deletion_done"},
    {EndpointEvent::DeletionFailed, "deletion_failed"},
});
static_assert(kEndpointStatusNames.dense() && kEndpointEventNames.dense());
inline std::string_view endpoint_status_name(EndpointStatus s) { return kEndpointStatusNames.name(s); }
inline std::string_view endpoint_event_name(EndpointEvent e) { return kEndpointEventNames.name(e); }
// What the endpoint table's guards look at: the endpoint (its cloud, whether Atlas created it as a
// replacement) and the open choices of the settings (spec §5). The guards are in endpoint_machine.cpp.
struct PrivateEndpoint;
struct Settings;
struct EndpointGuardContext {
  const PrivateEndpoint& endpoint;
  const Settings& settings;
};
using EndpointTable = sim::TransitionTable<EndpointStatus, EndpointEvent, EndpointGuardContext>;
using EndpointMachine = sim::StateMachine<EndpointStatus, EndpointEvent, EndpointGuardContext>;
const EndpointTable& endpoint_table();
// Whether rows with guard g can fire for an endpoint on `cloud` (the per-cloud picture).
bool endpoint_guard_on_cloud(const EndpointTable::Guard& g, Provider cloud);

struct PrivateEndpoint {
  ObjectId id;                    // 24-hex
  Provider cloudProvider = Provider::AWS;  // AWS | AZURE only
  std::string regionName;
  RegionId region = RegionId::none;  // sim: regionName interned by the World (new_endpoint)
  std::string errorMessage;
  std::string privateEndpointConnectionName;  // Azure: connection to approve; AWS: endpoint resource id
  EndpointMachine status{endpoint_table(), {}};
  // sim
  // The scenario's name for it (`name:` / `as:`; Atlas endpoints have none), shown in every output
  // in place of the id; a replacement Atlas creates shows "<name>~2", "~3", ... (issue 15).
  std::string label;
  ProjectIx project = 0;
  bool replacement = false;                  // created by Atlas after reject/remove
  std::optional<EndpointIx> replacesIx;      // the PENDING_RECREATION record it replaces (new_record)
  std::optional<EndpointIx> replacedByIx;
  bool approvedInCloud = false;              // cloudConnection approved, waiting for T_reflect
  sim::Time statusSince;
  sim::EventHandle pending;                  // the one scheduled transition, if any
  EndpointEvent pendingEvent = EndpointEvent::Provisioned;
  bool gone() const { return status.state() == EndpointStatus::DELETED; }
  EndpointStatus state() const { return status.state(); }
  std::string_view statusName() const { return endpoint_status_name(status.state()); }
};

}  // namespace models
