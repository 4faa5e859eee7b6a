// Regions and private endpoints (issue 11 items 1, 4, 7, 8): spec §2.5, §2.7; seeds 000, 001, 004.
#include <doctest/doctest.h>

#include "helpers.h"
#include "models/alerts.h"

using namespace models;
using namespace testing;

namespace {
// How many times the cluster entered `state` (transition records).
int entered(const Recorder& rec, const World& w, ClusterIx c, std::string_view state) {
  int n = 0;
  for (const sim::Record& r : rec.records)
    if (r.kind == sim::RecordKind::transition && r.entity == w.entity_name(cluster_subject(c)) && r.to == state) ++n;
  return n;
}

const ClusterRegion* region(const World& w, ClusterIx c, std::string_view name) {
  for (const ClusterRegion& r : w.cluster(c).regions)
    if (r.regionName == name) return &r;
  return nullptr;
}
}  // namespace

// ---- item 1: losing one region's endpoint ----

TEST_CASE("spec §2.5: losing one region's endpoint cuts only that region's nodes, with the network-access alert and no restart loop") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS, true);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS, {{"US_EAST_1", Provider::AWS, 3}, {"US_WEST_2", Provider::AWS, 2}});
  env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
  const EndpointIx west = env.w->add_endpoint("p", Provider::AWS, "US_WEST_2", EndpointStatus::ACTIVE);
  REQUIRE(env.w->cluster(c).privatePath);
  env.run_to(min(1));
  REQUIRE(env.w->reject_endpoint(west).ok());  // the replacement waits for approval (seed 000)
  env.run_to(min(15));                         // the scheduled check at 15:00
  const auto denied = env.rec.named(std::string(alerts::kKmsNetworkAccessDenied));
  REQUIRE(denied.size() == 1);
  CHECK(Recorder::field(denied[0], "regions") == "US_WEST_2");
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_VALID);  // the other region still reaches the key
  CHECK(env.w->cluster(c).regionsWithoutKey() == "US_WEST_2");
  CHECK(env.state(c) == ClusterState::RUNNING);  // seed 003: can't connect -> no shutdown
  CHECK(env.w->cluster(c).nodesDown() == 0);

  // A restart: the east nodes come back, the west nodes cannot start (seed 003 §intro, per region).
  REQUIRE(env.w->restart_cluster(c).ok());
  env.run_for(min(6));
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.w->cluster(c).nodesDown() == 2);
  CHECK(env.w->cluster(c).regionsDown() == "US_WEST_2");
  CHECK(region(*env.w, c, "US_EAST_1")->nodesDown == 0);
  CHECK(env.w->read_write(c).ok());

  // Hours of scheduled checks: no "recovered, restarted, failed again" loop.
  env.run_to(sim::Duration::hours(3));
  CHECK(entered(env.rec, *env.w, c, "RESTARTING") == 1);
  CHECK(entered(env.rec, *env.w, c, "DISABLED_EAR") == 0);
  CHECK(env.rec.count(std::string(alerts::kKmsNetworkAccessDenied)) == 1);

  // The replacement approved: the next check restores access and the west nodes start.
  const auto replacement = env.w->endpoint_in_region(p, "US_WEST_2", Provider::AWS);
  REQUIRE(replacement);
  REQUIRE(env.w->approve_endpoint(*replacement).ok());
  env.run_for(min(16));
  CHECK(env.status(*replacement) == EndpointStatus::ACTIVE);
  CHECK(env.rec.count(std::string(alerts::kKmsNetworkAccessRestored)) == 1);
  CHECK(env.w->cluster(c).nodesDown() == 0);
  CHECK(env.w->cluster(c).regionsWithoutKey().empty());
}

