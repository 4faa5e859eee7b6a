// models::observe: one table of fields per kind of entity. Each row says what the field is (name,
// type, origin, allowed values) and how to read it, so the field lists, their values and what
// `--state` writes cannot drift apart.
#include "models/observe.h"

#include <algorithm>
#include <array>
#include <functional>
#include <stdexcept>

#include "models/cluster.h"
#include "models/endpoint.h"
#include "models/key.h"
#include "models/project.h"
#include "sim/duration_text.h"

namespace models {

namespace {

constexpr FieldOrigin kApi = FieldOrigin::atlas_api;
constexpr FieldOrigin kSim = FieldOrigin::simulator;

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

// The fields of one kind of entity T: what each field is, and how to read it from a T.
template <class T>
class Table {
 public:
  // Each adder appends one field; the getter F reads it from a const T&.
  template <class F>
  Table& flag(std::string_view name, FieldOrigin origin, F get) {
    return add({name, FieldType::boolean, origin, {"true", "false"}},
               [get](const T& x) -> FieldValue { return static_cast<bool>(get(x)); });
  }
  template <class F>
  Table& number(std::string_view name, FieldOrigin origin, F get) {
    return add({name, FieldType::integer, origin, {}}, [get](const T& x) -> FieldValue { return static_cast<std::int64_t>(get(x)); });
  }
  template <class F>
  Table& text(std::string_view name, FieldOrigin origin, F get, std::vector<std::string> values = {}) {
    return add({name, FieldType::text, origin, std::move(values)}, [get](const T& x) -> FieldValue { return std::string(get(x)); });
  }
  template <class F>
  Table& list(std::string_view name, FieldOrigin origin, F get) {
    return add({name, FieldType::list, origin, {}}, [get](const T& x) -> FieldValue { return get(x); });
  }

  const std::vector<FieldInfo>& infos() const { return infos_; }

  // Every field of x, in table order.
  FieldRecord record(const T& x) const {
    FieldRecord out;
    out.reserve(infos_.size());
    for (std::size_t i = 0; i < infos_.size(); ++i) out.push_back(Field{infos_[i].name, getters_[i](x), infos_[i].origin});
    return out;
  }
  // One field of x; nullopt when T has no such field.
  std::optional<FieldValue> value(const T& x, std::string_view name) const {
    for (std::size_t i = 0; i < infos_.size(); ++i)
      if (infos_[i].name == name) return getters_[i](x);
    return std::nullopt;
  }

