#include "models/ids.h"

#include <fmt/format.h>

namespace models {

std::string_view provider_name(Provider p) {
  switch (p) {
    case Provider::NONE: return "NONE";
    case Provider::AWS: return "AWS";
    case Provider::AZURE: return "AZURE";
    case Provider::GCP: return "GCP";
  }
  return "?";
}

std::optional<Provider> parse_provider(std::string_view t) {
  std::string u;
  for (char c : t) u.push_back(static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c));
  if (u == "NONE") return Provider::NONE;
  if (u == "AWS") return Provider::AWS;
  if (u == "AZURE") return Provider::AZURE;
  if (u == "GCP") return Provider::GCP;
  return std::nullopt;
}

std::string_view block_name(Provider p) {
  switch (p) {
    case Provider::AWS: return "awsKms";
    case Provider::AZURE: return "azureKeyVault";
    case Provider::GCP: return "googleCloudKms";
    default: return "none";
  }
}

std::string make_object_id(IdKind kind, std::uint64_t counter) {
  // 8 hex digits of a fixed epoch-like prefix, 2 of kind, 14 of counter: 24 hex digits.
  return fmt::format("65a0c0de{:02x}{:014x}", static_cast<unsigned>(kind), counter);
}

}  // namespace models
