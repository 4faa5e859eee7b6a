#include "models/machines.h"

#include "models/cluster.h"
#include "models/endpoint.h"
#include "models/key.h"
#include "models/project.h"

namespace models {

sim::MachineDescription endpoint_machine(std::optional<Provider> cloud) {
  if (!cloud) return endpoint_table().describe();
  // Per cloud: drop the other cloud's rows.
  return endpoint_table().describe([c = *cloud](const EndpointTable::Guard& g) { return endpoint_guard_on_cloud(g, c); });
}
sim::MachineDescription cluster_machine() { return cluster_table().describe(); }
sim::MachineDescription project_machine() { return ear_table().describe(); }
sim::MachineDescription private_networking_machine() { return pn_table().describe(); }
sim::MachineDescription project_state_machine() { return project_table().describe(); }
sim::MachineDescription key_machine() { return key_table().describe(); }
sim::MachineDescription credential_machine() { return credential_table().describe(); }
sim::MachineDescription key_access_machine() { return access_table().describe(); }

std::vector<sim::MachineDescription> machines() {
  return {endpoint_machine(), cluster_machine(), project_machine(), private_networking_machine(),
          project_state_machine(), key_machine(), credential_machine(), key_access_machine()};
}

std::vector<std::string_view> machine_names() {
  return {"endpoint", "cluster", "project", "private_networking", "project_state", "key", "credentials", "key_access"};
}

std::optional<sim::MachineDescription> machine(std::string_view name, std::optional<Provider> cloud) {
  if (name == "endpoint") return endpoint_machine(cloud);
  if (name == "cluster") return cluster_machine();
  if (name == "project") return project_machine();
  if (name == "private_networking") return private_networking_machine();
  if (name == "project_state") return project_state_machine();
  if (name == "key") return key_machine();
  if (name == "credentials") return credential_machine();
  if (name == "key_access") return key_access_machine();
  return std::nullopt;
}

}  // namespace models
