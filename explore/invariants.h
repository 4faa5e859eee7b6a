// The built-in invariants of the CMK lifecycle: rules the documents state, checked against the
// model's state at every fired event (the kernel's observer), after every command (check_now) and at
// the end of a run (finish). The findings are the same with and without fast-forward (see on_fired).
// Shared by the RapidCheck property suite (tests/property) and `cmksim explore`.
//
// Each invariant names the document section it comes from (invariants()); a broken one produces a
// Violation {invariant, time, message}. The checker only reads the World: it schedules nothing and
// draws nothing from the random source, so observing a run never changes it.
//
// It is an oracle independent of the model on purpose: it reads the model's structs (including
// bookkeeping such as approvedInCloud, scheduledChecks, applying, queuedChanges that no Atlas field
// shows, so not through models/observe.h) and re-derives the rules it checks (block_verdict,
// cluster_kms_usable) from the documents instead of calling the validator, so a bug in the model's
// version of a rule is not copied into the check.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "models/world.h"
#include "sim/observer.h"
#include "sim/time.h"

namespace explore {

struct InvariantInfo {
  std::string_view name;    // snake_case; what explore writes at the top of a repro file
  std::string_view rule;    // one line, in the domain's words
  std::string_view source;  // the document section it comes from
};

// Every built-in invariant, in the order of issue 6 §2.
const std::vector<InvariantInfo>& invariants();
const InvariantInfo* find_invariant(std::string_view name);

struct Violation {
  std::string invariant;  // an invariants() name
  sim::Time at;
  std::string message;    // one line: what was seen, naming the entity
};

struct CheckerOptions {
  // Extra time a cluster may keep serving beyond one validation interval after its key became
  // invalid (issue 6 "plus the configured slack"). The model shuts down exactly at the tick: 0.
  sim::Duration shutdown_slack;
};

class InvariantChecker : public sim::Observer {
 public:
  explicit InvariantChecker(const models::World& world, CheckerOptions options = {});

  void on_fired(const sim::FiredEvent& e) override;  // the state held until e.at: check it
  void on_record(const sim::Record& r) override;     // transitions, operations, restores
  // Check the current state at `now`, after a command changed it then.
  void check_now(sim::Time now);
  // Check at the end of a run (`end`, after the last fired event): the state findings are those of
  // that event, reported at its instant, as they would be at any later fired event.
  void finish(sim::Time end);

  const std::vector<Violation>& violations() const { return violations_; }
  bool ok() const { return violations_.empty(); }

 private:
  enum class Verdict { valid, invalid, unreachable };
  // What a validation would find at `at` in the current state, re-derived here on purpose (see the
  // class comment).
  Verdict block_verdict(models::ProjectIx p, models::Provider provider, sim::Time at) const;
  // The instant in (stateStart_, now] at which the block's verdict changed with no event (an Azure
  // key's nbf or exp passed), or nullopt.
  std::optional<sim::Time> key_verdict_changed(models::ProjectIx p, models::Provider provider, sim::Time now) const;
  // Whether the cluster's processes (in region r) could start at `at`, re-derived the same way.
  bool cluster_kms_usable(const models::Cluster& c, sim::Time at) const;
  bool region_kms_usable(const models::Cluster& c, const models::ClusterRegion& r, sim::Time at) const;
  bool active_endpoint_in(models::ProjectIx p, models::Provider cloud, const std::string& region) const;
  void check_regions_approved(models::ProjectIx p, const std::string& cluster, std::span<const models::ClusterRegion> regions,
                              models::Provider ear, sim::Time now);
  std::vector<models::ClusterRegion> requested_regions(const std::string& text) const;
  void scan(sim::Time now, sim::Time seen, bool force);
  void check_shutdown_within_interval(sim::Time now);
  void late_shutdown(const models::Cluster& cl, sim::Time since, sim::Duration limit);
  void check_approval_reflected(sim::Time now);
  void check_rejection_recreated(sim::Time now);
  void check_restart_when_valid(sim::Time seen);
  void check_queued_and_lost(sim::Time seen);
  sim::Time project_due(models::ProjectIx p, sim::Time now) const;
  void note_change(const sim::Record& r);
  void check_new_cluster_regions(sim::Time now);
  void check_accepted_changes(sim::Time now);
  // Liveness, after commands and at the end of a run (an event being fired is no longer pending).
  void check_transitional_clusters(sim::Time now);
  void check_waiting_endpoints(sim::Time now);
  void on_operation(const sim::Record& r);
  void on_change_applied(const sim::Record& r, models::ClusterIx c);

  void on_transition(const sim::Record& r);
  void on_endpoint_transition(const sim::Record& r, models::EndpointIx e);
  void on_cluster_transition(const sim::Record& r, models::ClusterIx c);
  void on_block_disabled(const sim::Record& r, models::ProjectIx p, models::Provider P);
  void on_private_networking_off(models::ProjectIx p, models::Provider P, sim::Time at);
  void violate(std::string_view invariant, sim::Time at, std::string message);

  const models::World& world_;
  CheckerOptions options_;
  std::vector<Violation> violations_;
  std::set<std::string> reported_;  // invariant + entity: one report per entity and rule
  sim::Time stateStart_;            // the current state holds since then (last event or command)
  std::set<models::ProjectIx> changed_;  // projects a record named since the last scan
  bool allChanged_ = true;               // a record named no project, or nothing scanned yet
  std::vector<models::ProjectIx> scope_;  // what the current scan looks at, in project order
  std::vector<sim::Time> dueAt_;                          // per project: project_due at its last scan
  std::set<std::pair<sim::Time, models::ProjectIx>> dues_;  // the same, by time

  // shutdown_within_one_validation_interval: since when each cluster serves with an invalid key.
  std::map<models::ClusterIx, sim::Time> servingInvalidSince_;
  // endpoint approvals waiting to be reflected (seed 004: up to three minutes).
  std::map<models::EndpointIx, sim::Time> approvedSince_;
  bool checkApprovalDelay_ = true;
  // ACTIVE endpoints rejected/removed: when they entered PENDING_RECREATION.
  std::map<models::EndpointIx, sim::Time> recreationSince_;
  sim::Duration recreationBound_;
  // scheduled checks per project, seen at the last scan; validations flagged by events.
  std::vector<std::uint64_t> scheduledChecks_;
  std::set<std::pair<models::ProjectIx, models::Provider>> validatedSinceScan_;
  std::size_t clustersSeen_ = 0;
  // accepted_changes_land: per cluster, the changes Atlas accepted and has not applied yet, in order.
  std::map<models::ClusterIx, std::vector<models::QueuedChange>> accepted_;
};

}  // namespace explore
