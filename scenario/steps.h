// Timeline helpers shared by parse, check and run: the actions a step's `for:` can undo, and the
// human description of a step.
#pragma once

#include <string>
#include <string_view>

#include "scenario/scenario.h"

namespace scenario {

// "deactivate_project, delete_key, ...": the actions with an undo (ActionInfo::undo), for messages.
std::string undoable_actions();
// "disable_key project=shop provider=AWS" (no secrets: requests never carry any).
std::string describe_request(const models::ActionRequest& r, std::string_view endpoint_label = {});

}  // namespace scenario