TEST_CASE("spec §2.5: a cluster whose only region lost its endpoint stays disabled instead of restarting every 15 minutes") {
  Env env;
  env.project("p", Provider::AWS, true);
  const ClusterIx westOnly = env.cluster("p", "west", Provider::AWS, {{"US_WEST_2", Provider::AWS, 3}});
  const ClusterIx eastOnly = env.cluster("p", "east", Provider::AWS, {{"US_EAST_1", Provider::AWS, 3}});
  env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
  const EndpointIx west = env.w->add_endpoint("p", Provider::AWS, "US_WEST_2", EndpointStatus::ACTIVE);
  env.run_to(min(1));
  REQUIRE(env.w->reject_endpoint(west).ok());
  REQUIRE(env.w->restart_cluster(westOnly).ok());
  env.run_to(min(10));
  CHECK(env.state(westOnly) == ClusterState::DISABLED_EAR);  // every node of it cannot start
  env.run_to(sim::Duration::hours(2));  // eight checks find the AWS block valid (the east endpoint)
  CHECK(env.state(westOnly) == ClusterState::DISABLED_EAR);
  CHECK(entered(env.rec, *env.w, westOnly, "RESTARTING") == 1);
  CHECK(env.state(eastOnly) == ClusterState::RUNNING);
  CHECK(env.w->read_write(eastOnly).ok());
}

// ---- item 4: AWS PrivateLink topology limits ----

TEST_CASE("seed 000 §Limitations: AWS private networking is refused while a cluster on the AWS key is multi-cloud") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  env.cluster("p", "mixed", Provider::AWS, {{"US_EAST_1", Provider::AWS, 3}, {"US_EAST_2", Provider::AZURE, 2}});
  const Outcome o = env.w->set_require_private_networking(p, Provider::AWS, true);
  REQUIRE_FALSE(o.ok());
  CHECK(o.code() == "SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED");
  CHECK(o.httpStatus() == 400);
  CHECK(o.error().message ==
        "This cluster topology cannot use private networking: Cluster mixed runs on AWS and AZURE: AWS KMS over private networking supports only single-cloud deployments.");
  CHECK_FALSE(env.w->project(p).awsKms().requirePrivateNetworking);
}

TEST_CASE("DOCS AWS (aws-kms-over-private-endpoint): a multi-region AWS cluster needs a multi-Region key for AWS private networking") {
  Env env;
  const ProjectIx single = env.project("single", Provider::AWS);
  env.cluster("single", "orders", Provider::AWS, {{"US_EAST_1", Provider::AWS, 3}, {"US_WEST_2", Provider::AWS, 2}});
  const Outcome o = env.w->set_require_private_networking(single, Provider::AWS, true);
  CHECK(o.code() == "SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED");
  CHECK(o.error().message.find("is a single-Region key") != std::string::npos);

  KmsSetup mrk;
  mrk.keyId = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
  const ProjectIx multi = env.project("multi", Provider::AWS, false, mrk);
  env.cluster("multi", "orders", Provider::AWS, {{"US_EAST_1", Provider::AWS, 3}, {"US_WEST_2", Provider::AWS, 2}});
  CHECK(env.w->set_require_private_networking(multi, Provider::AWS, true).ok());

  // With private networking on, a new multi-region cluster on the single-Region key is refused too.
  env.project("on", Provider::AWS, true);
  ClusterSetup cs;
  cs.project = "on";
  cs.name = "spread";
  cs.encryptionAtRestProvider = Provider::AWS;
  cs.regions = {{"US_EAST_1", Provider::AWS, 3}, {"EU_WEST_1", Provider::AWS, 2}};
  CHECK(env.w->create_cluster(cs).code() == "SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED");
  cs.regions = {{"US_EAST_1", Provider::AWS, 3}};
  CHECK(env.w->create_cluster(cs).ok());
  // ... and so is a second region added to a cluster on it.
  CHECK(env.w->add_cluster_regions(*env.w->find_cluster("on", "spread"), {{"EU_WEST_1", Provider::AWS, 2}}).code() ==
        "SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED");
}

// ---- item 7: Azure private networking and multi-cloud clusters ----

