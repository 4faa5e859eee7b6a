// A cluster's regions and the private endpoints (spec §2.5, §2.7): which regions' nodes reach the
// key, what a restart does per region, where new clusters and nodes may go, the private-networking
// topology limits (AWS PrivateLink single-cloud and single-Region key; Azure multi-cloud disable),
// and the add_cluster_regions operation.
#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/causes.h"
#include "models/world.h"

namespace models {

namespace {

// "A,B" for outputs; the regions in the order given.
std::string joined(const std::vector<std::string>& names) { return fmt::format("{}", fmt::join(names, ",")); }

// The clouds of a cluster's nodes, as "AWS and AZURE" (for messages that say where nodes are).
std::string clouds_of(std::span<const ClusterRegion> regions) {
  std::vector<std::string> clouds;
  for (const ClusterRegion& r : regions) {
    std::string c(provider_name(r.providerName));
    if (std::find(clouds.begin(), clouds.end(), c) == clouds.end()) clouds.push_back(std::move(c));
  }
  return fmt::format("{}", fmt::join(clouds, " and "));
}

bool multi_cloud(std::span<const ClusterRegion> regions) {
  for (const ClusterRegion& r : regions)
    if (r.providerName != regions.front().providerName) return true;
  return false;
}

// AWS KMS: a multi-Region key's id begins with "mrk-" (AWS KMS developer guide, multi-Region keys);
// the key id is the last part of the customerMasterKeyID ARN.
bool multi_region_key(std::string_view customerMasterKeyID) {
  const auto slash = customerMasterKeyID.rfind('/');
  const std::string_view id = slash == std::string_view::npos ? customerMasterKeyID : customerMasterKeyID.substr(slash + 1);
  return id.rfind("mrk-", 0) == 0;
}

}  // namespace

std::int64_t Cluster::nodesDown() const {
  std::int64_t n = 0;
  for (const ClusterRegion& r : regions) n += r.nodesDown;
  return n;
}

std::string Cluster::regionsDown() const {
  std::vector<std::string> names;
  for (const ClusterRegion& r : regions)
    if (r.nodesDown > 0) names.push_back(r.regionName);
  return joined(names);
}

std::string Cluster::regionsWithoutKey() const {
  std::vector<std::string> names;
  for (const ClusterRegion& r : regions)
    if (r.withoutKey) names.push_back(r.regionName);
  return joined(names);
}

// ---- which nodes reach the key ----

// Ids in order of first use; a handful of names per World, so a linear search.
RegionId World::region_id(std::string_view regionName) {
  const auto it = std::find(regionNames_.begin(), regionNames_.end(), regionName);
  if (it != regionNames_.end()) return static_cast<RegionId>(it - regionNames_.begin());
  regionNames_.emplace_back(regionName);
  return static_cast<RegionId>(regionNames_.size() - 1);
}

// spec §2.5: a node of a private-path cluster reaches the KMS only through an ACTIVE endpoint in
// its own region; every node needs a usable key and a reachable KMS (seed 003 §intro).
bool World::region_kms_usable(const Cluster& c, const ClusterRegion& r) const {
  if (c.encryptionAtRestProvider == Provider::NONE) return true;
  return region_reaches_key(c, r, block_key_usable(projects_[c.project], c.encryptionAtRestProvider));
}

// The block's part of region_kms_usable (sources there), the same for every region of every
// cluster on the block: the key usable, its KMS reachable. A block that is off reads as usable
// (not reachable in practice: G-DIS keeps CMK on while clusters use it).
bool World::block_key_usable(const Project& pr, Provider provider) const {
  const KmsConfig& b = pr.block(provider);
  if (!b.enabled) return true;
  return b.key.usable() && b.key.reachable(b.kmsRegion) && !current_key_problem(pr, provider);
}

// The region's part of region_kms_usable (sources there), given the block's part: a private-path
// region needs an ACTIVE endpoint of the key's cloud in it. c uses a key (provider not NONE).
bool World::region_reaches_key(const Cluster& c, const ClusterRegion& r, bool keyUsable) const {
  if (!keyUsable) return false;
  if (c.privatePath && c.encryptionAtRestProvider != Provider::GCP)
    return region_has_active_endpoint(c.project, c.encryptionAtRestProvider, r.region);
  return true;
}

bool World::any_region_kms_usable(const Cluster& c) const {
  return std::any_of(c.regions.begin(), c.regions.end(), [&](const ClusterRegion& r) { return region_kms_usable(c, r); });
}

// At a validation of the provider's block: each cluster on it learns which of its regions cannot
// reach the key. Returns the regions cut only by a missing endpoint (spec §2.5: the alert names
// them), sorted, each once.
// The block's part of the answer is the same for all of them: keyUsable (block_key_usable's
// answer). While no input changed since the last walk (Project::regionsChecked), every cluster
// already holds its answer.
std::vector<std::string> World::update_regions_without_key(ProjectIx p, Provider provider, bool keyUsable) {
  Project& pr = projects_[p];
  const std::size_t i = block_index(provider);
  Project::RegionsChecked& last = pr.regionsChecked[i];
  if (last.inputs == pr.regionInputs && last.keyUsable == keyUsable) {
    assert(last.anyCut == !pr.regionsCut[i].empty() && regions_without_key_agree(p, provider, keyUsable, pr.regionsCut[i]));
    return last.anyCut ? pr.regionsCut[i] : std::vector<std::string>{};
  }
  std::vector<std::string> cut;
  for (ClusterIx c : pr.clusterIxs) {
    Cluster& cl = clusters_[c];
    if (cl.encryptionAtRestProvider == provider) {
      for (ClusterRegion& r : cl.regions) r.withoutKey = region_without_key(cl, r, keyUsable, cut);
    } else if (cl.encryptionAtRestProvider == Provider::NONE) {
      for (ClusterRegion& r : cl.regions) r.withoutKey = false;
    }
  }
  std::sort(cut.begin(), cut.end());
  last = {pr.regionInputs, keyUsable, !cut.empty()};
  pr.regionsCut[i] = cut;
  return cut;
}

// One region's part of update_regions_without_key: whether its nodes cannot reach the key; if only
// a missing endpoint cuts it, its name joins cut (each once).
bool World::region_without_key(const Cluster& cl, const ClusterRegion& r, bool keyUsable, std::vector<std::string>& cut) const {
  if (region_reaches_key(cl, r, keyUsable)) return false;
  const Provider provider = cl.encryptionAtRestProvider;
  if (cl.privatePath && provider != Provider::GCP && !region_has_active_endpoint(cl.project, provider, r.region) &&
      std::find(cut.begin(), cut.end(), r.regionName) == cut.end())
    cut.push_back(r.regionName);
  return true;
}

// Debug check of a reused answer (a missed region_inputs_changed): a fresh walk finds the same
// cut and every cluster's regions as they are.
bool World::regions_without_key_agree(ProjectIx p, Provider provider, bool keyUsable, const std::vector<std::string>& cut) const {
  std::vector<std::string> fresh;
  for (ClusterIx c : projects_[p].clusterIxs) {
    const Cluster& cl = clusters_[c];
    for (const ClusterRegion& r : cl.regions) {
      if (cl.encryptionAtRestProvider == Provider::NONE && r.withoutKey) return false;
      if (cl.encryptionAtRestProvider == provider && region_without_key(cl, r, keyUsable, fresh) != r.withoutKey) return false;
    }
  }
  std::sort(fresh.begin(), fresh.end());
  return fresh == cut;
}

// ---- restarts ----

// A restart while some regions cannot reach the key (seed 003 §intro; spec §2.5): the restarted
// nodes of those regions stay down, the others start. A restart of N nodes takes N running nodes
// in region order [inferred]; 0 restarts them all. Returns whether every node is now down.
bool World::restart_nodes_without_key(Cluster& cl) {
  std::int64_t budget = cl.restartNodes == 0 ? cl.totalNodes() : cl.restartNodes;
  for (ClusterRegion& r : cl.regions) {
    const bool usable = region_kms_usable(cl, r);
    if (cl.restartNodes == 0) {
      r.nodesDown = usable ? 0 : r.nodes;
      continue;
    }
    const std::int64_t restarted = std::min(budget, r.nodes - r.nodesDown);
    budget -= restarted;
    if (!usable) r.nodesDown += restarted;
  }
  return cl.nodesDown() >= cl.totalNodes();
}

// The check found the key usable again for some regions: their nodes that could not start come
// back [inferred: like a restart of those nodes]; regions still cut stay down (spec §2.5).
void World::restart_recovered_regions(ClusterIx c) {
  Cluster& cl = clusters_[c];
  std::vector<std::string> back;
  for (ClusterRegion& r : cl.regions)
    if (r.nodesDown > 0 && region_kms_usable(cl, r)) {
      r.nodesDown = 0;
      back.push_back(r.regionName);
    }
  if (back.empty() || !sim_.observed()) return;
  if (cl.regions.size() == 1) note(sim::RecordKind::effect, cluster_subject(c), "nodes_restarted");
  else note(sim::RecordKind::effect, cluster_subject(c), "nodes_restarted", {{"regions", joined(back)}});
}

// ---- where clusters and nodes may go ----

// seed 004 §'Enable and Set up...' ("Atlas creates all new clusters only in the regions with
// approved private endpoints"; "deploys additional nodes for existing clusters only in the regions
// with approved private endpoints"); DOCS AWS steps (one endpoint per region): with a cloud's
// private networking on and an endpoint of it approved, a new node on that cloud, or using that
// cloud's key, goes only where an endpoint of that cloud is ACTIVE. Every cluster, with a key or
// not; the cloud of the region decides which endpoints count [inferred].
std::optional<AtlasError> World::region_guard(ProjectIx p, std::span<const ClusterRegion> regions, Provider ear) const {
  std::vector<std::string> missing;
  for (Provider cloud : {Provider::AWS, Provider::AZURE}) {
    const KmsConfig& b = projects_[p].block(cloud);
    if (!b.enabled || !b.requirePrivateNetworking || !any_active_endpoint(p, cloud)) continue;
    for (const ClusterRegion& r : regions)
      if ((r.providerName == cloud || ear == cloud) && !region_has_active_endpoint(p, cloud, r.regionName) &&
          std::find(missing.begin(), missing.end(), r.regionName) == missing.end())
        missing.push_back(r.regionName);
  }
  if (!missing.empty()) return errors::region_without_approved_endpoint(std::move(missing));
  return std::nullopt;
}

// A cluster (or the shape it would have) under private networking, for a cluster-level request:
// seed 000 §'Limitations' (AWS KMS over private networking only for single-cloud deployments);
// DOCS AWS (security/aws-kms-over-private-endpoint) (spec §2.5, §8.8: not for a multi-region cluster on
// a single-Region key); seed 004 §'Limitations' (no multi-cloud cluster with Azure Key Vault over
// private endpoints: an existing one is disabled, a new one refused [inferred]).
std::optional<AtlasError> World::topology_guard(ProjectIx p, const std::string& name, std::span<const ClusterRegion> regions,
                                                Provider ear) const {
  const KmsConfig& az = projects_[p].block(Provider::AZURE);
  if (multi_cloud(regions) && az.enabled && az.requirePrivateNetworking)
    return errors::topology_unsupported(fmt::format(
        "Cluster {} would run on {}: multi-cloud clusters are not supported with Azure Key Vault over private networking.", name,
        clouds_of(regions)));
  const KmsConfig& aws = projects_[p].block(Provider::AWS);
  if (ear != Provider::AWS || !aws.enabled || !aws.requirePrivateNetworking) return std::nullopt;
  return aws_topology_error(name, regions, aws.customerMasterKeyID);
}

// The AWS PrivateLink limits for one cluster using the AWS key (sources: topology_guard).
std::optional<AtlasError> World::aws_topology_error(const std::string& name, std::span<const ClusterRegion> regions,
                                                    const std::string& customerMasterKeyID) const {
  if (multi_cloud(regions))
    return errors::topology_unsupported(fmt::format(
        "Cluster {} runs on {}: AWS KMS over private networking supports only single-cloud deployments.", name, clouds_of(regions)));
  std::vector<std::string> names;
  for (const ClusterRegion& r : regions)
    if (std::find(names.begin(), names.end(), r.regionName) == names.end()) names.push_back(r.regionName);
  if (names.size() > 1 && !multi_region_key(customerMasterKeyID))
    return errors::topology_unsupported(fmt::format(
        "Cluster {} runs in {} AWS regions ({}) and key {} is a single-Region key: AWS KMS over private networking needs a "
        "multi-Region key for a multi-region cluster.",
        name, names.size(), fmt::join(names, ", "), customerMasterKeyID));
  return std::nullopt;
}

// PATCH requirePrivateNetworking: true, a project-level change (so a project-level code): refused
// only for what the documents say is unsupported. AWS: a cluster on the key that is multi-cloud,
// or multi-region on a single-Region key (sources: topology_guard). Azure: a cluster on the key
// with no node on Azure (seed 001 §'Limitations': no AKV over private networking for AWS or GCP
// clusters); multi-cloud clusters are not a refusal but disabled (schedule_multicloud_disable).
std::optional<AtlasError> World::private_networking_guard(ProjectIx p, Provider provider) const {
  const KmsConfig& b = projects_[p].block(provider);
  for (ClusterIx c : projects_[p].clusterIxs) {
    const Cluster& cl = clusters_[c];
    if (cl.encryptionAtRestProvider != provider && provider_after_queue(cl) != provider) continue;
    if (provider == Provider::AWS) {
      if (auto err = aws_topology_error(cl.name, region_span(cl.regions), b.customerMasterKeyID)) return err;
    } else if (std::none_of(cl.regions.begin(), cl.regions.end(), [](const ClusterRegion& r) { return r.providerName == Provider::AZURE; })) {
      return errors::topology_unsupported(fmt::format(
          "Cluster {} runs on {} only: Azure Key Vault over private networking is not supported for AWS or GCP clusters.", cl.name,
          clouds_of(region_span(cl.regions))));
    }
  }
  return std::nullopt;
}

// seed 004 / seed 001 §'Limitations': "If you enable encryption at rest using CMK over Azure
// Private Link in an existing project with multi-cloud clusters, Atlas disables the multi-cloud
// clusters in your project", after multicloud_disable_delay (spec §4), on every path that turns
// Azure private networking on, unless it is off again by then.
void World::schedule_multicloud_disable(ProjectIx p) {
  const sim::Duration d = sample(settings_.multicloud_disable_delay);
  auto disable = [this, p] {
    if (projects_[p].azureKeyVault().requirePrivateNetworking) set_multicloud_disabled(p, true);
  };
  if (d == sim::Duration{}) disable();
  else sim_.schedule_after(d, disable);
}

// ---- adding regions or nodes to an existing cluster ----

Outcome World::add_cluster_regions(ClusterIx c, const std::vector<ClusterRegion>& regions) {
  Cluster& cl = clusters_.at(c);
  if (auto err = project_active_guard(cl.project)) return *err;
  if (cl.state() == ClusterState::PAUSED) return errors::cannot_update_paused_cluster(cl.name);  // api-errors
  if (cl.state() == ClusterState::DISABLED_MULTICLOUD)  // seed 004 §'Limitations': disabled until PN is off [inferred]
    return errors::cluster_not_idle(cl.name, std::string(cluster_state_name(cl.state())));
  // The shape the cluster would have: a topology it cannot have at all is refused first, then
  // nodes where no endpoint is approved (seed 004, region_guard) [order inferred].
  std::vector<ClusterRegion> after(cl.regions.begin(), cl.regions.end());
  for (const QueuedChange& q : cl.queuedChanges)
    if (q.kind == QueuedChange::Kind::AddRegions) after.insert(after.end(), q.regions.begin(), q.regions.end());
  after.insert(after.end(), regions.begin(), regions.end());
  if (auto err = topology_guard(cl.project, cl.name, after, provider_after_queue(cl))) return *err;
  if (auto err = region_guard(cl.project, regions, provider_after_queue(cl))) return *err;
  QueuedChange ch;
  ch.kind = QueuedChange::Kind::AddRegions;
  ch.regions.assign(regions.begin(), regions.end());
  queue_change(c, ch, "add_cluster_regions_queued");
  return Outcome::success();
}

// The nodes join once the change is applied: an existing region (same name and cloud) grows, a new
// one is appended. New nodes that cannot reach the key cannot start (spec §2.5) [inferred].
void World::add_regions_now(ClusterIx c, std::span<const ClusterRegion> regions) {
  Cluster& cl = clusters_[c];
  for (const ClusterRegion& add : regions) {
    auto it = std::find_if(cl.regions.begin(), cl.regions.end(), [&](const ClusterRegion& r) {
      return r.regionName == add.regionName && r.providerName == add.providerName;
    });
    if (it == cl.regions.end()) {
      it = cl.regions.insert(cl.regions.end(), ClusterRegion{add.regionName, add.providerName, 0, 0, region_id(add.regionName)});
      region_inputs_changed(cl.project);
    }
    it->nodes += add.nodes;
    if (!region_kms_usable(cl, *it)) {
      it->nodesDown += add.nodes;
      projects_[cl.project].clustersToRecover = true;
    }
  }
}

}  // namespace models
