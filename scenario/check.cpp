// check(): what needs the whole file. Names unique and defined before use, the only project filled
// in where a step or expectation leaves it out, endpoints only for AWS and Azure (spec §2.4), times
// within the horizon, a setup the model accepts (tenant tiers, blocks the clusters use).
#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/cluster.h"
#include "models/regions.h"
#include "scenario/fields.h"
#include "scenario/fleet_parse.h"
#include "scenario/scenario.h"
#include "scenario/suggest.h"
#include "sim/duration_text.h"

namespace scenario {

namespace {

[[noreturn]] void fail(const SourceLocation& w, const std::string& m) { throw InputError(w, m); }

// The earliest value a distribution can draw (so a step that must fall past the horizon is refused).
sim::Duration earliest(const sim::Distribution& d) {
  sim::Duration low;
  if (const auto* f = std::get_if<sim::Fixed>(&d.shape())) low = f->value;
  if (const auto* u = std::get_if<sim::Uniform>(&d.shape())) low = u->low;
  if (d.cap() && *d.cap() < low) low = *d.cap();
  return low;
}

struct Names {
  std::map<std::string, std::vector<std::string>> clusters;  // project -> cluster names
  std::set<std::string> endpointLabels, snapshotLabels, stepIds;
  std::vector<std::string> projects;
  std::set<std::string> projectSet;  // the same names, for a fleet's thousands of duplicate checks
  std::set<std::string> clients;  // names of the Terraform clients the timeline drives
};

std::string resolve_project(const Scenario& s, const Names& n, std::string& project, const SourceLocation& where,
                            std::string_view what) {
  if (project.empty()) {
    if (s.projects.size() != 1)
      fail(where, fmt::format("{} needs 'project:' (the scenario has {} projects: {})", what, s.projects.size(), fmt::join(n.projects, ", ")));
    project = s.projects[0].name;
    return project;
  }
  if (std::find(n.projects.begin(), n.projects.end(), project) == n.projects.end())
    fail(where, fmt::format("{} names project '{}', which the scenario does not define{}", what, project, suggestion(project, n.projects)));
  return project;
}

void check_world(Scenario& s, Names& n) {
  for (ProjectSpec& p : s.projects) {
    if (!n.projectSet.insert(p.name).second) fail(p.where, fmt::format("duplicate project name '{}'", p.name));
    n.projects.push_back(p.name);
    std::set<models::Provider> seen;
    for (const KmsSpec& k : p.kms) {
      if (!seen.insert(k.provider).second)
        fail(k.where, fmt::format("project '{}' has two kms entries for {}; a project has one block per provider", p.name,
                                  models::provider_name(k.provider)));
      if (k.requirePrivateNetworking && k.provider == models::Provider::GCP)
        fail(k.where, "requirePrivateNetworking is for AWS and AZURE keys only; googleCloudKms has no such field (spec §2.4)");
      if (k.accessKeyAuth && k.provider != models::Provider::AWS)
        fail(k.where, "accessKeyID/secretAccessKey are AWS credentials (seed 002); found them on the " +
                          std::string(models::provider_name(k.provider)) + " key");
      if (k.secretGiven && k.provider != models::Provider::AZURE)
        fail(k.where, "secret is the Azure client secret (DOCS security-azure-kms); found it on the " +
                          std::string(models::provider_name(k.provider)) + " key");
    }
    auto enabled = [&](models::Provider prov) {
      for (const KmsSpec& k : p.kms)
        if (k.provider == prov && k.enabled) return &k;
      return static_cast<const KmsSpec*>(nullptr);
    };
    auto& clusters = n.clusters[p.name];
    for (ClusterSpec& c : p.clusters) {
      if (std::find(clusters.begin(), clusters.end(), c.name) != clusters.end())
        fail(c.where, fmt::format("duplicate cluster name '{}' in project '{}'", c.name, p.name));
      clusters.push_back(c.name);
      if (c.cmk_project_provider) {
        std::vector<models::Provider> on;
        for (const KmsSpec& k : p.kms)
          if (k.enabled) on.push_back(k.provider);
        if (on.size() != 1)
          fail(c.cmk_where, fmt::format("cmk: true needs exactly one enabled kms entry in project '{}', found {}; write the provider "
                                        "(cmk: AWS, AZURE or GCP)", p.name, on.size()));
        c.encryptionAtRestProvider = on[0];
      }
      if (c.encryptionAtRestProvider != models::Provider::NONE) {
        if (models::is_tenant_tier(c.tier))
          fail(c.cmk_where, fmt::format("cluster '{}' is {}: tenant tiers (M0, M2, M5, Flex, Serverless) cannot use a customer key "
                                        "(seed 004 note); use M10 or larger", c.name, c.tier));
        if (!enabled(c.encryptionAtRestProvider))
          fail(c.cmk_where, fmt::format("cluster '{}' has cmk: {}, but project '{}' has no enabled {} kms entry", c.name,
                                        models::provider_name(c.encryptionAtRestProvider), p.name,
                                        models::provider_name(c.encryptionAtRestProvider)));
      }
    }
    for (const EndpointSpec& e : p.endpoints) {
      const KmsSpec* k = enabled(e.cloud);
      if (!k || !k->requirePrivateNetworking)
        fail(e.where, fmt::format("an endpoint at time zero needs project '{}' to have an enabled {} kms entry with "
                                  "requirePrivateNetworking: true (seed 000/004 §'Enable and Set up...')",
                                  p.name, models::provider_name(e.cloud)));
      if (!e.label.empty() && !n.endpointLabels.insert(e.label).second)
        fail(e.where, fmt::format("duplicate endpoint name '{}'", e.label));
    }
  }
}

// The letters and digits of a region name, upper case and sorted: EASTUS2, us-east-2 and US_EAST_2
// give the same.
std::string region_letters(std::string_view name) {
  std::string out;
  for (char c : name)
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  std::sort(out.begin(), out.end());
  return out;
}

// A step's region is one of its cloud's: the provider's (a KMS region, an endpoint's), AWS for a
// new cluster's single region (models/actions.cpp), any cloud's when the step names no provider.
void check_step_region(Step& st) {
  const models::ActionRequest& rq = st.request;
  const models::Provider cloud = st.action->creates == models::Creates::cluster ? models::Provider::AWS : rq.provider.value_or(models::Provider::NONE);
  if (const std::string problem = region_problem(cloud, rq.region); !problem.empty()) fail(st.param_where["region"], problem);
}

// A client step's configuration: projects (the only one when left out), unique addresses,
// depends_on naming a resource of the same configuration, regions of the endpoint's cloud.
void check_client_step(Scenario& s, Names& n, Step& st) {
  ClientStep& c = *st.client;
  n.clients.insert(c.client);
  std::set<std::string> addresses;
  for (std::size_t i = 0; i < c.config.resources.size(); ++i) {
    models::clients::ResourceConfig& rc = c.config.resources[i];
    resolve_project(s, n, rc.project, c.resource_where[i], fmt::format("resource '{}'", rc.address()));
    if (!addresses.insert(rc.address()).second) fail(c.resource_where[i], fmt::format("duplicate resource '{}'", rc.address()));
    if (rc.type == models::clients::ResourceType::encryption_at_rest_private_endpoint)
      if (const std::string problem = region_problem(rc.cloud, rc.region); !problem.empty()) fail(c.resource_where[i], problem);
  }
  if (st.request.project.empty() && !s.projects.empty()) st.request.project = s.projects[0].name;
  for (std::size_t i = 0; i < c.config.resources.size(); ++i)
    for (std::size_t d = 0; d < c.config.resources[i].dependsOn.size(); ++d)
      if (const std::string& dep = c.config.resources[i].dependsOn[d]; !addresses.contains(dep)) {
        std::vector<std::string> known(addresses.begin(), addresses.end());
        fail(c.depends_where[i][d], fmt::format("depends_on names '{}', which this configuration does not define{}", dep, suggestion(dep, known)));
      }
}

// The names a step uses exist (its project, cluster, endpoint, snapshot) and the ones it defines
// are new.
void check_step_names(Scenario& s, Names& n, Step& st) {
  models::ActionRequest& rq = st.request;
  const SourceLocation where = st.param_where.contains("project") ? st.param_where["project"] : st.where;
  resolve_project(s, n, rq.project, where, fmt::format("step '{}'", rq.name));
  auto& clusters = n.clusters[rq.project];
  if (!rq.cluster.empty()) {
    const bool known = std::find(clusters.begin(), clusters.end(), rq.cluster) != clusters.end();
    if (st.action->creates == models::Creates::cluster) {
      if (known) fail(st.param_where["cluster"], fmt::format("duplicate cluster name '{}' in project '{}'", rq.cluster, rq.project));
      clusters.push_back(rq.cluster);
    } else if (!known) {
      fail(st.param_where["cluster"], fmt::format("step '{}' names cluster '{}', which project '{}' does not have (yet){}", rq.name,
                                                  rq.cluster, rq.project, suggestion(rq.cluster, clusters)));
    }
  }
  if (!rq.region.empty()) check_step_region(st);
  if (rq.provider == models::Provider::GCP && st.action->concerns_endpoint())
    fail(st.param_where["provider"], "private endpoints for Encryption at Rest exist for AWS and AZURE only, found GCP (spec §2.4)");
  if (!st.endpoint_label.empty() && !n.endpointLabels.contains(st.endpoint_label)) {
    std::vector<std::string> labels(n.endpointLabels.begin(), n.endpointLabels.end());
    fail(st.param_where["endpoint"], fmt::format("step '{}' names endpoint '{}', which no endpoint 'name:' or earlier "
                                                 "create_endpoint 'as:' defines{}", rq.name, st.endpoint_label,
                                                 suggestion(st.endpoint_label, labels)));
  }
  if (const std::string* snapshot = rq.param<std::string>("snapshot"); snapshot && !n.snapshotLabels.contains(*snapshot))
    fail(st.param_where["snapshot"], fmt::format("step '{}' names snapshot '{}', which no earlier take_snapshot 'as:' defines",
                                                 rq.name, *snapshot));
  if (!st.label.empty()) {
    auto& labels = st.action->creates == models::Creates::endpoint ? n.endpointLabels : n.snapshotLabels;
    if (!labels.insert(st.label).second) fail(st.where, fmt::format("duplicate name '{}' (as:)", st.label));
  }
}

// Timeline times: relative steps count from the previous timed step (its earliest possible time,
// here), which a reactive step cannot be; every fixed time fits the horizon.
void check_steps(Scenario& s, Names& n) {
  bool anyAbsolute = false;
  const Step* before = nullptr;
  sim::Duration previous;
  for (Step& st : s.steps) {
    if (!st.on) {
      if (st.relative && before && before->on)
        fail(st.time_where, "'after:' counts from the previous step, which is a reactive one (on:) with no fixed time; give that "
                            "step an 'id:' and write 'on: {step: ID}' here");
      if (st.relative && !anyAbsolute)
        fail(st.time_where, "the first timed step must use 'at:' ('after:' counts from the previous step, and there is none)");
      anyAbsolute = true;
      const sim::Duration t = (st.relative ? previous : sim::Duration()) + earliest(st.time);
      if (t > s.horizon)
        fail(st.time_where, fmt::format("this step happens at {} or later, past the horizon ({})", sim::format_duration(t),
                                        sim::format_duration(s.horizon)));
      previous = t;
    }
    before = &st;
    if (st.client) check_client_step(s, n, st);
    else check_step_names(s, n, st);
  }
  for (Responder& r : s.responders)
    for (Runbook& b : r.runbooks)
      for (Step& st : b.steps) {
        if (st.client) check_client_step(s, n, st);
        else check_step_names(s, n, st);
      }
}

void check_expectation(Scenario& s, Names& n, Expectation& x) {
  Target& t = x.target;
  if (t.kind == Target::Kind::client) {
    if (!n.clients.contains(t.client)) {
      std::vector<std::string> known(n.clients.begin(), n.clients.end());
      fail(t.where, fmt::format("expectation on client '{}', which no terraform_apply or terraform_destroy step drives{}", t.client,
                                suggestion(t.client, known)));
    }
    return;
  }
  if ((t.kind != Target::Kind::alert && t.kind != Target::Kind::step) || t.project_given)
    resolve_project(s, n, t.project, t.where, fmt::format("this {}", t.kind == Target::Kind::alert ? "alert" : "expectation"));
  if (t.kind == Target::Kind::cluster) {
    const auto& clusters = n.clusters[t.project];
    if (std::find(clusters.begin(), clusters.end(), t.cluster) == clusters.end())
      fail(t.where, fmt::format("expectation on cluster '{}', which project '{}' never has{}", t.cluster, t.project,
                                suggestion(t.cluster, clusters)));
  }
  if (t.kind == Target::Kind::step && !n.stepIds.contains(t.step)) {
    std::vector<std::string> ids(n.stepIds.begin(), n.stepIds.end());
    fail(t.where, fmt::format("step '{}' is no step's 'id:'{}", t.step, suggestion(t.step, ids)));
  }
  if (t.kind == Target::Kind::endpoint && !t.endpoint_label.empty() && !n.endpointLabels.contains(t.endpoint_label)) {
    std::vector<std::string> labels(n.endpointLabels.begin(), n.endpointLabels.end());
    fail(t.where, fmt::format("expectation on endpoint '{}', which no endpoint 'name:' or create_endpoint 'as:' defines{}",
                              t.endpoint_label, suggestion(t.endpoint_label, labels)));
  }
}

// Step ids are unique; what `on:` and `if:` name exists; responder names are unique.
void check_reactions(Scenario& s, Names& n) {
  std::vector<Step*> steps;
  for (Step& st : s.steps) steps.push_back(&st);
  std::set<std::string> responders;
  for (Responder& r : s.responders) {
    if (!responders.insert(r.name).second) fail(r.where, fmt::format("duplicate responder name '{}'", r.name));
    for (Runbook& b : r.runbooks)
      for (Step& st : b.steps) steps.push_back(&st);
  }
  for (Step* st : steps)
    if (!st->id.empty() && !n.stepIds.insert(st->id).second) fail(st->where, fmt::format("duplicate step id '{}'", st->id));
  auto check_trigger = [&](Trigger& t) {
    if (!t.project.empty()) resolve_project(s, n, t.project, t.where, "on:");
    if (t.kind == Trigger::Kind::step && !n.stepIds.contains(t.step)) {
      std::vector<std::string> ids(n.stepIds.begin(), n.stepIds.end());
      fail(t.where, fmt::format("on: names step '{}', which is no step's 'id:'{}", t.step, suggestion(t.step, ids)));
    }
    if (t.state) check_expectation(s, n, *t.state);
  };
  for (Step* st : steps) {
    if (st->on) check_trigger(*st->on);
    for (Expectation& x : st->conditions) check_expectation(s, n, x);
  }
  for (Responder& r : s.responders)
    for (Runbook& b : r.runbooks) check_trigger(b.on);
}

}  // namespace

std::string region_problem(models::Provider cloud, std::string_view regionName) {
  std::vector<std::string> names = models::region_names(cloud);
  if (cloud == models::Provider::NONE)
    for (models::Provider p : {models::Provider::AWS, models::Provider::AZURE, models::Provider::GCP})
      for (const std::string& x : models::region_names(p))
        if (std::find(names.begin(), names.end(), x) == names.end()) names.push_back(x);
  if (std::find(names.begin(), names.end(), regionName) != names.end()) return "";
  const std::string cloudText = cloud == models::Provider::NONE ? "an Atlas" : fmt::format("an Atlas {}", models::provider_name(cloud));
  // The cloud's own spellings (eastus2, westeurope, us-east-1) hold the same letters as Atlas's.
  for (const std::string& name : names)
    if (region_letters(name) == region_letters(regionName))
      return fmt::format("'{}' is not {} region name; did you mean '{}'?", regionName, cloudText, name);
  return fmt::format("'{}' is not {} region name{}", regionName, cloudText, suggestion(regionName, names));
}

void check(Scenario& s) {
  Names n;
  check_world(s, n);
  check_steps(s, n);
  check_reactions(s, n);
  for (Expectation& x : s.expectations) check_expectation(s, n, x);
  for (Expectation& x : s.invariants) check_expectation(s, n, x);
  detail::check_incidents(s);
}

}  // namespace scenario
