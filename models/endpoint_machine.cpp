// The EAR private endpoint: its table (spec §2.1-2.3) and the World's endpoint operations.
#include <algorithm>
#include <cassert>
#include <charconv>

#include <fmt/format.h>

#include "models/alerts.h"
#include "models/world.h"

namespace models {

namespace {
// errorMessage of a FAILED endpoint (seed 004 §'View Private Endpoints...'), by what failed.
constexpr const char* kCreationFailed = "Failed to create the private endpoint.";
constexpr const char* kDeletionFailed = "Failed to delete the private endpoint.";

// The label of the record Atlas creates to replace one labelled `old`: "east" -> "east~2" ->
// "east~3"; unlabelled stays unlabelled (shown by id).
std::string replacement_label(std::string_view old) {
  if (old.empty()) return {};
  const auto tilde = old.rfind('~');
  int generation = 1;
  if (tilde != std::string_view::npos) {
    const std::string_view digits = old.substr(tilde + 1);
    int n = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec == std::errc() && end == digits.data() + digits.size() && n >= 2) {
      generation = n;
      old = old.substr(0, tilde);
    }
  }
  return fmt::format("{}~{}", old, generation + 1);
}

namespace guard {
using G = EndpointTable::Guard;
using C = EndpointGuardContext;
constexpr G aws{"aws", [](const C& c) { return c.endpoint.cloudProvider == Provider::AWS; }};
constexpr G azure{"azure", [](const C& c) { return c.endpoint.cloudProvider == Provider::AZURE; }};
// seed 000: only the endpoint Atlas creates after a reject/remove waits for approval on AWS.
constexpr G aws_replacement_requires_approval{"aws_replacement_requires_approval", [](const C& c) {
  return c.endpoint.cloudProvider == Provider::AWS && c.endpoint.replacement && c.settings.aws_replacement_requires_approval;
}};
// A fault row fires only when a fault was drawn or injected; nothing else decides it.
constexpr G fault{"fault", [](const C&) { return true; }};
constexpr G same_record{"same_record", [](const C& c) { return c.settings.recreation_mode == RecreationMode::same_record; }};
constexpr G new_record{"new_record", [](const C& c) { return c.settings.recreation_mode == RecreationMode::new_record; }};
constexpr G delete_while_initiating_accept{"delete_while_initiating_accept", [](const C& c) {
  return c.settings.delete_while_initiating == DeleteWhileInitiating::accept;
}};
constexpr G delete_while_pending_recreation_accept{"delete_while_pending_recreation_accept", [](const C& c) {
  return c.settings.delete_while_pending_recreation == DeleteWhilePendingRecreation::accept;
}};
constexpr G delete_failed_allowed{"delete_failed_allowed", [](const C& c) { return c.settings.delete_failed_allowed; }};
constexpr G pending_removal_no_change{"pending_removal_no_change", [](const C& c) {
  return c.settings.pending_removal_effect == PendingRemovalEffect::no_change;
}};
constexpr G pending_removal_failed{"pending_removal_failed", [](const C& c) {
  return c.settings.pending_removal_effect == PendingRemovalEffect::failed;
}};
constexpr G pending_removal_recreate{"pending_removal_recreate", [](const C& c) {
  return c.settings.pending_removal_effect == PendingRemovalEffect::recreate;
}};
}  // namespace guard
}  // namespace

