// The observable state of the World: "the value of field F of entity E now", for a project, a KMS
// block, a cluster, a private endpoint and a snapshot, each shaped as the Atlas Admin API v2
// answers for it (Group, EncryptionAtRest's awsKms / azureKeyVault / googleCloudKms,
// ClusterDescription20240805, EARPrivateEndpoint, the cloud-backup snapshot DiskBackupReplicaSet).
// The simulator's own fields (runState, the key in the cloud...), which no API returns, are kept
// apart under one object field `cmksim`. Text fields that are unset are left out, as Atlas leaves
// them out, except a KMS block's text fields, which read null (seed 002 §'Example Response'). This is the one list of an entity's fields and of the values an enumerated field can
// take: scenario expectations, `cmksim run --state` JSON and the scenario field vocabulary all
// read it. Secrets are never part of the World, so never here.
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
enum class FieldType : std::uint8_t { boolean, integer, text, list, object };

// The key of the object that holds an entity's simulator fields.
inline constexpr std::string_view kSimulatorKey = "cmksim";

// JSON null: a field the API writes as null when it has no value (seed 002 §'Example Response':
// an erased or never-configured KMS block's keyVaultName, customerMasterKeyID... are null).
struct Null {
  bool operator==(const Null&) const = default;
};

struct Field;
// One entity's fields (or one list element's, or one nested object's), in declaration order.
using FieldRecord = std::vector<Field>;
// A field's value; a list holds records (a cluster's replicationSpecs), an object one record
// (electableSpecs, cmksim); Null only for a nullable text field that has no value.
using FieldValue = std::variant<bool, std::int64_t, std::string, std::vector<FieldRecord>, FieldRecord, Null>;

struct Field {
  std::string_view name;
  FieldValue value;
  FieldOrigin origin = FieldOrigin::atlas_api;
  bool operator==(const Field&) const = default;
};

// What a field is, without a world: its name, type and origin, for an enumerated text field the
// values it can take (the model's enum names; "true", "false" for a boolean; empty: any), and for
// a list or an object the fields of an element / of the object. A nullable text field reads Null
// when unset instead of being left out.
struct FieldInfo {
  std::string_view name;
  FieldType type = FieldType::text;
  FieldOrigin origin = FieldOrigin::atlas_api;
  std::vector<std::string> values;
  std::vector<FieldInfo> children;
  bool nullable = false;
};

// One entity (of kind project, kms, cluster, endpoint or snapshot: the kinds that have fields): ix is its ProjectIx (project and kms), ClusterIx, EndpointIx or SnapshotIx;
// provider names the kms block (AWS, AZURE or GCP).
struct Observable {
  EntityKind kind = EntityKind::project;
  std::uint32_t ix = 0;
  Provider provider = Provider::NONE;
};

// The fields an entity of this kind shows, in order: the API's, then `cmksim` (an object whose
// children are the simulator's fields) when it has any. For kms, those of the provider's block
// (awsKms / azureKeyVault / googleCloudKms); throws std::invalid_argument for Provider::NONE.
const std::vector<FieldInfo>& fields_of(EntityKind kind, Provider provider = Provider::AWS);

// Every field of the entity now, in fields_of order, unset text fields left out (nullable ones
// Null); nullopt when it
// does not exist now (a gone endpoint, as GET .../privateEndpoints/{id} answers 404; an index out
// of range; kms NONE).
std::optional<FieldRecord> observe(const World& world, const Observable& entity);

// One field of the entity now, named by its path: "stateName"; a simulator field by its own name
// "runState" or as "cmksim.runState"; a nested one through objects and list elements,
// "replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize". nullopt when the entity
// does not exist now or has no such field now (an unset one included); Null for an unset nullable
// field.
std::optional<FieldValue> observe_field(const World& world, const Observable& entity, std::string_view path);

}  // namespace models
