// Every state machine of the model as a MachineDescription, for Boost.Graph analyses, DOT
// pictures (cmksim graph endpoint|cluster|project [--cloud aws|azure]) and coverage.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "models/ids.h"
#include "sim/machine_description.h"

namespace models {

// The endpoint machine; with a cloud, only the rows that apply there (guards "aws"/"azure").
sim::MachineDescription endpoint_machine(std::optional<Provider> cloud = std::nullopt);
sim::MachineDescription cluster_machine();
sim::MachineDescription project_machine();   // the project's Encryption at Rest machine (one block)
sim::MachineDescription private_networking_machine();
sim::MachineDescription project_state_machine();
sim::MachineDescription key_machine();
sim::MachineDescription credential_machine();
sim::MachineDescription key_access_machine();

// All of them, full tables.
std::vector<sim::MachineDescription> machines();
// By CLI name: "endpoint", "cluster", "project" (EAR), "private_networking", "project_state",
// "key", "credentials", "key_access"; nullopt for an unknown name.
std::optional<sim::MachineDescription> machine(std::string_view name, std::optional<Provider> cloud = std::nullopt);
std::vector<std::string_view> machine_names();

}  // namespace models
