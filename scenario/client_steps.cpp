// Parsing `do: terraform_apply` / `do: terraform_destroy` steps: shapes and values only; the
// projects, regions and depends_on addresses are checked in check.cpp.
#include "scenario/client_steps.h"

#include <fmt/format.h>

#include "models/regions.h"

namespace scenario {

namespace {

using models::clients::KmsBlockConfig;
using models::clients::ResourceConfig;
using models::clients::ResourceType;

// aws_kms_config / azure_key_vault_config / google_cloud_kms_config and the provider each configures.
struct BlockKey {
  std::string_view key;
  models::Provider provider;
  std::string_view keyIdKey;  // customer_master_key_id / key_identifier / key_version_resource_id
};
constexpr BlockKey kBlocks[] = {{"aws_kms_config", models::Provider::AWS, "customer_master_key_id"},
                                {"azure_key_vault_config", models::Provider::AZURE, "key_identifier"},
                                {"google_cloud_kms_config", models::Provider::GCP, "key_version_resource_id"}};

KmsBlockConfig parse_block(const YamlReader& r, const YAML::Node& n, const BlockKey& b) {
  std::vector<std::string> keys = {"enabled", "region", std::string(b.keyIdKey)};
  if (b.provider != models::Provider::GCP) keys.emplace_back("require_private_networking");
  KmsBlockConfig k;
  k.provider = b.provider;
  for (const auto& e : r.mapping(n, b.key, keys)) {
    if (e.key == "enabled") {
      if (!r.boolean(e.value, "enabled"))
        r.fail(e.value, "enabled: false is not how the provider turns a block off (remove the resource: terraform_destroy)");
    } else if (e.key == "region") {
      k.region = r.name(e.value, "region");
    } else if (e.key == "require_private_networking") {
      k.requirePrivateNetworking = r.boolean(e.value, e.key);
    } else {
      k.keyId = r.name(e.value, e.key);
    }
  }
  return k;
}

// `resource: TYPE.NAME`.
void parse_address(const YamlReader& r, const YAML::Node& n, ResourceConfig& rc) {
  const std::string address = r.name(n, "resource");
  const auto dot = address.find('.');
  const auto type = models::clients::parse_resource_type(address.substr(0, dot));
  if (dot == std::string::npos || !type || dot + 1 == address.size())
    r.fail(n, fmt::format("resource must be TYPE.NAME with TYPE mongodbatlas_encryption_at_rest or "
                          "mongodbatlas_encryption_at_rest_private_endpoint, found '{}'", address));
  rc.type = *type;
  rc.name = address.substr(dot + 1);
}

void parse_timeouts(const YamlReader& r, const YAML::Node& n, ResourceConfig& rc) {
  for (const auto& e : r.mapping(n, "timeouts", {"create", "delete"}))
    (e.key == "create" ? rc.createTimeout : rc.deleteTimeout) = r.duration(e.value, e.key);
}

// One resource's attribute (not `resource:`), by the resource's type.
void parse_attribute(const YamlReader& r, const YamlReader::Entry& e, ResourceConfig& rc, std::vector<SourceLocation>& depends) {
  const std::string& key = e.key;
  if (key == "project") rc.project = r.name(e.value, "project");
  else if (key == "cloud_provider") {
    const std::string cloud = r.one_of(e.value, "cloud_provider", {"AWS", "AZURE"});
    rc.cloud = *models::parse_provider(cloud);
  } else if (key == "region_name") rc.region = r.name(e.value, "region_name");
  else if (key == "timeouts") parse_timeouts(r, e.value, rc);
  else if (key == "delete_on_create_timeout") rc.deleteOnCreateTimeout = r.boolean(e.value, key);
  else if (key == "depends_on") {
    for (const YAML::Node& d : r.sequence(e.value, "depends_on", 100)) {
      rc.dependsOn.push_back(r.name(d, "depends_on item"));
      depends.push_back(r.at(d));
    }
  } else {
    for (const BlockKey& b : kBlocks)
      if (b.key == key) rc.blocks.push_back(parse_block(r, e.value, b));
  }
}

ResourceConfig parse_resource(const YamlReader& r, const YAML::Node& n, std::vector<SourceLocation>& depends) {
  static const std::vector<std::string> kEarKeys = {"resource", "project", "aws_kms_config", "azure_key_vault_config",
                                                    "google_cloud_kms_config", "depends_on"};
  static const std::vector<std::string> kEndpointKeys = {"resource", "project", "cloud_provider", "region_name", "timeouts",
                                                         "delete_on_create_timeout", "depends_on"};
  ResourceConfig rc;
  const auto all = r.any_mapping(n, "a resource");
  const YamlReader::Entry* address = nullptr;
  for (const auto& e : all)
    if (e.key == "resource") address = &e;
  if (!address) r.fail(n, "a resource needs 'resource: TYPE.NAME', found no such key");
  parse_address(r, address->value, rc);
  const bool ear = rc.type == ResourceType::encryption_at_rest;
  const auto es = r.mapping(n, fmt::format("a {} resource", resource_type_name(rc.type)), ear ? kEarKeys : kEndpointKeys);
  for (const auto& e : es)
    if (e.key != "resource") parse_attribute(r, e, rc, depends);
  if (ear && rc.blocks.empty())
    r.fail(n, "a mongodbatlas_encryption_at_rest resource needs aws_kms_config, azure_key_vault_config or google_cloud_kms_config");
  if (!ear) {
    r.require(n, es, "cloud_provider", "a private endpoint resource");
    r.require(n, es, "region_name", "a private endpoint resource");
  }
  return rc;
}

}  // namespace

const std::vector<std::string>& client_commands() {
  static const std::vector<std::string> names = {"terraform_apply", "terraform_destroy"};
  return names;
}

bool is_client_command(std::string_view name) { return name == "terraform_apply" || name == "terraform_destroy"; }

const std::vector<std::string>& client_step_keys(std::string_view command) {
  static const std::vector<std::string> apply = {"at", "after", "do", "note", "client", "resources"};
  static const std::vector<std::string> destroy = {"at", "after", "do", "note", "client"};
  return command == "terraform_apply" ? apply : destroy;
}

void parse_client_step(const YamlReader& r, const YAML::Node& n, const std::string& command, Step& st) {
  ClientStep c;
  c.command = command == "terraform_apply" ? ClientStep::Command::apply : ClientStep::Command::destroy;
  c.client_where = st.where;
  const auto es = r.mapping(n, fmt::format("a '{}' step", command), client_step_keys(command));
  for (const auto& e : es) {
    if (e.key == "client") {
      c.client = r.name(e.value, "client");
      c.client_where = r.at(e.value);
    } else if (e.key == "resources") {
      for (const YAML::Node& x : r.sequence(e.value, "resources", 100)) {
        c.depends_where.emplace_back();
        c.config.resources.push_back(parse_resource(r, x, c.depends_where.back()));
        c.resource_where.push_back(r.at(x));
      }
    }
  }
  if (c.command == ClientStep::Command::apply) r.require(n, es, "resources", "a 'terraform_apply' step");
  st.client = std::move(c);
}

}  // namespace scenario
