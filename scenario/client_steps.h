// Timeline steps that drive a client actor instead of one catalogue action: `do: terraform_apply`
// with a small Terraform configuration, `do: terraform_destroy` (FORMAT.md "Client steps").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "scenario/scenario.h"
#include "scenario/yaml_reader.h"

namespace scenario {

// "terraform_apply", "terraform_destroy".
const std::vector<std::string>& client_commands();
bool is_client_command(std::string_view name);
// The keys a client step takes besides at/after/do/note.
const std::vector<std::string>& client_step_keys(std::string_view command);
// Reads the client command's own keys into st.client (the step's time is read by the caller).
void parse_client_step(const YamlReader& r, const YAML::Node& n, const std::string& command, Step& st);

}  // namespace scenario
