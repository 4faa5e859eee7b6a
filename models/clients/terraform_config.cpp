#include "models/clients/terraform_config.h"

namespace models::clients {

std::string_view resource_type_name(ResourceType t) {
  switch (t) {
    case ResourceType::encryption_at_rest: return "mongodbatlas_encryption_at_rest";
    case ResourceType::encryption_at_rest_private_endpoint: return "mongodbatlas_encryption_at_rest_private_endpoint";
  }
  return "?";
}

std::optional<ResourceType> parse_resource_type(std::string_view name) {
  for (ResourceType t : {ResourceType::encryption_at_rest, ResourceType::encryption_at_rest_private_endpoint})
    if (resource_type_name(t) == name) return t;
  return std::nullopt;
}

}  // namespace models::clients
