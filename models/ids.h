// Identifiers and the small vocabulary shared by every entity: providers, indices, 24-hex ids.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

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
std::string make_object_id(IdKind kind, std::uint64_t counter);

}  // namespace models
