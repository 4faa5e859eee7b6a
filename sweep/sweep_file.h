// The sweep's own keys in a scenario file: `vary:` (settings side by side) and `metrics:` (custom
// metrics). Read here with the scenario layer's YamlReader, so mistakes are reported as
// scenario::InputError "file:line:column: message".
//
//   vary:
//     validation_interval: [5m, 15m, 30m]
//     t_reflect: [1m, {uniform: [0s, 3m]}]      # distribution settings take distributions
//   metrics:
//     - name: invalid_alert_after_disable
//       description: key disabled in the console -> AWS_ENCRYPTION_KEY_INVALID
//       from: {kind: operation, action: disable_key}
//       to: {alert: AWS_ENCRYPTION_KEY_INVALID}
//
// A match takes any of kind, entity, from, to, action, alert (eventTypeName), outcome; text may use
// '*' as a wildcard ("cluster/shop/*").
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.h"
#include "sweep/grid.h"
#include "sweep/metric_spec.h"

namespace sweep {

struct SweepFile {
  std::vector<VaryAxis> vary;
  std::vector<CustomMetric> metrics;
  scenario::Scenario scenario;
};

// Loads the scenario and the sweep keys of `path`. Throws scenario::InputError.
SweepFile load_sweep_file(const std::string& path);
// Same, from text (file_label names it in messages).
SweepFile parse_sweep_file(const std::string& text, const std::string& file_label);

}  // namespace sweep
