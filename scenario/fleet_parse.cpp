// parse_fleet(): `fleet: {projects: [templates], incidents: [processes]}` -> ProjectSpec and
// IncidentSpec structs. A template's choices (provider, home region, tier) are made by index, not
// drawn: the same file is the same world for every seed, so a sweep's runs differ only in draws.
#include "scenario/fleet_parse.h"

#include <regex>

#include <fmt/format.h>

#include "models/regions.h"
#include "scenario/limits.h"

namespace scenario::detail {

namespace {

using Entries = std::vector<YamlReader::Entry>;

const std::vector<std::string> kProviders = {"AWS", "AZURE", "GCP"};

models::Provider cloud_of(const YamlReader& r, const YAML::Node& n, std::string_view what) {
  return *models::parse_provider(r.one_of(n, what, kProviders));
}

// Weights by name, `{AWS: 6, AZURE: 3}` (or one name: weight 1), and the order they were written in.
struct Mix {
  std::vector<std::string> names;
  std::vector<std::int64_t> weights;
  std::vector<std::int64_t> current;  // smooth weighted round robin
  // The next choice: the exact shares, interleaved (nginx's smooth weighted round robin).
  std::size_t next() {
    std::int64_t total = 0;
    std::size_t best = 0;
    for (std::size_t k = 0; k < names.size(); ++k) {
      current[k] += weights[k];
      total += weights[k];
      if (current[k] > current[best]) best = k;
    }
    current[best] -= total;
    return best;
  }
};

// A mix: a scalar (one choice) or a mapping of choices to whole-number weights (1..1000), each
// choice checked by `check`.
template <class Check>
Mix parse_mix(const YamlReader& r, const YAML::Node& n, std::string_view what, Check check) {
  Mix m;
  if (n.IsScalar()) {
    m.names.push_back(check(n));
    m.weights.push_back(1);
  } else {
    for (const auto& e : r.any_mapping(n, what)) {
      m.names.push_back(check(e.key_node));
      m.weights.push_back(r.integer(e.value, fmt::format("the weight of {}", e.key), 1, 1000));
    }
    if (m.names.empty()) r.fail(n, fmt::format("{} must name at least one choice, found an empty mapping", what));
  }
  m.current.assign(m.names.size(), 0);
  return m;
}

// A name pattern: text with at most one {i} or {i:0N} (N 1..9); `many` (count > 1) needs one.
std::string name_pattern(const YamlReader& r, const YAML::Node& n, std::string_view what, bool many) {
  const std::string s = r.name(n, what);
  static const std::regex placeholder(R"(\{[^}]*\})"), good(R"(\{i(:0[1-9])?\})");
  const auto first = std::sregex_iterator(s.begin(), s.end(), placeholder);
  const auto count = std::distance(first, std::sregex_iterator());
  if (count > 1) r.fail(n, fmt::format("{} has {} placeholders; write one {{i}} (or {{i:03}} for zero padding)", what, count));
  if (count == 1 && !std::regex_match(first->str(), good))
    r.fail(n, fmt::format("{} has the placeholder '{}'; write {{i}} or {{i:0N}} with N from 1 to 9 (zero padding)", what, first->str()));
  if (count == 0 && many) r.fail(n, fmt::format("{} makes more than one name: put {{i}} (the index, from 0) in it", what));
  return s;
}

// Home regions per cloud: {AWS: [US_EAST_1, EU_WEST_1], ...}; a cloud not given uses its default.
std::map<models::Provider, std::vector<std::string>> parse_home_regions(const YamlReader& r, const YAML::Node& n) {
  std::map<models::Provider, std::vector<std::string>> out;
  for (const auto& e : r.mapping(n, "regions", kProviders)) {
    const models::Provider cloud = *models::parse_provider(e.key);
    const std::vector<YAML::Node> items = e.value.IsScalar() ? std::vector<YAML::Node>{e.value} : r.sequence(e.value, "regions", 50);
    for (const YAML::Node& x : items) {
      const std::string name = r.name(x, "region");
      if (const std::string problem = region_problem(cloud, name); !problem.empty()) r.fail(x, problem);
      out[cloud].push_back(name);
    }
    if (out[cloud].empty()) r.fail(e.value, fmt::format("regions of {} must list at least one region, found an empty list", e.key));
  }
  return out;
}

struct ClusterTemplate {
  std::int64_t count = 1;
  std::string name = "cluster-{i}";
  Mix tiers{{"M10"}, {1}, {0}};
  bool cmk = true;
};

ClusterTemplate parse_cluster_template(const YamlReader& r, const YAML::Node& n) {
  ClusterTemplate t;
  const Entries es = r.mapping(n, "the clusters of a fleet template", {"count", "name", "tier", "cmk"});
  for (const auto& e : es)
    if (e.key == "count") t.count = r.integer(e.value, "clusters count", 0, static_cast<std::int64_t>(limits::kMaxEntities));
  for (const auto& e : es) {
    if (e.key == "name") t.name = name_pattern(r, e.value, "the cluster name", t.count > 1);
    else if (e.key == "tier") t.tiers = parse_mix(r, e.value, "tier", [&](const YAML::Node& x) { return r.name(x, "tier"); });
    else if (e.key == "cmk") t.cmk = r.boolean(e.value, "cmk");
  }
  return t;
}

struct ProjectTemplate {
  SourceLocation where;
  std::string name;
  std::int64_t count = 0;
  Mix providers{{"AWS"}, {1}, {0}};
  std::map<models::Provider, std::vector<std::string>> regions;
  bool privateNetworking = false;
  std::int64_t endpointsPerRegion = 1;
  std::optional<sim::Distribution> validationPhase;
  ClusterTemplate clusters;
  SourceLocation clusters_where, endpoints_where;
};

ProjectTemplate parse_template(const YamlReader& r, const YAML::Node& n) {
  ProjectTemplate t;
  t.where = r.at(n);
  const Entries es = r.mapping(n, "a fleet template",
                               {"name", "count", "providers", "regions", "privateNetworking", "endpointsPerRegion", "validationPhase", "clusters"});
  r.require(n, es, "name", "a fleet template");
  r.require(n, es, "count", "a fleet template");
  for (const auto& e : es)
    if (e.key == "count") t.count = r.integer(e.value, "count", 1, static_cast<std::int64_t>(limits::kMaxFleetProjects));
  t.clusters_where = t.endpoints_where = t.where;
  for (const auto& e : es) {
    if (e.key == "name") t.name = name_pattern(r, e.value, "the project name", t.count > 1);
    else if (e.key == "providers")
      t.providers = parse_mix(r, e.value, "providers", [&](const YAML::Node& x) { return r.one_of(x, "provider", kProviders); });
    else if (e.key == "regions") t.regions = parse_home_regions(r, e.value);
    else if (e.key == "privateNetworking") t.privateNetworking = r.boolean(e.value, "privateNetworking");
    else if (e.key == "endpointsPerRegion") {
      t.endpointsPerRegion = r.integer(e.value, "endpointsPerRegion", 0, 10);
      t.endpoints_where = r.at(e.value);
    } else if (e.key == "validationPhase") t.validationPhase = r.distribution(e.value, "validationPhase");
    else if (e.key == "clusters") {
      t.clusters = parse_cluster_template(r, e.value);
      t.clusters_where = r.at(e.value);
    }
  }
  return t;
}

// The longest name a pattern makes for indexes below `count` fits the name limit (100 bytes).
void check_name_length(const YamlReader& r, const SourceLocation& where, const std::string& pattern, std::size_t count) {
  const std::string longest = expand_name(pattern, count - 1);
  if (longest.size() > 100) r.fail(where, fmt::format("the name '{}' makes names of {} bytes; the limit is 100", pattern, longest.size()));
}

// Running totals of what the fleet makes, refused at the template that goes past a limit.
struct Totals {
  std::size_t projects = 0, clusters = 0, endpoints = 0;
};

void count_template(const YamlReader& r, const ProjectTemplate& t, Totals& tot) {
  tot.projects += static_cast<std::size_t>(t.count);
  if (tot.projects > limits::kMaxFleetProjects)
    r.fail(t.where, fmt::format("the fleet makes {} projects; the limit is {}", tot.projects, limits::kMaxFleetProjects));
  tot.clusters += static_cast<std::size_t>(t.count * t.clusters.count);
  if (tot.clusters > limits::kMaxFleetClusters)
    r.fail(t.clusters_where, fmt::format("the fleet makes {} clusters; the limit is {}", tot.clusters, limits::kMaxFleetClusters));
  if (t.privateNetworking) tot.endpoints += static_cast<std::size_t>(t.count * t.endpointsPerRegion);
  if (tot.endpoints > limits::kMaxFleetEndpoints)
    r.fail(t.endpoints_where, fmt::format("the fleet makes {} endpoints; the limit is {}", tot.endpoints, limits::kMaxFleetEndpoints));
}

// Project `i` of a template: its provider and home region by index, its clusters in that region,
// its endpoints there when private networking is on (AWS and Azure only: spec §2.4).
ProjectSpec make_project(ProjectTemplate& t, std::size_t i, std::map<models::Provider, std::size_t>& perCloud) {
  ProjectSpec p;
  p.where = t.where;
  p.name = expand_name(t.name, i);
  p.validationPhase = t.validationPhase;
  const models::Provider cloud = *models::parse_provider(t.providers.names[t.providers.next()]);
  const auto regions = t.regions.find(cloud);
  const std::size_t k = perCloud[cloud]++;
  const std::string home =
      regions == t.regions.end() ? std::string(models::default_region(cloud)) : regions->second[k % regions->second.size()];
  const bool privateNetworking = t.privateNetworking && cloud != models::Provider::GCP;
  KmsSpec key;
  key.where = t.where;
  key.provider = cloud;
  key.region = home;
  key.requirePrivateNetworking = privateNetworking;
  p.kms.push_back(key);
  for (std::int64_t c = 0; c < t.clusters.count; ++c) {
    ClusterSpec cs;
    cs.where = t.clusters_where;
    cs.cmk_where = t.clusters_where;
    cs.name = expand_name(t.clusters.name, static_cast<std::size_t>(c));
    cs.tier = t.clusters.tiers.names[t.clusters.tiers.next()];
    cs.regions.push_back(RegionSpec{t.clusters_where, home, cloud, std::nullopt});
    if (t.clusters.cmk) cs.encryptionAtRestProvider = cloud;
    p.clusters.push_back(std::move(cs));
  }
  if (privateNetworking)
    for (std::int64_t e = 0; e < t.endpointsPerRegion; ++e) p.endpoints.push_back(EndpointSpec{t.endpoints_where, "", cloud, home, models::EndpointStatus::ACTIVE});
  return p;
}

// ---- incidents ----

const std::vector<std::string>& kind_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (int k = 0; k <= static_cast<int>(kLastIncidentKind); ++k) v.emplace_back(incident_kind_name(static_cast<IncidentKind>(k)));
    return v;
  }();
  return names;
}

