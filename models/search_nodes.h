// Dedicated Search Nodes of a cluster and the project's key (spec §1 "enabledForSearchNodes",
// §2.7 "has Search Nodes" row; DOCS KMS page; issue 11 item 9).
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/enum_names.h"

namespace models {

// NONE: no Search Nodes; SYNCING: new nodes building their indexes (initial sync); SERVING;
// REMOVED: paused and removed because the key that encrypts them is unusable.
enum class SearchNodesState : std::uint8_t { NONE, SYNCING, SERVING, REMOVED };
inline constexpr auto kSearchNodesStateNames = sim::enum_names<SearchNodesState>({
    {SearchNodesState::NONE, "NONE"},
    {SearchNodesState::SYNCING, "SYNCING"},
    {SearchNodesState::SERVING, "SERVING"},
    {SearchNodesState::REMOVED, "REMOVED"},
});
static_assert(kSearchNodesStateNames.dense());
inline std::string_view search_nodes_state_name(SearchNodesState s) { return kSearchNodesStateNames.name(s); }

}  // namespace models