 private:
  Table& add(FieldInfo info, std::function<FieldValue(const T&)> get) {
    infos_.push_back(std::move(info));
    getters_.push_back(std::move(get));
    return *this;
  }
  std::vector<FieldInfo> infos_;
  std::vector<std::function<FieldValue(const T&)>> getters_;
};

// A snapshot with the world that resolves its cluster.
struct SnapshotIn {
  const World& world;
  const Snapshot& snapshot;
};

// A project (spec §1 "Project"): all Atlas API fields.
const Table<Project>& project_fields() {
  static const Table<Project> t = [] {
    Table<Project> t;
    t.text("id", kApi, [](const Project& p) { return p.id; })
        .text("name", kApi, [](const Project& p) { return p.name; })
        .text("state", kApi, [](const Project& p) { return project_state_name(p.state.state()); },
              all_names(ProjectState::INACTIVE, project_state_name))
        .flag("backupCompliancePolicy", kApi, [](const Project& p) { return p.backupCompliancePolicy; });
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
  if (p == Provider::AWS)
    t.text("customerMasterKeyID", kApi, [](const KmsConfig& b) { return b.customerMasterKeyID; })
        .text("region", kApi, [](const KmsConfig& b) { return b.region; })
        .text("roleId", kApi, [](const KmsConfig& b) { return b.roleId; });
  if (p == Provider::AZURE)
    t.text("azureEnvironment", kApi, [](const KmsConfig& b) { return b.azureEnvironment; })
        .text("keyVaultName", kApi, [](const KmsConfig& b) { return b.keyVaultName; })
        .text("keyIdentifier", kApi, [](const KmsConfig& b) { return b.keyIdentifier; });
  if (p == Provider::GCP) t.text("keyVersionResourceID", kApi, [](const KmsConfig& b) { return b.keyVersionResourceID; });
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

// One element of a cluster's regions list (cluster description replicationSpecs, flattened).
const Table<ClusterRegion>& region_fields() {
  static const Table<ClusterRegion> t = [] {
    Table<ClusterRegion> t;
    t.text("regionName", kApi, [](const ClusterRegion& r) { return r.regionName; })
        .text("providerName", kApi, [](const ClusterRegion& r) { return provider_name(r.providerName); },
              provider_names({Provider::AWS, Provider::AZURE, Provider::GCP}))
        .number("nodes", kApi, [](const ClusterRegion& r) { return r.nodes; });
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
    c.runState = ClusterMachine(cluster_table(), sim::Subject{}, "", static_cast<ClusterState>(i));
    const std::string name(c.stateName());
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  return out;
}

// A cluster (spec §1 "Cluster", §2.7): the cluster description's fields, then the simulator's
// lifecycle (runState) and what follows from it.
const Table<Cluster>& cluster_fields() {
  static const Table<Cluster> t = [] {
    const std::vector<std::string> providers = provider_names({Provider::NONE, Provider::AWS, Provider::AZURE, Provider::GCP});
    Table<Cluster> t;
    t.text("id", kApi, [](const Cluster& c) { return c.id; })
        .text("name", kApi, [](const Cluster& c) { return c.name; })
        .text("stateName", kApi, [](const Cluster& c) { return c.stateName(); }, atlas_state_names())
        .flag("paused", kApi, [](const Cluster& c) { return c.paused; })
        .text("encryptionAtRestProvider", kApi, [](const Cluster& c) { return provider_name(c.encryptionAtRestProvider); }, providers)
        .text("instanceSizeName", kApi, [](const Cluster& c) { return c.instanceSizeName; })
        .number("diskSizeGB", kApi, [](const Cluster& c) { return c.diskSizeGB; })
        .text("providerName", kApi, [](const Cluster& c) { return provider_name(c.providerName); }, providers)
        .list("regions", kApi, [](const Cluster& c) {
          std::vector<FieldRecord> out;
          for (const ClusterRegion& r : c.regions) out.push_back(region_fields().record(r));
          return out;
        })
        .text("runState", kSim, [](const Cluster& c) { return cluster_state_name(c.state()); },
              all_names(ClusterState::DISABLED_MULTICLOUD, cluster_state_name))
        .flag("privatePath", kSim, [](const Cluster& c) { return c.privatePath; })
        .number("nodesDown", kSim, [](const Cluster& c) { return c.nodesDown; })
        .number("queuedChanges", kSim, [](const Cluster& c) { return c.queuedChanges.size(); })
        .flag("pausedByAtlas", kSim, [](const Cluster& c) { return c.pausedByAtlas; })
        .flag("servesReadsWrites", kSim, [](const Cluster& c) { return c.servesReadsWrites(); })
        .flag("dataLost", kSim, [](const Cluster& c) { return c.dataLost; });
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
        .text("privateEndpointConnectionName", kApi, [](const PrivateEndpoint& e) { return e.privateEndpointConnectionName; });
    return t;
  }();
  return t;
}

// A backup snapshot: id and createdAt as the Atlas snapshot API names them; the cluster, the key
// that encrypted it and that key's version are the simulator's (seed 003 §'Encrypted Backups').
const Table<SnapshotIn>& snapshot_fields() {
  static const Table<SnapshotIn> t = [] {
    Table<SnapshotIn> t;
    t.text("id", kApi, [](const SnapshotIn& s) { return s.snapshot.id; })
        .text("cluster", kSim, [](const SnapshotIn& s) { return s.world.cluster(s.snapshot.cluster).name; })
        .text("encryptionAtRestProvider", kSim, [](const SnapshotIn& s) { return provider_name(s.snapshot.encryptionAtRestProvider); },
              provider_names({Provider::NONE, Provider::AWS, Provider::AZURE, Provider::GCP}))
        .number("keyVersion", kSim, [](const SnapshotIn& s) { return s.snapshot.keyVersion; })
        .text("createdAt", kApi, [](const SnapshotIn& s) { return sim::format_time(s.snapshot.createdAt); });
    return t;
  }();
  return t;
}

// Calls read(table, entity) with the entity's table and its object when it exists now.
template <class R, class Read>
std::optional<R> on_entity(const World& w, const Observable& e, Read read) {
  switch (e.kind) {
    case EntityKind::project:
      if (e.ix < w.projects().size()) return read(project_fields(), w.project(e.ix));
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
      if (e.ix < w.snapshots().size()) return read(snapshot_fields(), SnapshotIn{w, w.snapshots()[e.ix]});
      break;
    default: break;  // kinds with no fields of their own (a key, a state machine's part)
  }
  return std::nullopt;
}

}  // namespace

const std::vector<FieldInfo>& fields_of(EntityKind kind, Provider provider) {
  switch (kind) {
    case EntityKind::project: return project_fields().infos();
    case EntityKind::kms: return block_table(provider).infos();
    case EntityKind::cluster: return cluster_fields().infos();
    case EntityKind::endpoint: return endpoint_fields().infos();
    case EntityKind::snapshot: return snapshot_fields().infos();
    default: break;
  }
  throw std::invalid_argument("this kind of entity has no fields");
}

std::optional<FieldRecord> observe(const World& world, const Observable& entity) {
  return on_entity<FieldRecord>(world, entity,
                                [](const auto& table, const auto& x) -> std::optional<FieldRecord> { return table.record(x); });
}

std::optional<FieldValue> observe_field(const World& world, const Observable& entity, std::string_view field) {
  return on_entity<FieldValue>(world, entity, [field](const auto& table, const auto& x) { return table.value(x, field); });
}

}  // namespace models
