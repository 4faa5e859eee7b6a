#include "scenario/steps.h"

#include <map>

#include <fmt/format.h>

namespace scenario {

namespace {
// Each pair is an act and the act that ends it, both in models::actions().
const std::map<std::string, std::string, std::less<>>& undo_map() {
  static const std::map<std::string, std::string, std::less<>> m = {
      {"kms_outage_start", "kms_outage_end"},        // seed 003 §'Validate...' (can't connect), then reachable
      {"disable_key", "enable_key"},                 // seed 003 §'Validate...'
      {"revoke_key_access", "grant_key_access"},     // seed 004 §'Revoke Access to an Encryption Key'
      {"invalidate_credentials", "fix_credentials"}, // seed 003 §'Validate...'
      {"delete_key", "restore_key"},                 // seed 003 §'Restore a Deleted Key'
      {"schedule_key_deletion", "restore_key"},      // spec §2.8 (cancel the scheduled deletion)
      {"deactivate_project", "reactivate_project"},  // spec §1
  };
  return m;
}
}  // namespace

const std::string* undo_action(std::string_view action) {
  auto it = undo_map().find(action);
  return it == undo_map().end() ? nullptr : &it->second;
}

std::string undoable_actions() {
  std::string out;
  for (const auto& [k, v] : undo_map()) out += (out.empty() ? "" : ", ") + k;
  return out;
}

std::string describe_request(const models::ActionRequest& r, std::string_view endpoint_label) {
  std::string out = r.name;
  auto add = [&](std::string_view k, std::string_view v) {
    if (!v.empty()) out += fmt::format(" {}={}", k, v);
  };
  add("project", r.project);
  add("cluster", r.cluster);
  add("endpoint", endpoint_label.empty() ? std::string_view(r.endpoint) : endpoint_label);
  add("provider", r.provider);
  add("region", r.region);
  for (const auto& [k, v] : r.params) add(k, v);
  return out;
}

}  // namespace scenario