const EndpointTable& endpoint_table() {
  using S = EndpointStatus;
  using E = EndpointEvent;
  static const EndpointTable t(
      "endpoint",
      {S::NONE, S::INITIATING, S::PENDING_ACCEPTANCE, S::ACTIVE, S::FAILED, S::PENDING_RECREATION, S::DELETING, S::DELETED},
      S::NONE, {S::DELETED},
      {
          {S::NONE, E::Create, S::INITIATING, "seed 000/004 §'Enable and Set up Private Endpoint Connections' (POST, 202)"},
          {S::INITIATING, E::Provisioned, S::PENDING_ACCEPTANCE, guard::aws_replacement_requires_approval,
           "seed 000 §'Reject or Remove...' (You must approve the new private endpoint)"},
          {S::INITIATING, E::Provisioned, S::ACTIVE, guard::aws, "spec §2.2: AWS reaches ACTIVE without approval (TF basicTestCaseAWS) [observed]"},
          {S::INITIATING, E::Provisioned, S::PENDING_ACCEPTANCE, guard::azure, "seed 004 §'Enable and Set up...'; spec §2.3"},
          {S::INITIATING, E::CreationFailed, S::FAILED, guard::fault, "seed 004 §'View Private Endpoints and their Statuses' (FAILED + errorMessage)"},
          {S::INITIATING, E::Delete, S::DELETING, guard::delete_while_initiating_accept, "spec §5 delete_while_initiating=accept (CLOUDP-344647)"},
          {S::PENDING_ACCEPTANCE, E::ApprovalReflected, S::ACTIVE, "seed 004 §'Enable and Set up...' (up to three minutes)"},
          {S::PENDING_ACCEPTANCE, E::PendingConnectionRemoved, S::PENDING_ACCEPTANCE, guard::pending_removal_no_change, "spec §2.3, PR #2512 [observed]"},
          {S::PENDING_ACCEPTANCE, E::PendingConnectionRemoved, S::FAILED, guard::pending_removal_failed, "spec §5 pending_removal_effect"},
          {S::PENDING_ACCEPTANCE, E::PendingConnectionRemoved, S::PENDING_RECREATION, guard::pending_removal_recreate, "spec §5 pending_removal_effect"},
          {S::ACTIVE, E::ConnectionRemoved, S::PENDING_RECREATION, "seed 000/004 §'Reject or Remove Private Endpoint Connections'"},
          {S::PENDING_RECREATION, E::RecreationStarts, S::INITIATING, guard::same_record, "spec §2.1, PR #2544 [observed]"},
          {S::PENDING_RECREATION, E::ReplacementReady, S::DELETED, guard::new_record, "spec §2.1 recreation_old_record [inferred]"},
          {S::PENDING_ACCEPTANCE, E::Delete, S::DELETING, "seed 000/004 §'Reject or Remove...' (DELETE, 204)"},
          {S::ACTIVE, E::Delete, S::DELETING, "seed 000/004 §'Reject or Remove...'"},
          {S::FAILED, E::Delete, S::DELETING, guard::delete_failed_allowed, "seed 000 (regardless of their state) [inferred]"},
          {S::PENDING_RECREATION, E::Delete, S::DELETING, guard::delete_while_pending_recreation_accept, "spec §5 [inferred]"},
          {S::DELETING, E::DeletionDone, S::DELETED, "seed 000/004 §'Reject or Remove...'; TF ab237ab5d (not immediate)"},
          {S::DELETING, E::DeletionFailed, S::FAILED, guard::fault, "spec §2.1 [inferred]"},
      },
      endpoint_status_name, endpoint_event_name);
  return t;
}

bool endpoint_guard_on_cloud(const EndpointTable::Guard& g, Provider cloud) {
  // Pending removal applies on both: Azure (spec §2.3) and AWS replacements, which wait in
  // PENDING_ACCEPTANCE too (seed 000).
  if (g == guard::aws || g == guard::aws_replacement_requires_approval) return cloud == Provider::AWS;
  if (g == guard::azure) return cloud == Provider::AZURE;
  return true;
}

// ---------------------------------------------------------------------------------------------

