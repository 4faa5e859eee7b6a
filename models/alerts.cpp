#include "models/alerts.h"

namespace models::alerts {

std::string key_invalid(Provider p) { return std::string(provider_name(p)) + "_ENCRYPTION_KEY_INVALID"; }
std::string key_valid(Provider p) { return std::string(provider_name(p)) + "_ENCRYPTION_KEY_VALID"; }
std::string key_needs_rotation(Provider p) { return std::string(provider_name(p)) + "_ENCRYPTION_KEY_NEEDS_ROTATION"; }
std::string key_rotated(Provider p) { return std::string(provider_name(p)) + "_ENCRYPTION_KEY_ROTATED"; }

bool is_alertable(std::string_view n) {
  // RAWSPEC: the alertable ones are KEY_NEEDS_ROTATION, KEY_INVALID, and (DOCS KMS page, alert on
  // by default) KMS_NETWORK_ACCESS_DENIED; the others are activity-feed events.
  auto ends = [&](std::string_view suffix) {
    return n.size() >= suffix.size() && n.substr(n.size() - suffix.size()) == suffix;
  };
  return ends("_ENCRYPTION_KEY_NEEDS_ROTATION") || ends("_ENCRYPTION_KEY_INVALID") || n == kKmsNetworkAccessDenied ||
         n == kConfigNoLongerValid;
}

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
