// Dedicated Search Nodes under a customer key (spec §2.7 "has Search Nodes": key invalid or
// project CMK off -> paused, Search Nodes removed; fix -> new nodes, initial sync; DOCS KMS page.
// spec §1 / RAWSPEC: EncryptionAtRest.enabledForSearchNodes). Issue 11 item 9.
#include <algorithm>

#include "models/world.h"

namespace models {

// Search Nodes are encrypted with the cluster's key when the project says so (enabledForSearchNodes).
bool World::search_nodes_encrypted(const Cluster& cl) const {
  return projects_[cl.project].enabledForSearchNodes && cl.encryptionAtRestProvider != Provider::NONE;
}

// New Search Nodes build their indexes by an initial sync (spec §4 initial_sync), then serve.
void World::rebuild_search_nodes(ClusterIx c, std::string_view cause) {
  Cluster& cl = clusters_[c];
  if (cl.searchNodes == 0) return;
  sim_.cancel(cl.searchSync);
  cl.searchNodesState = SearchNodesState::SYNCING;
  if (sim_.observed()) note(sim::RecordKind::effect, cluster_subject(c), cause, {{"searchNodes", std::to_string(cl.searchNodes)}});
  cl.searchSync = sim_.schedule_after(sample(settings_.initial_sync), [this, c] {
    Cluster& x = clusters_[c];
    if (x.searchNodesState != SearchNodesState::SYNCING) return;
    x.searchNodesState = SearchNodesState::SERVING;
    if (sim_.observed()) note(sim::RecordKind::effect, cluster_subject(c), "search_nodes_synced");
  });
}

// The key that encrypts them became unusable: Search Nodes paused and removed (DOCS KMS page).
void World::remove_search_nodes(ClusterIx c) {
  Cluster& cl = clusters_[c];
  if (cl.searchNodes == 0 || cl.searchNodesState == SearchNodesState::REMOVED || !search_nodes_encrypted(cl)) return;
  sim_.cancel(cl.searchSync);
  cl.searchNodesState = SearchNodesState::REMOVED;
  if (sim_.observed()) note(sim::RecordKind::effect, cluster_subject(c), "search_nodes_removed");
}

// The key is usable again: removed Search Nodes come back as new nodes with an initial sync.
void World::restore_search_nodes(ClusterIx c) {
  if (clusters_[c].searchNodesState == SearchNodesState::REMOVED) rebuild_search_nodes(c, "search_nodes_rebuilt");
}

// Dedicated Search Nodes for a cluster (nodes 0: none). They start with an initial sync, or stay
// removed while the key that would encrypt them is unusable.
Outcome World::add_search_nodes(ClusterIx c, std::int64_t nodes) {
  Cluster& cl = clusters_.at(c);
  if (cl.state() == ClusterState::PAUSED) return errors::cannot_update_paused_cluster(cl.name);  // api-errors
  sim_.cancel(cl.searchSync);
  cl.searchNodes = std::max<std::int64_t>(0, nodes);
  if (cl.searchNodes == 0) {
    cl.searchNodesState = SearchNodesState::NONE;
    return Outcome::success();
  }
  if (search_nodes_encrypted(cl) && !cluster_kms_usable(cl)) {
    cl.searchNodesState = SearchNodesState::REMOVED;
    return Outcome::success();
  }
  rebuild_search_nodes(c, "search_nodes_added");
  return Outcome::success();
}

// PATCH encryptionAtRest {enabledForSearchNodes}: needs a provider enabled [inferred]. Search
// Nodes of customer-key clusters are re-encrypted: new nodes, initial sync [inferred from the
// documented rebuild on a key change, spec §2.7].
Outcome World::set_search_nodes_encryption(ProjectIx p, bool on) {
  Project& pr = projects_.at(p);
  if (pr.enabledForSearchNodes == on) return Outcome::success();
  bool anyEnabled = false;
  for (const KmsConfig& b : pr.blocks) anyEnabled = anyEnabled || b.enabled;
  if (on && !anyEnabled) return errors::not_enabled(pr.name);  // "... not enabled for group NAME."
  pr.enabledForSearchNodes = on;
  for (ClusterIx c : pr.clusterIxs) {
    Cluster& cl = clusters_[c];
    if (cl.searchNodes == 0 || cl.encryptionAtRestProvider == Provider::NONE) continue;
    if (on && !cluster_kms_usable(cl)) remove_search_nodes(c);
    else rebuild_search_nodes(c, "search_nodes_rebuilt");
  }
  return Outcome::success();
}

}  // namespace models
