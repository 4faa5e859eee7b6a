// Subjects: what a Record is about, as a typed id the world resolves (sim::Subject carries it
// unread). Every layer that needs to know which entity a record concerns asks here, instead of
// parsing the entity's display name ("cluster/shop/orders").
#pragma once

#include <cstdint>

#include "models/ids.h"
#include "sim/observer.h"

namespace models {

enum class EntityKind : std::uint16_t {
  none = 0,
  project,             // index: ProjectIx
  kms,                 // index: ProjectIx, provider: the Encryption at Rest block (awsKms, ...)
  private_networking,  // index: ProjectIx, provider: the block (requirePrivateNetworking)
  key,                 // index: ProjectIx, provider: the customer key in that KMS
  credentials,         // index: ProjectIx, provider
  key_access,          // index: ProjectIx, provider
  cluster,             // index: ClusterIx
  endpoint,            // index: EndpointIx
  kms_service,         // index: ProjectIx, provider: the customer's KMS itself (outages)
  snapshot,            // index: SnapshotIx
};

// The index of a subject that a request names but the world does not have (an unknown endpoint
// id, a cluster whose creation was refused).
inline constexpr std::uint32_t kNotFound = UINT32_MAX;

// A subject, unpacked.
struct Entity {
  EntityKind kind = EntityKind::none;
  std::uint32_t index = 0;
  Provider provider = Provider::NONE;  // for the per-provider parts of a project
};

constexpr sim::Subject subject_of(EntityKind kind, std::uint32_t index, Provider provider = Provider::NONE) {
  return sim::Subject{static_cast<std::uint16_t>(kind), static_cast<std::uint16_t>(provider), index};
}
constexpr Entity entity_of(const sim::Subject& s) {
  return Entity{static_cast<EntityKind>(s.kind), s.index, static_cast<Provider>(s.part)};
}
inline sim::Subject project_subject(ProjectIx p) { return subject_of(EntityKind::project, p); }
inline sim::Subject block_subject(ProjectIx p, Provider provider) { return subject_of(EntityKind::kms, p, provider); }
inline sim::Subject cluster_subject(ClusterIx c) { return subject_of(EntityKind::cluster, c); }
inline sim::Subject endpoint_subject(EndpointIx e) { return subject_of(EntityKind::endpoint, e); }

// Where reports list an entity: clusters, endpoints, the project and its blocks, keys,
// credentials, key access, KMS reachability, then anything else (about no entity).
constexpr int display_order(EntityKind k) {
  switch (k) {
    case EntityKind::cluster: return 0;
    case EntityKind::endpoint: return 1;
    case EntityKind::project:
    case EntityKind::kms:
    case EntityKind::private_networking: return 2;
    case EntityKind::key: return 3;
    case EntityKind::credentials: return 4;
    case EntityKind::key_access: return 5;
    case EntityKind::kms_service: return 6;
    case EntityKind::snapshot:
    case EntityKind::none: return 7;
  }
  return 7;
}

// Whether the subject is one of a project's per-provider parts (block, key, credentials, access).
constexpr bool is_key_part(EntityKind k) {
  return k == EntityKind::key || k == EntityKind::credentials || k == EntityKind::key_access;
}

}  // namespace models
