// Remaining documented transitions, one scenario each (spec §2.6-§2.8, §5).
#include <doctest/doctest.h>

#include "helpers.h"

using namespace models;
using namespace testing;

TEST_CASE("seed 003 §Validate: a restart in progress at the tick that finds the key invalid ends DISABLED_EAR") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(12));
  env.w->restart_cluster(c);
  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(15));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
}

TEST_CASE("seed 004 §Revoke Access: Atlas pauses Azure clusters whatever they are doing (updating, restarting, disabled)") {
  Settings s;
  s.revocation_pause_timing = RevocationPauseTiming::immediate;
  Env env(s);
  const ProjectIx p = env.project("p", Provider::AZURE);
  const std::vector<ClusterRegion> r{{"US_EAST_2", Provider::AZURE, 3}};
  const ClusterIx upd = env.cluster("p", "upd", Provider::AZURE, r);
  const ClusterIx rst = env.cluster("p", "rst", Provider::AZURE, r);
  const ClusterIx dis = env.cluster("p", "dis", Provider::AZURE, r);
  env.run_to(min(1));
  env.w->kms_outage_start(p, Provider::AZURE);
  env.w->restart_cluster(dis);
  env.run_to(min(7));
  REQUIRE(env.state(dis) == ClusterState::DISABLED_EAR);
  env.w->kms_outage_end(p, Provider::AZURE);
  env.w->resize_cluster(upd, "M30");
  env.w->restart_cluster(rst);
  REQUIRE(env.state(upd) == ClusterState::UPDATING);
  REQUIRE(env.state(rst) == ClusterState::RESTARTING);
  env.w->revoke_key_access(p, Provider::AZURE);
  CHECK(env.state(upd) == ClusterState::PAUSED);
  CHECK(env.state(rst) == ClusterState::PAUSED);
  CHECK(env.state(dis) == ClusterState::PAUSED);
  CHECK(env.w->cluster(upd).queuedChanges.size() == 1);  // the resize waits
  // grant access back: the user resumes (inferred: no auto-unpause)
  REQUIRE(env.w->grant_key_access(p, Provider::AZURE).ok());
  CHECK(env.state(upd) == ClusterState::PAUSED);
  env.w->resume_cluster(upd);
  env.run_for(min(5));
  CHECK(env.state(upd) == ClusterState::UPDATING);
}

TEST_CASE("spec §2.6: unreachable then reachable with a bad key -> ON_INVALID; PATCH and disable while unreachable") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  env.run_to(min(1));
  env.w->kms_outage_start(p, Provider::AWS);
  env.run_to(min(15));
  REQUIRE(env.w->project(p).awsKms().ear.state() == EarState::ON_UNREACHABLE);
  env.w->disable_key(p, Provider::AWS);
  env.w->kms_outage_end(p, Provider::AWS);
  env.run_to(min(30));
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_INVALID);
  env.w->enable_key(p, Provider::AWS);
  env.w->kms_outage_start(p, Provider::AWS);
  env.w->try_again(p);  // ON_INVALID stays while it cannot be checked
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_INVALID);
  env.w->kms_outage_end(p, Provider::AWS);
  env.w->try_again(p);
  env.w->kms_outage_start(p, Provider::AWS);
  env.w->try_again(p);
  REQUIRE(env.w->project(p).awsKms().ear.state() == EarState::ON_UNREACHABLE);
  CHECK(env.w->update_credentials(p, Provider::AWS).ok());  // PATCH accepted, still unreachable
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_UNREACHABLE);
  CHECK(env.w->disable_cmk(p, Provider::AWS).ok());
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::OFF);
}

