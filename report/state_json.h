// The full observable state of a World in Atlas API field names, as JSON: what `cmksim run
// --state` writes and what scenario expectations look fields up in (by JSON pointer).
#pragma once

#include <nlohmann/json.hpp>

#include "models/world.h"

namespace report {

nlohmann::json state_json(const models::World& world);

}  // namespace report