TEST_CASE("seed 004 §Limitations: Azure PN on through enable_cmk disables multi-cloud clusters after multicloud_disable_delay, not refused") {
  Settings s;
  s.multicloud_disable_delay = min(5);
  Env env(s);
  KmsSetup off;
  off.enabled = false;
  off.region = "US_EAST_2";
  const ProjectIx p = env.project("p", Provider::AZURE, false, off);
  const ClusterIx mc = env.cluster("p", "mc", Provider::NONE, {{"US_EAST_2", Provider::AZURE, 3}, {"US_EAST_1", Provider::AWS, 2}});
  KmsSetup on;
  on.provider = Provider::AZURE;
  on.region = "US_EAST_2";
  on.requirePrivateNetworking = true;
  REQUIRE(env.w->enable_cmk(p, on).ok());
  env.run_for(min(4));
  CHECK(env.state(mc) == ClusterState::RUNNING);  // the delay applies on this path too
  env.run_for(min(2));
  CHECK(env.state(mc) == ClusterState::DISABLED_MULTICLOUD);
}

TEST_CASE("seed 004 §Limitations: Azure PN PATCH with a multi-cloud Azure-key cluster is accepted and disables it; an AWS-only one is a project-level refusal") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE);
  const ClusterIx mc = env.cluster("p", "mc", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}, {"US_EAST_1", Provider::AWS, 2}});
  REQUIRE(env.w->set_require_private_networking(p, Provider::AZURE, true).ok());
  CHECK(env.state(mc) == ClusterState::DISABLED_MULTICLOUD);

  // seed 001 §Limitations: no AKV access over private networking for AWS or GCP clusters.
  const ProjectIx q = env.project("q", Provider::AZURE);
  env.cluster("q", "on-aws", Provider::AZURE, {{"US_EAST_1", Provider::AWS, 3}});
  const Outcome o = env.w->set_require_private_networking(q, Provider::AZURE, true);
  CHECK(o.code() == "SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED");  // not the cluster-level ENCRYPTION_AT_REST_PROVIDER_NOT_SUPPORTED
  CHECK(o.error().message ==
        "This cluster topology cannot use private networking: Cluster on-aws runs on AWS only: Azure Key Vault over private networking is not supported for AWS or GCP clusters.");
}

// ---- item 8: regions of new clusters and new nodes ----

TEST_CASE("seed 004: with an approved endpoint every new cluster, with a key or not, goes only where an endpoint is ACTIVE") {
  Env env;
  env.project("p", Provider::AWS, true);
  env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
  ClusterSetup cs;
  cs.project = "p";
  cs.name = "plain";
  cs.regions = {{"US_WEST_2", Provider::AWS, 3}};
  const Outcome o = env.w->create_cluster(cs);
  CHECK(o.code() == "SIM_REGION_WITHOUT_APPROVED_ENDPOINT");
  CHECK(o.error().params == std::vector<std::string>{"US_WEST_2"});
  cs.regions = {{"US_EAST_1", Provider::AWS, 3}};
  CHECK(env.w->create_cluster(cs).ok());
  cs.name = "on-azure";  // another cloud: the AWS endpoints say nothing about it
  cs.regions = {{"US_EAST_2", Provider::AZURE, 3}};
  CHECK(env.w->create_cluster(cs).ok());
}

TEST_CASE("seed 004 §Enable CMK for a cluster: enabling the key on an existing cluster is accepted and migrates it to the private endpoints") {
  Env env;
  KmsSetup k;  // a multi-Region key: the AWS topology allows a two-region cluster
  k.keyId = "arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef";
  env.project("p", Provider::AWS, true, k);
  const ClusterIx c = env.cluster("p", "orders", Provider::NONE, {{"US_EAST_1", Provider::AWS, 3}, {"US_WEST_2", Provider::AWS, 2}});
  env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
  REQUIRE(env.w->enable_cluster_cmk(c, Provider::AWS).ok());  // no region refusal (was SIM_REGION_WITHOUT_APPROVED_ENDPOINT)
  env.run_to(min(31));                                          // initial sync 30m
  CHECK(env.w->cluster(c).encryptionAtRestProvider == Provider::AWS);
  CHECK(env.w->cluster(c).privatePath);
  env.run_to(min(45));  // the 45:00 check: the west nodes have no endpoint in their region (spec §2.5)
  CHECK(env.w->cluster(c).regionsWithoutKey() == "US_WEST_2");
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.rec.count(std::string(alerts::kKmsNetworkAccessDenied)) == 1);
}

