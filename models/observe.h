// The observable state of the World: "the value of field F of entity E now", for a project, a KMS
// block, a cluster, a private endpoint and a snapshot. Fields carry Atlas API names (RAWSPEC
// EncryptionAtRest, EARPrivateEndpoint, cluster description) or are the simulator's own (runState,
// the key in the cloud...), which no API returns. This is the one list of an entity's fields and
// of the values an enumerated field can take: scenario expectations, `cmksim run --state` JSON and
// the scenario field vocabulary all read it. Secrets are never part of the World, so never here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "models/ids.h"
#include "models/subject.h"
#include "models/world.h"

namespace models {

// Where a field comes from: the Atlas Admin API, or the simulator alone.
enum class FieldOrigin : std::uint8_t { atlas_api, simulator };
enum class FieldType : std::uint8_t { boolean, integer, text, list };

struct Field;
// One entity's fields (or one list element's), in declaration order.
using FieldRecord = std::vector<Field>;
// A field's value; a list holds records (a cluster's regions).
using FieldValue = std::variant<bool, std::int64_t, std::string, std::vector<FieldRecord>>;

struct Field {
  std::string_view name;
  FieldValue value;
  FieldOrigin origin = FieldOrigin::atlas_api;
  bool operator==(const Field&) const = default;
};

// What a field is, without a world: its name, type and origin, and for an enumerated text field
// the values it can take (the model's enum names; "true", "false" for a boolean; empty: any).
struct FieldInfo {
  std::string_view name;
  FieldType type = FieldType::text;
  FieldOrigin origin = FieldOrigin::atlas_api;
  std::vector<std::string> values;
};

// One entity (of kind project, kms, cluster, endpoint or snapshot: the kinds that have fields): ix is its ProjectIx (project and kms), ClusterIx, EndpointIx or SnapshotIx;
// provider names the kms block (AWS, AZURE or GCP).
struct Observable {
  EntityKind kind = EntityKind::project;
  std::uint32_t ix = 0;
  Provider provider = Provider::NONE;
};

// The fields an entity of this kind shows, in order. For kms, those of the provider's block
// (awsKms / azureKeyVault / googleCloudKms); throws std::invalid_argument for Provider::NONE.
const std::vector<FieldInfo>& fields_of(EntityKind kind, Provider provider = Provider::AWS);

// Every field of the entity now, in fields_of order; nullopt when it does not exist now (a gone
// endpoint, as GET .../privateEndpoints/{id} answers 404; an index out of range; kms NONE).
std::optional<FieldRecord> observe(const World& world, const Observable& entity);

// One field of the entity now; nullopt when the entity does not exist now or has no such field.
std::optional<FieldValue> observe_field(const World& world, const Observable& entity, std::string_view field);

}  // namespace models