void World::fire_endpoint(EndpointIx e, EndpointEvent ev, std::string_view cause) {
  PrivateEndpoint& ep = endpoints_[e];
  const bool wasActive = ep.state() == EndpointStatus::ACTIVE;
  const bool wasInitiating = ep.state() == EndpointStatus::INITIATING;
  ep.status.fire(sim_, ev, cause, EndpointGuardContext{ep, settings_});
  ep.statusSince = sim_.now();
  const bool active = ep.state() == EndpointStatus::ACTIVE;
  if (active != wasActive) count_active_endpoint(e, active);
  // spec §2.1 (new_record): the old PENDING_RECREATION record goes once its replacement leaves
  // INITIATING, whichever way (provisioned, FAILED, or deleted): else a replacement that failed or
  // was deleted would leave a record nothing removes (issue 11 item 11).
  if (wasInitiating && ep.state() != EndpointStatus::INITIATING && ep.replacesIx &&
      settings_.recreation_old_record == RecreationOldRecord::remove_when_replacement_ready) {
    const EndpointIx old = *ep.replacesIx;
    if (endpoints_[old].state() == EndpointStatus::PENDING_RECREATION) {
      sim_.cancel(endpoints_[old].pending);
      fire_endpoint(old, EndpointEvent::ReplacementReady, ev == EndpointEvent::Provisioned ? "replacement_provisioned" : "replacement_ended");
    }
  }
  assert(!ep.gone() || !sim_.is_pending(ep.pending));  // a gone endpoint has no timer left to fire
}

void World::schedule_endpoint(EndpointIx e, sim::Duration d, EndpointEvent ev) {
  PrivateEndpoint& ep = endpoints_[e];
  sim_.cancel(ep.pending);
  ep.pendingEvent = ev;
  ep.pending = sim_.schedule_after(d, [this, e] { on_endpoint_timer(e); });
}

EndpointIx World::new_endpoint(ProjectIx p, Provider cloud, std::string_view region, bool replacement, std::string label) {
  PrivateEndpoint ep;
  ep.id = make_object_id(IdKind::Endpoint, ++idCounter_);
  ep.label = std::move(label);
  ep.cloudProvider = cloud;
  ep.regionName = std::string(region);
  ep.region = region_id(region);
  ep.project = p;
  ep.replacement = replacement;
  ep.statusSince = sim_.now();
  // AWS: the interface endpoint resource id is known at once (spec §1); Azure: set when the
  // connection request reaches the vault (PENDING_ACCEPTANCE).
  if (cloud == Provider::AWS) ep.privateEndpointConnectionName = fmt::format("vpce-{:017x}", idCounter_);
  const auto e = static_cast<EndpointIx>(endpoints_.size());
  endpointById_.emplace(ep.id.str(), e);
  endpoints_.push_back(std::move(ep));
  projects_[p].endpointIxs.push_back(e);
  endpoints_[e].status = machine<EndpointStatus, EndpointEvent>(endpoint_table(), endpoint_subject(e));
  return e;
}

void World::start_provisioning(EndpointIx e) {
  const PrivateEndpoint& ep = endpoints_[e];
  sim::Duration d = sample(ep.cloudProvider == Provider::AWS ? settings_.t_aws_prov : settings_.t_az_prov);
  if (ep.cloudProvider == Provider::AWS) d = std::max(d, settings_.t_aws_prov_min);  // spec §4: 1-25 min
  auto& rng = sim_.random();
  // spec §6: FAILED and stuck creations are rare faults; draw only when enabled (keeps streams stable).
  if (settings_.endpoint_fail_prob > 0 && rng.bernoulli(settings_.endpoint_fail_prob)) {
    schedule_endpoint(e, d, EndpointEvent::CreationFailed);
  } else if (settings_.endpoint_stuck_prob > 0 && rng.bernoulli(settings_.endpoint_stuck_prob)) {
    // stays INITIATING (spec §6 #1: 3 h and more)
  } else {
    schedule_endpoint(e, d, EndpointEvent::Provisioned);
  }
}

