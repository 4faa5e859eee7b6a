// Guards on a cloud, for the tables whose rows differ by provider: requirePrivateNetworking,
// the credentials and the cluster's pauses by Atlas. Their context is the provider the
// transition is about (what that is, each table says next to its declaration).
#pragma once

#include "models/ids.h"
#include "sim/transition_table.h"

namespace models::cloud_guard {

inline constexpr sim::Guard<Provider> aws{"aws", [](const Provider& p) { return p == Provider::AWS; }};
inline constexpr sim::Guard<Provider> azure{"azure", [](const Provider& p) { return p == Provider::AZURE; }};

}  // namespace models::cloud_guard
