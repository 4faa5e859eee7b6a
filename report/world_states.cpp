#include "report/world_states.h"

namespace report {

std::vector<InitialState> current_states(const models::World& world) {
  std::vector<InitialState> out;
  auto add = [&](const auto& machine, std::string_view state) {
    if (machine.subject() != sim::Subject{}) out.push_back({machine.subject(), world.entity_name(machine.subject()), std::string(state)});
  };
  for (const models::Cluster& c : world.clusters()) add(c.runState, models::cluster_state_name(c.state()));
  for (const models::PrivateEndpoint& e : world.endpoints())
    if (!e.gone()) add(e.status, e.statusName());
  for (const models::Project& p : world.projects()) {
    add(p.state, models::project_state_name(p.state.state()));
    for (const models::KmsConfig& b : p.blocks) {
      if (!b.enabled && b.ear.state() == models::EarState::OFF) continue;
      add(b.ear, models::ear_state_name(b.ear.state()));
      add(b.pn, models::pn_state_name(b.pn.state()));
      add(b.key.keyState, models::key_state_name(b.key.keyState.state()));
      add(b.key.credentials, models::credential_state_name(b.key.credentials.state()));
      add(b.key.access, models::access_state_name(b.key.access.state()));
    }
  }
  return out;
}

}  // namespace report
