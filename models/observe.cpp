// models::observe: one table of fields per kind of entity. Each row says what the field is (name,
// type, origin, allowed values) and how to read it, so the field lists, their values and what
// `--state` writes cannot drift apart.
#include "models/observe.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/cluster.h"
#include "models/endpoint.h"
#include "models/field_table.h"
#include "models/key.h"
#include "models/project.h"

namespace models {

namespace {

using field_table::kApi;
using field_table::kSim;
using field_table::Table;

// Every name of an enum whose values run from 0 to last, in declaration order.
template <class E, class F>
std::vector<std::string> all_names(E last, F name) {
  std::vector<std::string> out;
  for (int i = 0; i <= static_cast<int>(last); ++i) out.emplace_back(name(static_cast<E>(i)));
  return out;
}

std::vector<std::string> provider_names(std::initializer_list<Provider> providers) {
  std::vector<std::string> out;
  for (Provider p : providers) out.emplace_back(provider_name(p));
  return out;
}

// An entity with the world that resolves what it refers to (its clusters, its clock).
template <class T>
struct In {
  const World& world;
  const T& x;
};

// A project as the Group object (spec §1 "Project"): its id, name, organisation, creation date
// (time zero: projects exist from the start) and cluster count; its state and whether a backup
// compliance policy is on are the simulator's.
const Table<In<Project>>& project_fields() {
  using P = In<Project>;
  static const Table<P> t = [] {
    Table<P> t;
    t.text("id", kApi, [](const P& p) { return p.x.id; })
        .text("name", kApi, [](const P& p) { return p.x.name; })
        .text("orgId", kApi, [](const P&) { return make_object_id(IdKind::Organization, 1); })
        .text("created", kApi, [](const P& p) { return p.world.wall_clock().iso(sim::Time()); })
        .number("clusterCount", kApi, [](const P& p) { return p.x.clusterIxs.size(); })
        .text("state", kSim, [](const P& p) { return project_state_name(p.x.state.state()); },
              all_names(ProjectState::INACTIVE, project_state_name))
        .flag("backupCompliancePolicy", kSim, [](const P& p) { return p.x.backupCompliancePolicy; })
        .flag("enabledForSearchNodes", kSim, [](const P& p) { return p.x.enabledForSearchNodes; });  // EncryptionAtRest field
    return t;
  }();
  return t;
}

// One KMS block: the API's enabled and valid, the provider's own API fields (RAWSPEC), then the
// simulator's view of the block's machine and of the customer's key in the cloud (spec §2.6, §2.8).
Table<KmsConfig> block_fields(Provider p) {
  Table<KmsConfig> t;
  t.flag("enabled", kApi, [](const KmsConfig& b) { return b.enabled; }).flag("valid", kApi, [](const KmsConfig& b) { return b.valid; });
  if (p == Provider::AWS || p == Provider::AZURE)
    t.flag("requirePrivateNetworking", kApi, [](const KmsConfig& b) { return b.requirePrivateNetworking; });
  // seed 002 §'Example Response': every text field of a block with no value reads null (a block
  // never enabled, or erased by {enabled: false}); roleId and azureEnvironment, absent from that
  // v1.0 example, follow the same rule [inferred].
  if (p == Provider::AWS)
    t.nullable_text("customerMasterKeyID", kApi, [](const KmsConfig& b) { return b.customerMasterKeyID; })
        .nullable_text("region", kApi, [](const KmsConfig& b) { return b.region; })
        .nullable_text("roleId", kApi, [](const KmsConfig& b) { return b.roleId; });
  if (p == Provider::AZURE)
    t.nullable_text("azureEnvironment", kApi, [](const KmsConfig& b) { return b.azureEnvironment; })
        .nullable_text("keyVaultName", kApi, [](const KmsConfig& b) { return b.keyVaultName; })
        .nullable_text("keyIdentifier", kApi, [](const KmsConfig& b) { return b.keyIdentifier; })
        .nullable_text("resourceGroupName", kApi, [](const KmsConfig& b) { return b.resourceGroupName; })  // seed 004 GET example
        .nullable_text("subscriptionID", kApi, [](const KmsConfig& b) { return b.subscriptionID; })
        // seed 002 §'Example Response' shows "clientID" : null and "tenantID" : null in the
        // azureKeyVault block; seed 004's GET example, the ids the PATCH sent. Not the secret.
        .nullable_text("clientID", kApi, [](const KmsConfig& b) { return b.clientID; })
        .nullable_text("tenantID", kApi, [](const KmsConfig& b) { return b.tenantID; });
  if (p == Provider::GCP)
    t.nullable_text("keyVersionResourceID", kApi, [](const KmsConfig& b) { return b.keyVersionResourceID; })
        .nullable_text("roleId", kApi, [](const KmsConfig& b) { return b.roleId; });  // RAWSPEC GoogleCloudKMS.roleId
  t.text("earState", kSim, [](const KmsConfig& b) { return ear_state_name(b.ear.state()); },
         all_names(EarState::ON_UNREACHABLE, ear_state_name))
      .text("keyState", kSim, [](const KmsConfig& b) { return key_state_name(b.key.keyState.state()); },
            all_names(KeyState::DESTROYED, key_state_name))
      .text("credentials", kSim, [](const KmsConfig& b) { return credential_state_name(b.key.credentials.state()); },
            all_names(CredentialState::INVALID, credential_state_name))
      .text("keyAccess", kSim, [](const KmsConfig& b) { return access_state_name(b.key.access.state()); },
            all_names(AccessState::REVOKED, access_state_name))
      .text("kmsRegion", kSim, [](const KmsConfig& b) { return b.kmsRegion; })
      .flag("kmsReachable", kSim, [](const KmsConfig& b) { return b.key.reachable(b.kmsRegion); })
      .flag("privatePath", kSim, [](const KmsConfig& b) { return b.privatePath; })
      .number("keyVersion", kSim, [](const KmsConfig& b) { return b.key.version; });
  return t;
}

// The fields of the provider's block, built once per provider.
const Table<KmsConfig>& block_table(Provider p) {
  static const std::array<Table<KmsConfig>, kBlockCount> tables = {block_fields(Provider::AWS), block_fields(Provider::AZURE),
                                                                     block_fields(Provider::GCP)};
  if (p == Provider::NONE) throw std::invalid_argument("a KMS block belongs to AWS, AZURE or GCP, not NONE");
  return tables[block_index(p)];
}

// One region of a cluster, with its cluster (whose tier and disk every region shares) and its
// election priority.
struct RegionIn {
  const Cluster& cluster;
  const ClusterRegion& region;
  std::int64_t priority;
};

// electableSpecs (HardwareSpec20240805): the tier, the region's electable nodes and the disk.
const Table<RegionIn>& hardware_fields() {
  static const Table<RegionIn> t = [] {
    Table<RegionIn> t;
    t.text("instanceSize", kApi, [](const RegionIn& r) { return r.cluster.instanceSizeName; })
        .number("nodeCount", kApi, [](const RegionIn& r) { return r.region.nodes; })
        .number("diskSizeGB", kApi, [](const RegionIn& r) { return r.cluster.diskSizeGB; });
    return t;
  }();
  return t;
}

// One element of regionConfigs (CloudRegionConfig20240805).
const Table<RegionIn>& region_fields() {
  static const Table<RegionIn> t = [] {
    Table<RegionIn> t;
    t.text("providerName", kApi, [](const RegionIn& r) { return provider_name(r.region.providerName); },
           provider_names({Provider::AWS, Provider::AZURE, Provider::GCP}))
        .text("regionName", kApi, [](const RegionIn& r) { return r.region.regionName; })
        .number("priority", kApi, [](const RegionIn& r) { return r.priority; })
        .object("electableSpecs", kApi, hardware_fields().infos(), [](const RegionIn& r) { return hardware_fields().record(r); });
    return t;
  }();
  return t;
}

// One element of replicationSpecs (ReplicationSpec20240805): a replica set has one, listing every
// region, the first the preferred one (priority 7, then 6, ...; Atlas's lowest is 0).
const Table<Cluster>& replication_spec_fields() {
  static const Table<Cluster> t = [] {
    Table<Cluster> t;
    t.list("regionConfigs", kApi, region_fields().infos(), [](const Cluster& c) {
      std::vector<FieldRecord> out;
      for (std::size_t i = 0; i < c.regions.size(); ++i)
        out.push_back(region_fields().record(RegionIn{c, c.regions[i], std::max<std::int64_t>(0, 7 - static_cast<std::int64_t>(i))}));
      return out;
    });
    return t;
  }();
  return t;
}

// The values Cluster::stateName() gives over every runState, in first-seen order: the Atlas
// stateName values this model produces.
std::vector<std::string> atlas_state_names() {
  std::vector<std::string> out;
  for (int i = 0; i <= static_cast<int>(ClusterState::DISABLED_MULTICLOUD); ++i) {
    Cluster c;
    c.runState = ClusterMachine(cluster_table(), sim::Subject{}, static_cast<ClusterState>(i));
    const std::string name(c.stateName());
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

// A cluster (spec §1 "Cluster", §2.7) as ClusterDescription20240805, then the simulator's
// lifecycle (runState) and what follows from it.
const Table<Cluster>& cluster_fields() {
  static const Table<Cluster> t = [] {
    const std::vector<std::string> providers = provider_names({Provider::NONE, Provider::AWS, Provider::AZURE, Provider::GCP});
    Table<Cluster> t;
    t.text("id", kApi, [](const Cluster& c) { return c.id; })
        .text("name", kApi, [](const Cluster& c) { return c.name; })
        .text("clusterType", kApi, [](const Cluster&) { return "REPLICASET"; }, {"REPLICASET"})
        .text("stateName", kApi, [](const Cluster& c) { return c.stateName(); }, atlas_state_names())
        .flag("paused", kApi, [](const Cluster& c) { return c.paused; })
        .text("encryptionAtRestProvider", kApi, [](const Cluster& c) { return provider_name(c.encryptionAtRestProvider); }, providers)
        .list("replicationSpecs", kApi, replication_spec_fields().infos(),
              [](const Cluster& c) { return std::vector<FieldRecord>{replication_spec_fields().record(c)}; })
        .text("runState", kSim, [](const Cluster& c) { return cluster_state_name(c.state()); },
              all_names(ClusterState::DISABLED_MULTICLOUD, cluster_state_name))
        .flag("privatePath", kSim, [](const Cluster& c) { return c.privatePath; })
        .number("nodesDown", kSim, [](const Cluster& c) { return c.nodesDown(); })
        // spec §2.5: which regions' nodes are down, and which cannot reach the key (last check)
        .text("regionsDown", kSim, [](const Cluster& c) { return c.regionsDown(); })
        .text("regionsWithoutKey", kSim, [](const Cluster& c) { return c.regionsWithoutKey(); })
        .number("queuedChanges", kSim, [](const Cluster& c) { return c.queuedChanges.size(); })
        .flag("pausedByAtlas", kSim, [](const Cluster& c) { return c.pausedByAtlas; })
        .flag("servesReadsWrites", kSim, [](const Cluster& c) { return c.servesReadsWrites(); })
        .flag("dataLost", kSim, [](const Cluster& c) { return c.dataLost; })
        .number("searchNodes", kSim, [](const Cluster& c) { return c.searchNodes; })
        .text("searchNodesState", kSim, [](const Cluster& c) { return search_nodes_state_name(c.searchNodesState); },
              all_names(SearchNodesState::REMOVED, search_nodes_state_name));
    return t;
  }();
  return t;
}

// The statuses a live endpoint record shows: every EndpointStatus but NONE (no record yet) and
// DELETED (gone: the endpoint is absent, GET answers 404).
std::vector<std::string> record_statuses() {
  std::vector<std::string> out;
  for (int i = 0; i <= static_cast<int>(EndpointStatus::DELETED); ++i) {
    const auto s = static_cast<EndpointStatus>(i);
    if (s != EndpointStatus::NONE && s != EndpointStatus::DELETED) out.emplace_back(endpoint_status_name(s));
  }
  return out;
}

// A live private endpoint record (RAWSPEC EARPrivateEndpoint): all Atlas API fields.
const Table<PrivateEndpoint>& endpoint_fields() {
  static const Table<PrivateEndpoint> t = [] {
    Table<PrivateEndpoint> t;
    t.text("id", kApi, [](const PrivateEndpoint& e) { return e.id; })
        // EAR private endpoints exist for AWS and Azure only (spec §2.4).
        .text("cloudProvider", kApi, [](const PrivateEndpoint& e) { return provider_name(e.cloudProvider); },
              provider_names({Provider::AWS, Provider::AZURE}))
        .text("regionName", kApi, [](const PrivateEndpoint& e) { return e.regionName; })
        .text("status", kApi, [](const PrivateEndpoint& e) { return e.statusName(); }, record_statuses())
        .text("errorMessage", kApi, [](const PrivateEndpoint& e) { return e.errorMessage; })
        .text("privateEndpointConnectionName", kApi, [](const PrivateEndpoint& e) { return e.privateEndpointConnectionName; })
        .text("name", kSim, [](const PrivateEndpoint& e) { return e.label; });
    return t;
  }();
  return t;
}

// A backup snapshot as the cloud-backup snapshot object (DiskBackupReplicaSet): a completed
// on-demand snapshot (take_snapshot) of a replica set; the key that encrypted it and that key's
// version are the simulator's (seed 003 §'Encrypted Backups').
const Table<In<Snapshot>>& snapshot_fields() {
  using S = In<Snapshot>;
  static const Table<S> t = [] {
    Table<S> t;
    t.text("id", kApi, [](const S& s) { return s.x.id; })
        .text("createdAt", kApi, [](const S& s) { return s.world.wall_clock().iso(s.x.createdAt); })
        .text("replicaSetName", kApi, [](const S& s) { return s.world.cluster(s.x.cluster).name; })
        .text("cloudProvider", kApi, [](const S& s) { return provider_name(s.world.cluster(s.x.cluster).providerName); },
              provider_names({Provider::AWS, Provider::AZURE, Provider::GCP}))
        .text("type", kApi, [](const S&) { return "replicaSet"; }, {"replicaSet"})
        .text("snapshotType", kApi, [](const S&) { return "onDemand"; }, {"onDemand"})
        .text("status", kApi, [](const S&) { return "completed"; }, {"completed"})
        .text("encryptionAtRestProvider", kSim, [](const S& s) { return provider_name(s.x.encryptionAtRestProvider); },
              provider_names({Provider::NONE, Provider::AWS, Provider::AZURE, Provider::GCP}))
        .number("keyVersion", kSim, [](const S& s) { return s.x.keyVersion; });
    return t;
  }();
  return t;
}

// Calls read(table, entity) with the entity's table and its object when it exists now.
template <class R, class Read>
std::optional<R> on_entity(const World& w, const Observable& e, Read read) {
  switch (e.kind) {
    case EntityKind::project:
      if (e.ix < w.projects().size()) return read(project_fields(), In<Project>{w, w.project(e.ix)});
      break;
    case EntityKind::kms:
      if (e.ix < w.projects().size() && e.provider != Provider::NONE)
        return read(block_table(e.provider), w.project(e.ix).block(e.provider));
      break;
    case EntityKind::cluster:
      if (e.ix < w.clusters().size()) return read(cluster_fields(), w.cluster(e.ix));
      break;
    case EntityKind::endpoint:
      if (e.ix < w.endpoints().size() && !w.endpoint(e.ix).gone()) return read(endpoint_fields(), w.endpoint(e.ix));
      break;
    case EntityKind::snapshot:
      if (e.ix < w.snapshots().size()) return read(snapshot_fields(), In<Snapshot>{w, w.snapshots()[e.ix]});
      break;
    default: break;  // kinds with no fields of their own (a key, a state machine's part)
  }
  return std::nullopt;
}

// The field named `name` in a record; nullptr when it has none.
const FieldValue* find_field(const FieldRecord& record, std::string_view name) {
  for (const Field& f : record)
    if (f.name == name) return &f.value;
  return nullptr;
}

// One step of a path: a field name and, for "name[i]", the list index.
struct PathStep {
  std::string_view name;
  std::optional<std::size_t> index;
};

// "name" or "name[i]"; nullopt for anything else ("name[x]", "name[1").
std::optional<PathStep> path_step(std::string_view text) {
  const auto open = text.find('[');
  if (open == std::string_view::npos) return PathStep{text, std::nullopt};
  if (text.back() != ']') return std::nullopt;
  std::size_t i = 0;
  const char* last = text.data() + text.size() - 1;
  const auto [end, ec] = std::from_chars(text.data() + open + 1, last, i);
  if (ec != std::errc{} || end != last) return std::nullopt;
  return PathStep{text.substr(0, open), i};
}

// The value at a dotted path in a record (observe_field's path); the first step may name a
// simulator field inside cmksim without the prefix.
std::optional<FieldValue> field_at(const FieldRecord& record, std::string_view path) {
  const FieldRecord* at = &record;
  std::optional<FieldValue> value;
  for (bool first = true; !path.empty(); first = false) {
    const auto dot = path.find('.');
    const auto step = path_step(path.substr(0, dot));
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    if (!step || !at) return std::nullopt;
    const FieldValue* v = find_field(*at, step->name);
    if (const FieldValue* own = first && !v ? find_field(*at, kSimulatorKey) : nullptr)
      if (const auto* fields = std::get_if<FieldRecord>(own)) v = find_field(*fields, step->name);
    if (!v) return std::nullopt;
    const auto* list = std::get_if<std::vector<FieldRecord>>(v);
    if (step->index && (!list || *step->index >= list->size())) return std::nullopt;
    // Copied before the assignment: v points into the current value.
    FieldValue next = step->index ? FieldValue((*list)[*step->index]) : *v;
    value = std::move(next);
    at = std::get_if<FieldRecord>(&*value);
  }
  return value;
}

}  // namespace

const std::vector<FieldInfo>& fields_of(EntityKind kind, Provider provider) {
  static const std::vector<FieldInfo> project = project_fields().infos(), cluster = cluster_fields().infos(),
                                      endpoint = endpoint_fields().infos(), snapshot = snapshot_fields().infos();
  static const std::array<std::vector<FieldInfo>, kBlockCount> blocks = {
      block_table(Provider::AWS).infos(), block_table(Provider::AZURE).infos(), block_table(Provider::GCP).infos()};
  switch (kind) {
    case EntityKind::project: return project;
    case EntityKind::kms: return (void)block_table(provider), blocks[block_index(provider)];
    case EntityKind::cluster: return cluster;
    case EntityKind::endpoint: return endpoint;
    case EntityKind::snapshot: return snapshot;
    default: break;
  }
  throw std::invalid_argument("this kind of entity has no fields");
}

std::optional<FieldRecord> observe(const World& world, const Observable& entity) {
  return on_entity<FieldRecord>(world, entity,
                                [](const auto& table, const auto& x) -> std::optional<FieldRecord> { return table.record(x); });
}

std::optional<FieldValue> observe_field(const World& world, const Observable& entity, std::string_view path) {
  // A field by its own name (an API field, or a simulator field without "cmksim."): read alone.
  if (path.find_first_of(".[") == std::string_view::npos)
    return on_entity<FieldValue>(world, entity, [path](const auto& table, const auto& x) { return table.value(x, path); });
  const auto record = observe(world, entity);
  if (!record) return std::nullopt;
  return field_at(*record, path);
}

}  // namespace models
