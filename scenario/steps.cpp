#include "scenario/steps.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace scenario {

std::string undoable_actions() {
  std::vector<std::string_view> names;
  for (const models::ActionInfo& a : models::actions())
    if (!a.undo.empty()) names.push_back(a.name);
  std::sort(names.begin(), names.end());
  return fmt::format("{}", fmt::join(names, ", "));
}

std::string describe_request(const models::ActionRequest& r, std::string_view endpoint_label) {
  std::string out = r.name;
  auto add = [&](std::string_view k, std::string_view v) {
    if (!v.empty()) out += fmt::format(" {}={}", k, v);
  };
  add("project", r.project);
  add("cluster", r.cluster);
  add("endpoint", endpoint_label.empty() ? std::string_view(r.endpoint) : endpoint_label);
  if (r.provider) add("provider", models::provider_name(*r.provider));
  add("region", r.region);
  for (const auto& [k, v] : r.params) add(k, models::param_text(v));
  return out;
}

}  // namespace scenario
