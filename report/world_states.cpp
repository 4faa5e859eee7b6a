#include "report/world_states.h"

namespace report {

std::vector<InitialState> current_states(const models::World& world) {
  std::vector<InitialState> out;
  auto add = [&](const std::string& entity, std::string_view state) {
    if (!entity.empty()) out.push_back({entity, std::string(state)});
  };
  for (const models::Cluster& c : world.clusters()) add(c.runState.entity(), models::cluster_state_name(c.state()));
  for (const models::PrivateEndpoint& e : world.endpoints())
    if (!e.gone()) add(e.status.entity(), e.statusName());
  for (const models::Project& p : world.projects()) {
    add(p.state.entity(), models::project_state_name(p.state.state()));
    for (const models::KmsConfig& b : p.blocks) {
      if (!b.enabled && b.ear.state() == models::EarState::OFF) continue;
      add(b.ear.entity(), models::ear_state_name(b.ear.state()));
      add(b.pn.entity(), models::pn_state_name(b.pn.state()));
      add(b.key.keyState.entity(), models::key_state_name(b.key.keyState.state()));
      add(b.key.credentials.entity(), models::credential_state_name(b.key.credentials.state()));
      add(b.key.access.entity(), models::access_state_name(b.key.access.state()));
    }
  }
  return out;
}

}  // namespace report