// `share: 10%`: a whole percent from 1 to 100.
int parse_percent(const YamlReader& r, const YAML::Node& n) {
  const std::string s = r.text(n, "share");
  static const std::regex re(R"((\d{1,3})%)");
  std::smatch m;
  if (!std::regex_match(s, m, re) || std::stoi(m[1]) < 1 || std::stoi(m[1]) > 100)
    r.fail(n, fmt::format("share must be a whole percent from 1% to 100%, such as 10%, found {}", YamlReader::describe(n)));
  return std::stoi(m[1]);
}

// `target:` all | {share: P%} | {project: NAME[, cluster: NAME]} | {region: R, provider: CLOUD};
// `provider:` with share or project narrows to that key provider.
IncidentTarget parse_target(const YamlReader& r, const YAML::Node& n) {
  IncidentTarget t;
  t.where = r.at(n);
  if (n.IsScalar()) {
    (void)r.one_of(n, "target", {"all"});
    return t;
  }
  const Entries es = r.mapping(n, "an incident target", {"share", "project", "cluster", "region", "provider"});
  std::vector<std::string> given;
  for (const auto& e : es) {
    if (e.key == "share") t.percent = parse_percent(r, e.value);
    else if (e.key == "project") t.project = r.name(e.value, "project");
    else if (e.key == "cluster") t.cluster = r.name(e.value, "cluster");
    else if (e.key == "region") t.region = r.name(e.value, "region");
    else t.cloud = cloud_of(r, e.value, "provider");
    if (e.key == "share" || e.key == "project" || e.key == "region") given.push_back(e.key);
  }
  if (given.size() > 1) r.fail(n, fmt::format("an incident target is one of share:, project:, region:, found both '{}' and '{}'", given[0], given[1]));
  t.kind = given.empty() || given[0] == "share" ? IncidentTarget::Kind::share
         : given[0] == "project"                 ? IncidentTarget::Kind::project
                                                 : IncidentTarget::Kind::region;
  for (const auto& e : es) {
    if (e.key == "cluster" && t.kind != IncidentTarget::Kind::project)
      r.fail(e.key_node, "cluster: narrows a project: target; give the project too");
    if (e.key == "region") {
      if (t.cloud == models::Provider::NONE) r.fail(n, "a region: target needs provider: (the region's cloud, AWS, AZURE or GCP)");
      if (const std::string problem = region_problem(t.cloud, t.region); !problem.empty()) r.fail(e.value, problem);
    }
  }
  return t;
}

