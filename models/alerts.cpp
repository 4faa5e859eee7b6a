#include "models/alerts.h"

#include <algorithm>
#include <array>

namespace models::alerts {

std::string key_invalid(Provider p) { return std::string(provider_name(p)) + "_ENCRYPTION_KEY_INVALID"; }
std::string key_valid(Provider p) { return std::string(provider_name(p)) + "_ENCRYPTION_KEY_VALID"; }
std::string key_needs_rotation(Provider p) { return std::string(provider_name(p)) + "_ENCRYPTION_KEY_NEEDS_ROTATION"; }
std::string key_rotated(Provider p) { return std::string(provider_name(p)) + "_ENCRYPTION_KEY_ROTATED"; }

sim::RecordKind kind_of(std::string_view n) {
  if (n == kClustersShutDownEmail) return sim::RecordKind::email;  // seed 003 §'Validate...': an email
  // RAWSPEC, the eventTypeName enums of an alert configuration: Encryption Key event types
  // <P>_ENCRYPTION_KEY_NEEDS_ROTATION and <P>_ENCRYPTION_KEY_INVALID; Group Event Types
  // ENCRYPTION_AT_REST_KMS_NETWORK_ACCESS_DENIED (DOCS KMS page: on by default) and
  // ENCRYPTION_AT_REST_CONFIG_NO_LONGER_VALID. The names that clear them (<P>_ENCRYPTION_KEY_VALID,
  // _ROTATED, _RESTORED, _IS_VALID) and every other name are activity-feed events (spec §1 "Events").
  // Built once: every recorded notification asks.
  static const std::array<std::string, 6> perProvider = {
      key_needs_rotation(Provider::AWS), key_invalid(Provider::AWS),   key_needs_rotation(Provider::AZURE),
      key_invalid(Provider::AZURE),      key_needs_rotation(Provider::GCP), key_invalid(Provider::GCP)};
  if (std::find(perProvider.begin(), perProvider.end(), n) != perProvider.end()) return sim::RecordKind::alert;
  if (n == kKmsNetworkAccessDenied || n == kConfigNoLongerValid) return sim::RecordKind::alert;
  return sim::RecordKind::event;
}

bool is_alertable(std::string_view n) { return kind_of(n) == sim::RecordKind::alert; }

std::vector<std::string> cleared_by(std::string_view n) {
  for (Provider p : {Provider::AWS, Provider::AZURE, Provider::GCP}) {
    if (n == key_invalid(p)) return {key_valid(p)};
    if (n == key_needs_rotation(p)) return {key_rotated(p)};
  }
  if (n == kKmsNetworkAccessDenied) return {std::string(kKmsNetworkAccessRestored)};
  if (n == kConfigNoLongerValid) return {std::string(kConfigIsValid)};
  return {};
}

}  // namespace models::alerts
