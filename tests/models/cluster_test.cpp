// Cluster lifecycle: spec §2.7.
#include <doctest/doctest.h>

#include "helpers.h"

using namespace models;
using namespace testing;

TEST_CASE("spec §1: stateName has no 'disabled' value; runState carries it") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  CHECK(env.w->cluster(c).stateName() == "IDLE");
  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(1));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  CHECK(env.w->cluster(c).stateName() == "IDLE");
  CHECK(env.w->cluster(c).id.size() == 24);
}

TEST_CASE("seed 003: a change in progress when the key goes invalid is queued again and applied after restore") {
  Settings s;
  s.set("resize_duration", "20m");
  Env env(s);
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(1));
  REQUIRE(env.w->resize_cluster(c, "M40").ok());
  CHECK(env.state(c) == ClusterState::UPDATING);
  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(15));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  CHECK(env.w->cluster(c).queuedChanges.size() == 1);
  env.w->enable_key(p, Provider::AWS);
  env.run_to(min(30));  // tick: valid -> restart
  CHECK(env.state(c) == ClusterState::RESTARTING);
  env.run_to(min(35));
  CHECK(env.state(c) == ClusterState::UPDATING);
  env.run_to(min(55));
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.w->cluster(c).instanceSizeName == "M40");
}

TEST_CASE("seed 003: enabling CMK on a disabled cluster is queued (ChangeRequested while DISABLED_EAR)") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  env.cluster("p", "uses", Provider::AWS);
  const ClusterIx plain = env.cluster("p", "plain", Provider::NONE);
  // a plain cluster is never shut down by the key
  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(1));
  CHECK(env.state(plain) == ClusterState::RUNNING);
  CHECK(env.w->disable_cmk(p, Provider::AWS).code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST");
}

TEST_CASE("spec §2.7: pause then resume restarts processes; resume with invalid key -> DISABLED_EAR") {
  Env env;
  const ProjectIx p = env.project("p", Provider::GCP);
  const ClusterIx c = env.cluster("p", "orders", Provider::GCP);
  env.run_to(min(61));
  REQUIRE(env.w->pause_cluster(c).ok());
  CHECK(env.w->read_write(c).code() == "SIM_CLUSTER_DISABLED");
  env.w->disable_key(p, Provider::GCP);
  REQUIRE(env.w->resume_cluster(c).ok());
  CHECK(env.state(c) == ClusterState::RESTARTING);
  env.run_for(min(5));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  // a disabled cluster can be paused (inferred)
  env.run_for(min(61));
  CHECK(env.w->pause_cluster(c).ok());
}

// DOCS pause-terminate-cluster (spec §2.7, §4 [documented]): a paused cluster auto-resumes after 30
// days. That a manual resume ends that clock is implied, not stated: the 30 days count from a
// pause, and the cluster is no longer paused. A resize running when the old 30-day instant passes
// must still finish.
TEST_CASE("DOCS pause-terminate-cluster: a manual resume ends the 30-day auto-resume; a resize running at that instant lands") {
  Env env;
  env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(61));
  REQUIRE(env.w->pause_cluster(c).ok());  // auto-resume would be due at 30d 61m
  env.run_to(sim::Duration::days(1));
  REQUIRE(env.w->resume_cluster(c).ok());
  env.run_to(sim::Duration::days(30) + min(58));
  REQUIRE(env.w->resize_cluster(c, "M40").ok());  // applying for resize_duration (10m) over 30d 61m
  CHECK(env.state(c) == ClusterState::UPDATING);
  env.run_to(sim::Duration::days(30) + min(62));
  CHECK(env.state(c) == ClusterState::UPDATING);
  env.run_to(sim::Duration::days(30) + min(120));
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.w->cluster(c).instanceSizeName == "M40");
  CHECK(env.w->cluster(c).queuedChanges.empty());
}
