// The cluster: its table (spec §2.7) and the World's cluster operations.
#include <algorithm>
#include <cassert>

#include <fmt/format.h>

#include "models/alerts.h"
#include "models/causes.h"
#include "models/cloud_guards.h"
#include "models/world.h"

namespace models {

const sim::TransitionTable<ClusterState, ClusterEvent, Provider>& cluster_table() {
  using S = ClusterState;
  using E = ClusterEvent;
  static const sim::TransitionTable<ClusterState, ClusterEvent, Provider> t(
      "cluster",
      {S::CREATING, S::RUNNING, S::UPDATING, S::RESTARTING, S::DISABLED_EAR, S::PAUSED, S::DISABLED_MULTICLOUD},
      S::CREATING, {},
      {
          {S::CREATING, E::Created, S::RUNNING, "spec §2.7 (stateName CREATING -> IDLE)"},
          {S::RUNNING, E::ChangeRequested, S::UPDATING, "seed 003; spec §2.7 (provider change: initial sync; resize)"},
          {S::UPDATING, E::ChangeApplied, S::RUNNING, "spec §2.7"},
          {S::DISABLED_EAR, E::ChangeRequested, S::DISABLED_EAR, "seed 003 §'Validate...' (updates submitted while disabled are queued)"},
          {S::RUNNING, E::Shutdown, S::DISABLED_EAR, "seed 003 §'Validate...' (shut down on the next scheduled check)"},
          {S::UPDATING, E::Shutdown, S::DISABLED_EAR, "seed 003 §'Validate...' (the change is queued again) [inferred]"},
          {S::RESTARTING, E::Shutdown, S::DISABLED_EAR, "seed 003 §'Validate...' [inferred]"},
          {S::RUNNING, E::Restart, S::RESTARTING, "seed 003 §intro (if you decide to restart your cluster)"},
          {S::RESTARTING, E::RestartComplete, S::RUNNING, "seed 003 §'Validate...' (processes restart)"},
          {S::RESTARTING, E::RestartFailed, S::DISABLED_EAR, "seed 003 §intro (restart without the KMS disables your cluster)"},
          {S::DISABLED_EAR, E::ConfigValid, S::RESTARTING, "seed 003 §'Validate...' (processes restart once the configuration is valid)"},
          {S::RUNNING, E::Pause, S::PAUSED, "DOCS pause-terminate-cluster"},
          {S::DISABLED_EAR, E::Pause, S::PAUSED, "DOCS pause-terminate-cluster [inferred: allowed while disabled]"},
          {S::RUNNING, E::PauseByAtlas, S::PAUSED, cloud_guard::azure, "seed 004 §'Revoke Access to an Encryption Key' (Atlas pauses your clusters)"},
          {S::UPDATING, E::PauseByAtlas, S::PAUSED, cloud_guard::azure, "seed 004 §'Revoke Access...'"},
          {S::RESTARTING, E::PauseByAtlas, S::PAUSED, cloud_guard::azure, "seed 004 §'Revoke Access...'"},
          {S::DISABLED_EAR, E::PauseByAtlas, S::PAUSED, cloud_guard::azure, "seed 004 §'Revoke Access...'"},
          {S::PAUSED, E::Resume, S::RESTARTING, "DOCS pause-terminate-cluster (processes start)"},
          {S::PAUSED, E::AutoResume, S::RESTARTING, "DOCS pause-terminate-cluster (auto-resume after 30 days)"},
          {S::RUNNING, E::MultiCloudDisabled, S::DISABLED_MULTICLOUD, cloud_guard::azure, "seed 004 §'Limitations' (multi-cloud clusters disabled)"},
          {S::DISABLED_MULTICLOUD, E::MultiCloudRestored, S::RUNNING, cloud_guard::azure, "spec §2.7 (recovery not documented) [inferred: PN off]"},
      },
      cluster_state_name, cluster_event_name);
  return t;
}

bool is_tenant_tier(std::string_view t) {
  // seed 004 note, RAWSPEC: M0, M2, M5, Flex, Serverless cannot use a customer key.
  return t == "M0" || t == "M2" || t == "M5" || t == "FLEX" || t == "Flex" || t == "flex" || t == "SERVERLESS" ||
         t == "Serverless" || t == "serverless";
}

bool Cluster::multiCloud() const {
  for (const ClusterRegion& r : regions)
    if (r.providerName != providerName) return true;
  return false;
}

std::int64_t Cluster::totalNodes() const {
  std::int64_t n = 0;
  for (const ClusterRegion& r : regions) n += r.nodes;
  return n;
}

std::string_view Cluster::stateName() const {
  switch (state()) {
    case ClusterState::CREATING: return "CREATING";
    case ClusterState::UPDATING: return "UPDATING";
    case ClusterState::RESTARTING: return "REPAIRING";
    default: return "IDLE";
  }
}

bool Cluster::servesReadsWrites() const {
  return (state() == ClusterState::RUNNING || state() == ClusterState::UPDATING) && nodesDown() < totalNodes();
}

// ---------------------------------------------------------------------------------------------

void World::fire_cluster(ClusterIx c, ClusterEvent ev, std::string_view cause, Provider drivenBy) {
  Cluster& cl = clusters_[c];
  cl.runState.fire(sim_, ev, cause, drivenBy);
  if (cl.state() == ClusterState::DISABLED_EAR) projects_[cl.project].clustersToRecover = true;
  // A change is applied only while UPDATING (shutdowns and pauses queue it again first), and a
  // cluster at rest waits on no transitional timer (every way out of one cancels or consumes it).
  assert(!cl.applying || cl.state() == ClusterState::UPDATING);
  assert(!(cl.state() == ClusterState::RUNNING || cl.state() == ClusterState::DISABLED_EAR ||
           cl.state() == ClusterState::PAUSED || cl.state() == ClusterState::DISABLED_MULTICLOUD) ||
         !sim_.is_pending(cl.pending));
}

void World::schedule_cluster(ClusterIx c, sim::Duration d, ClusterEvent ev) {
  Cluster& cl = clusters_[c];
  sim_.cancel(cl.pending);
  cl.pendingEvent = ev;
  cl.pending = sim_.schedule_after(d, [this, c] { on_cluster_timer(c); });
}

void World::on_cluster_timer(ClusterIx c) {
  Cluster& cl = clusters_[c];
  cl.pending = {};
  switch (cl.pendingEvent) {
    case ClusterEvent::Created:
      fire_cluster(c, ClusterEvent::Created);
      start_next_change(c);
      break;
    case ClusterEvent::ChangeApplied:
      apply_change(c);
      break;
    case ClusterEvent::RestartComplete:
      finish_restart(c);
      break;
    default:
      break;
  }
}

// DOCS pause-terminate-cluster: a paused cluster resumes by itself after 30 days. Its own timer,
// apart from the transitional one (cl.pending), so it never ends a resize or restart in progress.
void World::schedule_auto_resume(ClusterIx c) {
  Cluster& cl = clusters_[c];
  cl.pausedAt = sim_.now();
  sim_.cancel(cl.autoResume);
  cl.autoResume = sim_.schedule_after(settings_.pause_auto_resume_after, [this, c] { on_auto_resume(c); });
}

// The 30 days end: only for the pause that set the timer. A resume (and any later pause) leaves it
// stale, so no resume path has to cancel it; they do, to keep the event queue short.
void World::on_auto_resume(ClusterIx c) {
  Cluster& cl = clusters_[c];
  cl.autoResume = {};
  if (cl.state() != ClusterState::PAUSED || sim_.now() - cl.pausedAt < settings_.pause_auto_resume_after) return;
  if (settings_.auto_resume_with_invalid_key == AutoResumeWithInvalidKey::stay_paused && !cluster_kms_usable(cl)) return;
  fire_cluster(c, ClusterEvent::AutoResume);
  cl.paused = false;
  cl.pausedByAtlas = false;
  cl.resumedAt = sim_.now();
  cl.restartNodes = 0;
  schedule_cluster(c, sample(settings_.restart_duration), ClusterEvent::RestartComplete);
}

void World::start_restart(ClusterIx c, std::string_view cause) {
  Cluster& cl = clusters_[c];
  fire_cluster(c, ClusterEvent::ConfigValid, cause);
  cl.restartNodes = 0;
  schedule_cluster(c, sample(settings_.restart_duration), ClusterEvent::RestartComplete);
}

void World::finish_restart(ClusterIx c) {
  Cluster& cl = clusters_[c];
  if (cl.state() != ClusterState::RESTARTING) return;
  const std::int64_t total = cl.totalNodes();
  if (cluster_kms_usable(cl)) {
    fire_cluster(c, ClusterEvent::RestartComplete);
    for (ClusterRegion& r : cl.regions) r.nodesDown = 0;
    start_next_change(c);
    return;
  }
  // seed 003 §intro: a restart without the KMS disables the cluster. restart_scope node: only the
  // restarted nodes that cannot reach the key stay down (spec §2.5: per region) while others
  // serve; the cluster is disabled once all are down.
  const bool allDown = restart_nodes_without_key(cl);
  if (settings_.restart_scope == RestartScope::node && !allDown) {
    fire_cluster(c, ClusterEvent::RestartComplete, causes::kRestartPartialKmsUnavailable);
    projects_[cl.project].clustersToRecover = true;
    if (sim_.observed()) {
      std::vector<std::pair<std::string, std::string>> fields = {{"nodesDown", std::to_string(cl.nodesDown())},
                                                                 {"totalNodes", std::to_string(total)}};
      if (cl.regions.size() > 1) fields.emplace_back("regionsDown", cl.regionsDown());
      note(sim::RecordKind::effect, cluster_subject(c), "nodes_down_kms_unavailable", std::move(fields));
    }
    start_next_change(c);  // seed 003: updates submitted meanwhile are applied once processes run
    return;
  }
  // restart_scope cluster, or no node left: the whole cluster is down.
  fire_cluster(c, ClusterEvent::RestartFailed, "kms_unavailable_at_restart");
  for (ClusterRegion& r : cl.regions) r.nodesDown = r.nodes;
  projects_[cl.project].clustersToRecover = true;
}

void World::start_next_change(ClusterIx c) {
  Cluster& cl = clusters_[c];
  if (cl.state() != ClusterState::RUNNING || cl.queuedChanges.empty()) return;
  cl.applying = cl.queuedChanges.front();
  cl.queuedChanges.erase(cl.queuedChanges.begin());
  fire_cluster(c, ClusterEvent::ChangeRequested, "apply_queued_change");
  // A provider change is an initial sync (spec §2.7); new nodes add_nodes_duration; a resize resize_duration.
  const sim::Distribution& d = cl.applying->kind == QueuedChange::Kind::SetProvider  ? settings_.initial_sync
                               : cl.applying->kind == QueuedChange::Kind::AddRegions ? settings_.add_nodes_duration
                                                                                     : settings_.resize_duration;
  schedule_cluster(c, sample(d), ClusterEvent::ChangeApplied);
}

void World::apply_change(ClusterIx c) {
  Cluster& cl = clusters_[c];
  if (cl.state() != ClusterState::UPDATING || !cl.applying) return;
  const QueuedChange ch = *cl.applying;
  cl.applying.reset();
  if (ch.kind == QueuedChange::Kind::SetProvider) {
    const bool encryptedBefore = search_nodes_encrypted(cl);
    // seed 004 §'Enable Customer Key Management...': with endpoints set up, a cluster that takes the
    // key uses only the private endpoint connection (its regions without one cannot reach it, §2.5).
    cl.encryptionAtRestProvider = ch.provider;
    cl.privatePath = ch.provider != Provider::NONE && projects_[cl.project].block(ch.provider).privatePath;
    region_inputs_changed(cl.project);
    // spec §2.7: a provider change rebuilds Search indexes; encrypted Search Nodes are replaced.
    if (encryptedBefore || search_nodes_encrypted(cl)) rebuild_search_nodes(c, "search_nodes_rebuilt");
  } else if (ch.kind == QueuedChange::Kind::AddRegions) {
    add_regions_now(c, ch.regions);
  } else {
    if (!ch.instanceSizeName.empty()) cl.instanceSizeName = ch.instanceSizeName;
    if (ch.diskSizeGB > 0) cl.diskSizeGB = ch.diskSizeGB;
  }
  fire_cluster(c, ClusterEvent::ChangeApplied);
  start_next_change(c);
}

std::optional<AtlasError> World::cluster_provider_guard(ProjectIx p, const Cluster& shape, Provider provider) const {
  // G-CL (spec §3.1), in the spec's order.
  const KmsConfig& b = projects_[p].block(provider);
  if (!b.enabled) return errors::not_enabled(projects_[p].name);  // CMK on the project first (seed 003)
  if (is_tenant_tier(shape.instanceSizeName)) return errors::cannot_use_tenant();  // seed 004 note
  // seed 001 §'Limitations': no AKV access over private networking for AWS or GCP clusters (spec
  // §8.4): a cluster with no node on Azure. A multi-cloud one is topology_guard's (seed 004).
  if (provider == Provider::AZURE && b.requirePrivateNetworking &&
      std::none_of(shape.regions.begin(), shape.regions.end(), [](const ClusterRegion& r) { return r.providerName == Provider::AZURE; }))
    return errors::provider_not_supported();
  return std::nullopt;
}

void World::set_multicloud_disabled(ProjectIx p, bool on) {
  for (ClusterIx c : project_clusters(p)) {
    Cluster& cl = clusters_[c];
    if (!cl.multiCloud()) continue;
    if (on && cl.state() == ClusterState::RUNNING) {
      sim_.cancel(cl.pending);
      fire_cluster(c, ClusterEvent::MultiCloudDisabled, "azure_private_networking_enabled", Provider::AZURE);
    } else if (!on && cl.state() == ClusterState::DISABLED_MULTICLOUD) {
      fire_cluster(c, ClusterEvent::MultiCloudRestored, "azure_private_networking_disabled", Provider::AZURE);
      start_next_change(c);
    }
  }
}

// ---- operations ----

Outcome World::create_cluster(const ClusterSetup& cs) {
  auto p = find_project(cs.project);
  if (!p) throw ActionError("create_cluster", "project", fmt::format("unknown project '{}'", cs.project));
  if (find_cluster(cs.project, cs.name)) return errors::cluster_exists(cs.name, projects_[*p].id.str());
  Cluster shape;
  shape.name = cs.name;
  shape.instanceSizeName = cs.instanceSizeName;
  shape.regions.assign(cs.regions.begin(), cs.regions.end());
  if (shape.regions.empty()) shape.regions.push_back({"US_EAST_1", Provider::AWS, settings_.nodes_per_region});
  shape.providerName = shape.regions.front().providerName;
  if (cs.encryptionAtRestProvider != Provider::NONE)
    if (auto err = cluster_provider_guard(*p, shape, cs.encryptionAtRestProvider)) return *err;
  // seed 004: "Atlas creates all new clusters only in the regions with approved private endpoints".
  if (auto err = region_guard(*p, region_span(shape.regions), cs.encryptionAtRestProvider)) return *err;
  // seed 000/004 §'Limitations'; DOCS AWS (aws-kms-over-private-endpoint) (spec §2.5 topology).
  if (auto err = topology_guard(*p, shape.name, region_span(shape.regions), cs.encryptionAtRestProvider)) return *err;
  ClusterSetup setup = cs;
  setup.regions.assign(shape.regions.begin(), shape.regions.end());
  setup.state = ClusterState::CREATING;
  const ClusterIx c = add_cluster(setup);
  schedule_cluster(c, sample(settings_.cluster_create_duration), ClusterEvent::Created);
  return Outcome::success(201).with_created(clusters_[c].id.str());
}

// The provider the cluster will have once its queue (and the change applying now) is through.
Provider World::provider_after_queue(const Cluster& cl) const {
  Provider target = cl.encryptionAtRestProvider;
  if (cl.applying && cl.applying->kind == QueuedChange::Kind::SetProvider) target = cl.applying->provider;
  for (const QueuedChange& q : cl.queuedChanges)
    if (q.kind == QueuedChange::Kind::SetProvider) target = q.provider;
  return target;
}

// seed 003 §'Validate...': "You can submit updates to disabled clusters, such as disk and instance
// size changes. Atlas processes these changes once someone restores your encryption key."
void World::queue_change(ClusterIx c, const QueuedChange& change, std::string_view cause) {
  Cluster& cl = clusters_[c];
  cl.queuedChanges.push_back(change);
  if (cl.state() == ClusterState::DISABLED_EAR) fire_cluster(c, ClusterEvent::ChangeRequested, cause);
  start_next_change(c);
}

Outcome World::enable_cluster_cmk(ClusterIx c, Provider provider) {
  if (provider == Provider::NONE) return disable_cluster_cmk(c);
  Cluster& cl = clusters_.at(c);
  if (cl.state() == ClusterState::PAUSED) return errors::cannot_update_paused_cluster(cl.name);  // api-errors
  const Provider target = provider_after_queue(cl);
  if (target == provider) return Outcome::success();
  if (target != Provider::NONE) return errors::cannot_change_provider();  // spec §2.7: P -> Q refused
  if (cl.legacyBackup) return errors::cannot_use_encryption_at_rest_backup_type();  // api-errors; seed 003
  if (auto err = cluster_provider_guard(cl.project, cl, provider)) return *err;
  // No region guard: seed 004 §'Enable Customer Key Management...' migrates existing clusters to
  // the private endpoints (regions without one cannot reach the key, spec §2.5); the topology
  // limits still hold (seed 000 §'Limitations'; DOCS AWS (aws-kms-over-private-endpoint)).
  if (auto err = topology_guard(cl.project, cl.name, region_span(cl.regions), provider)) return *err;
  QueuedChange ch;
  ch.kind = QueuedChange::Kind::SetProvider;
  ch.provider = provider;
  queue_change(c, ch, "enable_cluster_cmk_queued");
  return Outcome::success();
}

Outcome World::disable_cluster_cmk(ClusterIx c) {
  Cluster& cl = clusters_.at(c);
  if (cl.state() == ClusterState::PAUSED) return errors::cannot_update_paused_cluster(cl.name);
  if (provider_after_queue(cl) == Provider::NONE) return Outcome::success();
  QueuedChange ch;
  ch.kind = QueuedChange::Kind::SetProvider;
  ch.provider = Provider::NONE;
  queue_change(c, ch, "disable_cluster_cmk_queued");
  return Outcome::success();
}

Outcome World::resize_cluster(ClusterIx c, std::string_view tier, std::int64_t diskSizeGB) {
  Cluster& cl = clusters_.at(c);
  if (cl.state() == ClusterState::PAUSED) return errors::cannot_update_paused_cluster(cl.name);  // api-errors
  if (!tier.empty() && is_tenant_tier(tier) && cl.encryptionAtRestProvider != Provider::NONE)
    return errors::cannot_use_tenant();
  QueuedChange ch;
  ch.kind = QueuedChange::Kind::Resize;
  ch.instanceSizeName = std::string(tier);
  ch.diskSizeGB = diskSizeGB;
  queue_change(c, ch, "resize_cluster_queued");
  return Outcome::success();
}

Outcome World::pause_cluster(ClusterIx c) {
  Cluster& cl = clusters_.at(c);
  if (cl.state() == ClusterState::PAUSED) return errors::cluster_already_paused();  // api-errors 409
  if (cl.state() == ClusterState::UPDATING || cl.applying || !cl.queuedChanges.empty() ||
      cl.state() == ClusterState::CREATING || cl.state() == ClusterState::RESTARTING)
    return errors::cannot_pause_with_pending_changes();  // DOCS pause-terminate-cluster
  if (sim_.now() - cl.resumedAt < settings_.pause_min_running)
    return errors::cannot_pause_recently_resumed(static_cast<long>(settings_.pause_min_running.ms() / 60'000));
  if (cl.state() != ClusterState::RUNNING && cl.state() != ClusterState::DISABLED_EAR)
    return errors::cluster_not_idle(cl.name, std::string(cluster_state_name(cl.state())));
  fire_cluster(c, ClusterEvent::Pause, "pause_cluster");
  cl.paused = true;
  schedule_auto_resume(c);
  return Outcome::success();
}

Outcome World::resume_cluster(ClusterIx c) {
  Cluster& cl = clusters_.at(c);
  if (cl.state() != ClusterState::PAUSED) return errors::cluster_not_paused(cl.name);
  sim_.cancel(cl.autoResume);  // tidy only: a stale auto-resume does nothing (on_auto_resume)
  fire_cluster(c, ClusterEvent::Resume, "resume_cluster");
  cl.paused = false;
  cl.pausedByAtlas = false;
  cl.resumedAt = sim_.now();
  cl.restartNodes = 0;
  schedule_cluster(c, sample(settings_.restart_duration), ClusterEvent::RestartComplete);
  return Outcome::success();
}

Outcome World::restart_cluster(ClusterIx c, std::int64_t nodes) {
  Cluster& cl = clusters_.at(c);
  if (cl.state() == ClusterState::PAUSED) return errors::cannot_update_paused_cluster(cl.name);
  if (cl.state() != ClusterState::RUNNING) return errors::cluster_not_idle(cl.name, std::string(cluster_state_name(cl.state())));
  fire_cluster(c, ClusterEvent::Restart, "restart_cluster");
  cl.restartNodes = nodes;
  schedule_cluster(c, sample(settings_.restart_duration), ClusterEvent::RestartComplete);
  return Outcome::success();
}

Outcome World::take_snapshot(ClusterIx c) {
  Cluster& cl = clusters_.at(c);
  if (!cl.servesReadsWrites()) return errors::cluster_disabled_no_reads(cl.name);
  Snapshot s;
  s.id = make_object_id(IdKind::Snapshot, ++idCounter_);
  s.cluster = c;
  s.encryptionAtRestProvider = cl.encryptionAtRestProvider;
  s.keyVersion = cl.encryptionAtRestProvider == Provider::NONE
                     ? 0
                     : projects_[cl.project].block(cl.encryptionAtRestProvider).key.version;
  s.createdAt = sim_.now();
  snapshots_.push_back(s);
  if (sim_.observed())
    alert(alerts::kSnapshotTaken, cluster_subject(c),
          {{"snapshotId", s.id.str()}, {"encryptionAtRestProvider", std::string(provider_name(s.encryptionAtRestProvider))}});
  return Outcome::success(202).with_created(s.id.str());
}

Outcome World::restore_snapshot(ClusterIx c, std::string_view snapshotId) {
  Cluster& cl = clusters_.at(c);
  const Snapshot* snap = nullptr;
  for (const Snapshot& s : snapshots_)
    if ((snapshotId.empty() && s.cluster == c) || s.id == snapshotId) snap = &s;  // latest matching
  if (!snap) return errors::snapshot_not_found(std::string(snapshotId), cl.name);
  if (auto err = restore_guard(cl, *snap)) return *err;  // seed 003 §'Encrypted Backups'; api-errors
  if (!cl.servesReadsWrites()) return errors::cluster_disabled_no_reads(cl.name);
  if (sim_.observed()) alert(alerts::kSnapshotRestored, cluster_subject(c), {{"snapshotId", snap->id.str()}});
  return Outcome::success(202);
}

Outcome World::read_write(ClusterIx c) {
  const Cluster& cl = clusters_.at(c);
  if (!cl.servesReadsWrites()) return errors::cluster_disabled_no_reads(cl.name);
  return Outcome::success();
}

ClusterIx World::add_cluster(const ClusterSetup& cs) {
  // A setup adds a project's clusters right after the project: that one first, then the lookup.
  auto p = !projects_.empty() && projects_.back().name == cs.project ? std::optional<ProjectIx>(static_cast<ProjectIx>(projects_.size() - 1))
                                                                      : find_project(cs.project);
  if (!p) throw std::invalid_argument(fmt::format("add_cluster: unknown project '{}'", cs.project));
  const auto c = static_cast<ClusterIx>(clusters_.size());
  // The name is claimed in one hash lookup, and given back if a later check refuses the setup.
  const auto [named, fresh] = clusterByName_.try_emplace(projects_[*p].name + '\0' + cs.name, c);
  if (!fresh) throw std::invalid_argument(fmt::format("add_cluster: duplicate cluster '{}'", cs.name));
  const auto refuse = [&, named = named](const std::string& why) {
    clusterByName_.erase(named);
    throw std::invalid_argument(why);
  };
  const std::uint64_t serial = ++idCounter_;
  if (cs.encryptionAtRestProvider != Provider::NONE) {
    if (is_tenant_tier(cs.instanceSizeName)) refuse(fmt::format("add_cluster: {} tier cannot use a customer key", cs.instanceSizeName));
    if (!projects_[*p].block(cs.encryptionAtRestProvider).enabled)
      refuse("add_cluster: the project has no Encryption at Rest for that provider");
  }
  if (cs.state != ClusterState::RUNNING && cs.state != ClusterState::PAUSED && cs.state != ClusterState::CREATING)
    refuse("add_cluster: a cluster starts RUNNING or PAUSED");
  Cluster& cl = clusters_.emplace_back();  // built in place, once every check has passed
  cl.id = make_object_id(IdKind::Cluster, serial);
  cl.name = cs.name;
  cl.project = *p;
  cl.instanceSizeName = cs.instanceSizeName;
  cl.diskSizeGB = cs.diskSizeGB;
  cl.regions.assign(cs.regions.begin(), cs.regions.end());
  if (cl.regions.empty()) cl.regions.push_back({"US_EAST_1", Provider::AWS, settings_.nodes_per_region});
  for (ClusterRegion& r : cl.regions) r.region = region_id(r.regionName);
  cl.providerName = cl.regions.front().providerName;
  cl.encryptionAtRestProvider = cs.encryptionAtRestProvider;
  if (cl.encryptionAtRestProvider != Provider::NONE) cl.privatePath = projects_[*p].block(cl.encryptionAtRestProvider).privatePath;
  cl.paused = cs.state == ClusterState::PAUSED;
  cl.runState = machine<ClusterState, ClusterEvent>(cluster_table(), cluster_subject(c), cs.state);
  projects_[*p].clusterIxs.push_back(c);
  region_inputs_changed(*p);
  if (cs.state == ClusterState::PAUSED) schedule_auto_resume(c);
  return c;
}

}  // namespace models