TEST_CASE("seed 004: add_cluster_regions adds nodes only in regions with an approved endpoint, applied like a resize") {
  Env env;
  KmsSetup k;  // a multi-Region key: two AWS regions are a topology AWS PrivateLink allows
  k.keyId = "arn:aws:kms:us-east-1:111122223333:key/mrk-0123456789abcdef0123456789abcdef";
  env.project("p", Provider::AWS, true, k);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS, {{"US_EAST_1", Provider::AWS, 3}});
  env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
  ActionRequest a;
  a.name = "add_cluster_regions";
  a.project = "p";
  a.cluster = "orders";
  a.params["regions"] = std::vector<RegionRequest>{{"US_WEST_2", Provider::AWS, std::int64_t{2}}};
  Outcome o = env.w->perform(a);
  CHECK(o.code() == "SIM_REGION_WITHOUT_APPROVED_ENDPOINT");
  CHECK(o.error().params == std::vector<std::string>{"US_WEST_2"});
  a.params["regions"] = std::vector<RegionRequest>{{"US_EAST_1", std::nullopt, std::int64_t{2}}};
  REQUIRE(env.w->perform(a).ok());
  CHECK(env.state(c) == ClusterState::UPDATING);
  env.run_for(min(11));  // resize_duration 10m
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.w->cluster(c).totalNodes() == 5);
  env.w->add_endpoint("p", Provider::AWS, "US_WEST_2", EndpointStatus::ACTIVE);
  a.params["regions"] = std::vector<RegionRequest>{{"US_WEST_2", Provider::AWS, std::nullopt}};
  REQUIRE(env.w->perform(a).ok());  // now approved there
  env.run_for(min(11));
  CHECK(env.w->cluster(c).regions.size() == 2);
  CHECK(env.w->cluster(c).totalNodes() == 8);
  a.params["regions"] = std::vector<RegionRequest>{{"US_EAST_2", Provider::AZURE, std::nullopt}};
  CHECK(env.w->perform(a).code() == "SIM_PRIVATE_NETWORKING_TOPOLOGY_UNSUPPORTED");  // multi-cloud on AWS PrivateLink
  env.run_to(min(61));
  REQUIRE(env.w->pause_cluster(c).ok());
  a.params["regions"] = std::vector<RegionRequest>{{"US_EAST_1", Provider::AWS, std::int64_t{1}}};
  CHECK(env.w->perform(a).code() == "CANNOT_UPDATE_PAUSED_CLUSTER");
}

TEST_CASE("add_cluster_regions without private networking: a new region joins; queued while the cluster is disabled") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS, {{"US_EAST_1", Provider::AWS, 3}});
  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(15));
  REQUIRE(env.state(c) == ClusterState::DISABLED_EAR);
  REQUIRE(env.w->add_cluster_regions(c, {{"EU_WEST_1", Provider::AWS, 2}}).ok());  // seed 003: queued while disabled
  CHECK(env.w->cluster(c).queuedChanges.size() == 1);
  env.w->enable_key(p, Provider::AWS);
  env.run_to(min(31));  // check at 30:00, restart 5m
  env.run_to(min(46));  // change applied after resize_duration
  CHECK(env.state(c) == ClusterState::RUNNING);
  REQUIRE(env.w->cluster(c).regions.size() == 2);
  CHECK(env.w->cluster(c).regions[1].regionName == "EU_WEST_1");
  CHECK(env.w->cluster(c).regions[1].nodes == 2);
}