// The earliest draw of `every:` is above zero: a process that can come back at once never lets time move.
void require_positive(const YamlReader& r, const YAML::Node& n, const sim::Distribution& d) {
  sim::Duration low;
  if (const auto* f = std::get_if<sim::Fixed>(&d.shape())) low = f->value;
  else if (const auto* u = std::get_if<sim::Uniform>(&d.shape())) low = u->low;
  else return;
  if (low <= sim::Duration()) r.fail(n, "every must be longer than 0s (its shortest draw); an incident that comes back at once never lets time move");
}

IncidentSpec parse_incident(const YamlReader& r, const YAML::Node& n) {
  IncidentSpec x;
  x.where = r.at(n);
  const Entries es = r.mapping(n, "an incident", {"name", "kind", "every", "duration", "target"});
  r.require(n, es, "name", "an incident");
  r.require(n, es, "kind", "an incident");
  r.require(n, es, "every", "an incident");
  for (const auto& e : es) {
    if (e.key == "name") x.name = r.name(e.value, "incident name");
    else if (e.key == "kind") {
      const std::string k = r.one_of(e.value, "incident kind", kind_names());
      x.kind = static_cast<IncidentKind>(std::find(kind_names().begin(), kind_names().end(), k) - kind_names().begin());
      x.kind_where = r.at(e.value);
    } else if (e.key == "every") {
      x.every = r.distribution(e.value, "every");
      require_positive(r, e.value, x.every);
    } else if (e.key == "duration") {
      x.duration = r.distribution(e.value, "duration");
      x.duration_where = r.at(e.key_node);
    } else x.target = parse_target(r, e.value);
  }
  if (x.duration && !incident_takes_duration(x.kind))
    r.fail(x.duration_where, fmt::format("a {} incident has no end action, so it takes no duration: (the restart itself takes the setting "
                                         "restart_duration)", incident_kind_name(x.kind)));
  if (!x.duration && incident_needs_duration(x.kind))
    r.fail(n, fmt::format("a {} incident needs duration: (how long until it is undone)", incident_kind_name(x.kind)));
  if (x.target.where.line == 0) x.target.where = x.where;
  return x;
}

}  // namespace

