// The full observable state of a World as JSON: what `cmksim run --state` writes. A serialiser of
// models/observe.h: the fields, their names and values come from there.
#pragma once

#include <nlohmann/json.hpp>

#include "models/world.h"

namespace report {

nlohmann::json state_json(const models::World& world);

}  // namespace report
