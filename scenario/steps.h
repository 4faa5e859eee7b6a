// Timeline helpers shared by parse, check and run: the undo of a fault or console act that a
// step's `for:` schedules, and the human description of a step.
#pragma once

#include <string>
#include <string_view>

#include "scenario/scenario.h"

namespace scenario {

// kms_outage_start -> kms_outage_end, disable_key -> enable_key, ...; nullptr when none.
const std::string* undo_action(std::string_view action);
std::string undoable_actions();  // "kms_outage_start, disable_key, ..." for messages
// "disable_key project=shop provider=AWS" (no secrets: requests never carry any).
std::string describe_request(const models::ActionRequest& r, std::string_view endpoint_label = {});

}  // namespace scenario