void World::on_endpoint_timer(EndpointIx e) {
  PrivateEndpoint& ep = endpoints_[e];
  const EndpointEvent ev = ep.pendingEvent;
  ep.pending = {};
  switch (ev) {
    case EndpointEvent::Provisioned: {
      fire_endpoint(e, ev);
      ep.errorMessage.clear();
      if (ep.cloudProvider == Provider::AZURE && ep.privateEndpointConnectionName.empty())
        ep.privateEndpointConnectionName = fmt::format("atlas-ear-pe-{}-{}", ep.regionName, ep.id.substr(16));
      if (ep.state() == EndpointStatus::ACTIVE) on_endpoint_active(e);
      break;
    }
    case EndpointEvent::CreationFailed:
      fire_endpoint(e, ev);
      ep.errorMessage = kCreationFailed;
      break;
    case EndpointEvent::ApprovalReflected:
      fire_endpoint(e, ev);
      ep.approvedInCloud = false;
      ep.errorMessage.clear();
      on_endpoint_active(e);
      break;
    case EndpointEvent::RecreationStarts:
      fire_endpoint(e, ev);
      ep.errorMessage.clear();  // PR #2544: errorMessage cleared
      ep.replacement = true;
      ep.approvedInCloud = false;
      if (ep.cloudProvider == Provider::AZURE) ep.privateEndpointConnectionName.clear();
      start_provisioning(e);
      break;
    case EndpointEvent::DeletionDone:
      fire_endpoint(e, ev);
      alert(alerts::kPrivateEndpointDeleted, endpoint_subject(e),
            {{"regionName", ep.regionName}, {"cloudProvider", std::string(provider_name(ep.cloudProvider))}});
      break;
    case EndpointEvent::DeletionFailed:
      fire_endpoint(e, ev);
      ep.errorMessage = kDeletionFailed;
      break;
    case EndpointEvent::ReplacementReady:  // not timer-driven: spawn of the replacement (new_record)
      spawn_replacement(e);
      break;
    default:
      fire_endpoint(e, ev);
      break;
  }
}

void World::spawn_replacement(EndpointIx old) {
  const PrivateEndpoint& o = endpoints_[old];
  if (o.state() != EndpointStatus::PENDING_RECREATION) return;
  const EndpointIx e = new_endpoint(o.project, o.cloudProvider, o.regionName, /*replacement=*/true, replacement_label(o.label));
  endpoints_[e].replacesIx = old;
  endpoints_[old].replacedByIx = e;
  fire_endpoint(e, EndpointEvent::Create, "atlas_recreates");
  if (settings_.endpoint_event_emit == EndpointEventEmit::on_request)
    alert(alerts::kPrivateEndpointCreated, endpoint_subject(e),
          {{"regionName", endpoints_[e].regionName}, {"replaces", endpoints_[old].id.str()}});
  start_provisioning(e);
}

void World::on_endpoint_active(EndpointIx e) {
  const PrivateEndpoint& ep = endpoints_[e];
  if (settings_.endpoint_event_emit == EndpointEventEmit::on_active)
    alert(alerts::kPrivateEndpointCreated, endpoint_subject(e), {{"regionName", ep.regionName}});
  KmsConfig& b = projects_[ep.project].block(ep.cloudProvider);
  if (b.privatePath) return;
  // seed 004 §'Enable and Set up...': once an endpoint is approved, all CMK clusters, even ones on
  // the public internet, move to the private endpoint (after migration_delay).
  auto migrate = [this, p = ep.project, cloud = ep.cloudProvider] {
    KmsConfig& blk = projects_[p].block(cloud);
    if (!blk.enabled || !blk.requirePrivateNetworking) return;
    blk.privatePath = true;
    for (ClusterIx c : project_clusters(p))
      if (clusters_[c].encryptionAtRestProvider == cloud) clusters_[c].privatePath = true;
    region_inputs_changed(p);
    note(sim::RecordKind::effect, block_subject(p, cloud), "migrate_to_private_endpoint");
  };
  const sim::Duration d = sample(settings_.migration_delay);
  if (d == sim::Duration{}) migrate();
  else sim_.schedule_after(d, migrate);
}

bool World::endpoint_blocks(const PrivateEndpoint& ep, ProjectIx p, Provider provider) const {
  if (ep.gone() || ep.project != p) return false;
  return settings_.endpoint_guard_scope == EndpointGuardScope::project || ep.cloudProvider == provider;
}

