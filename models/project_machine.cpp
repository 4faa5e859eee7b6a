// Tables of the project: its state and, per provider block, Encryption at Rest and requirePrivateNetworking.
#include "models/project.h"

#include "models/cloud_guards.h"

namespace models {

const sim::TransitionTable<ProjectState, ProjectEvent>& project_table() {
  using S = ProjectState;
  using E = ProjectEvent;
  static const sim::TransitionTable<ProjectState, ProjectEvent> t(
      "project_state", {S::ACTIVE, S::INACTIVE}, S::ACTIVE, {},
      {
          {S::ACTIVE, E::Deactivate, S::INACTIVE, "spec §1 Project state ACTIVE/INACTIVE"},
          {S::INACTIVE, E::Reactivate, S::ACTIVE, "spec §1 Project state ACTIVE/INACTIVE"},
      },
      project_state_name, project_event_name);
  return t;
}

const sim::TransitionTable<EarState, EarEvent>& ear_table() {
  using S = EarState;
  using E = EarEvent;
  static const sim::TransitionTable<EarState, EarEvent> t(
      "project", {S::OFF, S::ON_VALID, S::ON_INVALID, S::ON_UNREACHABLE}, S::OFF, {},
      {
          {S::OFF, E::Enable, S::ON_VALID, "seed 002 §'Request Body Parameters'; seed 003 §'Validate...' (validated when credentials are added)"},
          {S::ON_VALID, E::CheckInvalid, S::ON_INVALID, "seed 003 §'Validate...' (credentials invalid, key disabled/deleted)"},
          {S::ON_VALID, E::CheckUnreachable, S::ON_UNREACHABLE, "seed 003 §'Validate...' (Atlas can't connect)"},
          {S::ON_INVALID, E::CheckValid, S::ON_VALID, "seed 003 §'Validate...' (Try Again / next check)"},
          {S::ON_UNREACHABLE, E::CheckValid, S::ON_VALID, "seed 003 §'Validate...'"},
          {S::ON_UNREACHABLE, E::CheckInvalid, S::ON_INVALID, "seed 003 §'Validate...' [inferred: reachable again, key bad]"},
          {S::ON_VALID, E::UpdateFields, S::ON_VALID, "spec §2.6 G-UPD; seed 003 (validated on update)"},
          {S::ON_INVALID, E::UpdateFields, S::ON_INVALID, "seed 003 §'Validate...' (update your credentials, then Try Again)"},
          {S::ON_UNREACHABLE, E::UpdateFields, S::ON_UNREACHABLE, "spec §2.6 [inferred]"},
          {S::ON_VALID, E::RotateKey, S::ON_VALID, "seed 004 §'Rotate your Azure Key Identifier'; spec §2.6"},
          // No ON_INVALID -disable-> row: G-DIS (4) refuses (seed 003 warning: not without a valid key).
          {S::ON_VALID, E::Disable, S::OFF, "seed 000/004 §'Disable Customer-Managed Keys...'; seed 002 (enabled:false erases the block)"},
          {S::ON_UNREACHABLE, E::Disable, S::OFF, "seed 000/004 §'Disable...'"},
      },
      ear_state_name, ear_event_name);
  return t;
}

const sim::TransitionTable<PnState, PnEvent, Provider>& pn_table() {
  using S = PnState;
  using E = PnEvent;
  static const sim::TransitionTable<PnState, PnEvent, Provider> t(
      "private_networking", {S::OFF, S::ON}, S::OFF, {},
      {
          {S::OFF, E::Require, S::ON, cloud_guard::aws, "seed 000 §'Enable and Set up Private Endpoint Connections' (PN=true in place)"},
          {S::OFF, E::Require, S::ON, cloud_guard::azure, "seed 004 §'Enable and Set up Private Endpoint Connections'"},
          {S::ON, E::Release, S::OFF, cloud_guard::aws, "seed 000 §'Disable Private Endpoint Connections...' (guard G-PN)"},
          {S::ON, E::Release, S::OFF, cloud_guard::azure, "seed 004 §'Disable Private Endpoint Connections...' (guard G-PN)"},
      },
      pn_state_name, pn_event_name);
  return t;
}

}  // namespace models