std::string expand_name(const std::string& pattern, std::size_t index) {
  const auto open = pattern.find("{i");
  if (open == std::string::npos) return pattern;
  const auto close = pattern.find('}', open);
  const int width = close - open > 2 ? pattern[close - 1] - '0' : 0;
  return pattern.substr(0, open) + fmt::format("{:0{}}", index, width) + pattern.substr(close + 1);
}

void parse_fleet(const YamlReader& r, const YAML::Node& n, Scenario& s) {
  const Entries es = r.mapping(n, "fleet", {"projects", "incidents"});
  Totals tot;
  for (const auto& e : es) {
    if (e.key == "incidents") {
      for (const YAML::Node& x : r.sequence(e.value, "incidents", limits::kMaxIncidents)) s.incidents.push_back(parse_incident(r, x));
      continue;
    }
    for (const YAML::Node& x : r.sequence(e.value, "fleet projects", limits::kMaxFleetProjects)) {
      ProjectTemplate t = parse_template(r, x);
      count_template(r, t, tot);
      check_name_length(r, t.where, t.name, static_cast<std::size_t>(t.count));
      if (t.clusters.count > 0) check_name_length(r, t.clusters_where, t.clusters.name, static_cast<std::size_t>(t.clusters.count));
      std::map<models::Provider, std::size_t> perCloud;
      for (std::size_t i = 0; i < static_cast<std::size_t>(t.count); ++i) s.projects.push_back(make_project(t, i, perCloud));
    }
  }
}

}  // namespace scenario::detail
