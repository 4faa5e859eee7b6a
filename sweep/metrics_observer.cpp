#include "sweep/metrics_observer.h"

namespace sweep {

bool cluster_state_unavailable(const std::string& s) {
  return s == "DISABLED_EAR" || s == "PAUSED" || s == "DISABLED_MULTICLOUD";
}

namespace {
// "key/shop/AWS" -> {"key", "shop/AWS"}
std::pair<std::string, std::string> split_entity(const std::string& entity) {
  const auto slash = entity.find('/');
  if (slash == std::string::npos) return {entity, ""};
  return {entity.substr(0, slash), entity.substr(slash + 1)};
}
const std::string* field(const sim::Record& r, const char* key) {
  for (const auto& [k, v] : r.fields)
    if (k == key) return &v;
  return nullptr;
}
}  // namespace

MetricsObserver::MetricsObserver(const models::World& world, const std::vector<CustomMetric>& custom, sim::Duration stuck_after)
    : world_(world), custom_(custom), stuck_after_(stuck_after), custom_tracks_(custom.size()) {
  // A key that is already unusable at time zero has been invalid since time zero.
  for (const models::Project& p : world.projects())
    for (std::size_t b = 0; b < models::kBlockCount; ++b) {
      const models::KmsConfig& block = p.blocks[b];
      if (!block.enabled) continue;
      KeyHealth h;
      h.key_bad = block.key.keyState.state() != models::KeyState::ENABLED;
      h.credentials_bad = block.key.credentials.state() != models::CredentialState::VALID;
      h.access_bad = block.key.access.state() != models::AccessState::GRANTED;
      if (h.bad()) h.invalid_since = sim::Time::zero();
      keys_[p.name + "/" + std::string(models::provider_name(models::block_provider(b)))] = h;
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
  if (r.kind == "transition") return on_transition(r);
  if (r.kind == "operation") {
    const std::string* outcome = field(r, "outcome");
    if (outcome && *outcome != "OK") {
      count(names::kGuardErrors);
      count(names::kGuardErrorPrefix + *outcome);
    }
    return;
  }
  if (r.kind == "alert" || r.kind == "email" || r.kind == "event") {
    if (const std::string* type = field(r, "eventTypeName")) {
      count(names::kAlerts);
      count(names::kAlertPrefix + *type);
    }
  }
}

void MetricsObserver::on_transition(const sim::Record& r) {
  const auto [machine, rest] = split_entity(r.entity);
  if (machine == "key" || machine == "credentials" || machine == "key_access") return on_key_part(r, machine, rest);
  if (machine == "cluster") return on_cluster(r, rest);
  if (machine == "endpoint") return on_endpoint(r);
}

void MetricsObserver::on_key_part(const sim::Record& r, const std::string& machine, const std::string& rest) {
  KeyHealth& h = keys_[rest];
  const bool was_bad = h.bad();
  if (machine == "key") h.key_bad = r.to != "ENABLED";
  else if (machine == "credentials") h.credentials_bad = r.to != "VALID";
  else h.access_bad = r.to != "GRANTED";
  if (!was_bad && h.bad()) h.invalid_since = r.at;
  if (was_bad && !h.bad()) {
    h.invalid_since.reset();
    h.fixed_at = r.at;
  }
}

MetricsObserver::ClusterTrack& MetricsObserver::cluster(const std::string& rest) {
  auto [it, inserted] = clusters_.try_emplace(rest);
  if (inserted) {
    const auto slash = rest.find('/');
    const std::string project = rest.substr(0, slash);
    if (auto ix = world_.find_cluster(project, rest.substr(slash + 1))) {
      const models::Provider p = world_.cluster(*ix).encryptionAtRestProvider;
      if (p != models::Provider::NONE) it->second.key = project + "/" + std::string(models::provider_name(p));
    }
  }
  return it->second;
}

void MetricsObserver::on_cluster(const sim::Record& r, const std::string& rest) {
  ClusterTrack& c = cluster(rest);
  const bool was_down = cluster_state_unavailable(r.from);
  const bool down = cluster_state_unavailable(r.to);
  if (was_down) unavailable_ms_ += (r.at - c.since).ms();
  c.state = r.to;
  c.since = r.at;
  if (!was_down && (r.to == "DISABLED_EAR" || r.to == "PAUSED") && !c.key.empty()) {
    auto k = keys_.find(c.key);
    if (k != keys_.end() && k->second.invalid_since) {
      values_.emplace_back(names::kDetectionLatency, (r.at - *k->second.invalid_since).ms());
      c.down_for_key = true;
      c.down_at = r.at;
    }
  }
  if (r.to == "RUNNING" && c.down_for_key) {
    auto k = keys_.find(c.key);
    if (k != keys_.end() && k->second.fixed_at && *k->second.fixed_at >= c.down_at)
      values_.emplace_back(names::kTimeToRecovery, (r.at - *k->second.fixed_at).ms());
    c.down_for_key = false;
  }
  (void)down;
}

void MetricsObserver::on_endpoint(const sim::Record& r) {
  if (r.from == "none") {
    endpoints_[r.entity].created = r.at;
    return;
  }
  auto it = endpoints_.find(r.entity);
  if (r.to == "PENDING_RECREATION") count(names::kEndpointRecreations);
  if (it == endpoints_.end()) return;  // existed at time zero
  EndpointTrack& e = it->second;
  if (r.to == "ACTIVE" && !e.active_at) {
    e.active_at = r.at;
    values_.emplace_back(names::kEndpointTimeToActive, (r.at - e.created).ms());
  }
  if ((r.to == "DELETING" || r.to == "deleted") && !e.ended_at) e.ended_at = r.at;
}

MetricValues MetricsObserver::finish(sim::Time end) {
  for (const auto& [name, c] : clusters_)
    if (cluster_state_unavailable(c.state)) unavailable_ms_ += (end - c.since).ms();
  std::int64_t stuck = 0;
  for (const auto& [entity, e] : endpoints_) {
    const sim::Time until = e.active_at ? *e.active_at : e.ended_at ? *e.ended_at : end;
    // Deleted before the bound and never ACTIVE: given up on, not stuck.
    const bool gave_up = !e.active_at && e.ended_at && (*e.ended_at - e.created) <= stuck_after_;
    if (!gave_up && (until - e.created) > stuck_after_) ++stuck;
  }
  MetricValues out = std::move(values_);
  if (unavailable_ms_ > 0) out.emplace_back(names::kClusterUnavailable, unavailable_ms_);
  if (stuck > 0) out.emplace_back(names::kEndpointsStuck, stuck);
  for (const auto& [name, n] : counts_) out.emplace_back(name, n);
  return out;
}

}  // namespace sweep
