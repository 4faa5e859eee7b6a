// The action catalogue (actions.h): one entry per action with its typed parameters and handler.
// A handler resolves the request's names against the world (a scenario mistake is an ActionError)
// and calls the typed World method.
#include "models/actions.h"

#include <fmt/format.h>

#include <algorithm>

#include <fmt/ranges.h>

#include "models/key_config_patch.h"
#include "models/key_versions.h"
#include "models/regions.h"
#include "models/world.h"

namespace models {

std::string_view actor_name(Actor a) {
  switch (a) {
    case Actor::user_api: return "user API";
    case Actor::cloud_console: return "cloud console";
    case Actor::fault: return "fault";
    case Actor::atlas_ui: return "Atlas UI";
  }
  return "?";
}

std::string_view param_kind_name(ParamKind k) {
  switch (k) {
    case ParamKind::project: return "project";
    case ParamKind::cluster: return "cluster";
    case ParamKind::endpoint: return "endpoint";
    case ParamKind::snapshot: return "snapshot";
    case ParamKind::provider: return "provider";
    case ParamKind::region: return "region";
    case ParamKind::regions: return "regions";
    case ParamKind::boolean: return "boolean";
    case ParamKind::integer: return "integer";
    case ParamKind::text: return "text";
    case ParamKind::fields: return "fields";
  }
  return "?";
}

std::string param_text(const ParamValue& v) {
  struct Text {
    std::string operator()(bool b) const { return b ? "true" : "false"; }
    std::string operator()(std::int64_t i) const { return std::to_string(i); }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(const std::vector<RegionRequest>& regions) const {
      std::string out;
      for (const RegionRequest& r : regions) {
        out += (out.empty() ? "" : ",") + r.regionName;
        if (r.cloud) out += ":" + std::string(provider_name(*r.cloud));
        if (r.nodes) out += ":" + std::to_string(*r.nodes);
      }
      return out;
    }
    std::string operator()(const KmsFieldValues& fields) const {
      std::string out;
      for (const auto& [k, x] : fields) out += (out.empty() ? "" : ",") + k + "=" + x;
      return out;
    }
  };
  return std::visit(Text{}, v);
}

bool value_fits(ParamKind k, const ParamValue& v) {
  switch (k) {
    case ParamKind::boolean: return std::holds_alternative<bool>(v);
    case ParamKind::integer: return std::holds_alternative<std::int64_t>(v);
    case ParamKind::regions: return std::holds_alternative<std::vector<RegionRequest>>(v);
    case ParamKind::fields: return std::holds_alternative<KmsFieldValues>(v);
    case ParamKind::text:
    case ParamKind::snapshot: return std::holds_alternative<std::string>(v);
    default: return false;  // names travel in ActionRequest's own fields
  }
}

const ActionParam* ActionInfo::param(std::string_view key) const {
  for (const ActionParam& p : params)
    if (p.name == key) return &p;
  return nullptr;
}

bool ActionInfo::concerns_endpoint() const {
  if (creates == Creates::endpoint) return true;
  for (const ActionParam& p : params)
    if (p.kind == ParamKind::endpoint) return true;
  return false;
}

namespace {

// ---- argument resolution: names -> indices (ActionError for a scenario mistake) ----

[[noreturn]] void fail(const ActionRequest& a, std::string_view key, const std::string& message) {
  throw ActionError(a.name, std::string(key), message);
}

ProjectIx project_of(const World& w, const ActionRequest& a) {
  if (a.project.empty()) fail(a, "project", fmt::format("{}: parameter 'project' is required", a.name));
  auto p = w.find_project(a.project);
  if (!p) fail(a, "project", fmt::format("{}: unknown project '{}'", a.name, a.project));
  return *p;
}

Provider provider_of(const ActionRequest& a) {
  if (!a.provider) fail(a, "provider", fmt::format("{}: parameter 'provider' is required", a.name));
  return *a.provider;
}

ClusterIx cluster_of(const World& w, const ActionRequest& a) {
  const ProjectIx p = project_of(w, a);
  if (a.cluster.empty()) fail(a, "cluster", fmt::format("{}: parameter 'cluster' is required", a.name));
  auto c = w.find_cluster(w.project(p).name, a.cluster);
  if (!c) fail(a, "cluster", fmt::format("{}: unknown cluster '{}' in project '{}'", a.name, a.cluster, a.project));
  return *c;
}

// The endpoint by id, or the project's newest live endpoint in the region (and cloud); nullopt: 404.
std::optional<EndpointIx> endpoint_of(const World& w, const ActionRequest& a) {
  if (!a.endpoint.empty()) return w.find_endpoint(a.endpoint);
  const ProjectIx p = project_of(w, a);
  if (a.region.empty()) fail(a, "endpoint", fmt::format("{}: give 'endpoint' (id) or 'region'", a.name));
  return w.endpoint_in_region(p, a.region, a.provider);
}

// ---- handlers: one shape per parameter list, or one function for an action of its own ----

template <Outcome (World::*M)(ProjectIx)>
Outcome on_project(World& w, const ActionRequest& a) { return (w.*M)(project_of(w, a)); }

template <Outcome (World::*M)(ProjectIx, Provider)>
Outcome on_block(World& w, const ActionRequest& a) { return (w.*M)(project_of(w, a), provider_of(a)); }

template <Outcome (World::*M)(ProjectIx, Provider, std::string_view)>
Outcome on_kms_region(World& w, const ActionRequest& a) { return (w.*M)(project_of(w, a), provider_of(a), a.region); }

template <Outcome (World::*M)(ClusterIx)>
Outcome on_cluster(World& w, const ActionRequest& a) { return (w.*M)(cluster_of(w, a)); }

template <Outcome (World::*M)(EndpointIx)>
Outcome on_endpoint(World& w, const ActionRequest& a) {
  const auto e = endpoint_of(w, a);
  if (!e) return errors::endpoint_not_found(a.endpoint.empty() ? a.region : a.endpoint);
  return (w.*M)(*e);
}

Outcome enable_cmk(World& w, const ActionRequest& a) {
  KmsSetup k;
  k.provider = provider_of(a);
  k.region = a.region.empty() ? std::string(default_region(k.provider)) : a.region;
  if (const bool* pn = a.param<bool>("require_private_networking")) k.requirePrivateNetworking = *pn;
  if (const std::string* id = a.param<std::string>("key_id")) k.keyId = *id;
  return w.enable_cmk(project_of(w, a), k);
}

Outcome rotate_key(World& w, const ActionRequest& a) {
  const std::string* id = a.param<std::string>("key_id");
  return w.rotate_key(project_of(w, a), provider_of(a), id ? *id : std::string());
}

// PATCH by field names (key_config_patch.cpp); the scenario parser already checked the names.
Outcome patch_encryption_at_rest(World& w, const ActionRequest& a) {
  const auto* fields = a.param<KmsFieldValues>("fields");
  if (!fields || fields->empty()) fail(a, "fields", fmt::format("{}: parameter 'fields' is required", a.name));
  const Provider p = provider_of(a);
  const auto& known = kms_field_names(p);
  for (const auto& [name, value] : *fields) {
    if (std::find(known.begin(), known.end(), name) == known.end())
      fail(a, "fields", fmt::format("{}: {} has no field '{}' (fields: {})", a.name, block_name(p), name, fmt::join(known, ", ")));
    if (name == "enabled" && value == "false" && fields->size() > 1)
      fail(a, "fields", fmt::format("{}: disabling sends only {{enabled: false}} (seed 002)", a.name));
  }
  return w.patch_encryption_at_rest(project_of(w, a), p, *fields);
}

// A cloud-console key action: on the key Atlas uses, or with key_id on another key of the KMS.
template <Outcome (World::*M)(ProjectIx, Provider), KeyEvent E>
Outcome on_key(World& w, const ActionRequest& a) {
  const ProjectIx p = project_of(w, a);
  const Provider v = provider_of(a);
  const std::string* id = a.param<std::string>("key_id");
  if (id && *id != key_id_field(w.project(p).block(v), v)) return w.key_version_action(p, v, *id, E, a.name);
  return (w.*M)(p, v);
}

Outcome create_key(World& w, const ActionRequest& a) {
  KeyVersion k;
  const std::string* id = a.param<std::string>("key_id");
  if (!id) fail(a, "key_id", fmt::format("{}: parameter 'key_id' is required", a.name));
  k.id = *id;
  k.region = a.region;
  if (const std::string* st = a.param<std::string>("key_state")) {
    if (*st == "PENDING_IMPORT") k.pending = KeyPending::import_material;
    else if (*st == "PENDING_GENERATION") k.pending = KeyPending::generation;
    else if (auto s = kKeyStateNames.parse(*st)) k.state = *s;
    else fail(a, "key_state", fmt::format("{}: key_state must be ENABLED, DISABLED, PENDING_IMPORT or PENDING_GENERATION, found '{}'", a.name, *st));
  }
  const sim::Time now = w.simulation().now();
  if (const std::int64_t* h = a.param<std::int64_t>("expires_in_hours")) k.expiresAt = now + sim::Duration::hours(*h);
  if (const std::int64_t* h = a.param<std::int64_t>("not_before_in_hours")) k.notBefore = now + sim::Duration::hours(*h);
  return w.create_key(project_of(w, a), provider_of(a), k);
}

Outcome set_key_expiry(World& w, const ActionRequest& a) {
  const std::int64_t* h = a.param<std::int64_t>("expires_in_hours");
  if (!h) fail(a, "expires_in_hours", fmt::format("{}: parameter 'expires_in_hours' is required", a.name));
  const std::string* id = a.param<std::string>("key_id");
  return w.set_key_expiry(project_of(w, a), provider_of(a), id ? *id : std::string(), sim::Duration::hours(*h));
}

Outcome set_key_auto_rotation(World& w, const ActionRequest& a) {
  const bool* on = a.param<bool>("value");
  if (!on) fail(a, "value", fmt::format("{}: parameter 'value' is required", a.name));
  return w.set_key_auto_rotation(project_of(w, a), provider_of(a), *on);
}

Outcome set_rotation_alert_threshold(World& w, const ActionRequest& a) {
  const std::int64_t* days = a.param<std::int64_t>("days");
  if (!days) fail(a, "days", fmt::format("{}: parameter 'days' is required", a.name));
  return w.set_rotation_alert_threshold(project_of(w, a), *days);
}

Outcome fail_over_key_vault(World& w, const ActionRequest& a) {
  if (a.region.empty()) fail(a, "region", fmt::format("{}: parameter 'region' is required", a.name));
  return w.fail_over_key_vault(project_of(w, a), provider_of(a), a.region);
}

Outcome set_require_private_networking(World& w, const ActionRequest& a) {
  const bool* on = a.param<bool>("value");
  if (!on) fail(a, "value", fmt::format("{}: parameter 'value' is required", a.name));
  return w.set_require_private_networking(project_of(w, a), provider_of(a), *on);
}

Outcome create_endpoint(World& w, const ActionRequest& a) {
  if (a.region.empty()) fail(a, "region", fmt::format("{}: parameter 'region' is required", a.name));
  return w.create_endpoint(project_of(w, a), provider_of(a), a.region, a.label);
}

Outcome fail_endpoint_creation(World& w, const ActionRequest& a) {
  const auto e = endpoint_of(w, a);
  if (!e) return errors::endpoint_not_found(a.endpoint.empty() ? a.region : a.endpoint);
  const std::string* message = a.param<std::string>("message");
  return w.fail_endpoint_creation(*e, message ? *message : std::string_view());
}

Outcome inject_api_error(World& w, const ActionRequest& a) {
  const std::string* operation = a.param<std::string>("operation");
  if (!operation) fail(a, "operation", fmt::format("{}: parameter 'operation' is required", a.name));
  const std::int64_t* count = a.param<std::int64_t>("count");
  const std::string* code = a.param<std::string>("code");
  return w.inject_api_error(*operation, count ? *count : 1, code ? *code : std::string_view("UNEXPECTED_ERROR"));
}

Outcome create_cluster(World& w, const ActionRequest& a) {
  ClusterSetup cs;
  cs.project = w.project(project_of(w, a)).name;
  if (a.cluster.empty()) fail(a, "cluster", fmt::format("{}: parameter 'cluster' is required", a.name));
  cs.name = a.cluster;
  if (const std::string* tier = a.param<std::string>("tier")) cs.instanceSizeName = *tier;
  if (a.provider) cs.encryptionAtRestProvider = *a.provider;
  const std::int64_t nodes = w.settings().nodes_per_region;
  if (const auto* regions = a.param<std::vector<RegionRequest>>("regions")) {
    for (const RegionRequest& r : *regions)
      cs.regions.push_back({r.regionName, r.cloud.value_or(Provider::AWS), r.nodes.value_or(nodes)});
  } else if (!a.region.empty()) {
    cs.regions.push_back({a.region, Provider::AWS, nodes});
  }
  return w.create_cluster(cs);
}

// seed 004 §'Enable and Set up...' ("Atlas deploys additional nodes for existing clusters only in
// the regions with approved private endpoints"): nodes per region, new regions or existing ones.
Outcome add_cluster_regions(World& w, const ActionRequest& a) {
  const auto* regions = a.param<std::vector<RegionRequest>>("regions");
  if (!regions || regions->empty()) fail(a, "regions", fmt::format("{}: parameter 'regions' is required", a.name));
  const ClusterIx c = cluster_of(w, a);
  std::vector<ClusterRegion> add;
  for (const RegionRequest& r : *regions)
    add.push_back({r.regionName, r.cloud.value_or(Provider::AWS), r.nodes.value_or(w.settings().nodes_per_region)});
  return w.add_cluster_regions(c, add);
}

Outcome enable_cluster_cmk(World& w, const ActionRequest& a) { return w.enable_cluster_cmk(cluster_of(w, a), provider_of(a)); }

Outcome resize_cluster(World& w, const ActionRequest& a) {
  const std::string* tier = a.param<std::string>("tier");
  const std::int64_t* disk = a.param<std::int64_t>("disk_gb");
  return w.resize_cluster(cluster_of(w, a), tier ? *tier : std::string(), disk ? *disk : 0);
}

Outcome restart_cluster(World& w, const ActionRequest& a) {
  const std::int64_t* nodes = a.param<std::int64_t>("nodes");
  return w.restart_cluster(cluster_of(w, a), nodes ? *nodes : 0);
}

Outcome add_search_nodes(World& w, const ActionRequest& a) {
  const std::int64_t* nodes = a.param<std::int64_t>("nodes");
  if (!nodes) fail(a, "nodes", fmt::format("{}: parameter 'nodes' is required", a.name));
  return w.add_search_nodes(cluster_of(w, a), *nodes);
}

Outcome set_search_nodes_encryption(World& w, const ActionRequest& a) {
  const bool* on = a.param<bool>("value");
  if (!on) fail(a, "value", fmt::format("{}: parameter 'value' is required", a.name));
  return w.set_search_nodes_encryption(project_of(w, a), *on);
}

Outcome restore_snapshot(World& w, const ActionRequest& a) {
  const std::string* id = a.param<std::string>("snapshot");
  return w.restore_snapshot(cluster_of(w, a), id ? *id : std::string());
}

// ---- parameters used by many actions ----
const ActionParam kProject{"project", ParamKind::project, true, "project name"};
const ActionParam kProvider{"provider", ParamKind::provider, true, "AWS | AZURE | GCP"};
const ActionParam kCloudOpt{"provider", ParamKind::provider, false, "AWS | AZURE: with region, only an endpoint of this cloud"};
const ActionParam kCluster{"cluster", ParamKind::cluster, true, "cluster name"};
const ActionParam kEndpoint{"endpoint", ParamKind::endpoint, false, "endpoint id; or region + provider to pick the project's live endpoint there"};
const ActionParam kRegionOpt{"region", ParamKind::region, false, "regionName (with provider, to pick an endpoint)"};
const ActionParam kKeyIdOpt{"key_id", ParamKind::text, false, "another key of the KMS than the one Atlas uses (default: that one)"};
}  // namespace

const std::vector<ActionInfo>& actions() {
  static const std::vector<ActionInfo> list = {
      // ---- project Encryption at Rest (user API) ----
      {"enable_cmk", Actor::user_api,
       {kProject, kProvider, {"region", ParamKind::region, false, "KMS region (default: the cloud's, AWS US_EAST_1, AZURE US_EAST_2, GCP CENTRAL_US)"},
        {"require_private_networking", ParamKind::boolean, false, "true|false (AWS, Azure)"}, {"key_id", ParamKind::text, false, "key identifier"}},
       "PATCH encryptionAtRest {<block>: {enabled: true, ...}}: validated at once, 400 KMS code if the key is unusable",
       "seed 002 §'Request Body Parameters'; seed 003 §'Validate your KMS Configuration'", Creates::nothing, "", &enable_cmk},
      {"disable_cmk", Actor::user_api, {kProject, kProvider},
       "PATCH {<block>: {enabled: false}}; refused while endpoints exist, clusters use the key, or the key is invalid",
       "seed 000/004 §'Disable Customer-Managed Keys...'; spec §3.1 G-DIS", Creates::nothing, "", &on_block<&World::disable_cmk>},
      {"update_credentials", Actor::user_api, {kProject, kProvider},
       "PATCH new credentials: the cloud credentials become valid (AWS role: after T_iam) and Atlas validates at once",
       "seed 003 §'Validate your KMS Configuration' (when you add or update credentials)", Creates::nothing, "", &on_block<&World::update_credentials>},
      {"rotate_key", Actor::user_api, {kProject, kProvider, {"key_id", ParamKind::text, false, "new key identifier / version"}},
       "PATCH a new key id/version (made in the KMS unless create_key made it): refused with ENCRYPTION_AT_REST_SETTINGS_INVALID unless the current key is valid, with its KMS code if the new key is unusable; deploys over key_rotation_deploy_window",
       "seed 004 §'Rotate your Azure Key Identifier'; seed 003 warning", Creates::nothing, "", &rotate_key},
      {"patch_encryption_at_rest", Actor::user_api,
       {kProject, kProvider, {"fields", ParamKind::fields, true, "the block's fields by API name, e.g. {customerMasterKeyID: ..., region: US_WEST_2}"}},
       "PATCH {<block>: {fields}}: an enabled block's changed fields are validated and applied (key: rotation; AWS region: failover to a multi-Region replica), or the request is refused",
       "seed 002 §'Request Body Parameters'; seed 004 §'Rotate...', Note (vault fields); spec §2.6, §2.8, §3.1 G-UPD", Creates::nothing, "", &patch_encryption_at_rest},
      {"set_require_private_networking", Actor::user_api, {kProject, kProvider, {"value", ParamKind::boolean, true, "true|false"}},
       "PATCH requirePrivateNetworking; false refused while endpoints exist (names the regions)",
       "seed 000/004 §'Enable and Set up...', §'Disable Private Endpoint Connections...'; spec §3.1 G-PN", Creates::nothing, "", &set_require_private_networking},
      {"set_rotation_alert_threshold", Actor::user_api, {kProject, {"days", ParamKind::integer, true, "GREATER_THAN n DAYS; 0 turns the alert off"}},
       "the project's <P>_ENCRYPTION_KEY_NEEDS_ROTATION alert threshold (default rotation_alert_days)",
       "RAWSPEC alert configuration (threshold GREATER_THAN n DAYS); seed 003 §intro", Creates::nothing, "", &set_rotation_alert_threshold},
      {"get_encryption_at_rest", Actor::user_api, {kProject},
       "GET encryptionAtRest: on-demand validation (validation_on_get)", "seed 003 §'Validate...' (on-demand)", Creates::nothing, "", &on_project<&World::get_encryption_at_rest>},
      {"try_again", Actor::atlas_ui, {kProject}, "Try Again: validate now; a valid configuration restarts disabled clusters",
       "seed 003 §'Validate...' (click Try Again)", Creates::nothing, "", &on_project<&World::try_again>},
      // ---- endpoints ----
      {"create_endpoint", Actor::user_api, {kProject, kProvider, {"region", ParamKind::region, true, "regionName"}},
       "POST privateEndpoints {regionName}: 202, INITIATING", "seed 000/004 §'Enable and Set up Private Endpoint Connections'", Creates::endpoint, "", &create_endpoint},
      {"delete_endpoint", Actor::user_api, {kProject, kEndpoint, kCloudOpt, kRegionOpt},
       "DELETE privateEndpoints/{id}: 204, DELETING then gone; refused while INITIATING",
       "seed 000/004 §'Reject or Remove...'; spec §3.1 G-EP-D", Creates::nothing, "", &on_endpoint<&World::delete_endpoint>},
      {"get_endpoint", Actor::user_api, {kProject, kEndpoint, kCloudOpt, kRegionOpt},
       "GET privateEndpoints/{id}: 200 with status and errorMessage; 404 once gone",
       "RAWSPEC EARPrivateEndpoint; spec §1 (gone = 404)", Creates::nothing, "", &on_endpoint<&World::get_endpoint>},
      {"approve_endpoint", Actor::cloud_console, {kProject, kEndpoint, kCloudOpt, kRegionOpt},
       "approve the pending connection on the key vault / VPC endpoint service; ACTIVE visible within T_reflect (<= 3 min)",
       "seed 004 §'Enable and Set up...' (up to three minutes)", Creates::nothing, "", &on_endpoint<&World::approve_endpoint>},
      {"reject_endpoint", Actor::cloud_console, {kProject, kEndpoint, kCloudOpt, kRegionOpt},
       "reject the connection in the cloud console: Atlas recreates it (recreation_mode)",
       "seed 000/004 §'Reject or Remove Private Endpoint Connections'", Creates::nothing, "", &on_endpoint<&World::reject_endpoint>},
      {"remove_endpoint_connection", Actor::cloud_console, {kProject, kEndpoint, kCloudOpt, kRegionOpt},
       "remove the connection in the cloud console: Atlas recreates it (recreation_mode)",
       "seed 000/004 §'Reject or Remove Private Endpoint Connections'", Creates::nothing, "", &on_endpoint<&World::remove_endpoint_connection>},
      {"fail_endpoint_creation", Actor::fault, {kProject, kEndpoint, kCloudOpt, kRegionOpt,
                                               {"message", ParamKind::text, false, "errorMessage"}},
       "an INITIATING endpoint ends FAILED with errorMessage", "seed 004 §'View Private Endpoints and their Statuses'", Creates::nothing, "", &fail_endpoint_creation},
      {"fail_endpoint_deletion", Actor::fault, {kProject, kEndpoint, kCloudOpt, kRegionOpt},
       "a DELETING endpoint ends FAILED", "spec §2.1 [inferred]", Creates::nothing, "", &on_endpoint<&World::fail_endpoint_deletion>},
      // ---- clusters ----
      {"create_cluster", Actor::user_api,
       {kProject, kCluster, {"tier", ParamKind::text, false, "instanceSizeName (default M10)"},
        {"regions", ParamKind::regions, false, "list of REGION[:CLOUD[:NODES]] (default US_EAST_1:AWS)"},
        {"provider", ParamKind::provider, false, "encryptionAtRestProvider (default NONE)"}},
       "create a cluster; refused for tenant tiers with a key, regions without an approved endpoint, private-networking topology limits",
       "spec §2.7, §2.5; seed 004", Creates::cluster, "", &create_cluster},
      {"add_cluster_regions", Actor::user_api,
       {kProject, kCluster, {"regions", ParamKind::regions, true, "list of REGION[:CLOUD[:NODES]]: nodes to add (an existing region grows)"}},
       "add nodes or regions to a cluster, applied like a resize; refused in regions without an approved endpoint",
       "seed 004 §'Enable and Set up...' (additional nodes only in regions with approved endpoints); spec §2.5", Creates::nothing, "",
       &add_cluster_regions},
      {"enable_cluster_cmk", Actor::user_api, {kProject, kCluster, kProvider},
       "set encryptionAtRestProvider: UPDATING (initial sync), queued while disabled", "seed 003; spec §2.7, §3.1 G-CL", Creates::nothing, "", &enable_cluster_cmk},
      {"disable_cluster_cmk", Actor::user_api, {kProject, kCluster}, "set encryptionAtRestProvider NONE", "seed 003; spec §2.7", Creates::nothing, "", &on_cluster<&World::disable_cluster_cmk>},
      {"resize_cluster", Actor::user_api,
       {kProject, kCluster, {"tier", ParamKind::text, false, "new instanceSizeName"}, {"disk_gb", ParamKind::integer, false, "new disk size"}},
       "change tier / disk: applied now, queued while disabled, refused while paused",
       "seed 003 §'Validate...' (updates queued); api-errors CANNOT_UPDATE_PAUSED_CLUSTER", Creates::nothing, "", &resize_cluster},
      {"pause_cluster", Actor::user_api, {kProject, kCluster}, "pause", "DOCS pause-terminate-cluster; api-errors", Creates::nothing, "", &on_cluster<&World::pause_cluster>},
      {"resume_cluster", Actor::user_api, {kProject, kCluster}, "resume: processes start (disabled if the KMS is unusable)",
       "DOCS pause-terminate-cluster; seed 003 §intro", Creates::nothing, "", &on_cluster<&World::resume_cluster>},
      {"restart_cluster", Actor::user_api, {kProject, kCluster, {"nodes", ParamKind::integer, false, "how many nodes (default all)"}},
       "restart processes; during a KMS outage the restarted nodes cannot start", "seed 003 §intro; DOCS security-aws-kms", Creates::nothing, "", &restart_cluster},
      {"take_snapshot", Actor::user_api, {kProject, kCluster}, "take a backup snapshot bound to the current key",
       "seed 003 §'Encrypted Backups'", Creates::snapshot, "", &on_cluster<&World::take_snapshot>},
      {"restore_snapshot", Actor::user_api, {kProject, kCluster, {"snapshot", ParamKind::snapshot, false, "snapshot id (default latest)"}},
       "restore a snapshot; refused when its key is invalid", "seed 003 §'Encrypted Backups'", Creates::nothing, "", &restore_snapshot},
      {"read_write", Actor::user_api, {kProject, kCluster}, "a client read/write: refused while disabled or paused",
       "seed 003 §'Validate...' (you can't read or write data on disabled clusters)", Creates::nothing, "", &on_cluster<&World::read_write>},
      {"enable_legacy_backup", Actor::user_api, {kProject, kCluster}, "turn on Legacy Backups (deprecated): refused on a cluster with a customer key, and such a cluster cannot take a key",
       "seed 003 §'Encrypted Backups'; api-errors CANNOT_USE_ENCRYPTION_AT_REST_BACKUP_TYPE", Creates::nothing, "", &on_cluster<&World::enable_legacy_backup>},
      {"add_search_nodes", Actor::user_api, {kProject, kCluster, {"nodes", ParamKind::integer, true, "how many dedicated Search Nodes (0: none)"}},
       "dedicated Search Nodes: initial sync, then serving; removed while the key encrypting them is invalid, rebuilt when fixed",
       "spec §2.7 (has Search Nodes); DOCS KMS page", Creates::nothing, "", &add_search_nodes},
      {"set_search_nodes_encryption", Actor::user_api, {kProject, {"value", ParamKind::boolean, true, "true|false"}},
       "PATCH encryptionAtRest {enabledForSearchNodes}: Search Nodes of customer-key clusters are re-encrypted (new nodes, initial sync)",
       "RAWSPEC EncryptionAtRest.enabledForSearchNodes; spec §1, §2.7", Creates::nothing, "", &set_search_nodes_encryption},
      // ---- key / credentials (cloud console) ----
      {"disable_key", Actor::cloud_console, {kProject, kProvider, kKeyIdOpt}, "disable the key in the KMS",
       "seed 003 §'Validate...'", Creates::nothing, "enable_key", &on_key<&World::disable_key, KeyEvent::Disable>},
      {"enable_key", Actor::cloud_console, {kProject, kProvider, kKeyIdOpt}, "re-enable the key", "seed 003 §'Validate...'", Creates::nothing, "", &on_key<&World::enable_key, KeyEvent::Enable>},
      {"schedule_key_deletion", Actor::cloud_console, {kProject, kProvider, kKeyIdOpt}, "schedule key deletion (deleted after the waiting period)",
       "spec §2.8", Creates::nothing, "restore_key", &on_key<&World::schedule_key_deletion, KeyEvent::ScheduleDeletion>},
      {"delete_key", Actor::cloud_console, {kProject, kProvider, kKeyIdOpt}, "delete the key (soft delete, restorable)", "seed 003 §'Validate...'", Creates::nothing, "restore_key", &on_key<&World::delete_key, KeyEvent::Delete>},
      {"restore_key", Actor::cloud_console, {kProject, kProvider, kKeyIdOpt}, "restore a deleted / cancel a scheduled deletion",
       "seed 003 §'Restore a Deleted Key'", Creates::nothing, "", &on_key<&World::restore_key, KeyEvent::Restore>},
      {"destroy_key", Actor::fault, {kProject, kProvider}, "the key is gone for good (past the recovery window): data lost",
       "seed 000 warning", Creates::nothing, "", &on_block<&World::destroy_key>},
      {"revoke_key_access", Actor::cloud_console, {kProject, kProvider}, "revoke Atlas's access to the key (Azure: clusters pause)",
       "seed 004 §'Revoke Access to an Encryption Key'", Creates::nothing, "grant_key_access", &on_block<&World::revoke_key_access>},
      {"grant_key_access", Actor::cloud_console, {kProject, kProvider}, "grant access again", "seed 004 §'Revoke Access...'", Creates::nothing, "", &on_block<&World::grant_key_access>},
      {"expire_credentials", Actor::fault, {kProject, kProvider}, "the Azure client secret expires",
       "DOCS security-azure-kms (secret <= 2 years)", Creates::nothing, "", &on_block<&World::expire_credentials>},
      {"invalidate_credentials", Actor::fault, {kProject, kProvider}, "the credentials stop working (role deleted, secret rotated)",
       "seed 003 §'Validate...'", Creates::nothing, "fix_credentials", &on_block<&World::invalidate_credentials>},
      {"fix_credentials", Actor::cloud_console, {kProject, kProvider}, "credentials work again without a PATCH (e.g. role restored)",
       "seed 003 §'Validate...'", Creates::nothing, "", &on_block<&World::fix_credentials>},
      {"create_key", Actor::cloud_console,
       {kProject, kProvider, {"key_id", ParamKind::text, true, "the new key's id (ARN / key identifier / key version)"},
        {"region", ParamKind::region, false, "AWS: the KMS region (a multi-Region replica); default the block's"},
        {"key_state", ParamKind::text, false, "ENABLED (default) | DISABLED | PENDING_IMPORT (AWS) | PENDING_GENERATION (GCP)"},
        {"expires_in_hours", ParamKind::integer, false, "Azure: the key expires then"},
        {"not_before_in_hours", ParamKind::integer, false, "Azure: not usable before then (nbf)"}},
       "make a key / key version in the KMS beside the one Atlas uses (to rotate to, or a replica to fail over to)",
       "seed 004 §'Rotate...' (create a new key in the AKV); DOCS security-aws-kms (multi-Region keys); api-errors", Creates::nothing, "", &create_key},
      {"set_key_expiry", Actor::cloud_console,
       {kProject, kProvider, {"expires_in_hours", ParamKind::integer, true, "hours from now"}, kKeyIdOpt},
       "set an Azure key's expiration date: expired -> AZURE_KEY_VAULT_KEY_EXPIRED at the next check",
       "api-errors AZURE_KEY_VAULT_KEY_EXPIRED, _EXPIRING; DOCS security-azure-kms", Creates::nothing, "", &set_key_expiry},
      {"set_key_auto_rotation", Actor::cloud_console, {kProject, kProvider, {"value", ParamKind::boolean, true, "true|false"}},
       "turn the provider's automatic key rotation on or off (every provider_auto_rotation_period)",
       "DOCS security-aws-kms, security-azure-kms, security-gcp-kms; spec §4 (provider auto-rotation ~365 d)", Creates::nothing, "", &set_key_auto_rotation},
      {"fail_over_key_vault", Actor::fault, {kProject, kProvider, {"region", ParamKind::region, true, "the vault's paired region"}},
       "the Azure key vault fails over to its paired region: Atlas reaches it there with the same keyIdentifier",
       "DOCS security-azure-kms; spec §2.8 (region down)", Creates::nothing, "", &fail_over_key_vault},
      {"kms_outage_start", Actor::fault, {kProject, kProvider, {"region", ParamKind::region, false, "one KMS region (default whole KMS)"}},
       "the KMS becomes unreachable: network-access alert, nothing shuts down", "seed 003 §'Validate...' (can't connect)", Creates::nothing, "kms_outage_end", &on_kms_region<&World::kms_outage_start>},
      {"kms_outage_end", Actor::fault, {kProject, kProvider, {"region", ParamKind::region, false, "one KMS region"}}, "the KMS is reachable again",
       "seed 003 §'Validate...'", Creates::nothing, "", &on_kms_region<&World::kms_outage_end>},
      {"deactivate_project", Actor::fault, {kProject}, "project becomes INACTIVE", "spec §1; seed 000 §'Limitations'", Creates::nothing, "reactivate_project", &on_project<&World::deactivate_project>},
      {"reactivate_project", Actor::fault, {kProject}, "project becomes ACTIVE", "spec §1", Creates::nothing, "", &on_project<&World::reactivate_project>},
      // ---- the API itself ----
      {"inject_api_error", Actor::fault,
       {{"operation", ParamKind::text, true, "the action whose next requests fail, e.g. get_endpoint"},
        {"count", ParamKind::integer, false, "how many requests (default 1)"},
        {"code", ParamKind::text, false, "UNEXPECTED_ERROR (500, default), RATE_LIMITED (429) or SIM_SERVICE_UNAVAILABLE (503)"}},
       "the next requests of that operation answer the transient error once each (default 500 UNEXPECTED_ERROR)",
       "spec §3.2 UNEXPECTED_ERROR, §6 #5 [observed]; api-errors RATE_LIMITED", Creates::nothing, "", &inject_api_error},
  };
  return list;
}

const ActionInfo* find_action(std::string_view name) {
  for (const ActionInfo& a : actions())
    if (a.name == name) return &a;
  return nullptr;
}

}  // namespace models
