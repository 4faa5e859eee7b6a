// MetricsObserver: watches one run's Records and reduces them to a few metric values, so the run's
// trace never has to be kept. Attach it to a scenario::Run before execute(), call finish() after.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "models/world.h"
#include "sim/observer.h"
#include "sweep/metric_spec.h"

namespace sweep {

// One run reduced to its metric values (per_event metrics may repeat; per_run ones appear at most
// once and only when non-zero).
using MetricValues = std::vector<std::pair<std::string, std::int64_t>>;

class MetricsObserver : public sim::Observer {
 public:
  // `world` is read for each cluster's key provider and the key states at time zero. With `slo`,
  // each cluster's downtime is also compared with it (cluster_downtime_over_slo).
  MetricsObserver(const models::World& world, const std::vector<CustomMetric>& custom, sim::Duration stuck_after,
                  std::optional<sim::Duration> slo = std::nullopt);

  void on_record(const sim::Record& r) override;
  // Closes open intervals at `end` (the horizon) and returns the run's values.
  MetricValues finish(sim::Time end);

 private:
  struct KeyHealth {
    bool key_bad = false, credentials_bad = false, access_bad = false;
    std::optional<sim::Time> invalid_since, fixed_at;
    // The incident: from the key becoming unusable until it and its clusters are back.
    std::optional<sim::Time> incident;
    bool detected = false, acknowledged = false;
    // Clusters on this key in an unavailable state now (kept by on_cluster), so the end of an
    // incident is known without a pass over every cluster of the fleet.
    std::int64_t clusters_unavailable = 0;
    bool bad() const { return key_bad || credentials_bad || access_bad; }
  };
  // A project's customer key in one KMS: (project << 8) | provider.
  using KeyId = std::uint64_t;
  static KeyId key_id(models::ProjectIx p, models::Provider provider) { return (KeyId{p} << 8) | static_cast<KeyId>(provider); }
  struct ClusterTrack {
    std::string state;  // "" until the first transition: RUNNING-like
    sim::Time since;
    std::int64_t down_ms = 0;  // time unavailable so far
    std::optional<KeyId> key;  // its customer key (none without one)
    bool down_for_key = false;
    sim::Time down_at;
  };
  struct EndpointTrack {
    sim::Time created;
    std::optional<sim::Time> active_at, ended_at;
  };
  struct CustomTrack {
    std::optional<sim::Time> started;
  };

  void on_transition(const sim::Record& r);
  void on_client(const sim::Record& r);
  void on_key_part(const sim::Record& r, const models::Entity& part);
  void on_cluster(const sim::Record& r, models::ClusterIx c);
  void on_endpoint(const sim::Record& r, models::EndpointIx e);
  void on_incident_record(const sim::Record& r);
  void check_restored(KeyId key, sim::Time at);
  void downtime_values(sim::Time end);
  void count(const std::string& metric) { ++counts_[metric]; }
  ClusterTrack& cluster(models::ClusterIx c);

  const models::World& world_;
  const std::vector<CustomMetric>& custom_;
  sim::Duration stuck_after_;
  std::optional<sim::Duration> slo_;
  std::map<KeyId, KeyHealth> keys_;
  std::map<models::ClusterIx, ClusterTrack> clusters_;
  std::map<models::EndpointIx, EndpointTrack> endpoints_;
  std::vector<CustomTrack> custom_tracks_;
  std::vector<std::string> regionOf_;  // each project's key region, for a fleet only (else empty)
  std::map<std::string, std::int64_t> counts_;     // per_run counters
  std::map<std::string, sim::Time> applyStarted_;   // client entity -> start of its running apply
  std::int64_t unavailable_ms_ = 0;
  MetricValues values_;                             // per_event values, in the order they happened
};

// DISABLED_EAR, PAUSED, DISABLED_MULTICLOUD: the cluster serves nothing.
bool cluster_state_unavailable(const std::string& state);

}  // namespace sweep
