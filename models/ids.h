// Identifiers and the small vocabulary shared by every entity: providers, indices, 24-hex ids.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/core.h>

namespace models {

// Key management provider / cloud. Atlas API values: encryptionAtRestProvider NONE|AWS|AZURE|GCP
// (spec §1 "Cluster"), cloudProvider AWS|AZURE for EAR private endpoints (spec §1, §2.4).
enum class Provider : std::uint8_t { NONE, AWS, AZURE, GCP };

std::string_view provider_name(Provider p);  // "NONE", "AWS", "AZURE", "GCP"
// Accepts the Atlas spelling and lower case ("AWS", "aws", "Azure", "gcp", "NONE"); nullopt otherwise.
std::optional<Provider> parse_provider(std::string_view text);
// The EncryptionAtRest block of the provider: "awsKms", "azureKeyVault", "googleCloudKms" (RAWSPEC).
std::string_view block_name(Provider p);
// 0, 1, 2 for AWS, AZURE, GCP (index into Project::blocks); NONE is not a block.
inline std::size_t block_index(Provider p) { return static_cast<std::size_t>(p) - 1; }
inline Provider block_provider(std::size_t i) { return static_cast<Provider>(i + 1); }
inline constexpr std::size_t kBlockCount = 3;

// Indices into the World's entity vectors (stable: entities are never erased, gone endpoints stay
// in the vector with gone == true).
using ProjectIx = std::uint32_t;
using ClusterIx = std::uint32_t;
using EndpointIx = std::uint32_t;
using SnapshotIx = std::uint32_t;
// A region name as the World interns it (World::region_id): the per-tick checks compare these
// integers instead of names. Ids belong to one World; the names stay on the entities for output.
enum class RegionId : std::uint32_t { none = 0xFFFF'FFFF };

// Atlas object ids are 24 hex digits. Deterministic: derived from a kind tag and a counter, never
// from the clock or a random source (so two runs with one seed print the same ids).
enum class IdKind : std::uint8_t { Project = 1, Cluster = 2, Endpoint = 3, Snapshot = 4, Role = 5, Organization = 6 };

// An object id held in place, read as a std::string_view; empty until make_object_id gives one.
// Not a std::string: 24 characters do not fit its inline buffer, and a heap string per entity was
// a page fault per 128 clusters of a fleet's setup (issue 14).
class ObjectId {
 public:
  static constexpr std::size_t kMaxSize = 26;  // 10 + the 16 hex digits of a 64-bit counter
  ObjectId() = default;
  std::string_view view() const { return {text_.data(), size_}; }
  operator std::string_view() const { return view(); }
  std::string str() const { return std::string(view()); }
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  std::string_view substr(std::size_t pos, std::size_t n = std::string_view::npos) const { return view().substr(pos, n); }
  friend bool operator==(const ObjectId& a, const ObjectId& b) { return a.view() == b.view(); }
  friend bool operator==(const ObjectId& a, std::string_view b) { return a.view() == b; }

 private:
  friend ObjectId make_object_id(IdKind kind, std::uint64_t counter);
  std::array<char, kMaxSize> text_{};
  std::uint8_t size_ = 0;
};

// "65a0c0de", the kind in 2 hex digits, the counter in 14 (more past 14 digits: the id widens).
ObjectId make_object_id(IdKind kind, std::uint64_t counter);

}  // namespace models

// Formats as its text: fmt::format("{}", cluster.id).
template <>
struct fmt::formatter<models::ObjectId> : fmt::formatter<std::string_view> {
  auto format(const models::ObjectId& id, fmt::format_context& ctx) const { return fmt::formatter<std::string_view>::format(id.view(), ctx); }
};
