// Dedicated Search Nodes under a customer key (spec §1 enabledForSearchNodes, §2.7 "has Search
// Nodes"; DOCS KMS page; issue 11 item 9).
#include <doctest/doctest.h>

#include "helpers.h"

using namespace models;
using namespace testing;

TEST_CASE("spec §2.7 / DOCS KMS page: an invalid key removes encrypted Search Nodes; the fix rebuilds them with an initial sync") {
  Env env;  // initial_sync 30 min, validation every 15 min from 0
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  REQUIRE(env.w->set_search_nodes_encryption(p, true).ok());
  CHECK(env.w->project(p).enabledForSearchNodes);
  REQUIRE(env.w->add_search_nodes(c, 2).ok());
  CHECK(env.w->cluster(c).searchNodesState == SearchNodesState::SYNCING);
  env.run_to(min(30));
  CHECK(env.w->cluster(c).searchNodesState == SearchNodesState::SERVING);
  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(44));
  CHECK(env.w->cluster(c).searchNodesState == SearchNodesState::SERVING);  // until the scheduled check
  env.run_to(min(45));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  CHECK(env.w->cluster(c).searchNodesState == SearchNodesState::REMOVED);
  CHECK(env.w->cluster(c).searchNodes == 2);
  env.w->enable_key(p, Provider::AWS);
  REQUIRE(env.w->try_again(p).ok());
  CHECK(env.w->cluster(c).searchNodesState == SearchNodesState::SYNCING);  // new nodes, initial sync
  env.run_for(min(30));
  CHECK(env.w->cluster(c).searchNodesState == SearchNodesState::SERVING);
}

TEST_CASE("spec §2.7: Search Nodes not encrypted with the key (enabledForSearchNodes false) are not removed") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  REQUIRE(env.w->add_search_nodes(c, 1).ok());
  env.run_to(min(30));
  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(45));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  CHECK(env.w->cluster(c).searchNodesState == SearchNodesState::SERVING);
}

TEST_CASE("spec §2.7: CMK turned off on the cluster replaces its encrypted Search Nodes (initial sync); Search Nodes added while the key is invalid wait") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  const ClusterIx d = env.cluster("p", "ledger", Provider::AWS);
  REQUIRE(env.w->set_search_nodes_encryption(p, true).ok());
  REQUIRE(env.w->add_search_nodes(c, 2).ok());
  env.run_to(min(31));
  REQUIRE(env.w->disable_cluster_cmk(c).ok());
  env.run_for(min(30));  // the cluster's own initial sync to NONE
  CHECK(env.w->cluster(c).encryptionAtRestProvider == Provider::NONE);
  CHECK(env.w->cluster(c).searchNodesState == SearchNodesState::SYNCING);
  env.w->disable_key(p, Provider::AWS);
  REQUIRE(env.w->add_search_nodes(d, 1).ok());
  CHECK(env.w->cluster(d).searchNodesState == SearchNodesState::REMOVED);
}

TEST_CASE("RAWSPEC enabledForSearchNodes: refused while no provider is enabled [inferred]") {
  Env env;
  ProjectSetup ps;
  ps.name = "bare";
  const ProjectIx p = env.w->add_project(ps);
  const Outcome o = env.w->set_search_nodes_encryption(p, true);
  CHECK(o.code() == "ENCRYPTION_AT_REST_NOT_ENABLED");
  CHECK(o.httpStatus() == 400);
  CHECK(o.error().message == "Encryption at Rest is not enabled for group bare.");  // api-errors text, the project named
  CHECK_FALSE(env.w->project(p).enabledForSearchNodes);
}
