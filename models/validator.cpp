// The validator (seed 003 §'Validate your KMS Configuration'; spec §2.9): when credentials are
// added or updated, on demand (GET encryptionAtRest, Try Again) and every 15 minutes per project.
#include <algorithm>
#include <cassert>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/alerts.h"
#include "models/causes.h"
#include "models/key_versions.h"
#include "models/world.h"

namespace models {

// The KMS code naming why a key is unusable (spec §3.2 key/credential codes).
std::string key_state_code(Provider p, KeyState s) {
  switch (p) {
    case Provider::AWS:
      if (s == KeyState::DISABLED) return "AWS_KMS_CUSTOMER_MASTER_KEY_NOT_ENABLED";
      if (s == KeyState::PENDING_DELETION) return "AWS_KMS_CUSTOMER_MASTER_KEY_PENDING_DELETION";
      return "AWS_CUSTOMER_MASTER_KEY_NOT_FOUND";
    case Provider::AZURE:
      if (s == KeyState::DISABLED) return "AZURE_KEY_VAULT_KEY_NOT_ENABLED";
      // A key deleted in the vault (soft delete, recoverable or not) is not found there; NOT_ACTIVE
      // is api-errors' "must not be used before its nbf" (key_versions.cpp), not a deletion.
      return "AZURE_KEY_VAULT_KEY_NOT_FOUND";
    case Provider::GCP:
      if (s == KeyState::DISABLED) return "GOOGLE_CLOUD_KMS_KEY_VERSION_DISABLED";
      if (s == KeyState::PENDING_DELETION) return "GOOGLE_CLOUD_KMS_KEY_VERSION_DESTROY_SCHEDULED";
      if (s == KeyState::DESTROYED) return "GOOGLE_CLOUD_KMS_KEY_VERSION_DESTROYED";
      return "GOOGLE_CLOUD_KMS_KEY_VERSION_NOT_FOUND";
    default:
      return "MISSING_ENCRYPTION_AT_REST_PROVIDER";
  }
}

namespace {
std::string credential_code(Provider p, CredentialState s) {
  if (p == Provider::AWS) return s == CredentialState::PROPAGATING ? "CANNOT_ASSUME_ROLE" : "INVALID_AWS_CREDENTIALS";
  if (p == Provider::AZURE) return "INVALID_AZURE_CREDENTIALS";
  return "INVALID_GOOGLE_CLOUD_CREDENTIALS";
}
}  // namespace

World::BlockVerdict World::assess(const Project& pr, Provider provider) const {
  const KmsConfig& b = pr.block(provider);
  const CustomerKey& k = b.key;
  // Reachability first: when Atlas can't connect it cannot tell anything else (seed 003).
  if (!k.reachable(b.kmsRegion)) return {Verdict::unreachable, "SIM_KMS_UNREACHABLE"};
  if (b.privatePath) {
    // spec §2.5: without an ACTIVE endpoint the private path is cut (endpoint_loss_semantics), for
    // the private-path nodes: with no cluster on the key nothing is cut (issue 11 item 15: the
    // documented teardown deletes the last endpoint before PN goes off, and raises no alert).
    const auto onPath = [&](std::uint32_t c) {
      return clusters_[c].encryptionAtRestProvider == provider && clusters_[c].privatePath;
    };
    if (pr.activeEndpoints[block_index(provider)] == 0 && std::any_of(pr.clusterIxs.begin(), pr.clusterIxs.end(), onPath)) {
      if (settings_.endpoint_loss_semantics == EndpointLossSemantics::unreachable)
        return {Verdict::unreachable, "SIM_KMS_UNREACHABLE"};
      return {Verdict::invalid, "SIM_PRIVATE_ENDPOINT_UNAVAILABLE"};
    }
  }
  if (k.credentials.state() != CredentialState::VALID) return {Verdict::invalid, credential_code(provider, k.credentials.state())};
  if (k.access.state() != AccessState::GRANTED) return {Verdict::invalid, "NO_PERMISSION_TO_ENCRYPT_DECRYPT"};
  if (k.keyState.state() != KeyState::ENABLED) return {Verdict::invalid, key_state_code(provider, k.keyState.state())};
  if (auto code = current_key_problem(pr, provider)) return {Verdict::invalid, *code};  // expiry, nbf, rotation deploying
  return {Verdict::valid, {}};
}

bool World::cluster_kms_usable(const Cluster& c) const {
  // spec §2.5: per region (region_kms_usable, cluster_regions.cpp); a cluster without a region
  // (none in practice) reads as usable.
  return std::all_of(c.regions.begin(), c.regions.end(), [&](const ClusterRegion& r) { return region_kms_usable(c, r); });
}

// One tick's checks (the tick schedule, with or without fast-forward: tick_schedule.cpp): every
// enabled block is validated as a scheduled check, then its key-rotation alert is due or not.
void World::run_scheduled_checks(ProjectIx p) {
  Project& pr = projects_[p];
  ++pr.scheduledChecks;
  for (std::size_t i = 0; i < kBlockCount; ++i) {
    assert(((pr.enabledBlocks >> i) & 1U) == pr.blocks[i].enabled);
    if (((pr.enabledBlocks >> i) & 1U) == 0) continue;
    validate_block(p, block_provider(i), CheckKind::scheduled);
    check_rotation_alert(p, block_provider(i));
  }
}

void World::validate_project(ProjectIx p, CheckKind kind) {
  for (std::size_t i = 0; i < kBlockCount; ++i)
    if (projects_[p].blocks[i].enabled) validate_block(p, block_provider(i), kind);
}

void World::validate_block(ProjectIx p, Provider provider, CheckKind kind) {
  ++validations_;
  Project& pr = projects_[p];
  KmsConfig& b = pr.block(provider);
  // Only enabled blocks are validated, and the flag and its machine move together.
  assert(b.enabled && b.ear.state() != EarState::OFF);
  assert(b.requirePrivateNetworking == (b.pn.state() == PnState::ON));
  const BlockVerdict v = assess(pr, provider);
  const sim::Subject entity = block_subject(p, provider);
  const EarState before = b.ear.state();
  const bool scheduled = kind == CheckKind::scheduled;
  if (!scheduled) {
    std::vector<std::pair<std::string, std::string>> fields;
    if (!v.reasonCode.empty()) fields.emplace_back("reason", v.reasonCode);  // a success has no reason
    alert(v.verdict == Verdict::valid ? alerts::kValidationSucceeded : alerts::kValidationFailed, entity, std::move(fields));
  }

  // spec §2.5: a private-path node with no ACTIVE endpoint in its region cannot reach the KMS
  // (alert, no shutdown), while the other regions' nodes can; the block stays as its check found it.
  // The key's part of every region's reach (block_key_usable): a valid verdict already proves it.
  const bool keyUsable = v.verdict == Verdict::valid || block_key_usable(pr, provider);
  assert(keyUsable == block_key_usable(pr, provider));
  const std::vector<std::string> cut = update_regions_without_key(p, provider, keyUsable);
  if (v.verdict != Verdict::unreachable && cut.empty() && b.networkAccessDenied) {
    b.networkAccessDenied = false;
    alert(alerts::kKmsNetworkAccessRestored, entity);
  }
  if (v.verdict != Verdict::unreachable && !cut.empty() && !b.networkAccessDenied) {
    b.networkAccessDenied = true;
    alert(alerts::kKmsNetworkAccessDenied, entity, {{"regions", fmt::format("{}", fmt::join(cut, ","))}});
  }
  switch (v.verdict) {
    case Verdict::valid:
      b.valid = true;
      if (before != EarState::ON_VALID) {
        b.ear.fire(sim_, EarEvent::CheckValid, "validation");
        if (before == EarState::ON_INVALID) {
          alert(alerts::key_valid(provider), entity);
          alert(alerts::kConfigIsValid, entity);
        }
      }
      // seed 003: "All mongod and mongos processes restart after Atlas determines your
      // configuration to be valid" — at any check (Try Again, on-demand, tick).
      recover_clusters(p, provider);
      break;
    case Verdict::invalid: {
      b.valid = false;
      if (before != EarState::ON_INVALID) {
        b.ear.fire(sim_, EarEvent::CheckInvalid, "validation");
        alert(alerts::key_invalid(provider), entity, {{"reason", v.reasonCode}});
        alert(alerts::kConfigNoLongerValid, entity, {{"reason", v.reasonCode}});
      }
      // seed 003: shut down "on the next scheduled validity check" (shutdown_on_unscheduled_check).
      if (!scheduled && !settings_.shutdown_on_unscheduled_check) break;
#ifdef CMKSIM_PLANTED_BUG  // test builds only (tests/property): the first scheduled check that finds the key invalid does not shut down
      if (scheduled && before != EarState::ON_INVALID) break;
#endif
      const CustomerKey& k = b.key;
      const bool revoked = k.access.state() == AccessState::REVOKED && k.credentials.state() == CredentialState::VALID;
      const bool pauseInstead = provider == Provider::AZURE && revoked &&
                                settings_.azure_revocation_effect == AzureRevocationEffect::pause &&
                                !(settings_.azure_ip_list_blocks_pause && k.ipAccessListBlocksControlPlane);
      if (pauseInstead) pause_clusters_for_revocation(p);  // seed 004 §'Revoke Access...'
      else shut_down_clusters(p, provider, v.reasonCode);
      break;
    }
    case Verdict::unreachable:
      // seed 003: "If Atlas can't connect to your key management provider, Atlas doesn't shut down
      // your processes." Only the network-access alert (on by default, DOCS KMS page).
      if (before == EarState::ON_VALID) b.ear.fire(sim_, EarEvent::CheckUnreachable, "validation");
      if (settings_.valid_when_unreachable == ValidWhenUnreachable::invalid) b.valid = false;
      if (!b.networkAccessDenied) {
        b.networkAccessDenied = true;
        alert(alerts::kKmsNetworkAccessDenied, entity);
      }
      break;
  }
}

void World::shut_down_clusters(ProjectIx p, Provider provider, const std::string& reason) {
  const bool observed = sim_.observed();
  std::string names;  // the email's list, "a,b", kept only for an observed run
  for (ClusterIx c : projects_[p].clusterIxs) {
    Cluster& cl = clusters_[c];
    if (cl.encryptionAtRestProvider != provider) continue;
    const ClusterState s = cl.state();
    if (s != ClusterState::RUNNING && s != ClusterState::UPDATING && s != ClusterState::RESTARTING) continue;
    sim_.cancel(cl.pending);
    cl.pending = {};
    if (cl.applying) {  // the interrupted change waits for the key, like any queued one
      cl.queuedChanges.insert(cl.queuedChanges.begin(), *cl.applying);
      cl.applying.reset();
    }
    fire_cluster(c, ClusterEvent::Shutdown, causes::kScheduledCheckKeyInvalid);
    for (ClusterRegion& r : cl.regions) r.nodesDown = r.nodes;
    remove_search_nodes(c);  // spec §2.7: Search Nodes paused and removed (DOCS KMS page)
    projects_[p].clustersToRecover = true;
    if (observed) names.append(names.empty() ? "" : ",").append(cl.name);
  }
  if (!names.empty()) {  // some cluster shut down and the run is observed
    // seed 003: "Atlas sends an email to the Project Owner listing all affected clusters."
    alert(alerts::kClustersShutDownEmail, project_subject(p),
          {{"to", "Project Owner"}, {"clusters", std::move(names)}, {"reason", reason}});
  }
}

void World::pause_clusters_for_revocation(ProjectIx p) {
  for (ClusterIx c : projects_[p].clusterIxs) {
    Cluster& cl = clusters_[c];
    if (cl.encryptionAtRestProvider != Provider::AZURE) continue;
    const ClusterState s = cl.state();
    if (s != ClusterState::RUNNING && s != ClusterState::UPDATING && s != ClusterState::RESTARTING &&
        s != ClusterState::DISABLED_EAR)
      continue;
    sim_.cancel(cl.pending);
    cl.pending = {};
    if (cl.applying) {
      cl.queuedChanges.insert(cl.queuedChanges.begin(), *cl.applying);
      cl.applying.reset();
    }
    fire_cluster(c, ClusterEvent::PauseByAtlas, "azure_key_access_revoked", Provider::AZURE);
    cl.paused = true;
    cl.pausedByAtlas = true;
    alert(alerts::kClusterPausedByAtlas, cluster_subject(c));
    schedule_auto_resume(c);
  }
}

void World::recover_clusters(ProjectIx p, Provider provider) {
  Project& pr = projects_[p];
  assert(pr.clustersToRecover || std::none_of(pr.clusterIxs.begin(), pr.clusterIxs.end(), [this](ClusterIx c) {
           return clusters_[c].state() == ClusterState::DISABLED_EAR || clusters_[c].nodesDown() > 0;
         }));  // the flag is set whenever a cluster needs recovering
  if (!pr.clustersToRecover) return;  // the common case at every tick: nothing to recover
  for (ClusterIx c : pr.clusterIxs) {
    Cluster& cl = clusters_[c];
    if (cl.encryptionAtRestProvider != provider) continue;
    restore_search_nodes(c);  // spec §2.7: fix -> new Search Nodes, initial sync
    // spec §2.5: a cluster none of whose regions can reach the key (private path, no ACTIVE
    // endpoint in any of them) stays disabled: restarting it would only fail again.
    if (cl.state() == ClusterState::DISABLED_EAR && any_region_kms_usable(cl)) {
      start_restart(c, "configuration_valid");
    } else if (cl.state() == ClusterState::RUNNING && cl.nodesDown() > 0) {
      // restart_scope node: the nodes that could not start come back, per region, once they can
      // reach the key [inferred]
      restart_recovered_regions(c);
    }
  }
  pr.clustersToRecover = std::any_of(pr.clusterIxs.begin(), pr.clusterIxs.end(), [this](ClusterIx c) {
    return clusters_[c].state() == ClusterState::DISABLED_EAR || clusters_[c].nodesDown() > 0;
  });
}

void World::check_rotation_alert(ProjectIx p, Provider provider) {
  KmsConfig& b = projects_[p].block(provider);
  CustomerKey& k = b.key;
  if (k.rotationAlertSent) return;
  const sim::Duration age = k.keyAgeAtStart + (sim_.now() - k.rotatedAt);
  // seed 003 §intro: "Atlas creates a 90-day key rotation alert" (rotation_alert_days; seed 002: 365);
  // the project's alert configuration may set its own threshold, 0 turning it off (RAWSPEC n DAYS).
  const std::int64_t days = projects_[p].rotationAlertDays.value_or(settings_.rotation_alert_days);
  if (days > 0 && age >= sim::Duration::days(days)) {
    k.rotationAlertSent = true;
    alert(alerts::key_needs_rotation(provider), block_subject(p, provider),
          {{"keyAgeDays", std::to_string(age.ms() / 86'400'000)}, {"thresholdDays", std::to_string(days)}});
  }
}

void World::schedule_master_key_rotation(ProjectIx p, sim::Time at) {
  sim_.schedule_at(at, [this, p] {
    // DOCS fact-atlas-key-rotation: Atlas rotates its master keys at most every 90 days, rolling
    // over the nodes (master_key_rotation_window).
    bool any = false;
    for (const KmsConfig& b : projects_[p].blocks) any = any || b.enabled;
    if (any) sim_.schedule_after(sample(settings_.master_key_rotation_window), [this, p] { alert(alerts::kMasterKeyRotated, project_subject(p)); });
    schedule_master_key_rotation(p, sim_.now() + settings_.master_key_rotation_interval);
  });
}

}  // namespace models
