// parse(): YAML text -> Scenario structs, one function per part of the format (FORMAT.md). Only
// shapes and values are checked here; cross-references are check.cpp's job.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "models/key_config_patch.h"
#include "models/regions.h"
#include "scenario/client_steps.h"
#include "scenario/fields.h"
#include "scenario/fleet_parse.h"
#include "scenario/limits.h"
#include "scenario/parse_parts.h"
#include "scenario/run.h"
#include "scenario/steps.h"
#include "scenario/suggest.h"
#include "scenario/yaml_reader.h"
#include "sim/duration_text.h"
#include "sim/wall_clock.h"

namespace scenario {

namespace {

using Entries = std::vector<YamlReader::Entry>;

const std::vector<std::string> kProviders = {"AWS", "AZURE", "GCP"};
// A step's own keys; the rest are its action's parameters (models::actions()).
const std::vector<std::string> kStepKeys = {"at", "after", "on", "if", "repeat", "id", "do", "expect_error", "expect_status", "for", "as", "note"};

models::Provider provider(const YamlReader& r, const YAML::Node& n, std::string_view what) {
  return *models::parse_provider(r.one_of(n, what, kProviders));
}

// Fails at the region node unless the name is one of the cloud's Atlas region names.
void require_region(const YamlReader& r, const YAML::Node& n, models::Provider cloud, const std::string& name) {
  if (const std::string problem = region_problem(cloud, name); !problem.empty()) r.fail(n, problem);
}

// The value node of the entry with this key; an undefined node when there is none.
YAML::Node entry_value(const Entries& es, std::string_view key) {
  for (const auto& e : es)
    if (e.key == key) return e.value;
  return YAML::Node(YAML::NodeType::Undefined);
}

template <class E, class F>
E enum_value(const YamlReader& r, const YAML::Node& n, std::string_view what, E last, F name) {
  std::vector<std::string> all;
  for (int i = 0; i <= static_cast<int>(last); ++i) all.emplace_back(name(static_cast<E>(i)));
  const std::string s = r.one_of(n, what, all);
  for (int i = 0; i <= static_cast<int>(last); ++i)
    if (all[static_cast<std::size_t>(i)] == s) return static_cast<E>(i);
  return last;
}

// ---- the world at time zero ----

KmsSpec parse_kms(const YamlReader& r, const YAML::Node& n) {
  static const std::vector<std::string> keys = {
      "provider", "enabled", "requirePrivateNetworking", "region", "keyId", "keyState", "credentials", "access", "keyAge",
      "secretExpiresIn", "ipAccessListBlocksControlPlane", "unreachable", "accessKeyID", "secretAccessKey", "secret"};
  KmsSpec k;
  k.where = r.at(n);
  const Entries es = r.mapping(n, "a kms entry", keys);
  r.require(n, es, "provider", "a kms entry");
  for (const auto& e : es) {
    const std::string& key = e.key;
    if (key == "provider") k.provider = provider(r, e.value, "kms provider");
    else if (key == "enabled") k.enabled = r.boolean(e.value, "enabled");
    else if (key == "requirePrivateNetworking") k.requirePrivateNetworking = r.boolean(e.value, "requirePrivateNetworking");
    else if (key == "region") k.region = r.name(e.value, "region");
    else if (key == "keyId") k.keyId = r.name(e.value, "keyId");
    else if (key == "keyState") k.keyState = enum_value(r, e.value, "key state", models::KeyState::DESTROYED, models::key_state_name);
    else if (key == "credentials")
      k.credentials = enum_value(r, e.value, "credential state", models::CredentialState::INVALID, models::credential_state_name);
    else if (key == "access") k.access = enum_value(r, e.value, "key access", models::AccessState::REVOKED, models::access_state_name);
    else if (key == "keyAge") k.keyAge = r.distribution(e.value, "keyAge");
    else if (key == "secretExpiresIn") k.secretExpiresIn = r.distribution(e.value, "secretExpiresIn");
    else if (key == "ipAccessListBlocksControlPlane") k.ipAccessListBlocksControlPlane = r.boolean(e.value, key);
    else if (key == "unreachable") k.unreachable = r.boolean(e.value, "unreachable");
    else if (key == "accessKeyID" || key == "secretAccessKey") {
      (void)r.text(e.value, key);  // read and dropped: only the fact is kept (secrets never reach output)
      k.accessKeyAuth = true;
    } else if (key == "secret") {
      (void)r.text(e.value, "secret");
      k.secretGiven = true;
    }
  }
  // The KMS region is a region of the key's cloud; without one, that cloud's default.
  if (const YAML::Node region = entry_value(es, "region"); region.IsDefined()) require_region(r, region, k.provider, k.region);
  else k.region = std::string(models::default_region(k.provider));
  return k;
}

RegionSpec parse_region(const YamlReader& r, const YAML::Node& n, models::Provider cloud) {
  RegionSpec rs;
  rs.where = r.at(n);
  rs.cloud = cloud;
  if (n.IsScalar()) {
    rs.regionName = r.name(n, "region");
    require_region(r, n, rs.cloud, rs.regionName);
    return rs;
  }
  const Entries es = r.mapping(n, "a region", {"region", "provider", "nodes"});
  r.require(n, es, "region", "a region");
  for (const auto& e : es) {
    if (e.key == "region") rs.regionName = r.name(e.value, "region");
    else if (e.key == "provider") rs.cloud = provider(r, e.value, "region provider");
    else rs.nodes = r.integer(e.value, "nodes", 1, 50);
  }
  require_region(r, entry_value(es, "region"), rs.cloud, rs.regionName);
  return rs;
}

ClusterSpec parse_cluster(const YamlReader& r, const YAML::Node& n) {
  ClusterSpec c;
  c.where = r.at(n);
  const Entries es = r.mapping(n, "a cluster", {"name", "tier", "diskSizeGB", "provider", "regions", "cmk", "paused"});
  r.require(n, es, "name", "a cluster");
  models::Provider cloud = models::Provider::AWS;
  for (const auto& e : es)
    if (e.key == "provider") cloud = provider(r, e.value, "cluster provider");
  for (const auto& e : es) {
    if (e.key == "name") c.name = r.name(e.value, "cluster name");
    else if (e.key == "tier") c.tier = r.name(e.value, "tier");
    else if (e.key == "diskSizeGB") c.diskSizeGB = r.integer(e.value, "diskSizeGB", 1, 1 << 20);
    else if (e.key == "regions") {
      for (const YAML::Node& x : r.sequence(e.value, "regions", 50)) c.regions.push_back(parse_region(r, x, cloud));
      if (c.regions.empty()) r.fail(e.value, "regions must list at least one region, found an empty list");
    } else if (e.key == "cmk") {
      // cmk: false | true (the project's only key provider, filled in by check()) | AWS | AZURE | GCP
      const std::string v = r.one_of(e.value, "cmk value", {"true", "false", "AWS", "AZURE", "GCP"});
      c.cmk_where = r.at(e.value);
      c.cmk_project_provider = v == "true";
      if (v != "true" && v != "false") c.encryptionAtRestProvider = *models::parse_provider(v);
    } else if (e.key == "paused") c.paused = r.boolean(e.value, "paused");
  }
  if (c.regions.empty()) c.regions.push_back(RegionSpec{c.where, std::string(models::default_region(cloud)), cloud, std::nullopt});
  return c;
}

EndpointSpec parse_endpoint(const YamlReader& r, const YAML::Node& n) {
  EndpointSpec ep;
  ep.where = r.at(n);
  const Entries es = r.mapping(n, "an endpoint", {"name", "provider", "region", "status"});
  r.require(n, es, "provider", "an endpoint");
  r.require(n, es, "region", "an endpoint");
  for (const auto& e : es) {
    if (e.key == "name") ep.label = r.name(e.value, "endpoint name");
    else if (e.key == "provider") {
      ep.cloud = provider(r, e.value, "endpoint provider");
      if (ep.cloud == models::Provider::GCP)
        r.fail(e.value, "private endpoints for Encryption at Rest exist for AWS and AZURE only, found GCP (spec §2.4)");
    } else if (e.key == "region") ep.region = r.name(e.value, "region");
    else {
      const std::string s = r.one_of(e.value, "endpoint status at time zero", {"ACTIVE", "PENDING_ACCEPTANCE"});
      ep.status = s == "ACTIVE" ? models::EndpointStatus::ACTIVE : models::EndpointStatus::PENDING_ACCEPTANCE;
    }
  }
  require_region(r, entry_value(es, "region"), ep.cloud, ep.region);
  return ep;
}

ProjectSpec parse_project(const YamlReader& r, const YAML::Node& n) {
  ProjectSpec p;
  p.where = r.at(n);
  const Entries es =
      r.mapping(n, "a project", {"name", "state", "backupCompliancePolicy", "validationPhase", "kms", "clusters", "endpoints"});
  r.require(n, es, "name", "a project");
  for (const auto& e : es) {
    if (e.key == "name") p.name = r.name(e.value, "project name");
    else if (e.key == "state") p.state = enum_value(r, e.value, "project state", models::ProjectState::INACTIVE, models::project_state_name);
    else if (e.key == "backupCompliancePolicy") p.backupCompliancePolicy = r.boolean(e.value, "backupCompliancePolicy");
    else if (e.key == "validationPhase") p.validationPhase = r.distribution(e.value, "validationPhase");
    else if (e.key == "kms") {
      for (const YAML::Node& x : r.sequence(e.value, "kms", 3)) p.kms.push_back(parse_kms(r, x));
    } else if (e.key == "clusters") {
      for (const YAML::Node& x : r.sequence(e.value, "clusters", limits::kMaxEntities)) p.clusters.push_back(parse_cluster(r, x));
    } else if (e.key == "endpoints") {
      for (const YAML::Node& x : r.sequence(e.value, "endpoints", limits::kMaxEntities)) p.endpoints.push_back(parse_endpoint(r, x));
    }
  }
  return p;
}

// ---- settings ----

void parse_settings(const YamlReader& r, const YAML::Node& n, Scenario& s) {
  std::vector<std::string> names;
  for (const models::SettingInfo& i : models::setting_names()) names.emplace_back(i.name);
  for (const auto& e : r.mapping(n, "settings", names)) {
    const models::SettingInfo* info = models::find_setting(e.key);
    try {
      switch (info->kind) {
        case models::SettingKind::distribution: s.settings.set(e.key, r.distribution(e.value, e.key)); break;
        case models::SettingKind::duration: s.settings.set(e.key, r.duration(e.value, e.key)); break;
        default: s.settings.set(e.key, std::string_view(r.text(e.value, e.key))); break;
      }
    } catch (const models::SettingError& err) {
      std::string msg = err.what();  // names the setting and the value
      if (!info->allowed.empty()) {
        std::vector<std::string> allowed(info->allowed.begin(), info->allowed.end());
        msg += suggestion(e.value.IsScalar() ? e.value.Scalar() : "", allowed);
      }
      r.fail(e.value, msg);
    }
    s.settings_given.emplace_back(e.key, r.at(e.key_node));
  }
  try {
    s.settings.check();
  } catch (const models::SettingError& err) {
    // Point at the setting the error names when the file gives it (a combination: the one set).
    for (const auto& e : r.mapping(n, "settings", names))
      if (e.key == err.name()) r.fail(e.key_node, fmt::format("settings are inconsistent: {}", err.what()));
    r.fail(n, fmt::format("settings are inconsistent: {}", err.what()));
  } catch (const std::exception& err) {
    r.fail(n, fmt::format("settings are inconsistent: {}", err.what()));
  }
}

// ---- timeline ----

// "REGION[:CLOUD[:NODES]]": one region of a new cluster.
models::RegionRequest parse_region_request(const YamlReader& r, const YAML::Node& n) {
  const std::string item = r.name(n, "region");
  models::RegionRequest rq;
  const auto c1 = item.find(':');
  rq.regionName = item.substr(0, c1);
  if (c1 == std::string::npos) {
    require_region(r, n, models::Provider::AWS, rq.regionName);  // no cloud: an AWS region (models/actions.cpp)
    return rq;
  }
  std::string cloud = item.substr(c1 + 1);
  if (const auto c2 = cloud.find(':'); c2 != std::string::npos) {
    const std::string nodes = cloud.substr(c2 + 1);
    cloud.resize(c2);
    std::int64_t x = -1;
    auto [ptr, ec] = std::from_chars(nodes.data(), nodes.data() + nodes.size(), x);
    if (ec != std::errc{} || ptr != nodes.data() + nodes.size() || x < 0 || x > 50)
      r.fail(n, fmt::format("the node count in '{}' must be an integer from 0 to 50, found '{}'", item, nodes));
    rq.nodes = x;
  }
  const auto p = models::parse_provider(cloud);
  if (!p || *p == models::Provider::NONE)
    r.fail(n, fmt::format("the cloud in '{}' must be one of AWS, AZURE, GCP, found '{}'", item, cloud));
  rq.cloud = *p;
  require_region(r, n, *p, rq.regionName);
  return rq;
}

// A list of regions: [US_EAST_1, EU_WEST_1:AWS:2].
std::vector<models::RegionRequest> parse_region_requests(const YamlReader& r, const YAML::Node& n) {
  if (!n.IsSequence())
    r.fail(n, fmt::format("regions must be a list, such as [US_EAST_1, EU_WEST_1:AWS:2], found {}", YamlReader::describe(n)));
  std::vector<models::RegionRequest> out;
  for (const YAML::Node& x : r.sequence(n, "regions", 50)) out.push_back(parse_region_request(r, x));
  return out;
}

// A KMS block's fields by API name: {customerMasterKeyID: ..., region: US_WEST_2}. Booleans as
// true/false; secret fields are read and thrown away (FORMAT.md "Secrets"). The names are checked
// against the step's provider once all its keys are read (check_kms_fields).
models::KmsFieldValues parse_kms_fields(const YamlReader& r, const YAML::Node& n) {
  if (!n.IsMap())
    r.fail(n, fmt::format("fields must be a mapping of API field names, such as {{customerMasterKeyID: ..., region: US_WEST_2}}, found {}",
                          YamlReader::describe(n)));
  models::KmsFieldValues out;
  for (const auto& e : r.any_mapping(n, "fields")) {
    if (models::is_boolean_kms_field(e.key)) out.emplace_back(e.key, r.boolean(e.value, e.key) ? "true" : "false");
    else if (models::is_secret_kms_field(e.key)) out.emplace_back(e.key, (r.text(e.value, e.key), std::string("REDACTED")));
    else out.emplace_back(e.key, r.name(e.value, e.key));
  }
  if (out.empty()) r.fail(n, "fields must name at least one field, found an empty mapping");
  return out;
}

// The fields of a step are those of its provider's block (RAWSPEC), with a suggestion otherwise.
void check_kms_fields(const YamlReader& r, const Step& st) {
  for (const auto& [key, value] : st.request.params) {
    const auto* fields = std::get_if<models::KmsFieldValues>(&value);
    if (!fields || !st.request.provider) continue;
    const models::Provider p = *st.request.provider;
    for (const auto& [name, v] : *fields)
      if (const auto& known = models::kms_field_names(p); std::find(known.begin(), known.end(), name) == known.end())
        r.fail(st.param_where.at(key), fmt::format("{} has no field '{}'{}", models::block_name(p), name, suggestion(name, known)));
  }
}

// One parameter of a step, read by its kind in the action catalogue.
void parse_param(const YamlReader& r, const YamlReader::Entry& e, const models::ActionParam& p, Step& st) {
  using K = models::ParamKind;
  models::ActionRequest& rq = st.request;
  st.param_where[e.key] = r.at(e.value);
  switch (p.kind) {
    case K::project: rq.project = r.name(e.value, e.key); return;
    case K::cluster: rq.cluster = r.name(e.value, e.key); return;
    case K::endpoint: st.endpoint_label = r.name(e.value, e.key); return;
    case K::region:  // a region of some cloud here; of the step's provider once all its keys are read (check.cpp)
      rq.region = r.name(e.value, e.key);
      require_region(r, e.value, models::Provider::NONE, rq.region);
      return;
    case K::provider: rq.provider = provider(r, e.value, e.key); return;
    case K::snapshot:
    case K::text: rq.params[e.key] = r.name(e.value, e.key); return;
    case K::boolean: rq.params[e.key] = r.boolean(e.value, e.key); return;
    case K::integer: rq.params[e.key] = r.integer(e.value, e.key, 0, 1 << 20); return;
    case K::regions: rq.params[e.key] = parse_region_requests(r, e.value); return;
    case K::fields: rq.params[e.key] = parse_kms_fields(r, e.value); return;
  }
}

// The step's own keys besides the action's parameters.
void parse_step_key(const YamlReader& r, const YamlReader::Entry& e, Step& st, bool& timed) {
  const std::string& key = e.key;
  if (key == "at" || key == "after") {
    if (timed) r.fail(e.key_node, "a step has either 'at:' or 'after:', found both");
    timed = true;
    st.relative = key == "after";
    st.time = r.distribution(e.value, key);
    st.time_where = r.at(e.value);
  } else if (key == "expect_error") {
    detail::parse_expect_error(r, e.value, st.answer);
  } else if (key == "expect_status") {
    detail::parse_expect_status(r, e.value, st.answer);
  } else if (key == "for") {
    const models::ActionInfo& action = *st.action;
    if (action.undo.empty())
      r.fail(e.key_node, fmt::format("'for:' needs an action that can be undone ({}), found '{}'", undoable_actions(), action.name));
    st.for_ = r.distribution(e.value, "for");
    st.for_where = r.at(e.value);
  } else if (key == "as") {
    const models::ActionInfo& action = *st.action;
    if (action.creates != models::Creates::endpoint && action.creates != models::Creates::snapshot)
      r.fail(e.key_node, fmt::format("'as:' names what create_endpoint or take_snapshot creates, found it on '{}'", action.name));
    st.label = r.name(e.value, "as");
    st.request.label = st.label;
  } else if (key == "note") {
    st.note = r.text(e.value, "note");
  } else if (key == "id") {
    st.id = r.name(e.value, "id");
  } else if (key == "on") {
    st.on = detail::parse_trigger(r, e.value);
  } else if (key == "repeat") {
    st.every = r.one_of(e.value, "repeat", {"once", "every"}) == "every";
  } else if (key == "if") {
    st.conditions = detail::parse_conditions(r, e.value);
  }
}

// The timing keys of a step, once all are read: `at:` or `after:` for a timed step; `on:` with an
// optional `after:` (the delay, default 0) for a reactive one. `repeat:` and `if:` need `on:`.
void check_step_timing(const YamlReader& r, const YAML::Node& n, const Entries& es, Step& st, bool timed, detail::StepPlace place) {
  const YAML::Node at = entry_value(es, "at");
  if (place == detail::StepPlace::runbook) {
    for (const char* k : {"at", "on", "repeat"})
      if (const YAML::Node v = entry_value(es, k); v.IsDefined())
        r.fail(v, fmt::format("a runbook step runs 'after:' the previous one (the first: after the acknowledgement); '{}:' is for "
                              "timeline steps", k));
    if (!timed) r.fail(n, "a runbook step needs 'after: <delay>' (from the acknowledgement, or from the previous step; 0s for at once)");
    st.relative = true;
    return;
  }
  if (!st.on) {
    for (const char* k : {"repeat", "if"})
      if (const YAML::Node v = entry_value(es, k); v.IsDefined())
        r.fail(v, fmt::format("'{}:' belongs to a reactive step (one with 'on:'), found it on a timed step", k));
    if (!timed) r.fail(n, "a timeline step needs 'at: <time>' or 'after: <duration>', found neither (or, to react, 'on: <event>')");
    return;
  }
  if (at.IsDefined())
    r.fail(at, "a reactive step starts 'on:' an event, 'after:' a delay; 'at:' is for a fixed time, found both 'on:' and 'at:'");
  st.relative = false;  // after: is the delay from the trigger
  if (!timed) st.time = sim::Duration();
}

// A client command's step: its own keys (client_steps.cpp), then its time and note.
Step parse_client_timed_step(const YamlReader& r, const YAML::Node& n, const std::string& command, Step& st) {
  parse_client_step(r, n, command, st);
  bool timed = false;
  for (const auto& e : r.mapping(n, fmt::format("a '{}' step", command), client_step_keys(command)))
    if (e.key == "at" || e.key == "after" || e.key == "note") parse_step_key(r, e, st, timed);
  if (!timed) r.fail(n, "a timeline step needs 'at: <time>' or 'after: <duration>', found neither");
  return st;
}

}  // namespace

Step detail::parse_step(const YamlReader& r, const YAML::Node& n, StepPlace place) {
  Step st;
  st.where = r.at(n);
  const Entries all = r.any_mapping(n, "a timeline step");
  const YamlReader::Entry* doEntry = nullptr;
  for (const auto& e : all)
    if (e.key == "do") doEntry = &e;
  if (!doEntry) r.fail(n, "a timeline step needs 'do: <action>', found no such key");
  std::vector<std::string> actionNames;
  for (const models::ActionInfo& a : models::actions()) actionNames.emplace_back(a.name);
  for (const std::string& c : client_commands()) actionNames.push_back(c);
  const std::string action = r.one_of(doEntry->value, "action", actionNames);
  st.action = models::find_action(action);
  st.request.name = action;
  st.action_where = r.at(doEntry->value);
  if (is_client_command(action)) {
    if (place == detail::StepPlace::runbook)
      r.fail(doEntry->value, fmt::format("'{}' is a timeline step (a client run at a time); a runbook step is a catalogue action", action));
    return parse_client_timed_step(r, n, action, st);
  }

  std::vector<std::string> keys = kStepKeys;
  for (const models::ActionParam& p : st.action->params) keys.emplace_back(p.name);
  const Entries es = r.mapping(n, fmt::format("a '{}' step", action), keys);
  bool timed = false;
  for (const auto& e : es) {
    if (const models::ActionParam* p = st.action->param(e.key)) parse_param(r, e, *p, st);
    else parse_step_key(r, e, st, timed);
  }
  check_step_timing(r, n, es, st, timed, place);
  check_kms_fields(r, st);
  for (const models::ActionParam& p : st.action->params)
    if (p.required && p.kind != models::ParamKind::project && !st.param_where.contains(std::string(p.name)))
      r.fail(n, fmt::format("action '{}' needs '{}' ({}), found no such key", action, p.name, p.description));
  return st;
}

namespace {

// ---- expectations ----

// A client's `error:` / `warning:`: TEXT (some diagnostic contains it), {exactly: TEXT} (one is
// exactly it, "summary: detail"), {not: TEXT} (none contains it).
FieldCheck parse_diagnostic_check(const YamlReader& r, const YamlReader::Entry& e, FieldCheck& c) {
  c.op = FieldCheck::Op::contains;
  if (!e.value.IsMap()) {
    c.values.push_back(r.text(e.value, e.key));
    return c;
  }
  const Entries ops = r.mapping(e.value, fmt::format("the check on {}", e.key), {"not", "exactly"});
  if (ops.size() != 1) r.fail(e.value, fmt::format("the check on {} needs exactly one of not:, exactly:", e.key));
  c.op = ops[0].key == "not" ? FieldCheck::Op::not_contains : FieldCheck::Op::exactly;
  c.values.push_back(r.text(ops[0].value, e.key));
  return c;
}

FieldCheck parse_check(const YamlReader& r, const YamlReader::Entry& e, Target::Kind kind) {
  FieldCheck c;
  c.where = r.at(e.key_node);
  c.field = e.key;
  if (kind == Target::Kind::alert || kind == Target::Kind::step) {
    c.field = "count";
    c.op = e.key == "count" ? FieldCheck::Op::equals : e.key == "at_least" ? FieldCheck::Op::at_least : FieldCheck::Op::at_most;
    c.values.push_back(std::to_string(r.integer(e.value, e.key, 0, 1'000'000'000)));
    return c;
  }
  if (kind == Target::Kind::client && (e.key == "error" || e.key == "warning")) return parse_diagnostic_check(r, e, c);
  const std::vector<std::string> allowed = field_values(kind, e.key);
  auto value = [&](const YAML::Node& v) {
    // YAML null: the field reads JSON null (a nullable KMS field, models/observe.h).
    const std::string s = v.IsNull() ? std::string("null") : r.text(v, e.key);
    if (!allowed.empty()) (void)r.one_of(v, fmt::format("value for {}", e.key), allowed);
    return s;
  };
  if (e.value.IsMap()) {
    const Entries ops = r.mapping(e.value, fmt::format("the check on {}", e.key), {"not", "in"});
    if (ops.size() != 1) r.fail(e.value, fmt::format("the check on {} needs exactly one of not:, in:", e.key));
    if (ops[0].key == "not") {
      c.op = FieldCheck::Op::not_equals;
      c.values.push_back(value(ops[0].value));
    } else {
      c.op = FieldCheck::Op::one_of;
      for (const YAML::Node& v : r.sequence(ops[0].value, "in", 100)) c.values.push_back(value(v));
      if (c.values.empty()) r.fail(ops[0].value, "in: needs at least one value, found an empty list");
    }
  } else {
    c.values.push_back(value(e.value));
  }
  return c;
}

// Which thing an expectation looks at (project unless alert/endpoint/cluster/kms says otherwise),
// and the kms provider; refuses two targets, and at:/within: on an invariant.
void parse_target_kind(const YamlReader& r, const YAML::Node& n, const Entries& all, bool invariant, const std::string& what,
                       Target& t) {
  std::vector<std::string> targets;
  t.kind = Target::Kind::project;
  for (const auto& e : all) {
    if (e.key == "alert") t.kind = Target::Kind::alert;
    else if (e.key == "endpoint") t.kind = Target::Kind::endpoint;
    else if (e.key == "cluster") t.kind = Target::Kind::cluster;
    else if (e.key == "kms") t.kind = Target::Kind::kms;
    else if (e.key == "client") t.kind = Target::Kind::client;
    else if (e.key == "step") t.kind = Target::Kind::step;
    else continue;
    targets.push_back(e.key);
    t.where = r.at(e.value);
  }
  if (targets.size() > 1)
    r.fail(n, fmt::format("{} looks at one thing: found both '{}' and '{}'", what, targets[0], targets[1]));
  for (const auto& e : all)
    if (e.key == "kms") t.provider = provider(r, e.value, "kms provider");
  if (invariant)
    for (const auto& e : all)
      if (e.key == "at" || e.key == "within")
        r.fail(e.key_node, fmt::format("an invariant holds after every event, so it takes no '{}:'; move it to expect: for a "
                                       "check at a time", e.key));
}

// `at: <time>` or `within: [from, to]`, inside the horizon.
void parse_when(const YamlReader& r, const YamlReader::Entry& e, sim::Duration horizon, Expectation& x) {
  if (e.key == "at") {
    x.at = sim::Time::zero() + r.duration(e.value, "at");
    if (x.at.since_start() > horizon)
      r.fail(e.value, fmt::format("at: {} is past the horizon ({})", e.value.Scalar(), sim::format_duration(horizon)));
    return;
  }
  x.when = Expectation::When::within;
  if (!e.value.IsSequence() || e.value.size() != 2)
    r.fail(e.value, fmt::format("within must be a list of two times [from, to], found {}", YamlReader::describe(e.value)));
  x.from = sim::Time::zero() + r.duration(e.value[0], "within from");
  x.to = sim::Time::zero() + r.duration(e.value[1], "within to");
  if (x.from > x.to) r.fail(e.value, "within: [from, to] needs from <= to");
  if (x.to.since_start() > horizon)
    r.fail(e.value[1], fmt::format("within ends at {}, past the horizon ({})", e.value[1].Scalar(), sim::format_duration(horizon)));
}

// `endpoint: <label>` or `endpoint: {region, provider}` (the newest live endpoint there).
void parse_endpoint_target(const YamlReader& r, const YAML::Node& v, Target& t) {
  if (!v.IsMap()) {
    t.endpoint_label = r.name(v, "endpoint");
    return;
  }
  const Entries sel = r.mapping(v, "an endpoint selector", {"region", "provider"});
  r.require(v, sel, "region", "an endpoint selector");
  for (const auto& s : sel) {
    if (s.key == "region") {
      t.region = r.name(s.value, "region");
    } else {
      t.provider = provider(r, s.value, "endpoint provider");
      if (t.provider == models::Provider::GCP) r.fail(s.value, "private endpoints exist for AWS and AZURE only, found GCP (spec §2.4)");
    }
  }
}

}  // namespace

Expectation detail::parse_expectation(const YamlReader& r, const YAML::Node& n, bool invariant, sim::Duration horizon) {
  Expectation x;
  x.where = r.at(n);
  x.when = invariant ? Expectation::When::always : Expectation::When::at;
  const std::string what = invariant ? "an invariant" : "an expectation";
  Target& t = x.target;
  t.where = x.where;
  parse_target_kind(r, n, r.any_mapping(n, what), invariant, what, t);  // the target decides which fields are allowed
  std::vector<std::string> keys = invariant ? std::vector<std::string>{"name", "project"}
                                            : std::vector<std::string>{"at", "within", "name", "project"};
  if (t.kind != Target::Kind::project) keys.emplace_back(target_kind_name(t.kind));
  for (const std::string& f : target_fields(t.kind, t.provider)) keys.push_back(f);
  const Entries es = r.mapping(n, fmt::format("{} on a {}", what, target_kind_name(t.kind)), keys);
  bool timed = false;
  for (const auto& e : es) {
    const std::string& key = e.key;
    if (key == "at" || key == "within") {
      if (timed) r.fail(e.key_node, "an expectation has either 'at:' or 'within:', found both");
      timed = true;
      parse_when(r, e, horizon, x);
    } else if (key == "name") {
      x.name = r.text(e.value, "name");
    } else if (key == "project") {
      t.project = r.name(e.value, "project");
      t.project_given = true;
      if (t.kind == Target::Kind::project) t.where = r.at(e.value);
    } else if (key == "cluster") {
      t.cluster = r.name(e.value, "cluster");
    } else if (key == "client") {
      t.client = r.name(e.value, "client");
    } else if (key == "alert") {
      t.alert = r.one_of(e.value, "alert", alert_names());
    } else if (key == "step") {
      t.step = r.name(e.value, "step");
    } else if (key == "endpoint") {
      parse_endpoint_target(r, e.value, t);
    } else if (key != "kms") {
      x.checks.push_back(parse_check(r, e, t.kind));
    }
  }
  if (!invariant && !timed) r.fail(n, "an expectation needs 'at: <time>' or 'within: [from, to]', found neither");
  if (x.checks.empty()) {
    const auto& f = target_fields(t.kind, t.provider);
    r.fail(n, fmt::format("{} on a {} needs at least one field to check (such as {}), found none", what, target_kind_name(t.kind),
                          t.kind == Target::Kind::alert || t.kind == Target::Kind::step ? "count: 1" : f[f.size() > 2 ? 2 : 0] + ": ..."));
  }
  return x;
}

namespace {

// `start: 2026-03-01T09:00:00Z`: the wall-clock instant of time zero (UTC, ISO 8601).
sim::WallClock start_instant(const YamlReader& r, const YAML::Node& n) {
  const std::string text = r.name(n, "start");
  const auto ms = sim::parse_iso8601(text);
  if (!ms) r.fail(n, fmt::format("start is a UTC date-time such as 2026-03-01T09:00:00Z, found '{}'", text));
  return sim::WallClock(*ms);
}

}  // namespace

Scenario parse(std::string_view yaml_text, const std::string& file_label) {
  YamlReader r(file_label, yaml_text);
  const YAML::Node root = r.load();
  Scenario s;
  s.file = file_label;
  if (!root.IsDefined() || root.IsNull())
    r.fail(SourceLocation{file_label, 1, 1}, "expected a scenario starting with 'cmksim: 1', found an empty file");
  // vary: and metrics: belong to `cmksim sweep` (sweep/sweep_file.cpp reads them); a run ignores them.
  const Entries es = r.mapping(root, "the scenario",
                               {"cmksim", "name", "description", "seed", "start", "horizon", "settings", "projects", "fleet", "timeline", "expect",
                                "invariants", "vary", "metrics", "responders"});
  auto find = [&](std::string_view key) -> const YamlReader::Entry* {
    for (const auto& e : es)
      if (e.key == key) return &e;
    return nullptr;
  };
  const auto* version = find("cmksim");
  if (!version) r.fail(root, "missing 'cmksim: 1' (the format version) at the top of the scenario");
  if (!version->value.IsScalar() || version->value.Scalar() != "1")
    r.fail(version->value, fmt::format("unsupported format version {}; this cmksim reads 'cmksim: 1'", YamlReader::describe(version->value)));
  r.require(root, es, "name", "the scenario");
  r.require(root, es, "horizon", "the scenario");
  // Horizon first: times elsewhere are checked against it.
  const auto* h = find("horizon");
  s.horizon = r.duration(h->value, "horizon");
  if (s.horizon > limits::kMaxHorizon)
    r.fail(h->value, fmt::format("horizon {} is longer than the limit of {}", h->value.Scalar(), sim::format_duration(limits::kMaxHorizon)));
  if (s.horizon <= sim::Duration()) r.fail(h->value, "horizon must be longer than 0s");
  for (const auto& e : es) {
    if (e.key == "name") s.name = r.name(e.value, "name");
    else if (e.key == "description") s.description = r.text(e.value, "description");
    else if (e.key == "seed") s.seed = r.unsigned_integer(e.value, "seed");
    else if (e.key == "start") s.clock = start_instant(r, e.value);
    else if (e.key == "settings") parse_settings(r, e.value, s);
    else if (e.key == "projects") {
      for (const YAML::Node& p : r.sequence(e.value, "projects", limits::kMaxEntities)) s.projects.push_back(parse_project(r, p));
    } else if (e.key == "fleet") {
      detail::parse_fleet(r, e.value, s);
    } else if (e.key == "timeline") {
      for (const YAML::Node& st : r.sequence(e.value, "timeline", limits::kMaxSteps)) s.steps.push_back(detail::parse_step(r, st));
    } else if (e.key == "responders") {
      s.responders = detail::parse_responders(r, e.value);
    } else if (e.key == "expect") {
      for (const YAML::Node& x : r.sequence(e.value, "expect", limits::kMaxExpectations))
        s.expectations.push_back(detail::parse_expectation(r, x, false, s.horizon));
    } else if (e.key == "invariants") {
      for (const YAML::Node& x : r.sequence(e.value, "invariants", limits::kMaxExpectations))
        s.invariants.push_back(detail::parse_expectation(r, x, true, s.horizon));
    }
  }
  check(s);
  return s;
}

namespace {

// Standard input (the file name `-`), read up to the file limit plus one byte, then refused.
std::string read_standard_input(const std::string& path) {
  std::string text;
  char buffer[65536];
  while (text.size() <= limits::kMaxFileBytes && std::cin.read(buffer, sizeof buffer).gcount() > 0)
    text.append(buffer, static_cast<std::size_t>(std::cin.gcount()));
  if (text.size() > limits::kMaxFileBytes)
    throw InputError(SourceLocation{path, 0, 0},
                     fmt::format("standard input is more than {} bytes; the limit is 1 MiB", limits::kMaxFileBytes));
  return text;
}

}  // namespace

std::string read_scenario_file(const std::string& path) {
  if (path == "-") return read_standard_input(path);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(SourceLocation{path, 0, 0}, "is a directory; expected a scenario file (YAML)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path, 0, 0}, "cannot open the scenario file (expected a readable YAML file)");
  // At most the limit plus one byte, whatever the input is: a device or a pipe has no size to
  // ask for beforehand (/dev/zero never ends).
  std::string text(limits::kMaxFileBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) throw InputError(SourceLocation{path, 0, 0}, "cannot read the scenario file");
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > limits::kMaxFileBytes) {
    const std::uintmax_t size = std::filesystem::is_regular_file(path, ec) ? std::filesystem::file_size(path, ec) : 0;
    throw InputError(SourceLocation{path, 0, 0},
                     size > limits::kMaxFileBytes && !ec
                         ? fmt::format("file is {} bytes; the limit is {} bytes (1 MiB)", size, limits::kMaxFileBytes)
                         : fmt::format("input goes on past {} bytes; the limit is {} bytes (1 MiB)", limits::kMaxFileBytes,
                                       limits::kMaxFileBytes));
  }
  return text;
}

Scenario load_file(const std::string& path) { return parse(read_scenario_file(path), path); }

}  // namespace scenario
