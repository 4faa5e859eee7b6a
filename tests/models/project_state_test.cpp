// INACTIVE projects (spec §2.5 "project state"; seed 000 / 004 §'Limitations'; issue 11 item 6):
// only Encryption at Rest over private endpoints is refused; other key operations and the
// validation go on.
#include <doctest/doctest.h>

#include "helpers.h"

using namespace models;
using namespace testing;

TEST_CASE("seed 004 §Limitations: an INACTIVE project refuses EAR over private endpoints (PN on, POST endpoint, enable with PN)") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  REQUIRE(env.w->deactivate_project(p).ok());
  const Outcome pn = env.w->set_require_private_networking(p, Provider::AWS, true);
  CHECK(pn.code() == "SIM_PROJECT_NOT_ACTIVE");
  CHECK(pn.httpStatus() == 400);
  CHECK(pn.error().message == "Project p is not ACTIVE.");
  KmsSetup az;
  az.provider = Provider::AZURE;
  az.requirePrivateNetworking = true;
  CHECK(env.w->enable_cmk(p, az).code() == "SIM_PROJECT_NOT_ACTIVE");
  CHECK_FALSE(env.w->project(p).azureKeyVault().enabled);
}

TEST_CASE("seed 000/004 §Limitations: other key operations in an INACTIVE project are not refused for the project state") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  REQUIRE(env.w->deactivate_project(p).ok());
  CHECK(env.w->rotate_key(p, Provider::AWS).ok());
  CHECK(env.w->update_credentials(p, Provider::AWS).ok());
  KmsSetup gcp;
  gcp.provider = Provider::GCP;
  CHECK(env.w->enable_cmk(p, gcp).ok());  // GCP has no private networking at all
  CHECK(env.w->resize_cluster(c, "M20").ok());
  env.run_for(min(15));
  CHECK(env.w->disable_cluster_cmk(c).ok());
  env.run_for(min(40));
  CHECK(env.w->cluster(c).encryptionAtRestProvider == Provider::NONE);
  CHECK(env.w->enable_cluster_cmk(c, Provider::GCP).ok());
  CHECK(env.w->disable_cmk(p, Provider::AWS).ok());
  ClusterSetup cs;
  cs.project = "p";
  cs.name = "new";
  CHECK(env.w->create_cluster(cs).ok());
}

TEST_CASE("seed 003 §Validate: validation keeps running in an INACTIVE project (invalid key shuts clusters down, fix restarts them)") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  REQUIRE(env.w->deactivate_project(p).ok());
  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(15));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  env.w->enable_key(p, Provider::AWS);
  REQUIRE(env.w->try_again(p).ok());  // the repair the project state no longer blocks
  env.run_for(min(10));
  CHECK(env.state(c) == ClusterState::RUNNING);
}