bool World::region_has_active_endpoint(ProjectIx p, Provider cloud, const std::string& region) const {
  for (EndpointIx e : projects_[p].endpointIxs) {
    const PrivateEndpoint& ep = endpoints_[e];
    if (ep.cloudProvider == cloud && ep.regionName == region && ep.state() == EndpointStatus::ACTIVE) return true;
  }
  return false;
}

// The per-tick form: the project's cache of ACTIVE endpoints' regions (count_active_endpoint),
// which agrees with the endpoints.
bool World::region_has_active_endpoint(ProjectIx p, Provider cloud, RegionId region) const {
  const std::vector<RegionId>& active = projects_[p].activeEndpointRegions[block_index(cloud)];
  const bool any = std::find(active.begin(), active.end(), region) != active.end();
  assert(region != RegionId::none && any == region_has_active_endpoint(p, cloud, regionNames_[static_cast<std::size_t>(region)]));
  return any;
}

// Keeps the project's caches of ACTIVE endpoints (count and regions per cloud) as e enters or
// leaves ACTIVE.
void World::count_active_endpoint(EndpointIx e, bool active) {
  const PrivateEndpoint& ep = endpoints_[e];
  Project& pr = projects_[ep.project];
  const std::size_t i = block_index(ep.cloudProvider);
  std::vector<RegionId>& regions = pr.activeEndpointRegions[i];
  if (active) {
    ++pr.activeEndpoints[i];
    regions.push_back(ep.region);
  } else {
    --pr.activeEndpoints[i];
    regions.erase(std::find(regions.begin(), regions.end(), ep.region));
  }
  assert(pr.activeEndpoints[i] == regions.size());
  region_inputs_changed(ep.project);
}

bool World::any_active_endpoint(ProjectIx p, Provider cloud) const {
  const bool any = projects_[p].activeEndpoints[block_index(cloud)] > 0;
  assert(any == std::any_of(projects_[p].endpointIxs.begin(), projects_[p].endpointIxs.end(), [&](EndpointIx e) {
           return endpoints_[e].cloudProvider == cloud && endpoints_[e].state() == EndpointStatus::ACTIVE;
         }));  // the cache fire_endpoint keeps agrees with the endpoints
  return any;
}

// ---- operations ----

namespace {
// The 404 every endpoint operation answers for an endpoint that never existed or is gone,
// naming the id when there is one; nullopt for a live endpoint.
std::optional<AtlasError> missing_endpoint(const std::vector<PrivateEndpoint>& endpoints, EndpointIx e) {
  if (e < endpoints.size() && !endpoints[e].gone()) return std::nullopt;
  return errors::endpoint_not_found(e < endpoints.size() ? endpoints[e].id.str() : std::string("?"));
}
}  // namespace

Outcome World::create_endpoint(ProjectIx p, Provider cloud, std::string_view region, std::string_view label) {
  // G-EP-C (spec §3.1), in this order [inferred]:
  if (auto err = project_active_guard(p)) return *err;  // seed 000/004 §'Limitations' (ACTIVE projects)
  if (cloud != Provider::AWS && cloud != Provider::AZURE)  // spec §2.4: no GCP private endpoints
    return errors::unsupported_pe_provider(std::string(provider_name(cloud)));
  const KmsConfig& b = projects_[p].block(cloud);
  if (!b.enabled || !b.requirePrivateNetworking)  // seed 004: PATCH requirePrivateNetworking precedes POST
    return errors::pn_not_enabled(std::string(provider_name(cloud)));
  if (settings_.duplicate_region_endpoint == DuplicateRegionEndpoint::reject_409)
    for (EndpointIx ix : projects_[p].endpointIxs)
      if (const PrivateEndpoint& ep = endpoints_[ix]; ep.cloudProvider == cloud && ep.regionName == region && !ep.gone() &&
          ep.state() != EndpointStatus::PENDING_RECREATION && ep.state() != EndpointStatus::DELETING)
        return errors::duplicate_region_endpoint(std::string(region));
  // spec §6 #5: transient 500 on POST [observed]
  if (settings_.api_500_rate > 0 && sim_.random().bernoulli(settings_.api_500_rate)) return errors::unexpected_error();
  const EndpointIx e = new_endpoint(p, cloud, region, false, std::string(label));
  fire_endpoint(e, EndpointEvent::Create, "create_endpoint");
  if (settings_.endpoint_event_emit == EndpointEventEmit::on_request)
    alert(alerts::kPrivateEndpointCreated, endpoint_subject(e), {{"regionName", std::string(region)}});
  start_provisioning(e);
  return Outcome::success(202).with_created(endpoints_[e].id.str());
}

