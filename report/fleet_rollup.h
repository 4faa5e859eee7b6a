// The fleet report: a run's records added up per project and per region, for fleets where one
// line per record would be unreadable (`cmksim run` prints it instead of the timeline past
// kFleetProjects projects, or with --aggregate always). A project's region is its key's: the cloud
// and KMS region of its first enabled block ("AWS US_EAST_1"; "none" without a key).
//
// Text:
//   fleet: 1000 projects, 10000 clusters; 212 shutdowns, 18034.5 disabled cluster-minutes, 1873 alerts
//   region                 projects  clusters  shutdowns  disabled min  alerts
//   AWS US_EAST_1               250      2500         60        4410.0  AWS_ENCRYPTION_KEY_INVALID 60, ...
//   worst projects (by disabled cluster-minutes, then shutdowns):
//   team-0007              AWS US_EAST_1           shutdowns 30  disabled 2400.0 min  alerts 3
//   incidents:
//   fat-finger             key_disabled            starts 95  ends 94
//
// JSON (one object, under "fleet" in `cmksim run --format json`): projects, clusters, shutdowns,
// disabled_cluster_minutes, alerts {eventTypeName: n}, regions [{region, projects, clusters,
// shutdowns, disabled_cluster_minutes, alerts}], worst_projects [the 10 worst, as in by_project],
// by_project [{project, region, clusters, shutdowns, disabled_cluster_minutes, alerts}] in world
// order, incidents [{name, kind, starts, ends}].
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/world.h"
#include "sim/observer.h"

namespace report {

// Past this many projects `cmksim run` prints the fleet report instead of the timeline, and
// `cmksim sweep` reports downtime per key region instead of per project.
inline constexpr std::size_t kFleetProjects = 20;

// "AWS US_EAST_1": the cloud and KMS region of the project's first enabled key block; "none"
// without one. A fleet is grouped by it.
std::string key_region(const models::Project& p);

class FleetRollup : public sim::Observer {
 public:
  // Takes the projects and clusters of the world as it starts (call before the run).
  explicit FleetRollup(const models::World& world);

  void on_record(const sim::Record& r) override;
  // Closes the clusters still disabled at `end` (the run's end time); call once, after the run.
  void finish(sim::Time end);

  nlohmann::ordered_json json() const;
  void write_text(std::ostream& out) const;

 private:
  struct Tally {
    std::size_t projects = 0, clusters = 0;
    std::uint64_t shutdowns = 0;
    double disabledMinutes = 0;
    std::map<std::string, std::uint64_t> alerts;  // eventTypeName -> count
    std::uint64_t alertCount() const;
  };
  struct Incident {
    std::string kind;
    std::uint64_t starts = 0, ends = 0;
  };
  void cluster_transition(const sim::Record& r);
  std::vector<std::size_t> worst(std::size_t n) const;  // project indexes
  Tally total() const;
  std::map<std::string, Tally> by_region() const;
  static nlohmann::ordered_json tally_json(const Tally& t);

  const models::World& world_;
  std::vector<std::string> regionOf_;     // per project
  std::vector<Tally> projects_;           // per project
  std::vector<std::int64_t> disabledSince_;  // per cluster, ms; -1 while not disabled
  std::map<std::string, Incident> incidents_;  // by name
  std::vector<std::string> incidentOrder_;
};

}  // namespace report
