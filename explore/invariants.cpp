#include "explore/invariants.h"

#include <algorithm>

#include <fmt/format.h>

#include "models/alerts.h"
#include "models/causes.h"
#include "models/subject.h"
#include "models/machines.h"

namespace explore {

using models::ClusterState;
using models::EndpointStatus;
using models::Provider;

const std::vector<InvariantInfo>& invariants() {
  static const std::vector<InvariantInfo> list = {
      {"shutdown_within_one_validation_interval",
       "no cluster keeps serving reads or writes longer than one validation interval (plus slack) after its key "
       "became invalid, disabled or deleted",
       "seed 003 §'Validate your KMS Configuration' (every 15 minutes; shut down on the next scheduled check)"},
      {"unreachable_kms_never_shuts_down",
       "an unreachable KMS alone never shuts a running cluster down; a restart while it is unreachable ends disabled",
       "seed 003 §'Validate your KMS Configuration' (If Atlas can't connect ... doesn't shut down); seed 003 §intro"},
      {"endpoint_transitions_follow_cloud_table",
       "every endpoint transition is a row of its cloud's table; AWS never waits for approval (except a replacement); "
       "an approved endpoint is ACTIVE within three minutes",
       "spec §2.1-2.3; seed 000 §'Reject or Remove...'; seed 004 §'Enable and Set up Private Endpoint Connections'"},
      {"cmk_disable_guards",
       "CMK is never disabled while clusters use it or endpoints exist (any status), nor private networking while "
       "endpoints exist; each refusal carries its documented code",
       "seed 000/004 §'Disable Customer-Managed Keys...', §'Disable Private Endpoint Connections...'; spec §3.1 G-DIS, G-PN"},
      {"disabled_clusters_restart_when_valid",
       "every disabled cluster restarts at the first validation that finds the configuration valid; updates queued "
       "while disabled are applied then; no data is lost unless the key is destroyed",
       "seed 003 §'Validate your KMS Configuration'; seed 000 warning (recovery window)"},
      {"new_clusters_only_in_approved_regions",
       "with private networking required and an endpoint approved, no new cluster lands in a region without an "
       "ACTIVE endpoint",
       "seed 004 §'Enable and Set up Private Endpoint Connections'; DOCS AWS steps (spec §2.5)"},
      {"active_endpoint_rejection_recreated",
       "a rejected or removed ACTIVE endpoint is followed by a recreation within T_recreate",
       "seed 000/004 §'Reject or Remove Private Endpoint Connections'"},
      {"snapshot_with_invalid_key_never_restored", "a snapshot whose key is invalid is never restored",
       "seed 003 §'Encrypted Backups'"},
      {"accepted_changes_land",
       "every cluster change Atlas accepted (resize, provider change) stays pending, in order, until it is applied; "
       "none is dropped or applied unasked",
       "seed 003 §'Validate your KMS Configuration' (You can submit updates to disabled clusters ... Atlas processes "
       "these changes once someone restores your encryption key)"},
      {"shutdown_only_at_scheduled_checks",
       "an invalid key shuts clusters down only at a scheduled check, never at an on-demand or credential check "
       "(unless shutdown_on_unscheduled_check)",
       "seed 003 §'Validate your KMS Configuration' (on the next scheduled validity check); spec §2.9"},
      {"transitional_cluster_has_timer",
       "a cluster CREATING, UPDATING or RESTARTING always has the timer that ends that state pending",
       "spec §2.7 (transitional states end: created, change applied, processes up); model liveness [inferred]"},
      {"waiting_endpoint_has_transition",
       "an endpoint INITIATING, DELETING, PENDING_RECREATION, or approved in PENDING_ACCEPTANCE, has its next "
       "transition pending, unless it waits for a documented reason: a stuck creation (endpoint_stuck_prob), its "
       "replacement (recreation_old_record), or an approval that never came (Azure: indefinitely)",
       "spec §2.1-2.3; spec §6 #1; seed 004 §'Enable and Set up Private Endpoint Connections'"},
      {"determinism", "the same seed and commands give the same trace hash",
       "team standard (Determinism); sim/simulation.h (FIFO order of simultaneous events)"},
  };
  return list;
}

const InvariantInfo* find_invariant(std::string_view name) {
  for (const InvariantInfo& i : invariants())
    if (i.name == name) return &i;
  return nullptr;
}

namespace {

std::string_view status(EndpointStatus s) { return models::endpoint_status_name(s); }
std::string_view state(models::ClusterState s) { return models::cluster_state_name(s); }

bool has_row(const sim::MachineDescription& m, const sim::MachineDescription::Row& row) {
  return std::any_of(m.rows.begin(), m.rows.end(), [&](const sim::MachineDescription::Row& r) {
    return r.from == row.from && r.to == row.to && r.event == row.event && r.guard == row.guard;
  });
}

}  // namespace

InvariantChecker::InvariantChecker(const models::World& world, CheckerOptions options)
    : world_(world), options_(options) {
  const models::Settings& s = world.settings();
  // seed 004: "up to three minutes". A scenario that sets t_reflect beyond that asks a what-if
  // the documents do not cover; the three-minute check is then not applied.
  const auto reflect = s.t_reflect.upper_bound();
  checkApprovalDelay_ = reflect && *reflect <= sim::Duration::minutes(3);
  recreationBound_ = s.t_recreate.upper_bound().value_or(sim::Duration::days(1));
}

namespace {
// The customer's current key works beyond its state (spec §3.2, seed 004 §'Rotate...'): an Azure
// key within its nbf/exp dates, and the key a rotation still deploying replaces still enabled.
bool key_works(const models::CustomerKey& k, Provider provider, sim::Time now) {
  if (!k.usable()) return false;
  if (provider == Provider::AZURE && (now >= k.expiresAt || now < k.notBefore)) return false;
  for (const models::KeyVersion& old : k.others)
    if (k.deployingFrom != 0 && old.version == k.deployingFrom && old.state != models::KeyState::ENABLED) return false;
  return true;
}

// The key a snapshot was taken with still works (seed 003 §'Encrypted Backups'): its version, the
// current one or one a rotation replaced, with the credentials and access Atlas has now.
bool snapshot_key_works(const models::CustomerKey& k, Provider provider, std::uint32_t version, sim::Time now) {
  if (version == k.version) return key_works(k, provider, now);
  if (k.credentials.state() != models::CredentialState::VALID || k.access.state() != models::AccessState::GRANTED) return false;
  for (const models::KeyVersion& old : k.others)
    if (old.version == version)
      return old.state == models::KeyState::ENABLED && old.pending == models::KeyPending::none &&
             (provider != Provider::AZURE || (now < old.expiresAt && now >= old.notBefore));
  return false;
}
}  // namespace

InvariantChecker::Verdict InvariantChecker::block_verdict(models::ProjectIx p, Provider provider, sim::Time at) const {
  // What a validation would find now (spec §2.9): reachability first, then the private path, then
  // key, credentials and access (seed 003 §'Validate...').
  const models::Project& pr = world_.project(p);
  const models::KmsConfig& b = pr.block(provider);
  if (!b.key.reachable(b.kmsRegion)) return Verdict::unreachable;
  if (b.privatePath) {
    bool anyActive = false;
    for (models::EndpointIx e : pr.endpointIxs)
      anyActive = anyActive || (world_.endpoint(e).cloudProvider == provider && world_.endpoint(e).state() == EndpointStatus::ACTIVE);
    if (!anyActive)
      return world_.settings().endpoint_loss_semantics == models::EndpointLossSemantics::unreachable ? Verdict::unreachable
                                                                                                     : Verdict::invalid;
  }
  return key_works(b.key, provider, at) ? Verdict::valid : Verdict::invalid;
}

bool InvariantChecker::region_kms_usable(const models::Cluster& c, const models::ClusterRegion& r, sim::Time at) const {
  // spec §2.5, §2.7: a node can start only with a usable key reached through an ACTIVE endpoint in
  // its region when the cluster is on the private path.
  if (c.encryptionAtRestProvider == Provider::NONE) return true;
  const models::KmsConfig& b = world_.project(c.project).block(c.encryptionAtRestProvider);
  if (!b.enabled) return true;
  if (!key_works(b.key, c.encryptionAtRestProvider, at) || !b.key.reachable(b.kmsRegion)) return false;
  if (!c.privatePath || c.encryptionAtRestProvider == Provider::GCP) return true;
  return active_endpoint_in(c.project, c.encryptionAtRestProvider, r.regionName);
}

bool InvariantChecker::active_endpoint_in(models::ProjectIx p, Provider cloud, const std::string& region) const {
  for (models::EndpointIx e : world_.project(p).endpointIxs) {
    const models::PrivateEndpoint& ep = world_.endpoint(e);
    if (ep.cloudProvider == cloud && ep.regionName == region && ep.state() == EndpointStatus::ACTIVE) return true;
  }
  return false;
}

bool InvariantChecker::cluster_kms_usable(const models::Cluster& c, sim::Time at) const {
  return std::all_of(c.regions.begin(), c.regions.end(), [&](const models::ClusterRegion& r) { return region_kms_usable(c, r, at); });
}

void InvariantChecker::violate(std::string_view invariant, sim::Time at, std::string message) {
  // One report per rule and message subject: a broken rule stays broken for a while.
  if (!reported_.insert(std::string(invariant) + '\0' + message.substr(0, message.find(':'))).second) return;
  violations_.push_back(Violation{std::string(invariant), at, std::move(message)});
}

// Contract with fast-forward (docs/ARCHITECTURE.md "Fast-forward"): the checker scans at every
// fired event, and a run with fast-forward fires every event of the run without it except the idle
// validation ticks. An idle tick changes no state (it records nothing and moves no machine: else
// it is not idle), so no invariant can start or stop being broken there; the only inputs that move
// between two fired events are an Azure key's nbf and exp dates, which the scan handles where it
// reads them (key_verdict_changed). Findings are therefore reported at instants that do not depend
// on which events fired: a time bound at the instant it is exceeded, a state at the instant the
// event that produced it fired (stateStart_), liveness at the instant it is checked.
void InvariantChecker::on_fired(const sim::FiredEvent& e) {
  scan(e.at, stateStart_, false);
  stateStart_ = e.at;
}

void InvariantChecker::check_now(sim::Time now) {
  scan(now, now, true);
  check_transitional_clusters(now);
  check_waiting_endpoints(now);
  stateStart_ = now;
}

void InvariantChecker::finish(sim::Time end) {
  scan(end, stateStart_, true);
  check_transitional_clusters(end);
  check_waiting_endpoints(end);
  stateStart_ = end;
}

// Every time-based invariant, in the order their violations are reported. `now`: the state held
// until then; `seen`: the instant that state began (state findings are reported there). The state
// checks look only where they could find something new (scope_): at the projects a record named
// since the last scan (every change the checker reads moves a machine, answers an operation or
// records an event), and at those where a time bound or an Azure key date came due
// (project_due); elsewhere they would find what they found last time.
// `force`: after a command and at the end, always.
void InvariantChecker::scan(sim::Time now, sim::Time seen, bool force) {
  scope_.clear();
  if (force || allChanged_) {
    for (models::ProjectIx p = 0; p < world_.projects().size(); ++p) scope_.push_back(p);
  } else {
    for (auto it = dues_.begin(); it != dues_.end() && it->first <= now;) {
      changed_.insert(it->second);
      it = dues_.erase(it);
    }
    scope_.assign(changed_.begin(), changed_.end());
  }
  if (!scope_.empty()) {
    check_shutdown_within_interval(now);
    check_approval_reflected(now);
    check_rejection_recreated(now);
  }
  check_restart_when_valid(seen);
  if (scope_.empty()) return;
  check_queued_and_lost(seen);
  check_new_cluster_regions(seen);
  check_accepted_changes(seen);
  changed_.clear();
  allChanged_ = false;
  dueAt_.resize(world_.projects().size(), sim::Time::never());
  for (models::ProjectIx p : scope_) {
    dues_.erase({dueAt_[p], p});
    dueAt_[p] = project_due(p, now);
    if (dueAt_[p] != sim::Time::never()) dues_.insert({dueAt_[p], p});
  }
}

// What a record tells the next scan: the project whose entities it is about changed (all of them
// when it names one the checker cannot place). Verdicts and client progress change no state of the
// model; a notification or an external happening that names no entity (an incident's start and
// end) announces changes that come with records of their own (the operations it performs).
void InvariantChecker::note_change(const sim::Record& r) {
  if (r.kind == sim::RecordKind::expectation || r.kind == sim::RecordKind::client) return;
  const models::Entity x = models::entity_of(r.subject);
  const bool announces = r.kind == sim::RecordKind::external || sim::is_notification(r.kind);
  if (x.kind == models::EntityKind::none && announces) return;
  std::optional<models::ProjectIx> p;
  if (x.kind == models::EntityKind::cluster && x.index < world_.clusters().size()) p = world_.cluster(x.index).project;
  else if (x.kind == models::EntityKind::endpoint && x.index < world_.endpoints().size()) p = world_.endpoint(x.index).project;
  else if (x.kind != models::EntityKind::none && x.kind != models::EntityKind::snapshot && x.index < world_.projects().size())
    p = x.index;
  if (p && *p < world_.projects().size()) changed_.insert(*p);
  else allChanged_ = true;
}

// The first instant after `now` at which a scan could find something in project p with no record
// coming: a time bound of the rules above runs out, or an Azure key's nbf or exp passes.
sim::Time InvariantChecker::project_due(models::ProjectIx p, sim::Time now) const {
  sim::Time due = sim::Time::never();
  const sim::Duration past = sim::Duration::milliseconds(1);
  const sim::Duration limit = world_.settings().validation_interval + options_.shutdown_slack;
  const models::Project& pr = world_.project(p);
  for (models::ClusterIx c : pr.clusterIxs)
    if (auto it = servingInvalidSince_.find(c); it != servingInvalidSince_.end()) due = std::min(due, it->second + limit + past);
  for (models::EndpointIx e : pr.endpointIxs) {
    if (auto it = approvedSince_.find(e); it != approvedSince_.end()) due = std::min(due, it->second + sim::Duration::minutes(3) + past);
    if (auto it = recreationSince_.find(e); it != recreationSince_.end()) due = std::min(due, it->second + recreationBound_ + past);
  }
  const models::KmsConfig& b = pr.block(Provider::AZURE);
  if (b.enabled)
    for (const sim::Time date : {b.key.notBefore, b.key.expiresAt})
      if (date > now) due = std::min(due, date);
  return due;
}

// shutdown_within_one_validation_interval (seed 003 §'Validate...'): a cluster that serves with an
// invalid key since `since` breaks the rule once it still does so past since + limit.
void InvariantChecker::check_shutdown_within_interval(sim::Time now) {
  const models::Settings& s = world_.settings();
  const sim::Duration limit = s.validation_interval + options_.shutdown_slack;
  for (models::ProjectIx p : scope_)
  for (models::ClusterIx c : world_.project(p).clusterIxs) {
    const models::Cluster& cl = world_.cluster(c);
    const Provider P = cl.encryptionAtRestProvider;
    const bool serving = P != Provider::NONE && world_.project(cl.project).block(P).enabled && cl.servesReadsWrites();
    const bool invalidServing = serving && block_verdict(cl.project, P, now) == Verdict::invalid;
    auto it = servingInvalidSince_.find(c);
    if (!invalidServing) {
      // Ended since the last scan: by the event then (checked then), or when an Azure key's nbf
      // passed in between, with no event.
      if (it != servingInvalidSince_.end() && serving) {
        const sim::Time until = key_verdict_changed(cl.project, P, now).value_or(stateStart_);
        if (until - it->second > limit) late_shutdown(cl, it->second, limit);
      }
      if (it != servingInvalidSince_.end()) servingInvalidSince_.erase(it);
      continue;
    }
    // Began with the event that produced this state, or when an Azure key's exp passed since.
    if (it == servingInvalidSince_.end())
      it = servingInvalidSince_.emplace(c, key_verdict_changed(cl.project, P, now).value_or(stateStart_)).first;
    if (now - it->second > limit) late_shutdown(cl, it->second, limit);
  }
}

void InvariantChecker::late_shutdown(const models::Cluster& cl, sim::Time since, sim::Duration limit) {
  violate("shutdown_within_one_validation_interval", since + limit + sim::Duration::milliseconds(1),
          fmt::format("cluster {}: still serves reads and writes more than {} min after its {} key became invalid at {} ms",
                      cl.name, limit.ms() / 60'000, models::provider_name(cl.encryptionAtRestProvider), since.ms()));
}

// The instant in (stateStart_, now] at which the block's verdict changed with no event (an Azure
// key's nbf or exp passed), or nullopt.
std::optional<sim::Time> InvariantChecker::key_verdict_changed(models::ProjectIx p, Provider provider, sim::Time now) const {
  if (provider != Provider::AZURE) return std::nullopt;
  const models::CustomerKey& k = world_.project(p).block(provider).key;
  std::optional<sim::Time> at;
  for (const sim::Time date : {k.notBefore, k.expiresAt}) {
    if (date <= stateStart_ || date > now) continue;
    const sim::Time before = date - sim::Duration::milliseconds(1);
    if (block_verdict(p, provider, before) != block_verdict(p, provider, date)) at = std::max(at.value_or(date), date);
  }
  return at;
}

// endpoint_transitions_follow_cloud_table: approval reflected within three minutes (seed 004)
void InvariantChecker::check_approval_reflected(sim::Time now) {
  for (models::ProjectIx p : scope_)
  for (models::EndpointIx e : world_.project(p).endpointIxs) {
    const models::PrivateEndpoint& ep = world_.endpoint(e);
    if (!checkApprovalDelay_ || !ep.approvedInCloud || ep.state() != EndpointStatus::PENDING_ACCEPTANCE) {
      approvedSince_.erase(e);
      continue;
    }
    const sim::Time since = approvedSince_.emplace(e, stateStart_).first->second;
    if (now - since > sim::Duration::minutes(3))
      violate("endpoint_transitions_follow_cloud_table", since + sim::Duration::minutes(3) + sim::Duration::milliseconds(1),
              fmt::format("endpoint {} ({} {}): approved at {} ms and still PENDING_ACCEPTANCE three minutes later (seed 004: "
                          "up to three minutes)",
                          ep.id, models::provider_name(ep.cloudProvider), ep.regionName, since.ms()));
  }
}

// active_endpoint_rejection_recreated (seed 000/004 §'Reject or Remove...')
void InvariantChecker::check_rejection_recreated(sim::Time now) {
  for (auto it = recreationSince_.begin(); it != recreationSince_.end();) {
    const models::PrivateEndpoint& ep = world_.endpoint(it->first);
    if (ep.state() != EndpointStatus::PENDING_RECREATION || ep.replacedByIx) {
      it = recreationSince_.erase(it);
      continue;
    }
    if (now - it->second > recreationBound_)
      violate("active_endpoint_rejection_recreated", it->second + recreationBound_ + sim::Duration::milliseconds(1),
              fmt::format("endpoint {}: still PENDING_RECREATION with no replacement {} s after it entered it at {} ms (T_recreate "
                          "at most {} s)",
                          ep.id, recreationBound_.ms() / 1000, it->second.ms(), recreationBound_.ms() / 1000));
    ++it;
  }
}

// disabled_clusters_restart_when_valid (seed 003 §'Validate...'; seed 000 warning), in the state
// that began at `seen`.
void InvariantChecker::check_restart_when_valid(sim::Time seen) {
  const auto& clusters = world_.clusters();
  const auto& projects = world_.projects();
  scheduledChecks_.resize(projects.size(), 0);
  for (models::ProjectIx p = 0; p < projects.size(); ++p) {
    if (projects[p].scheduledChecks != scheduledChecks_[p]) {
      scheduledChecks_[p] = projects[p].scheduledChecks;
      for (std::size_t i = 0; i < models::kBlockCount; ++i)
        if (projects[p].blocks[i].enabled) validatedSinceScan_.insert({p, models::block_provider(i)});
    }
  }
  for (const auto& [p, P] : validatedSinceScan_) {
    const models::KmsConfig& b = world_.project(p).block(P);
    if (!b.enabled || b.ear.state() != models::EarState::ON_VALID) continue;  // that check did not find it valid
    for (models::ClusterIx c : world_.project(p).clusterIxs) {
      const models::Cluster& cl = clusters[c];
      // spec §2.5: a cluster none of whose regions reaches the key (no ACTIVE endpoint in any) stays
      // disabled: a restart could not start a single node.
      const bool someRegion = std::any_of(cl.regions.begin(), cl.regions.end(),
                                          [&](const models::ClusterRegion& r) { return region_kms_usable(cl, r, seen); });
      if (cl.encryptionAtRestProvider == P && cl.state() == ClusterState::DISABLED_EAR && someRegion)
        violate("disabled_clusters_restart_when_valid", seen,
                fmt::format("cluster {}: still DISABLED_EAR after a validation found the {} configuration valid", cl.name,
                            models::provider_name(P)));
    }
  }
  validatedSinceScan_.clear();
}

// disabled_clusters_restart_when_valid, the bookkeeping part: no update left queued on a running
// cluster, no data lost while its key can still be restored.
void InvariantChecker::check_queued_and_lost(sim::Time seen) {
  for (models::ProjectIx p : scope_)
  for (models::ClusterIx c : world_.project(p).clusterIxs) {
    const models::Cluster& cl = world_.cluster(c);
    if (cl.state() == ClusterState::RUNNING && !cl.queuedChanges.empty())
      violate("disabled_clusters_restart_when_valid", seen,
              fmt::format("cluster {}: RUNNING with {} queued update(s) not applied", cl.name, cl.queuedChanges.size()));
    if (cl.dataLost) {
      bool destroyed = false;
      for (const models::KmsConfig& b : world_.project(cl.project).blocks)
        destroyed = destroyed || b.key.keyState.state() == models::KeyState::DESTROYED;
      if (!destroyed)
        violate("disabled_clusters_restart_when_valid", seen,
                fmt::format("cluster {}: data lost while no key of its project is destroyed", cl.name));
    }
  }
}

// new_clusters_only_in_approved_regions (seed 004; DOCS AWS steps)
void InvariantChecker::check_new_cluster_regions(sim::Time now) {
  const auto& clusters = world_.clusters();
  for (; clustersSeen_ < clusters.size(); ++clustersSeen_) {
    const models::Cluster& cl = clusters[clustersSeen_];
    if (cl.state() != ClusterState::CREATING) continue;  // setup clusters
    check_regions_approved(cl.project, cl.name, models::region_span(cl.regions), cl.encryptionAtRestProvider, now);
  }
}

// seed 004 ("all new clusters", "additional nodes for existing clusters"): with a cloud's private
// networking on and one of its endpoints ACTIVE, a node on that cloud, or using its key, lands only
// in a region where an endpoint of that cloud is ACTIVE.
void InvariantChecker::check_regions_approved(models::ProjectIx p, const std::string& cluster,
                                              std::span<const models::ClusterRegion> regions, Provider ear, sim::Time now) {
  for (Provider cloud : {Provider::AWS, Provider::AZURE}) {
    const models::KmsConfig& b = world_.project(p).block(cloud);
    bool anyActive = false;
    for (models::EndpointIx e : world_.project(p).endpointIxs)
      anyActive = anyActive || (world_.endpoint(e).cloudProvider == cloud && world_.endpoint(e).state() == EndpointStatus::ACTIVE);
    if (!b.enabled || !b.requirePrivateNetworking || !anyActive) continue;
    for (const models::ClusterRegion& r : regions)
      if ((r.providerName == cloud || ear == cloud) && !active_endpoint_in(p, cloud, r.regionName))
        violate("new_clusters_only_in_approved_regions", now,
                fmt::format("cluster {}: nodes placed in {} where no {} endpoint is ACTIVE", cluster, r.regionName,
                            models::provider_name(cloud)));
  }
}

namespace {

bool same_change(const models::QueuedChange& a, const models::QueuedChange& b) {
  auto sameRegions = [](const std::vector<models::ClusterRegion>& x, const std::vector<models::ClusterRegion>& y) {
    return std::equal(x.begin(), x.end(), y.begin(), y.end(), [](const models::ClusterRegion& r, const models::ClusterRegion& q) {
      return r.regionName == q.regionName && r.providerName == q.providerName && r.nodes == q.nodes;
    });
  };
  return a.kind == b.kind && a.instanceSizeName == b.instanceSizeName && a.diskSizeGB == b.diskSizeGB && a.provider == b.provider &&
         sameRegions(a.regions, b.regions);
}

// What the cluster still has to apply: the change UPDATING is applying, then its queue.
std::vector<models::QueuedChange> pending_changes(const models::Cluster& cl) {
  std::vector<models::QueuedChange> out;
  if (cl.applying) out.push_back(*cl.applying);
  out.insert(out.end(), cl.queuedChanges.begin(), cl.queuedChanges.end());
  return out;
}

std::string change_text(const models::QueuedChange& q) {
  if (q.kind == models::QueuedChange::Kind::SetProvider)
    return fmt::format("encryptionAtRestProvider {}", models::provider_name(q.provider));
  if (q.kind == models::QueuedChange::Kind::AddRegions) return fmt::format("add {} region(s)", q.regions.size());
  return fmt::format("resize{}{}", q.instanceSizeName.empty() ? "" : " to " + q.instanceSizeName,
                     q.diskSizeGB > 0 ? fmt::format(" disk {} GB", q.diskSizeGB) : "");
}

}  // namespace

// The regions an add_cluster_regions record names ("US_WEST_2:AWS:2,EU_WEST_1"), with the
// defaults the action documents: cloud AWS, nodes_per_region nodes.
std::vector<models::ClusterRegion> InvariantChecker::requested_regions(const std::string& text) const {
  std::vector<models::ClusterRegion> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    const std::string item = text.substr(start, end - start);
    start = end + 1;
    std::vector<std::string> parts;
    for (std::size_t a = 0; a <= item.size();) {
      const std::size_t b = std::min(item.find(':', a), item.size());
      parts.push_back(item.substr(a, b - a));
      a = b + 1;
    }
    models::ClusterRegion r{parts[0], Provider::AWS, world_.settings().nodes_per_region};
    if (parts.size() > 1) r.providerName = models::parse_provider(parts[1]).value_or(Provider::AWS);
    if (parts.size() > 2) r.nodes = std::stoll(parts[2]);
    out.push_back(r);
  }
  return out;
}

// accepted_changes_land (seed 003 §'Validate...'): the model's pending changes are exactly the
// accepted ones not yet applied, in the order they were accepted.
void InvariantChecker::check_accepted_changes(sim::Time now) {
  const auto& clusters = world_.clusters();
  static const std::vector<models::QueuedChange> none;
  for (models::ProjectIx p : scope_)
  for (models::ClusterIx c : world_.project(p).clusterIxs) {
    const models::Cluster& cl = clusters[c];
    if (!cl.applying && cl.queuedChanges.empty() && !accepted_.contains(c)) continue;  // nothing asked, nothing held
    const std::vector<models::QueuedChange> have = pending_changes(cl);
    const auto it = accepted_.find(c);
    const std::vector<models::QueuedChange>& want = it == accepted_.end() ? none : it->second;
    const bool same = have.size() == want.size() && std::equal(have.begin(), have.end(), want.begin(), same_change);
    if (!same)
      violate("accepted_changes_land", now,
              fmt::format("cluster {}: {} accepted change(s) not yet applied, the model holds {} (first accepted: {})",
                          clusters[c].name, want.size(), have.size(), want.empty() ? "none" : change_text(want.front())));
  }
}

// An accepted resize or provider change (an operation answered OK) joins the ledger: a resize
// always, a provider change unless the cluster already heads for a provider (then nothing queues).
void InvariantChecker::on_operation(const sim::Record& r) {
  const std::string* outcome = r.field("outcome");
  if (!outcome || *outcome != "OK") return;
  const bool resize = r.cause == "resize_cluster";
  const bool addRegions = r.cause == "add_cluster_regions";
  if (!resize && !addRegions && r.cause != "enable_cluster_cmk" && r.cause != "disable_cluster_cmk") return;
  const models::Entity subject = models::entity_of(r.subject);
  if (subject.kind != models::EntityKind::cluster) return;
  const models::ClusterIx c = subject.index;
  const models::Cluster& cl = world_.cluster(c);
  if (addRegions) {  // seed 004: additional nodes only in regions with approved endpoints
    models::QueuedChange asked;
    asked.kind = models::QueuedChange::Kind::AddRegions;
    asked.regions = requested_regions(r.field("regions") ? *r.field("regions") : std::string());
    // The nodes join after the changes queued before them: with the provider those leave it.
    const std::vector<models::QueuedChange> have = pending_changes(cl);
    Provider keyThen = cl.encryptionAtRestProvider;
    for (const models::QueuedChange& q : have)
      if (q.kind == models::QueuedChange::Kind::SetProvider) keyThen = q.provider;
    check_regions_approved(cl.project, cl.name, asked.regions, keyThen, r.at);
    if (have.empty() || !same_change(have.back(), asked))
      violate("accepted_changes_land", r.at, fmt::format("cluster {}: add_cluster_regions accepted, the model did not queue it", cl.name));
    accepted_[c].push_back(asked);
    return;
  }
  std::vector<models::QueuedChange>& ledger = accepted_[c];
  const std::vector<models::QueuedChange> have = pending_changes(cl);
  Provider target = cl.encryptionAtRestProvider;  // where the ledger leads, before this change
  for (const models::QueuedChange& q : ledger)
    if (q.kind == models::QueuedChange::Kind::SetProvider) target = q.provider;
  const bool added = have.size() == ledger.size() + 1;
  if (added) {
    const models::QueuedChange& q = have.back();
    models::QueuedChange asked;
    asked.kind = resize ? models::QueuedChange::Kind::Resize : models::QueuedChange::Kind::SetProvider;
    if (resize) {
      asked.instanceSizeName = r.field("tier") ? *r.field("tier") : std::string();
      asked.diskSizeGB = r.field("disk_gb") ? std::stoll(*r.field("disk_gb")) : 0;
    }
    asked.provider = r.cause == "disable_cluster_cmk" ? Provider::NONE : q.provider;
    if (!same_change(q, asked))
      violate("accepted_changes_land", r.at,
              fmt::format("cluster {}: {} accepted, the model queued {}", cl.name, r.cause, change_text(q)));
    ledger.push_back(asked);
    return;
  }
  // Accepted with nothing queued: the cluster already heads where it was asked to (for enable, the
  // record does not name the provider asked for).
  const bool noOp = have.size() == ledger.size() && !resize && (r.cause == "enable_cluster_cmk" || target == Provider::NONE);
  if (!noOp)
    violate("accepted_changes_land", r.at,
            fmt::format("cluster {}: {} answered OK but {} change(s) are pending where {} were before", cl.name, r.cause,
                        have.size(), ledger.size()));
}

// A change landed: the first accepted one, and the cluster shows it.
void InvariantChecker::on_change_applied(const sim::Record& r, models::ClusterIx c) {
  const models::Cluster& cl = world_.cluster(c);
  std::vector<models::QueuedChange>& ledger = accepted_[c];
  if (ledger.empty()) {
    violate("accepted_changes_land", r.at, fmt::format("cluster {}: a change was applied that nobody asked for", cl.name));
    return;
  }
  const models::QueuedChange q = ledger.front();
  ledger.erase(ledger.begin());
  const bool regionsShown = std::all_of(q.regions.begin(), q.regions.end(), [&](const models::ClusterRegion& add) {
    return std::any_of(cl.regions.begin(), cl.regions.end(), [&](const models::ClusterRegion& r) {
      return r.regionName == add.regionName && r.providerName == add.providerName && r.nodes >= add.nodes;
    });
  });
  const bool shows = q.kind == models::QueuedChange::Kind::AddRegions ? regionsShown
                     : q.kind == models::QueuedChange::Kind::SetProvider
                         ? cl.encryptionAtRestProvider == q.provider
                         : (q.instanceSizeName.empty() || cl.instanceSizeName == q.instanceSizeName) &&
                               (q.diskSizeGB <= 0 || cl.diskSizeGB == q.diskSizeGB);
  if (!shows)
    violate("accepted_changes_land", r.at, fmt::format("cluster {}: {} applied but the cluster does not show it", cl.name, change_text(q)));
}

// transitional_cluster_has_timer (spec §2.7): CREATING, UPDATING and RESTARTING end by a timer.
void InvariantChecker::check_transitional_clusters(sim::Time now) {
  const sim::Simulation& sim = world_.simulation();
  for (const models::Cluster& cl : world_.clusters()) {
    std::optional<models::ClusterEvent> ends;
    if (cl.state() == ClusterState::CREATING) ends = models::ClusterEvent::Created;
    if (cl.state() == ClusterState::UPDATING) ends = models::ClusterEvent::ChangeApplied;
    if (cl.state() == ClusterState::RESTARTING) ends = models::ClusterEvent::RestartComplete;
    if (ends && (!sim.is_pending(cl.pending) || cl.pendingEvent != *ends))
      violate("transitional_cluster_has_timer", now,
              fmt::format("cluster {}: {} with no pending {} (timer {})", cl.name, state(cl.state()),
                          models::cluster_event_name(*ends), sim.is_pending(cl.pending) ? models::cluster_event_name(cl.pendingEvent) : "none"));
  }
}

// waiting_endpoint_has_transition (spec §2.1-2.3, §6 #1)
void InvariantChecker::check_waiting_endpoints(sim::Time now) {
  const sim::Simulation& sim = world_.simulation();
  const models::Settings& s = world_.settings();
  for (const models::PrivateEndpoint& ep : world_.endpoints()) {
    const EndpointStatus st = ep.state();
    bool waits = st == EndpointStatus::INITIATING || st == EndpointStatus::DELETING || st == EndpointStatus::PENDING_RECREATION ||
                 (st == EndpointStatus::PENDING_ACCEPTANCE && ep.approvedInCloud);
    if (!waits || sim.is_pending(ep.pending)) continue;
    // Documented reasons to wait with nothing pending: spec §6 #1 (creation stuck for hours),
    // spec §2.1 recreation_old_record (the old record waits on its replacement).
    if (st == EndpointStatus::INITIATING && s.endpoint_stuck_prob > 0) continue;
    if (st == EndpointStatus::PENDING_RECREATION && ep.replacedByIx) continue;
    violate("waiting_endpoint_has_transition", now,
            fmt::format("endpoint {} ({} {}): {}{} with no transition pending", ep.id, models::provider_name(ep.cloudProvider),
                        ep.regionName, status(st), ep.approvedInCloud ? " (approved)" : ""));
  }
}

void InvariantChecker::on_record(const sim::Record& r) {
  note_change(r);
  if (r.kind == sim::RecordKind::transition) {
    on_transition(r);
  } else if (r.kind == sim::RecordKind::operation) {
    on_operation(r);
  } else if (r.kind == sim::RecordKind::event || r.kind == sim::RecordKind::alert) {
    const std::string* type = r.field("eventTypeName");
    const models::Entity subject = models::entity_of(r.subject);
    if (type && *type == models::alerts::kValidationSucceeded) {
      if (subject.kind == models::EntityKind::kms) validatedSinceScan_.insert({subject.index, subject.provider});
    } else if (type && *type == models::alerts::kSnapshotRestored) {
      // seed 003 §'Encrypted Backups': restoring needs the key that encrypted the snapshot.
      const std::string id = r.field("snapshotId") ? *r.field("snapshotId") : std::string();
      for (const models::Snapshot& s : world_.snapshots()) {
        if (s.id != id || s.encryptionAtRestProvider == Provider::NONE) continue;
        const models::Cluster& source = world_.cluster(s.cluster);
        const models::CustomerKey& k = world_.project(source.project).block(s.encryptionAtRestProvider).key;
        if (!snapshot_key_works(k, s.encryptionAtRestProvider, s.keyVersion, r.at))
          violate("snapshot_with_invalid_key_never_restored", r.at,
                  fmt::format("snapshot {}: restored while its {} key is unusable", id, models::provider_name(s.encryptionAtRestProvider)));
      }
    }
  }
}

// A transition record: the checks of the entity it moved, by kind.
void InvariantChecker::on_transition(const sim::Record& r) {
  const models::Entity subject = models::entity_of(r.subject);
  switch (subject.kind) {
    case models::EntityKind::endpoint: return on_endpoint_transition(r, subject.index);
    case models::EntityKind::cluster: return on_cluster_transition(r, subject.index);
    case models::EntityKind::kms:
      if (r.to == models::ear_state_name(models::EarState::OFF)) on_block_disabled(r, subject.index, subject.provider);
      return;
    case models::EntityKind::private_networking:
      if (r.to == models::pn_state_name(models::PnState::OFF) && r.cause != models::causes::kDisableCmk)
        on_private_networking_off(subject.index, subject.provider, r.at);
      return;
    default: return;
  }
}

// An endpoint moved: the row is its cloud's (spec §2.1-2.3); a first AWS endpoint never waits for
// approval (spec §2.2); a rejection starts the recreation clock.
void InvariantChecker::on_endpoint_transition(const sim::Record& r, models::EndpointIx ix) {
  const models::PrivateEndpoint& ep = world_.endpoint(ix);
  static const sim::MachineDescription full = models::endpoint_machine();
  static const sim::MachineDescription aws = models::endpoint_machine(Provider::AWS);
  static const sim::MachineDescription azure = models::endpoint_machine(Provider::AZURE);
  const sim::MachineDescription::Row& row = full.rows.at(static_cast<std::size_t>(r.row));
  const bool isAws = ep.cloudProvider == Provider::AWS;
  // spec §2.1-2.3: the row must belong to the endpoint's cloud.
  if (!has_row(isAws ? aws : azure, row))
    violate("endpoint_transitions_follow_cloud_table", r.at,
            fmt::format("endpoint {}: {} -{}-> {} ({}) is not a row of the {} endpoint table", ep.id, r.from, row.event, r.to,
                        row.guard, models::provider_name(ep.cloudProvider)));
  // spec §2.2 / seed 000: AWS reaches ACTIVE unapproved; only a replacement waits for approval.
  if (isAws && r.to == status(EndpointStatus::PENDING_ACCEPTANCE) && r.from == status(EndpointStatus::INITIATING) &&
      !(ep.replacement && world_.settings().aws_replacement_requires_approval))
    violate("endpoint_transitions_follow_cloud_table", r.at,
            fmt::format("endpoint {}: a first AWS endpoint waits for approval (spec §2.2: no approval step)", ep.id));
  if (r.from == status(EndpointStatus::ACTIVE) && r.to == status(EndpointStatus::PENDING_RECREATION)) recreationSince_[ix] = r.at;
}

// A cluster moved: changes land, shutdowns only at scheduled checks and only for an invalid key,
// and no restart completes while the KMS is unusable.
void InvariantChecker::on_cluster_transition(const sim::Record& r, models::ClusterIx c) {
  const models::Cluster& cl = world_.cluster(c);
  const Provider P = cl.encryptionAtRestProvider;
  // UPDATING -> RUNNING is the table's ChangeApplied row only (spec §2.7).
  if (r.from == state(ClusterState::UPDATING) && r.to == state(ClusterState::RUNNING)) on_change_applied(r, c);
  // seed 003: shut down "on the next scheduled validity check": one ran at this instant (the
  // project's count moved since the last scan), unless the setting allows any check.
  if (r.to == state(ClusterState::DISABLED_EAR) && r.cause == models::causes::kScheduledCheckKeyInvalid &&
      !world_.settings().shutdown_on_unscheduled_check) {
    const std::uint64_t seen = cl.project < scheduledChecks_.size() ? scheduledChecks_[cl.project] : 0;
    if (world_.project(cl.project).scheduledChecks == seen)
      violate("shutdown_only_at_scheduled_checks", r.at,
              fmt::format("cluster {}: shut down for an invalid key with no scheduled check at {} ms", cl.name, r.at.ms()));
  }
  if (r.to == state(ClusterState::DISABLED_EAR) && r.cause == models::causes::kScheduledCheckKeyInvalid && P != Provider::NONE &&
      block_verdict(cl.project, P, r.at) != Verdict::invalid)
    violate("unreachable_kms_never_shuts_down", r.at,
            fmt::format("cluster {}: shut down while its {} key is not invalid (KMS unreachable or valid)", cl.name,
                        models::provider_name(P)));
  if (r.from == state(ClusterState::RESTARTING) && r.to == state(ClusterState::RUNNING) && !cluster_kms_usable(cl, r.at)) {
    const bool partial = r.cause == models::causes::kRestartPartialKmsUnavailable;
    if (!partial || world_.settings().restart_scope == models::RestartScope::cluster)
      violate("unreachable_kms_never_shuts_down", r.at,
              fmt::format("cluster {}: processes came up after a restart while the KMS was unusable", cl.name));
  }
}

// A block turned OFF: no endpoint blocks it and no cluster uses its key (seed 000/004, G-DIS).
void InvariantChecker::on_block_disabled(const sim::Record& r, models::ProjectIx p, Provider P) {
  const models::Project& pr = world_.project(p);
  const bool scopeProject = world_.settings().endpoint_guard_scope == models::EndpointGuardScope::project;
  for (models::EndpointIx e : pr.endpointIxs) {
    const models::PrivateEndpoint& ep = world_.endpoint(e);
    if (!ep.gone() && (scopeProject || ep.cloudProvider == P))
      violate("cmk_disable_guards", r.at,
              fmt::format("project {}: {} disabled while endpoint {} is {}", pr.name, models::block_name(P), ep.id, ep.statusName()));
  }
  for (models::ClusterIx c : pr.clusterIxs) {
    const models::Cluster& cl = world_.cluster(c);
    bool uses = cl.encryptionAtRestProvider == P;
    if (cl.applying && cl.applying->kind == models::QueuedChange::Kind::SetProvider) uses = uses || cl.applying->provider == P;
    for (const models::QueuedChange& q : cl.queuedChanges)
      uses = uses || (q.kind == models::QueuedChange::Kind::SetProvider && q.provider == P);
    if (uses)
      violate("cmk_disable_guards", r.at,
              fmt::format("project {}: {} disabled while cluster {} uses it", pr.name, models::block_name(P), cl.name));
  }
}

// requirePrivateNetworking turned off on its own: no endpoint of that cloud is left (G-PN).
void InvariantChecker::on_private_networking_off(models::ProjectIx p, Provider P, sim::Time at) {
  for (models::EndpointIx e : world_.project(p).endpointIxs) {
    const models::PrivateEndpoint& ep = world_.endpoint(e);
    if (!ep.gone() && ep.cloudProvider == P)
      violate("cmk_disable_guards", at,
              fmt::format("project {}: requirePrivateNetworking turned off while endpoint {} is {}", world_.project(p).name, ep.id,
                          ep.statusName()));
  }
}

}  // namespace explore
