#include "sweep/metrics_observer.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "models/causes.h"
#include "report/fleet_rollup.h"
#include "scenario/responders.h"

namespace sweep {

namespace {
using models::ClusterState;
bool is(const std::string& state, ClusterState s) { return state == models::cluster_state_name(s); }
}  // namespace

bool cluster_state_unavailable(const std::string& s) {
  return is(s, ClusterState::DISABLED_EAR) || is(s, ClusterState::PAUSED) || is(s, ClusterState::DISABLED_MULTICLOUD);
}

MetricsObserver::MetricsObserver(const models::World& world, const std::vector<CustomMetric>& custom, sim::Duration stuck_after,
                                 std::optional<sim::Duration> slo)
    : world_(world), custom_(custom), stuck_after_(stuck_after), slo_(slo), custom_tracks_(custom.size()) {
  if (world.projects().size() > report::kFleetProjects)  // a fleet: downtime per key region at the start, as the fleet report
    for (const models::Project& p : world.projects()) regionOf_.push_back(report::key_region(p));
  // A key that is already unusable at time zero has been invalid since time zero.
  for (models::ProjectIx p = 0; p < world.projects().size(); ++p)
    for (std::size_t b = 0; b < models::kBlockCount; ++b) {
      const models::KmsConfig& block = world.project(p).blocks[b];
      if (!block.enabled) continue;
      KeyHealth h;
      h.key_bad = block.key.keyState.state() != models::KeyState::ENABLED;
      h.credentials_bad = block.key.credentials.state() != models::CredentialState::VALID;
      h.access_bad = block.key.access.state() != models::AccessState::GRANTED;
      if (h.bad()) h.invalid_since = h.incident = sim::Time::zero();
      keys_[key_id(p, models::block_provider(b))] = h;
    }
}

void MetricsObserver::on_record(const sim::Record& r) {
  for (std::size_t i = 0; i < custom_.size(); ++i) {
    CustomTrack& t = custom_tracks_[i];
    // A record that ends an interval does not start the next one in the same breath.
    if (t.started && custom_[i].to.matches(r)) {
      values_.emplace_back(custom_[i].name, (r.at - *t.started).ms());
      t.started.reset();
    } else if (!t.started && custom_[i].from.matches(r)) {
      t.started = r.at;
    }
  }
  on_incident_record(r);
  if (r.kind == sim::RecordKind::transition) return on_transition(r);
  if (r.kind == sim::RecordKind::client) return on_client(r);
  if (r.kind == sim::RecordKind::operation) {
    const std::string* outcome = r.field("outcome");
    if (outcome && *outcome != "OK") {
      count(names::kGuardErrors);
      count(names::kGuardErrorPrefix + *outcome);
    }
    return;
  }
  if (sim::is_notification(r.kind)) {
    if (const std::string* type = r.field("eventTypeName")) {
      count(names::kAlerts);
      count(names::kAlertPrefix + *type);
    }
  }
}

// A client's apply: its duration and whether it failed, when it is done (an apply still running at
// the horizon gives neither).
void MetricsObserver::on_client(const sim::Record& r) {
  if (r.cause == models::causes::kClientApply) {
    applyStarted_[r.entity] = r.at;
  } else if (r.cause == models::causes::kClientDestroy) {
    applyStarted_.erase(r.entity);
  } else if (r.cause == models::causes::kClientDone) {
    auto it = applyStarted_.find(r.entity);
    if (it == applyStarted_.end()) return;
    const std::string* outcome = r.field("outcome");
    values_.emplace_back(names::kClientApplyDuration, (r.at - it->second).ms());
    values_.emplace_back(names::kClientApplyFailed, outcome && *outcome == "error" ? 1 : 0);
    applyStarted_.erase(it);
  }
}

void MetricsObserver::on_transition(const sim::Record& r) {
  const models::Entity x = models::entity_of(r.subject);
  if (models::is_key_part(x.kind)) return on_key_part(r, x);
  if (x.kind == models::EntityKind::cluster) return on_cluster(r, x.index);
  if (x.kind == models::EntityKind::endpoint) return on_endpoint(r, x.index);
}

void MetricsObserver::on_key_part(const sim::Record& r, const models::Entity& part) {
  KeyHealth& h = keys_[key_id(part.index, part.provider)];
  const bool was_bad = h.bad();
  if (part.kind == models::EntityKind::key) h.key_bad = r.to != models::key_state_name(models::KeyState::ENABLED);
  else if (part.kind == models::EntityKind::credentials) h.credentials_bad = r.to != models::credential_state_name(models::CredentialState::VALID);
  else h.access_bad = r.to != models::access_state_name(models::AccessState::GRANTED);
  if (!was_bad && h.bad()) {
    h.invalid_since = r.at;
    if (!h.incident) {
      h.incident = r.at;
      h.detected = h.acknowledged = false;
    }
  }
  if (was_bad && !h.bad()) {
    h.invalid_since.reset();
    h.fixed_at = r.at;
    check_restored(key_id(part.index, part.provider), r.at);
  }
}

// An alert about a key's block detects its open incident; a responder's acknowledgement
// acknowledges the incident of the key its trigger was about (every open one when the trigger was
// about no key's block, such as a step).
void MetricsObserver::on_incident_record(const sim::Record& r) {
  if (r.kind == sim::RecordKind::alert) {
    const models::Entity x = models::entity_of(r.subject);
    if (x.kind != models::EntityKind::kms) return;
    auto k = keys_.find(key_id(x.index, x.provider));
    if (k == keys_.end() || !k->second.incident || k->second.detected) return;
    k->second.detected = true;
    values_.emplace_back(names::kTimeToDetect, (r.at - *k->second.incident).ms());
    return;
  }
  if (r.kind != sim::RecordKind::external || r.cause != scenario::responder_causes::kAcknowledged) return;
  const models::Entity x = models::entity_of(r.subject);
  for (auto& [id, h] : keys_)
    if (h.incident && !h.acknowledged && (x.kind != models::EntityKind::kms || id == key_id(x.index, x.provider))) {
      h.acknowledged = true;
      values_.emplace_back(names::kTimeToAcknowledge, (r.at - *h.incident).ms());
    }
}

// The incident of `key` ends once the key is usable and no cluster using it is unavailable.
void MetricsObserver::check_restored(KeyId key, sim::Time at) {
  auto k = keys_.find(key);
  if (k == keys_.end() || !k->second.incident || k->second.bad() || k->second.clusters_unavailable > 0) return;
  assert(std::none_of(clusters_.begin(), clusters_.end(), [&](const auto& ct) {
    return ct.second.key == key && cluster_state_unavailable(ct.second.state);
  }));  // the count agrees with the clusters
  values_.emplace_back(names::kTimeToRestore, (at - *k->second.incident).ms());
  k->second.incident.reset();
}

MetricsObserver::ClusterTrack& MetricsObserver::cluster(models::ClusterIx c) {
  auto [it, inserted] = clusters_.try_emplace(c);
  if (inserted) {
    const models::Cluster& cl = world_.cluster(c);
    if (cl.encryptionAtRestProvider != models::Provider::NONE) it->second.key = key_id(cl.project, cl.encryptionAtRestProvider);
  }
  return it->second;
}

void MetricsObserver::on_cluster(const sim::Record& r, models::ClusterIx c) {
  ClusterTrack& track = cluster(c);
  const bool was_down = cluster_state_unavailable(r.from);
  if (was_down) track.down_ms += (r.at - track.since).ms();
  if (track.key && cluster_state_unavailable(track.state) != cluster_state_unavailable(r.to)) {
    std::int64_t& n = keys_[*track.key].clusters_unavailable;
    n += cluster_state_unavailable(r.to) ? 1 : -1;
    assert(n >= 0);
  }
  track.state = r.to;
  track.since = r.at;
  if (!was_down && (is(r.to, ClusterState::DISABLED_EAR) || is(r.to, ClusterState::PAUSED)) && track.key) {
    auto k = keys_.find(*track.key);
    if (k != keys_.end() && k->second.invalid_since) {
      values_.emplace_back(names::kDetectionLatency, (r.at - *k->second.invalid_since).ms());
      track.down_for_key = true;
      track.down_at = r.at;
    }
  }
  if (is(r.to, ClusterState::RUNNING) && track.down_for_key) {
    auto k = keys_.find(*track.key);
    if (k != keys_.end() && k->second.fixed_at && *k->second.fixed_at >= track.down_at)
      values_.emplace_back(names::kTimeToRecovery, (r.at - *k->second.fixed_at).ms());
    track.down_for_key = false;
  }
  if (was_down && !cluster_state_unavailable(r.to) && track.key) check_restored(*track.key, r.at);
}

void MetricsObserver::on_endpoint(const sim::Record& r, models::EndpointIx e) {
  if (r.from == models::endpoint_status_name(models::EndpointStatus::NONE)) {
    endpoints_[e].created = r.at;
    return;
  }
  auto it = endpoints_.find(e);
  if (r.to == models::endpoint_status_name(models::EndpointStatus::PENDING_RECREATION)) count(names::kEndpointRecreations);
  if (it == endpoints_.end()) return;  // existed at time zero
  EndpointTrack& ep = it->second;
  if (r.to == models::endpoint_status_name(models::EndpointStatus::ACTIVE) && !ep.active_at) {
    ep.active_at = r.at;
    values_.emplace_back(names::kEndpointTimeToActive, (r.at - ep.created).ms());
  }
  if ((r.to == models::endpoint_status_name(models::EndpointStatus::DELETING) || r.to == models::endpoint_status_name(models::EndpointStatus::DELETED)) && !ep.ended_at) ep.ended_at = r.at;
}

// Downtime per cluster (every cluster of the world, zeros included), per project (per key region
// in a fleet of more than report::kFleetProjects projects), the fleet's availability and, with an
// SLO, which clusters broke it.
void MetricsObserver::downtime_values(sim::Time end) {
  std::map<models::ProjectIx, std::int64_t> per_project;
  for (models::ClusterIx c = 0; c < world_.clusters().size(); ++c) {
    ClusterTrack& track = cluster(c);
    if (cluster_state_unavailable(track.state)) track.down_ms += (end - track.since).ms();
    unavailable_ms_ += track.down_ms;
    per_project[world_.cluster(c).project] += track.down_ms;
    values_.emplace_back(names::kClusterDowntime, track.down_ms);
    if (slo_) values_.emplace_back(names::kDowntimeOverSlo, track.down_ms > slo_->ms() ? 1'000'000 : 0);
  }
  for (const auto& [p, ms] : per_project)
    if (ms > 0 && regionOf_.empty()) counts_[names::kProjectDowntimePrefix + world_.project(p).name] = ms;
    else if (ms > 0 && p < regionOf_.size()) counts_[names::kRegionDowntimePrefix + regionOf_[p]] += ms;
  const std::int64_t fleet_ms = static_cast<std::int64_t>(world_.clusters().size()) * end.since_start().ms();
  if (fleet_ms > 0)  // in double: cluster-milliseconds times a million would overflow 64 bits
    counts_[names::kFleetAvailability] =
        std::llround(1e6 * (1.0 - static_cast<double>(unavailable_ms_) / static_cast<double>(fleet_ms)));
}

MetricValues MetricsObserver::finish(sim::Time end) {
  downtime_values(end);
  std::int64_t stuck = 0;
  for (const auto& [e, ep] : endpoints_) {
    const sim::Time until = ep.active_at ? *ep.active_at : ep.ended_at ? *ep.ended_at : end;
    // Deleted before the bound and never ACTIVE: given up on, not stuck.
    const bool gave_up = !ep.active_at && ep.ended_at && (*ep.ended_at - ep.created) <= stuck_after_;
    if (!gave_up && (until - ep.created) > stuck_after_) ++stuck;
  }
  MetricValues out = std::move(values_);
  if (unavailable_ms_ > 0) out.emplace_back(names::kClusterUnavailable, unavailable_ms_);
  if (stuck > 0) out.emplace_back(names::kEndpointsStuck, stuck);
  for (const auto& [name, n] : counts_) out.emplace_back(name, n);
  return out;
}

}  // namespace sweep