// RAWSPEC GET .../privateEndpoints/{id}: the EARPrivateEndpoint's read fields, 404 once gone.
Outcome World::get_endpoint(EndpointIx e) {
  if (auto err = missing_endpoint(endpoints_, e)) return *err;
  const PrivateEndpoint& ep = endpoints_[e];
  Outcome o = Outcome::success(200);
  o.with_body("status", std::string(ep.statusName()));
  if (!ep.errorMessage.empty()) o.with_body("errorMessage", ep.errorMessage);
  return o;
}

Outcome World::delete_endpoint(EndpointIx e) {
  if (auto err = missing_endpoint(endpoints_, e)) return *err;
  PrivateEndpoint& ep = endpoints_[e];
  // Which states take a DELETE is the table's rule (its delete guards: G-EP-D [observed CIREP],
  // spec §5); here only the answer when it refuses.
  if (!ep.status.can(EndpointEvent::Delete, EndpointGuardContext{ep, settings_})) {
    if (ep.state() != EndpointStatus::DELETING) return errors::endpoint_delete_blocked_during_provisioning(ep.id.str());
    // spec §5 [inferred]: DELETE while DELETING, no row: a no-op 204 or a refusal.
    if (settings_.delete_while_deleting == DeleteWhileDeleting::accept_204_noop) return Outcome::success(204);
    return errors::endpoint_already_deleting(ep.id.str());
  }
  sim_.cancel(ep.pending);
  ep.pending = {};
  ep.approvedInCloud = false;
  fire_endpoint(e, EndpointEvent::Delete, "delete_endpoint");
  const sim::Duration d = sample(settings_.t_delete);
  const bool fail = settings_.endpoint_delete_fail_prob > 0 && sim_.random().bernoulli(settings_.endpoint_delete_fail_prob);
  schedule_endpoint(e, d, fail ? EndpointEvent::DeletionFailed : EndpointEvent::DeletionDone);
  return Outcome::success(204);
}

Outcome World::approve_endpoint(EndpointIx e) {
  if (auto err = missing_endpoint(endpoints_, e)) return *err;
  PrivateEndpoint& ep = endpoints_[e];
  if (ep.state() != EndpointStatus::PENDING_ACCEPTANCE)
    return errors::endpoint_not_pending_acceptance(ep.id.str(), std::string(ep.statusName()));
  if (ep.approvedInCloud) return Outcome::success();
  ep.approvedInCloud = true;
  // seed 004: "it can take Atlas up to three minutes to reflect the current status" (t_reflect).
  schedule_endpoint(e, sample(settings_.t_reflect), EndpointEvent::ApprovalReflected);
  return Outcome::success();
}

Outcome World::remove_connection(EndpointIx e, std::string_view cause) {
  if (auto err = missing_endpoint(endpoints_, e)) return *err;
  PrivateEndpoint& ep = endpoints_[e];
  if (ep.state() != EndpointStatus::ACTIVE && ep.state() != EndpointStatus::PENDING_ACCEPTANCE)
    return errors::endpoint_not_active(ep.id.str(), std::string(ep.statusName()));
  sim_.cancel(ep.pending);
  ep.pending = {};
  const bool wasActive = ep.state() == EndpointStatus::ACTIVE;
  fire_endpoint(e, wasActive ? EndpointEvent::ConnectionRemoved : EndpointEvent::PendingConnectionRemoved, cause);
  ep.approvedInCloud = false;
  if (ep.state() == EndpointStatus::FAILED) {
    ep.errorMessage = "The private endpoint connection was removed in the cloud provider.";
  } else if (ep.state() == EndpointStatus::PENDING_RECREATION) {
    ep.errorMessage = "The private endpoint connection was rejected or removed; Atlas is recreating it.";
    const sim::Duration d = sample(settings_.t_recreate);
    if (settings_.recreation_mode == RecreationMode::same_record) {
      schedule_endpoint(e, d, EndpointEvent::RecreationStarts);
    } else {
      // seed 000/004: a new endpoint INITIATING beside the old one (timer reuses ReplacementReady tag)
      schedule_endpoint(e, d, EndpointEvent::ReplacementReady);
    }
  }
  return Outcome::success();
}

