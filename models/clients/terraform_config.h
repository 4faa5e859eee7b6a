// What a `terraform apply` is given: the resources of a small configuration of the MongoDB Atlas
// Terraform provider (mongodb/terraform-provider-mongodbatlas), as plain data. Only the resources
// and attributes the Encryption at Rest stories need (spec §7).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/ids.h"
#include "sim/time.h"

namespace models::clients {

enum class ResourceType : std::uint8_t {
  encryption_at_rest,                   // mongodbatlas_encryption_at_rest (internal/service/encryptionatrest/)
  encryption_at_rest_private_endpoint,  // mongodbatlas_encryption_at_rest_private_endpoint (…/encryptionatrestprivateendpoint/)
};
// "mongodbatlas_encryption_at_rest", "mongodbatlas_encryption_at_rest_private_endpoint"
std::string_view resource_type_name(ResourceType t);
std::optional<ResourceType> parse_resource_type(std::string_view name);

// One of aws_kms_config / azure_key_vault_config / google_cloud_kms_config.
struct KmsBlockConfig {
  Provider provider = Provider::AWS;
  std::string region;    // region / azure region; empty: the cloud's default
  std::string keyId;     // customer_master_key_id / key_identifier / key_version_resource_id; empty: the project's key
  bool requirePrivateNetworking = false;
  friend bool operator==(const KmsBlockConfig&, const KmsBlockConfig&) = default;
};

struct ResourceConfig {
  ResourceType type = ResourceType::encryption_at_rest;
  std::string name;     // the local name: the address is "<type>.<name>"
  std::string project;  // project_id, by the project's name
  std::vector<KmsBlockConfig> blocks;  // encryption_at_rest
  Provider cloud = Provider::AWS;      // private endpoint: cloud_provider
  std::string region;                  // private endpoint: region_name
  std::optional<sim::Duration> createTimeout, deleteTimeout;  // timeouts { create, delete }; none: tf_default_timeout
  bool deleteOnCreateTimeout = true;   // delete_on_create_timeout (default true)
  std::vector<std::string> dependsOn;  // addresses (references or depends_on)

  std::string address() const { return std::string(resource_type_name(type)) + "." + name; }
  friend bool operator==(const ResourceConfig&, const ResourceConfig&) = default;
};

struct Configuration {
  std::vector<ResourceConfig> resources;
};

}  // namespace models::clients
