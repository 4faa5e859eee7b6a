// The `vary:` grid: settings swept side by side. Each axis is one setting with its values; the
// combinations are the cartesian product, the first axis outermost (so with
// validation_interval: [5m, 15m] and t_reflect: [1m, 3m] the order is 5m/1m, 5m/3m, 15m/1m, 15m/3m).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "models/settings.h"
#include "sim/distribution.h"

namespace sweep {

struct VaryValue {
  std::string text;                        // as shown in column headers ("15m", "uniform(0s, 3m)")
  std::optional<sim::Distribution> shape;  // set instead of text when the file gave a distribution
};

struct VaryAxis {
  std::string setting;
  std::vector<VaryValue> values;
};

// `--vary setting=v1,v2,...`: values split at commas outside parentheses, so
// "t_reflect=1m,uniform(0s, 3m)" has two values. Each value is checked against the setting now.
// Throws std::invalid_argument with a one-line message.
VaryAxis parse_vary_option(const std::string& text);

// Axes from the file, then the command line; a command-line axis replaces the file's axis of the
// same setting.
std::vector<VaryAxis> combine_axes(std::vector<VaryAxis> from_file, const std::vector<VaryAxis>& from_cli);

// Every combination as (setting, value) lists, in grid order; one empty combination when no axes.
std::vector<std::vector<std::pair<std::string, const VaryValue*>>> expand(const std::vector<VaryAxis>& axes);

// Applies one value to settings (throws models::SettingError on a bad value).
void apply(models::Settings& s, const std::string& setting, const VaryValue& v);

// Limit on the number of combinations (a typo like 1m,2m,...x100 x 100 should not run for hours).
inline constexpr std::size_t kMaxCombinations = 256;

}  // namespace sweep
