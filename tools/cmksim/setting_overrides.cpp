#include "setting_overrides.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "models/settings.h"
#include "options.h"
#include "scenario/suggest.h"

namespace cli {

void add_set_option(po::options_description& d) {
  d.add_options()("set", po::value<std::vector<std::string>>()->composing()->value_name("NAME=VALUE"),
                  "change a model setting, as `settings:` in the file would (repeatable; `cmksim settings` lists them)");
}

SettingOverrides read_overrides(const std::string& command, const po::variables_map& vm) {
  SettingOverrides overrides;
  if (!vm.count("set")) return overrides;
  std::vector<std::string> names;
  for (const models::SettingInfo& s : models::setting_names()) names.emplace_back(s.name);
  models::Settings probe;
  for (const std::string& given : vm["set"].as<std::vector<std::string>>()) {
    const auto eq = given.find('=');
    if (eq == std::string::npos || eq == 0)
      throw UsageError(command, fmt::format("--set '{}': expected NAME=VALUE, e.g. --set validation_interval=5m", given));
    const std::string name = given.substr(0, eq), value = given.substr(eq + 1);
    if (!models::find_setting(name))
      throw UsageError(command, fmt::format("--set: unknown setting '{}'{}", name, scenario::suggestion(name, names)));
    try {
      probe.set(name, value);
    } catch (const models::SettingError& e) {
      throw UsageError(command, fmt::format("--set {}: {}", given, e.what()));
    }
    overrides.emplace_back(name, value);
  }
  return overrides;
}

void apply_overrides(scenario::Scenario& s, const SettingOverrides& overrides) {
  for (const auto& [name, value] : overrides) s.settings.set(name, value);
}

std::string with_overrides(const std::string& yaml, const SettingOverrides& overrides) {
  if (overrides.empty()) return yaml;
  YAML::Node doc = YAML::Load(yaml);
  for (const auto& [name, value] : overrides) doc["settings"][name] = value;
  YAML::Emitter emitter;
  emitter << doc;
  return std::string(emitter.c_str()) + "\n";
}

}  // namespace cli
