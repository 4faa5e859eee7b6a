// Settings that deadlock together (spec §5; issue 11 item 11): combinations of open choices under
// which the documented teardown (seed 000 §'Disable Private Endpoint Connections...' and
// §'Disable Customer-Managed Keys...': delete every endpoint "regardless of their state", then
// requirePrivateNetworking off, clusters off the key, the project's key off) can never finish. Such
// a sweep would report a teardown failure that is an artefact of the settings, not of Atlas, so
// they are refused when the settings are read.
#include <fmt/format.h>

#include "models/settings.h"

namespace models {

std::optional<SettingError> deadlocking_combination(const Settings& s) {
  // keep_until_deleted keeps the old PENDING_RECREATION record "until deleted": with DELETE of a
  // PENDING_RECREATION record refused, nothing ever removes it (G-DIS (1), G-PN block for good).
  if (s.recreation_old_record == RecreationOldRecord::keep_until_deleted &&
      s.delete_while_pending_recreation == DeleteWhilePendingRecreation::reject_400)
    return SettingError("recreation_old_record", "keep_until_deleted",
                        "recreation_old_record: keep_until_deleted needs delete_while_pending_recreation: accept; with "
                        "reject_400 the old PENDING_RECREATION record can never be deleted, so requirePrivateNetworking "
                        "and customer key management could never be turned off (spec §5)");
  // A FAILED endpoint has no way out but DELETE (spec §2.1): refusing it while the settings
  // themselves make endpoints fail leaves a record that blocks the teardown for good.
  if (!s.delete_failed_allowed) {
    const char* source = s.pending_removal_effect == PendingRemovalEffect::failed ? "pending_removal_effect: failed"
                         : s.endpoint_fail_prob > 0                               ? "endpoint_fail_prob above 0"
                         : s.endpoint_delete_fail_prob > 0                        ? "endpoint_delete_fail_prob above 0"
                                                                                  : nullptr;
    if (source)
      return SettingError("delete_failed_allowed", "false",
                          fmt::format("delete_failed_allowed: false cannot go with {}: a FAILED endpoint could never be "
                                      "deleted, so requirePrivateNetworking and customer key management could never be "
                                      "turned off (spec §5; seed 000 'regardless of their state')",
                                      source));
  }
  return std::nullopt;
}

}  // namespace models
