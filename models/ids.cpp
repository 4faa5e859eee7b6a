#include "models/ids.h"

#include <array>
#include <cassert>

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

ObjectId make_object_id(IdKind kind, std::uint64_t counter) {
  // 8 hex digits of a fixed epoch-like prefix, 2 of kind, 14 of counter: 24 hex digits (a counter
  // past 14 digits widens the id). Written by hand: a fleet's setup makes one per entity.
  static constexpr char kHex[] = "0123456789abcdef";
  std::array<char, 16> digits{};  // the counter's hex digits, least significant first
  std::size_t n = 0;
  do {
    digits[n++] = kHex[counter & 0xF];
    counter >>= 4;
  } while (counter != 0);
  const std::size_t width = n < 14 ? 14 : n;
  ObjectId id;
  char* out = id.text_.data();
  for (char c : std::string_view("65a0c0de")) *out++ = c;
  const auto k = static_cast<unsigned>(kind);
  *out++ = kHex[(k >> 4) & 0xF];
  *out++ = kHex[k & 0xF];
  for (std::size_t i = n; i < width; ++i) *out++ = '0';
  while (n > 0) *out++ = digits[--n];
  id.size_ = static_cast<std::uint8_t>(out - id.text_.data());
  assert(id.size_ == 10 + width && id.size_ <= ObjectId::kMaxSize);
  return id;
}

}  // namespace models