Outcome World::reject_endpoint(EndpointIx e) { return remove_connection(e, "reject_endpoint"); }

Outcome World::remove_endpoint_connection(EndpointIx e) { return remove_connection(e, "remove_endpoint_connection"); }

Outcome World::fail_endpoint_creation(EndpointIx e, std::string_view errorMessage) {
  if (auto err = missing_endpoint(endpoints_, e)) return *err;
  PrivateEndpoint& ep = endpoints_[e];
  if (ep.state() != EndpointStatus::INITIATING) return errors::endpoint_not_initiating(ep.id.str(), std::string(ep.statusName()));
  sim_.cancel(ep.pending);
  ep.pending = {};
  fire_endpoint(e, EndpointEvent::CreationFailed, "fail_endpoint_creation");
  ep.errorMessage = errorMessage.empty() ? std::string_view(kCreationFailed) : errorMessage;
  return Outcome::success();
}

Outcome World::fail_endpoint_deletion(EndpointIx e) {
  if (auto err = missing_endpoint(endpoints_, e)) return *err;
  PrivateEndpoint& ep = endpoints_[e];
  if (ep.state() != EndpointStatus::DELETING) return errors::endpoint_already_deleting(ep.id.str());
  sim_.cancel(ep.pending);
  ep.pending = {};
  fire_endpoint(e, EndpointEvent::DeletionFailed, "fail_endpoint_deletion");
  ep.errorMessage = kDeletionFailed;
  return Outcome::success();
}

EndpointIx World::add_endpoint(std::string_view project, Provider cloud, std::string_view regionName, EndpointStatus status,
                               std::string_view label) {
  auto p = find_project(project);
  if (!p) throw std::invalid_argument(fmt::format("add_endpoint: unknown project '{}'", project));
  if (cloud != Provider::AWS && cloud != Provider::AZURE)
    throw std::invalid_argument("add_endpoint: EAR private endpoints exist for AWS and AZURE only");
  if (status != EndpointStatus::ACTIVE && status != EndpointStatus::PENDING_ACCEPTANCE)
    throw std::invalid_argument("add_endpoint: a pre-existing endpoint is ACTIVE or PENDING_ACCEPTANCE");
  const KmsConfig& b = projects_[*p].block(cloud);
  if (!b.enabled || !b.requirePrivateNetworking)
    throw std::invalid_argument("add_endpoint: the project's block needs enabled and requirePrivateNetworking");
  const EndpointIx e = new_endpoint(*p, cloud, regionName, false, std::string(label));
  PrivateEndpoint& ep = endpoints_[e];
  ep.status = machine<EndpointStatus, EndpointEvent>(endpoint_table(), endpoint_subject(e), status);
  if (cloud == Provider::AZURE)
    ep.privateEndpointConnectionName = fmt::format("atlas-ear-pe-{}-{}", ep.regionName, ep.id.substr(16));
  if (status == EndpointStatus::ACTIVE) {
    count_active_endpoint(e, true);
    KmsConfig& blk = projects_[*p].block(cloud);
    blk.privatePath = true;
    for (ClusterIx c : project_clusters(*p))
      if (clusters_[c].encryptionAtRestProvider == cloud) clusters_[c].privatePath = true;
    region_inputs_changed(*p);
  }
  return e;
}

}  // namespace models