TEST_CASE("spec §2.8: key state changes from DISABLED and PENDING_DELETION") {
  Env env;
  const ProjectIx p = env.project("p", Provider::GCP);
  CHECK(env.w->disable_key(p, Provider::GCP).ok());
  CHECK(env.w->schedule_key_deletion(p, Provider::GCP).ok());
  CHECK(env.w->delete_key(p, Provider::GCP).ok());
  CHECK(env.w->restore_key(p, Provider::GCP).ok());
  CHECK(env.w->disable_key(p, Provider::GCP).ok());
  CHECK(env.w->delete_key(p, Provider::GCP).ok());
  CHECK(env.w->project(p).googleCloudKms().key.keyState.state() == KeyState::DELETED);
  CHECK(env.w->disable_key(p, Provider::GCP).code() == "SIM_CLOUD_KEY_STATE_CONFLICT");
}

TEST_CASE("spec §2.8: credentials: propagating role invalidated; expired Azure secret updated; access granted back") {
  Env env;
  const ProjectIx a = env.project("a", Provider::AWS);
  env.w->invalidate_credentials(a, Provider::AWS);
  CHECK(env.w->update_credentials(a, Provider::AWS).code() == "CANNOT_ASSUME_ROLE");
  CHECK(env.w->project(a).awsKms().key.credentials.state() == CredentialState::PROPAGATING);
  CHECK(env.w->invalidate_credentials(a, Provider::AWS).ok());
  CHECK(env.w->project(a).awsKms().key.credentials.state() == CredentialState::INVALID);
  const ProjectIx z = env.project("z", Provider::AZURE);
  CHECK(env.w->expire_credentials(a, Provider::AWS).code() == "SIM_CLOUD_KEY_STATE_CONFLICT");  // only Azure secrets expire
  CHECK(env.w->expire_credentials(z, Provider::AZURE).ok());
  CHECK(env.w->update_credentials(z, Provider::AZURE).ok());
  CHECK(env.w->project(z).azureKeyVault().key.credentials.state() == CredentialState::VALID);
  CHECK(env.w->revoke_key_access(z, Provider::AZURE).ok());
  CHECK(env.w->revoke_key_access(z, Provider::AZURE).code() == "SIM_CLOUD_KEY_STATE_CONFLICT");
  CHECK(env.w->grant_key_access(z, Provider::AZURE).ok());
}

TEST_CASE("spec §5 delete_while_pending_recreation=accept / reject_400") {
  for (const char* mode : {"reject_400", "accept"}) {
    Settings s;
    s.set("delete_while_pending_recreation", mode);
    Env env(s);
    env.project("p", Provider::AZURE, true);
    const EndpointIx e = env.w->add_endpoint("p", Provider::AZURE, "US_EAST_2", EndpointStatus::ACTIVE);
    env.w->reject_endpoint(e);
    const Outcome o = env.w->delete_endpoint(e);
    if (std::string(mode) == "accept") {
      CHECK(o.httpStatus() == 204);
      CHECK(env.status(e) == EndpointStatus::DELETING);
    } else {
      CHECK(o.code() == "ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_DELETE_BLOCKED_DURING_PROVISIONING");
      CHECK(env.status(e) == EndpointStatus::PENDING_RECREATION);
    }
  }
}

// An on-demand check (Try Again, seed 003 §'Validate...') raises VALIDATION_SUCCEEDED or
// VALIDATION_FAILED; only a failure has a reason (the KMS code), a success carries no reason field.
TEST_CASE("seed 003 §Validate: VALIDATION_FAILED carries the KMS code as reason; VALIDATION_SUCCEEDED has no reason") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  env.w->try_again(p);
  const auto succeeded = env.rec.named("ENCRYPTION_AT_REST_VALIDATION_SUCCEEDED");
  REQUIRE(succeeded.size() == 1);
  CHECK(succeeded[0].field("reason") == nullptr);
  REQUIRE(env.w->disable_key(p, Provider::AWS).ok());
  env.w->try_again(p);
  const auto failed = env.rec.named("ENCRYPTION_AT_REST_VALIDATION_FAILED");
  REQUIRE(failed.size() == 1);
  REQUIRE(failed[0].field("reason") != nullptr);
  CHECK(*failed[0].field("reason") == "AWS_KMS_CUSTOMER_MASTER_KEY_NOT_ENABLED");
}
