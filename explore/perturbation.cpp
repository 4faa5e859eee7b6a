#include "explore/perturbation.h"

#include <fmt/format.h>

#include "sim/duration_text.h"

namespace explore {

std::string_view kind_name(Perturbation::Kind k) {
  switch (k) {
    case Perturbation::Kind::step_delay: return "step_delay";
    case Perturbation::Kind::kms_outage: return "kms_outage";
    case Perturbation::Kind::endpoint_creation_failure: return "endpoint_creation_failure";
    case Perturbation::Kind::console_rejection: return "console_rejection";
    case Perturbation::Kind::restart: return "restart";
  }
  return "?";
}

std::string Perturbation::describe() const {
  const std::string when = sim::format_duration(at);
  switch (kind) {
    case Kind::step_delay:
      if (runbook)
        return fmt::format("step_delay: step {} of runbook {} of responder {} runs {} later", step + 1, runbook->second + 1, runbook->first + 1,
                           sim::format_duration(length));
      return fmt::format("step_delay: timeline entry {} runs {} later", step + 1, sim::format_duration(length));
    case Kind::kms_outage:
      return fmt::format("kms_outage: {} KMS of project {} unreachable at {} for {}", provider, project, when, sim::format_duration(length));
    case Kind::endpoint_creation_failure:
      return fmt::format("endpoint_creation_failure: {} endpoint in {} of project {} fails at {}", provider, region, project, when);
    case Kind::console_rejection:
      return fmt::format("console_rejection: {} endpoint in {} of project {} rejected at {}", provider, region, project, when);
    case Kind::restart:
      return fmt::format("restart: cluster {}/{} restarts {} at {}", project, cluster, nodes ? fmt::format("{} node(s)", nodes) : "all nodes", when);
  }
  return "?";
}

namespace {

sim::Duration uniform(sim::Random& rng, sim::Duration lo, sim::Duration hi) {
  if (hi <= lo) return lo;
  return sim::Duration::milliseconds(rng.uniform_int(lo.ms(), hi.ms()));
}

struct EndpointPlace {
  std::string project, provider, region;
  sim::Duration from;  // when it can exist (0 for setup endpoints, the create step's time otherwise)
};

// The time of a step whose `at:` is a fixed duration (nullopt for after:/distributions); for a
// reactive step, its fixed `after:` delay (a late responder is a delayed step too).
std::optional<sim::Duration> fixed_time(const scenario::Step& st) {
  if (st.relative) return std::nullopt;
  if (const auto* f = std::get_if<sim::Fixed>(&st.time.shape()); f && !st.time.cap()) return f->value;
  return std::nullopt;
}

// The steps a step_delay can make late: timeline entries with a fixed time (or a reaction's fixed
// delay), and runbook steps with a fixed after: (a responder late on a step).
std::vector<Perturbation> delay_candidates(const scenario::Scenario& s) {
  std::vector<Perturbation> out;
  auto add = [&](std::size_t step, std::optional<std::pair<std::size_t, std::size_t>> runbook) {
    Perturbation p;
    p.kind = Perturbation::Kind::step_delay;
    p.step = step;
    p.runbook = runbook;
    out.push_back(p);
  };
  for (std::size_t i = 0; i < s.steps.size(); ++i)
    if (fixed_time(s.steps[i])) add(i, std::nullopt);
  for (std::size_t r = 0; r < s.responders.size(); ++r)
    for (std::size_t b = 0; b < s.responders[r].runbooks.size(); ++b)
      for (std::size_t k = 0; k < s.responders[r].runbooks[b].steps.size(); ++k)
        if (const sim::Distribution& d = s.responders[r].runbooks[b].steps[k].time; std::get_if<sim::Fixed>(&d.shape()) && !d.cap())
          add(k, std::pair(r, b));
  return out;
}

}  // namespace

std::vector<Perturbation> draw_perturbations(const scenario::Scenario& s, sim::Random& rng, int max_count) {
  // What the scenario offers to perturb.
  std::vector<std::pair<std::string, std::string>> kms;  // project, provider
  std::vector<std::pair<std::string, std::string>> clusters;
  std::vector<EndpointPlace> endpoints;
  const std::vector<Perturbation> fixedSteps = delay_candidates(s);
  for (const scenario::ProjectSpec& p : s.projects) {
    for (const scenario::KmsSpec& k : p.kms) kms.emplace_back(p.name, std::string(models::provider_name(k.provider)));
    for (const scenario::ClusterSpec& c : p.clusters) clusters.emplace_back(p.name, c.name);
    for (const scenario::EndpointSpec& e : p.endpoints)
      endpoints.push_back({p.name, std::string(models::provider_name(e.cloud)), e.region, {}});
  }
  for (std::size_t i = 0; i < s.steps.size(); ++i) {
    const scenario::Step& st = s.steps[i];
    const auto t = fixed_time(st);
    if (!st.action) continue;  // a client step (terraform_apply): the client's endpoints are its own
    const models::ActionRequest& rq = st.request;
    if (st.action->creates == models::Creates::endpoint)
      endpoints.push_back({rq.project, std::string(models::provider_name(rq.provider.value_or(models::Provider::NONE))), rq.region,
                           t.value_or(sim::Duration{})});
    if (st.action->creates == models::Creates::cluster) clusters.emplace_back(rq.project, rq.cluster);
  }
  const sim::Duration horizon = s.horizon;
  std::vector<Perturbation::Kind> kinds;
  if (!fixedSteps.empty()) kinds.push_back(Perturbation::Kind::step_delay);
  if (!kms.empty()) kinds.push_back(Perturbation::Kind::kms_outage);
  if (!endpoints.empty()) {
    kinds.push_back(Perturbation::Kind::endpoint_creation_failure);
    kinds.push_back(Perturbation::Kind::console_rejection);
  }
  if (!clusters.empty()) kinds.push_back(Perturbation::Kind::restart);
  std::vector<Perturbation> out;
  if (kinds.empty()) return out;
  const int n = static_cast<int>(rng.uniform_int(1, std::max(1, max_count)));
  for (int i = 0; i < n; ++i) {
    Perturbation p;
    p.kind = kinds[static_cast<std::size_t>(rng.uniform_int(0, static_cast<std::int64_t>(kinds.size()) - 1))];
    switch (p.kind) {
      case Perturbation::Kind::step_delay: {
        const Perturbation& pick = fixedSteps[static_cast<std::size_t>(rng.uniform_int(0, static_cast<std::int64_t>(fixedSteps.size()) - 1))];
        p.step = pick.step;
        p.runbook = pick.runbook;
        // A reaction's (or runbook step's) delay counts from its trigger, whose time is not known here.
        const sim::Duration t = p.runbook || s.steps[p.step].on ? sim::Duration() : *fixed_time(s.steps[p.step]);
        // A late API call, console act or responder: up to 30 minutes, never past the horizon.
        p.length = uniform(rng, sim::Duration::minutes(1), std::min(sim::Duration::minutes(30), horizon - t));
        if (p.length <= sim::Duration{}) continue;
        break;
      }
      case Perturbation::Kind::kms_outage: {
        const auto& [proj, prov] = kms[static_cast<std::size_t>(rng.uniform_int(0, static_cast<std::int64_t>(kms.size()) - 1))];
        p.project = proj;
        p.provider = prov;
        p.at = uniform(rng, {}, horizon);
        p.length = uniform(rng, sim::Duration::minutes(5), sim::Duration::hours(2));  // spec §6: outages of minutes to hours
        break;
      }
      case Perturbation::Kind::endpoint_creation_failure:
      case Perturbation::Kind::console_rejection: {
        const EndpointPlace& e = endpoints[static_cast<std::size_t>(rng.uniform_int(0, static_cast<std::int64_t>(endpoints.size()) - 1))];
        p.project = e.project;
        p.provider = e.provider;
        p.region = e.region;
        // creation failures strike while provisioning (spec §4: minutes after the POST); rejections any time after
        p.at = p.kind == Perturbation::Kind::endpoint_creation_failure
                   ? std::min(horizon, e.from + uniform(rng, {}, sim::Duration::minutes(3)))
                   : uniform(rng, e.from, horizon);
        break;
      }
      case Perturbation::Kind::restart: {
        const auto& [proj, name] = clusters[static_cast<std::size_t>(rng.uniform_int(0, static_cast<std::int64_t>(clusters.size()) - 1))];
        p.project = proj;
        p.cluster = name;
        p.at = uniform(rng, {}, horizon);
        p.nodes = static_cast<int>(rng.uniform_int(0, 1));
        break;
      }
    }
    out.push_back(p);
  }
  return out;
}

std::size_t timeline_size(const YAML::Node& original) {
  const YAML::Node t = original["timeline"];
  return t && t.IsSequence() ? t.size() : 0;
}

YAML::Node apply(const YAML::Node& original, const std::vector<Perturbation>& ps, std::uint64_t seed) {
  YAML::Node doc = YAML::Clone(original);
  doc["seed"] = seed;
  if (!doc["timeline"] || !doc["timeline"].IsSequence()) doc["timeline"] = YAML::Node(YAML::NodeType::Sequence);
  YAML::Node timeline = doc["timeline"];
  // Delays first: they change entries of the original timeline in place.
  for (const Perturbation& p : ps) {
    if (p.kind != Perturbation::Kind::step_delay) continue;
    YAML::Node steps = p.runbook ? doc["responders"][p.runbook->first]["runbooks"][p.runbook->second]["steps"] : timeline;
    if (!steps.IsSequence() || p.step >= steps.size()) continue;
    YAML::Node st = steps[p.step];
    const char* key = st["on"] || p.runbook ? "after" : "at";  // a reaction: its delay after the trigger
    const sim::Duration t = st[key] ? sim::parse_duration(st[key].as<std::string>()) : sim::Duration();
    st[key] = sim::format_duration(t + p.length);
    st["note"] = fmt::format("explore: {}", p.describe());
  }
  for (const Perturbation& p : ps) {
    if (p.kind == Perturbation::Kind::step_delay) continue;
    YAML::Node st;
    st["at"] = sim::format_duration(p.at);
    if (!p.project.empty()) st["project"] = p.project;
    switch (p.kind) {
      case Perturbation::Kind::kms_outage:
        st["do"] = "kms_outage_start";
        st["provider"] = p.provider;
        st["for"] = sim::format_duration(p.length);
        break;
      case Perturbation::Kind::endpoint_creation_failure:
        st["do"] = "fail_endpoint_creation";
        st["provider"] = p.provider;
        st["region"] = p.region;
        break;
      case Perturbation::Kind::console_rejection:
        st["do"] = "reject_endpoint";
        st["provider"] = p.provider;
        st["region"] = p.region;
        break;
      case Perturbation::Kind::restart:
        st["do"] = "restart_cluster";
        st["cluster"] = p.cluster;
        if (p.nodes > 0) st["nodes"] = p.nodes;
        break;
      default:
        break;
    }
    st["note"] = fmt::format("explore: {}", p.describe());
    timeline.push_back(st);
  }
  return doc;
}

}  // namespace explore
