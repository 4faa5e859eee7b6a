// The state every entity of a World is in right now, as InitialState rows for the reporters:
// called on a freshly set-up world it gives the states at time zero (what the Chrome trace draws
// before the first transition).
#pragma once

#include <vector>

#include "models/world.h"
#include "report/trace.h"

namespace report {

// Clusters, live endpoints, projects, and the Encryption at Rest blocks (with their key,
// credentials and key access) that are enabled or not OFF. Order: as the world holds them.
std::vector<InitialState> current_states(const models::World& world);

}  // namespace report
