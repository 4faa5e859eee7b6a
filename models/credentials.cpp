// IAM role propagation (spec §2.8 "Credential PROPAGATING --T_iam--> VALID", §4 T_iam, §6 #1):
// one timer, the same whether the role was given to Atlas by a PATCH (update_credentials) or was
// already PROPAGATING at time zero (a role created in the same apply).
#include "models/world.h"

namespace models {

// Starts the T_iam clock of the block's credentials; when it runs out, credentials still
// PROPAGATING become VALID (CANNOT_ASSUME_ROLE stops). A repair in the meantime wins.
void World::start_role_propagation(ProjectIx p, Provider provider) {
  sim_.schedule_after(sample(settings_.t_iam), [this, p, provider] {
    CustomerKey& key = projects_[p].block(provider).key;
    if (key.credentials.state() == CredentialState::PROPAGATING) key.credentials.fire(sim_, CredentialEvent::Propagated);
  });
}

}  // namespace models
