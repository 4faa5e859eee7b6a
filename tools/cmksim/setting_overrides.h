// `--set NAME=VALUE` on `run` and `explore`: replay a story with settings changed, by name, exactly
// as the scenario's `settings:` would change them (models::Settings::set reads the text).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <boost/program_options.hpp>

#include "scenario/scenario.h"

namespace cli {

// NAME and VALUE text, in the order given; a later one wins over an earlier one of the same name.
using SettingOverrides = std::vector<std::pair<std::string, std::string>>;

// The `--set` option for an options table (repeatable).
void add_set_option(boost::program_options::options_description& d);

// The --set values of `vm`, each checked (form NAME=VALUE, a known setting with "did you mean",
// a value of its kind) against the defaults; throws UsageError(command, ...) for a bad one.
SettingOverrides read_overrides(const std::string& command, const boost::program_options::variables_map& vm);

// Applies `overrides` on top of the scenario's own `settings:`.
void apply_overrides(scenario::Scenario& s, const SettingOverrides& overrides);

// The scenario text `yaml` with `overrides` written into its `settings:` mapping (for commands that
// work on the text, such as explore, whose repro then carries the settings). Comments are lost, so
// the text is returned unchanged when there are no overrides.
std::string with_overrides(const std::string& yaml, const SettingOverrides& overrides);

}  // namespace cli
