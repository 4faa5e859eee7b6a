#include "scenario/incidents.h"

#include <algorithm>

#include <fmt/format.h>

namespace scenario {

std::string_view incident_kind_name(IncidentKind k) {
  switch (k) {
    case IncidentKind::key_disabled: return "key_disabled";
    case IncidentKind::secret_expiry: return "secret_expiry";
    case IncidentKind::kms_outage: return "kms_outage";
    case IncidentKind::endpoint_rejected: return "endpoint_rejected";
    case IncidentKind::cluster_restart: return "cluster_restart";
    case IncidentKind::maintenance: return "maintenance";
  }
  return "?";
}

bool incident_takes_duration(IncidentKind k) { return k != IncidentKind::cluster_restart && k != IncidentKind::maintenance; }
bool incident_needs_duration(IncidentKind k) { return k == IncidentKind::key_disabled || k == IncidentKind::kms_outage; }

namespace {

constexpr std::uint64_t kIncidentStream = 0x696e636964656e74;  // "incident"

// The enabled key block the incident uses: the target's provider, else the project's first
// enabled one; secret_expiry is about the Azure client secret only.
const KmsSpec* key_of(const IncidentSpec& x, const ProjectSpec& p) {
  const models::Provider want = x.kind == IncidentKind::secret_expiry ? models::Provider::AZURE : x.target.cloud;
  for (const KmsSpec& k : p.kms)
    if (k.enabled && (want == models::Provider::NONE || k.provider == want)) return &k;
  return nullptr;
}

}  // namespace

std::optional<IncidentHit> eligible(const IncidentSpec& x, const ProjectSpec& p) {
  IncidentHit h;
  h.project = p.name;
  if (x.kind == IncidentKind::endpoint_rejected) {
    for (const EndpointSpec& e : p.endpoints)
      if (x.target.cloud == models::Provider::NONE || e.cloud == x.target.cloud) {
        h.provider = e.cloud;
        h.region = e.region;
        return h;
      }
    return std::nullopt;
  }
  const KmsSpec* k = key_of(x, p);
  if (x.kind == IncidentKind::cluster_restart || x.kind == IncidentKind::maintenance) {
    for (const ClusterSpec& c : p.clusters) h.clusters.push_back(c.name);
    if (h.clusters.empty() || (!k && x.target.cloud != models::Provider::NONE)) return std::nullopt;
    if (!x.target.cluster.empty()) h.clusters = {x.target.cluster};
    if (k) h.region = k->region, h.provider = k->provider;
    return h;
  }
  if (!k) return std::nullopt;
  h.provider = k->provider;
  h.region = k->region;
  return h;
}

std::vector<std::vector<IncidentHit>> incident_processes(const IncidentSpec& x, const std::vector<ProjectSpec>& projects,
                                                         std::uint64_t seed) {
  std::vector<IncidentHit> hits;
  for (const ProjectSpec& p : projects) {
    if (x.target.kind == IncidentTarget::Kind::project && p.name != x.target.project) continue;
    std::optional<IncidentHit> h = eligible(x, p);
    if (!h) continue;
    if (x.target.kind == IncidentTarget::Kind::region && (h->region != x.target.region || h->provider != x.target.cloud)) continue;
    hits.push_back(std::move(*h));
  }
  std::vector<std::vector<IncidentHit>> out;
  if (x.target.kind == IncidentTarget::Kind::region) {
    if (!hits.empty()) out.push_back(std::move(hits));  // one process: the region goes down for all at once
    return out;
  }
  // share: a Fisher-Yates shuffle from the seed picks the projects, kept in file order.
  std::vector<std::size_t> order(hits.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  sim::Random pick(seed);
  for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[static_cast<std::size_t>(pick.uniform_int(0, static_cast<std::int64_t>(i - 1)))]);
  const std::size_t n = hits.empty() ? 0 : std::max<std::size_t>(1, (hits.size() * static_cast<std::size_t>(x.target.percent) + 50) / 100);
  order.resize(n);
  std::sort(order.begin(), order.end());
  for (std::size_t i : order) out.push_back({hits[i]});
  return out;
}

struct Incidents::Process {
  const IncidentSpec* spec;
  std::vector<IncidentHit> hits;
  sim::Random rng;
};

Incidents::Incidents(const Scenario& s, std::uint64_t seed, sim::Simulation& sim, models::World& world)
    : sim_(sim), world_(world), horizon_(sim::Time::zero() + s.horizon) {
  for (std::size_t i = 0; i < s.incidents.size(); ++i) {
    const std::uint64_t stream = sim::Random::derive(seed, kIncidentStream + i);
    std::size_t k = 0;
    for (auto& hits : incident_processes(s.incidents[i], s.projects, stream))
      processes_.push_back(std::make_unique<Process>(Process{&s.incidents[i], std::move(hits), sim::Random(sim::Random::derive(stream, ++k))}));
  }
  for (auto& p : processes_) arm(*p);
}

Incidents::~Incidents() = default;

void Incidents::arm(Process& p) {
  const sim::Time t = sim_.now() + p.spec->every.sample(p.rng);
  if (t > horizon_) return;
  sim_.schedule_at(t, [this, &p] { start(p); });
}

// The start actions of the kind (incident.h), then the end after a duration, or the next arrival.
void Incidents::start(Process& p) {
  note(p, "start");
  for (const IncidentHit& h : p.hits) {
    switch (p.spec->kind) {
      case IncidentKind::key_disabled: act(p, h, "disable_key"); break;
      case IncidentKind::secret_expiry: act(p, h, "expire_credentials"); break;
      case IncidentKind::kms_outage: act(p, h, "kms_outage_start"); break;
      case IncidentKind::endpoint_rejected: act(p, h, "reject_endpoint"); break;
      case IncidentKind::cluster_restart:
        act(p, h, "restart_cluster", h.clusters[static_cast<std::size_t>(p.rng.uniform_int(0, static_cast<std::int64_t>(h.clusters.size()) - 1))]);
        break;
      case IncidentKind::maintenance:
        for (const std::string& c : h.clusters) act(p, h, "restart_cluster", c);
        break;
    }
  }
  if (!p.spec->duration) return arm(p);
  const sim::Time end = sim_.now() + p.spec->duration->sample(p.rng);
  if (end > horizon_) return;
  sim_.schedule_at(end, [this, &p] { finish(p); });
}

void Incidents::finish(Process& p) {
  note(p, "end");
  for (const IncidentHit& h : p.hits) {
    switch (p.spec->kind) {
      case IncidentKind::key_disabled: act(p, h, "enable_key"); break;
      case IncidentKind::secret_expiry: act(p, h, "update_credentials"); break;
      case IncidentKind::kms_outage: act(p, h, "kms_outage_end"); break;
      case IncidentKind::endpoint_rejected: act(p, h, "approve_endpoint"); break;
      default: break;
    }
  }
  arm(p);
}

void Incidents::act(const Process& p, const IncidentHit& h, std::string_view action, const std::string& cluster) {
  models::ActionRequest rq;
  rq.name = std::string(action);
  rq.project = h.project;
  rq.client = "incident/" + p.spec->name;
  if (cluster.empty()) rq.provider = h.provider;
  else rq.cluster = cluster;
  if (p.spec->kind == IncidentKind::kms_outage || p.spec->kind == IncidentKind::endpoint_rejected) rq.region = h.region;
  try {
    (void)world_.perform(rq);  // the model records the operation and its answer
  } catch (const models::ActionError&) {
    // Only a restart of a cluster that a step deleted can get here; the operation record is missing, the run goes on.
  }
}

// A record of the incident itself, for the timeline and the fleet report: its kind, the phase and
// how many projects it hits.
void Incidents::note(const Process& p, std::string_view phase) {
  sim::Record r;
  r.at = sim_.now();
  r.kind = sim::RecordKind::external;
  r.entity = "incident/" + p.spec->name;
  r.cause = fmt::format("{} {}", incident_kind_name(p.spec->kind), phase);
  r.fields = {{"kind", std::string(incident_kind_name(p.spec->kind))}, {"phase", std::string(phase)},
              {"projects", std::to_string(p.hits.size())}};
  if (p.hits.size() == 1) r.fields.emplace_back("project", p.hits[0].project);
  if (p.spec->target.kind == IncidentTarget::Kind::region) r.fields.emplace_back("region", p.spec->target.region);
  sim_.record(r);
}

}  // namespace scenario
