// Guard rules and their exact codes: spec §3.1, §3.2.
#include <doctest/doctest.h>

#include "helpers.h"

using namespace models;
using namespace testing;

TEST_CASE("G-DIS (1) seed 000/004 §Disable CMK: any endpoint in any status blocks -> CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS 400") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE, true);
  const EndpointIx e = env.w->add_endpoint("p", Provider::AZURE, "US_EAST_2", EndpointStatus::ACTIVE);
  Outcome o = env.w->disable_cmk(p, Provider::AZURE);
  REQUIRE_FALSE(o.ok());
  CHECK(o.code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS");
  CHECK(o.httpStatus() == 400);
  CHECK(o.error().message == "Encryption at Rest cannot be disabled when private endpoints are present.");
  env.w->delete_endpoint(e);  // DELETING still blocks
  CHECK(env.w->disable_cmk(p, Provider::AZURE).code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS");
}

TEST_CASE("G-PN [observed]: PN=false while endpoints exist -> ..._WHILE_PRIVATE_ENDPOINTS_EXIST naming the regions") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS, true);
  env.w->add_endpoint("p", Provider::AWS, "US_WEST_2", EndpointStatus::ACTIVE);
  const EndpointIx e = env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
  env.w->delete_endpoint(e);  // DELETING counts (spec §6 #4)
  const Outcome o = env.w->set_require_private_networking(p, Provider::AWS, false);
  REQUIRE_FALSE(o.ok());
  CHECK(o.code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST_REQUIRE_PRIVATE_NETWORKING_WHILE_PRIVATE_ENDPOINTS_EXIST");
  CHECK(o.httpStatus() == 400);
  CHECK(o.error().params == std::vector<std::string>{"US_EAST_1", "US_WEST_2"});
  CHECK(o.error().message ==
        "Cannot disable requirePrivateNetworking field when there are private endpoints. Remove private endpoints in "
        "region(s) US_EAST_1, US_WEST_2 to disable requirePrivateNetworking.");
}

TEST_CASE("G-DIS (2)-(4): clusters on the key 409, Backup Compliance Policy 400, invalid key ENCRYPTION_AT_REST_SETTINGS_INVALID") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  Outcome o = env.w->disable_cmk(p, Provider::AWS);
  CHECK(o.code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST");
  CHECK(o.httpStatus() == 409);
  // seed 003 / spec §6 #7: clusters to NONE first, then the project
  REQUIRE(env.w->disable_cluster_cmk(c).ok());
  CHECK(env.state(c) == ClusterState::UPDATING);
  CHECK(env.w->disable_cmk(p, Provider::AWS).code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST");  // still syncing
  env.run_for(min(30));  // initial_sync
  CHECK(env.w->cluster(c).encryptionAtRestProvider == Provider::NONE);
  env.w->disable_key(p, Provider::AWS);
  env.w->try_again(p);
  o = env.w->disable_cmk(p, Provider::AWS);
  CHECK(o.code() == "ENCRYPTION_AT_REST_SETTINGS_INVALID");
  CHECK(o.httpStatus() == 400);
  env.w->enable_key(p, Provider::AWS);
  env.w->try_again(p);
  CHECK(env.w->disable_cmk(p, Provider::AWS).ok());
  const KmsConfig& b = env.w->project(p).awsKms();
  CHECK_FALSE(b.enabled);
  CHECK_FALSE(b.valid);  // seed 002: the block is erased
  CHECK(b.customerMasterKeyID.empty());

  ProjectSetup ps;
  ps.name = "bcp";
  ps.backupCompliancePolicy = true;
  ps.kms.push_back(KmsSetup{});
  const ProjectIx q = env.w->add_project(ps);
  CHECK(env.w->disable_cmk(q, Provider::AWS).code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY");
}

// Issue 11 item 15: when every G-DIS guard applies at once (an endpoint, a cluster on the key, a
// Backup Compliance Policy, an invalid key), disable_guard_order decides which refusal wins: the
// spec §3.1 order by default, the reverse under the alternative (spec §5 "any").
TEST_CASE("G-DIS disable_guard_order: spec order answers the endpoint refusal first; the reverse order the invalid key first") {
  auto first_refusal = [](const char* order) {
    Settings s;
    s.set("disable_guard_order", order);
    Env env(s);
    ProjectSetup ps;
    ps.name = "all";
    ps.backupCompliancePolicy = true;
    KmsSetup k;
    k.requirePrivateNetworking = true;
    ps.kms.push_back(k);
    const ProjectIx p = env.w->add_project(ps);
    env.cluster("all", "orders", Provider::AWS);
    REQUIRE(env.w->create_endpoint(p, Provider::AWS, "US_EAST_1").ok());
    env.w->disable_key(p, Provider::AWS);
    env.w->try_again(p);
    REQUIRE(env.w->project(p).awsKms().ear.state() == EarState::ON_INVALID);
    return env.w->disable_cmk(p, Provider::AWS).code();
  };
  CHECK(first_refusal("endpoints_clusters_compliance_key") == "CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS");
  CHECK(first_refusal("key_compliance_clusters_endpoints") == "ENCRYPTION_AT_REST_SETTINGS_INVALID");
  // Without the invalid key and the endpoint, the order still decides between the other two.
  auto middle = [](const char* order) {
    Settings s;
    s.set("disable_guard_order", order);
    Env env(s);
    ProjectSetup ps;
    ps.name = "two";
    ps.backupCompliancePolicy = true;
    ps.kms.push_back(KmsSetup{});
    const ProjectIx p = env.w->add_project(ps);
    env.cluster("two", "orders", Provider::AWS);
    return env.w->disable_cmk(p, Provider::AWS).code();
  };
  CHECK(middle("endpoints_clusters_compliance_key") == "CANNOT_DISABLE_ENCRYPTION_AT_REST");
  CHECK(middle("key_compliance_clusters_endpoints") == "CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY");
}

TEST_CASE("seed 003 warning: changing the key without a valid one -> ENCRYPTION_AT_REST_SETTINGS_INVALID; disabled CMK -> CANNOT_ROTATE_KEY_ENCRYPTION_DISABLED") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE);
  env.w->delete_key(p, Provider::AZURE);
  env.w->get_encryption_at_rest(p);
  const Outcome o = env.w->rotate_key(p, Provider::AZURE, "https://v.vault.azure.net/keys/k/2");
  REQUIRE_FALSE(o.ok());
  CHECK(o.code() == "ENCRYPTION_AT_REST_SETTINGS_INVALID");
  CHECK(o.error().message.find("unable to access your encryption key") != std::string::npos);
  CHECK(env.w->rotate_key(p, Provider::GCP).code() == "CANNOT_ROTATE_KEY_ENCRYPTION_DISABLED");
}

// G-UPD (spec §3.1; seed 003 warning): no key change until access to the current key is restored.
// An unreachable KMS is not a valid key either: the block is ON_UNREACHABLE, not ON_VALID.
TEST_CASE("G-UPD seed 003 warning: rotate_key refused while the KMS is unreachable, accepted once it is valid again") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  REQUIRE(env.w->kms_outage_start(p, Provider::AWS).ok());
  env.w->try_again(p);
  REQUIRE(env.w->project(p).awsKms().ear.state() == EarState::ON_UNREACHABLE);
  const Outcome o = env.w->rotate_key(p, Provider::AWS, "arn:aws:kms:us-east-1:000000000000:key/2");
  REQUIRE_FALSE(o.ok());
  CHECK(o.code() == "ENCRYPTION_AT_REST_SETTINGS_INVALID");
  CHECK(o.httpStatus() == 400);
  CHECK(env.w->project(p).awsKms().key.version == 1);
  REQUIRE(env.w->kms_outage_end(p, Provider::AWS).ok());
  env.w->try_again(p);
  CHECK(env.w->rotate_key(p, Provider::AWS, "arn:aws:kms:us-east-1:000000000000:key/2").code() == "OK");
}

// G-DIS (1), seed 000: "all private endpoints associated with the project" block, whatever their
// cloud (endpoint_guard_scope project, the default); provider scope is the spec §5 alternative.
TEST_CASE("G-DIS (1) endpoint_guard_scope: an Azure endpoint blocks disabling AWS CMK (project), not under provider scope") {
  for (const char* scope : {"project", "provider"}) {
    Settings s;
    s.set("endpoint_guard_scope", scope);
    Env env(s);
    KmsSetup aws;
    aws.provider = Provider::AWS;
    KmsSetup azure;
    azure.provider = Provider::AZURE;
    azure.requirePrivateNetworking = true;
    ProjectSetup ps;
    ps.name = "p";
    ps.kms = {aws, azure};
    const ProjectIx p = env.w->add_project(ps);
    env.w->add_endpoint("p", Provider::AZURE, "US_EAST_2", EndpointStatus::ACTIVE);
    const Outcome o = env.w->disable_cmk(p, Provider::AWS);
    CAPTURE(scope);
    CHECK(o.code() == (std::string(scope) == "project" ? "CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS" : "OK"));
  }
}

// G-DIS (2), api-errors: a cluster still on the provider blocks with 409, a disabled one too (it is
// still encrypted with that key), before (4) the invalid key.
TEST_CASE("G-DIS (2): a DISABLED_EAR cluster still on the key blocks disabling CMK with 409, before the invalid-key refusal") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(5));
  REQUIRE(env.w->disable_key(p, Provider::AWS).ok());
  env.run_to(min(15));
  REQUIRE(env.state(c) == ClusterState::DISABLED_EAR);
  const Outcome o = env.w->disable_cmk(p, Provider::AWS);
  CHECK(o.code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST");
  CHECK(o.httpStatus() == 409);
}

TEST_CASE("G-CL spec §3.1: CMK must be on the project first; tenant tiers refused; Azure-PN pairing; provider change refused") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::NONE);
  Outcome o = env.w->enable_cluster_cmk(c, Provider::GCP);
  CHECK(o.code() == "ENCRYPTION_AT_REST_NOT_ENABLED");
  CHECK(o.httpStatus() == 400);
  for (const char* tier : {"M0", "M2", "M5", "FLEX", "SERVERLESS"}) {
    ClusterSetup cs;
    cs.project = "p";
    cs.name = std::string("t") + tier;
    cs.instanceSizeName = tier;
    cs.encryptionAtRestProvider = Provider::AWS;
    CHECK(env.w->create_cluster(cs).code() == "CANNOT_USE_ENCRYPTION_AT_REST_TENANT");
  }
  ClusterSetup ok;
  ok.project = "p";
  ok.name = "m10";
  ok.instanceSizeName = "M10";
  ok.encryptionAtRestProvider = Provider::AWS;
  CHECK(env.w->create_cluster(ok).ok());
  // api-errors DUPLICATE_CLUSTER_NAME 400, its text with the cluster and the group filled in.
  const Outcome dup = env.w->create_cluster(ok);
  CHECK(dup.code() == "DUPLICATE_CLUSTER_NAME");
  CHECK(dup.httpStatus() == 400);
  CHECK(dup.error().message == "A cluster named m10 is already present in group " + env.w->project(p).id.str() + ".");
  REQUIRE(env.w->enable_cluster_cmk(c, Provider::AWS).ok());
  CHECK(env.state(c) == ClusterState::UPDATING);  // initial sync
  env.run_for(min(30));
  CHECK(env.w->cluster(c).encryptionAtRestProvider == Provider::AWS);
  // P -> Q refused (spec §2.7)
  KmsSetup g;
  g.provider = Provider::GCP;
  REQUIRE(env.w->enable_cmk(p, g).ok());
  o = env.w->enable_cluster_cmk(c, Provider::GCP);
  CHECK(o.code() == "CANNOT_CHANGE_ENCRYPTION_AT_REST_PROVIDER");
  CHECK(o.httpStatus() == 409);

  // seed 001 §Limitations: AKV over private networking not for AWS clusters
  env.project("az", Provider::AZURE, true);
  ClusterSetup aws;
  aws.project = "az";
  aws.name = "on-aws";
  aws.encryptionAtRestProvider = Provider::AZURE;
  CHECK(env.w->create_cluster(aws).code() == "ENCRYPTION_AT_REST_PROVIDER_NOT_SUPPORTED");
}

TEST_CASE("api-errors: CANNOT_UPDATE_PAUSED_CLUSTER, CLUSTER_ALREADY_PAUSED, CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER, CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES") {
  Env env;
  env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(61));
  REQUIRE(env.w->pause_cluster(c).ok());
  CHECK(env.w->pause_cluster(c).code() == "CLUSTER_ALREADY_PAUSED");
  CHECK(env.w->pause_cluster(c).httpStatus() == 409);
  CHECK(env.w->enable_cluster_cmk(c, Provider::NONE).code() == "CANNOT_UPDATE_PAUSED_CLUSTER");
  CHECK(env.w->resize_cluster(c, "M20").code() == "CANNOT_UPDATE_PAUSED_CLUSTER");
  REQUIRE(env.w->resume_cluster(c).ok());
  CHECK(env.w->resume_cluster(c).code() == "SIM_CLUSTER_NOT_PAUSED");
  env.run_for(min(6));
  const Outcome o = env.w->pause_cluster(c);
  REQUIRE_FALSE(o.ok());
  CHECK(o.code() == "CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER");
  CHECK(o.httpStatus() == 400);
  CHECK(o.error().params == std::vector<std::string>{"60"});
  env.run_for(min(60));
  REQUIRE(env.w->resize_cluster(c, "M20").ok());
  CHECK(env.w->pause_cluster(c).code() == "CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES");
}

TEST_CASE("G-EP-C: GCP refused, PN off refused, project must be ACTIVE, duplicate region 409") {
  Env env;
  const ProjectIx g = env.project("g", Provider::GCP);
  CHECK(env.w->create_endpoint(g, Provider::GCP, "CENTRAL_US").code() == "SIM_UNSUPPORTED_EAR_PE_PROVIDER");
  CHECK(env.w->set_require_private_networking(g, Provider::GCP, true).code() == "SIM_UNSUPPORTED_EAR_PE_PROVIDER");
  const ProjectIx a = env.project("a", Provider::AWS);
  CHECK(env.w->create_endpoint(a, Provider::AWS, "US_EAST_1").code() == "SIM_PRIVATE_NETWORKING_NOT_ENABLED");
  REQUIRE(env.w->set_require_private_networking(a, Provider::AWS, true).ok());
  CHECK(env.w->project(a).awsKms().pn.state() == PnState::ON);
  REQUIRE(env.w->create_endpoint(a, Provider::AWS, "US_EAST_1").ok());
  const Outcome dup = env.w->create_endpoint(a, Provider::AWS, "US_EAST_1");
  CHECK(dup.code() == "SIM_DUPLICATE_REGION_ENDPOINT");
  CHECK(dup.httpStatus() == 409);
  env.w->deactivate_project(a);
  CHECK(env.w->create_endpoint(a, Provider::AWS, "US_WEST_2").code() == "SIM_PROJECT_NOT_ACTIVE");
  CHECK(env.w->set_require_private_networking(a, Provider::AWS, true).code() == "SIM_PROJECT_NOT_ACTIVE");
  // seed 000/004 §'Limitations' refuse only EAR over private endpoints: the disable meets G-DIS (1), not the project state
  CHECK(env.w->disable_cmk(a, Provider::AWS).code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST_DUE_TO_PRIVATE_ENDPOINTS");
  env.w->reactivate_project(a);
  CHECK(env.w->create_endpoint(a, Provider::AWS, "US_WEST_2").ok());
}

TEST_CASE("api-errors / CIREP: enabling CMK validates: MISSING provider, key codes, CANNOT_ASSUME_ROLE then OK after T_iam, access keys deprecated") {
  Env env;
  ProjectSetup ps;
  ps.name = "p";
  KmsSetup dis;
  dis.provider = Provider::AWS;
  dis.enabled = false;
  dis.keyState = KeyState::DISABLED;
  ps.kms.push_back(dis);
  KmsSetup bad;
  bad.provider = Provider::AZURE;
  bad.enabled = false;
  bad.credentials = CredentialState::INVALID;
  ps.kms.push_back(bad);
  const ProjectIx p = env.w->add_project(ps);
  KmsSetup none;
  none.provider = Provider::NONE;
  CHECK(env.w->enable_cmk(p, none).code() == "MISSING_ENCRYPTION_AT_REST_PROVIDER");
  KmsSetup aws;
  aws.provider = Provider::AWS;
  CHECK(env.w->enable_cmk(p, aws).code() == "AWS_KMS_CUSTOMER_MASTER_KEY_NOT_ENABLED");
  CHECK_FALSE(env.w->project(p).awsKms().enabled);  // no change
  aws.accessKeyAuth = true;
  CHECK(env.w->enable_cmk(p, aws).code() == "AWS_KMS_CREDENTIALS_AUTH_DEPRECATED");
  KmsSetup az;
  az.provider = Provider::AZURE;
  CHECK(env.w->enable_cmk(p, az).code() == "INVALID_AZURE_CREDENTIALS");
  // AWS role: enabled with a good key, credentials later invalid, a new role propagates (T_iam 20 s)
  env.w->enable_key(p, Provider::AWS);
  aws.accessKeyAuth = false;
  REQUIRE(env.w->enable_cmk(p, aws).ok());
  env.w->invalidate_credentials(p, Provider::AWS);
  const Outcome o = env.w->update_credentials(p, Provider::AWS);
  CHECK(o.code() == "CANNOT_ASSUME_ROLE");
  CHECK(env.w->update_credentials(p, Provider::AWS).code() == "CANNOT_ASSUME_ROLE");
  env.run_for(sec(21));
  CHECK(env.w->update_credentials(p, Provider::AWS).ok());
}

TEST_CASE("spec §2.5 / seed 004: new clusters only in regions with an approved endpoint; one per region of a multi-region cluster") {
  Env env;
  KmsSetup mrk;  // DOCS AWS (aws-kms-over-private-endpoint): a multi-region cluster needs a multi-Region key
  mrk.keyId = "arn:aws:kms:us-east-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab";
  env.project("p", Provider::AWS, true, mrk);
  env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
  ClusterSetup cs;
  cs.project = "p";
  cs.name = "multi";
  cs.encryptionAtRestProvider = Provider::AWS;
  cs.regions = {{"US_EAST_1", Provider::AWS, 3}, {"US_WEST_2", Provider::AWS, 2}, {"EU_WEST_1", Provider::AWS, 2}};
  const Outcome o = env.w->create_cluster(cs);
  REQUIRE_FALSE(o.ok());
  CHECK(o.code() == "SIM_REGION_WITHOUT_APPROVED_ENDPOINT");
  CHECK(o.error().params == std::vector<std::string>{"US_WEST_2", "EU_WEST_1"});
  env.w->add_endpoint("p", Provider::AWS, "US_WEST_2", EndpointStatus::ACTIVE);
  env.w->add_endpoint("p", Provider::AWS, "EU_WEST_1", EndpointStatus::ACTIVE);
  const Outcome ok = env.w->create_cluster(cs);
  REQUIRE(ok.ok());
  const ClusterIx c = *env.w->find_cluster("p", "multi");
  CHECK(env.state(c) == ClusterState::CREATING);
  env.run_for(min(10));
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.w->cluster(c).privatePath);
}

TEST_CASE("seed 004 §Limitations: enabling Azure PN disables the project's multi-cloud clusters; PN off restores them") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE);
  const ClusterIx mc = env.cluster("p", "mc", Provider::NONE, {{"US_EAST_2", Provider::AZURE, 3}, {"US_EAST_1", Provider::AWS, 2}});
  const ClusterIx sc = env.cluster("p", "sc", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
  REQUIRE(env.w->set_require_private_networking(p, Provider::AZURE, true).ok());
  CHECK(env.state(mc) == ClusterState::DISABLED_MULTICLOUD);
  CHECK(env.state(sc) == ClusterState::RUNNING);
  REQUIRE(env.w->set_require_private_networking(p, Provider::AZURE, false).ok());
  CHECK(env.state(mc) == ClusterState::RUNNING);
}

TEST_CASE("seed 004 §Enable and Set up: after approval, CMK clusters (even public ones) migrate to the private endpoint") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE, true);
  const ClusterIx c = env.cluster("p", "orders", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
  CHECK_FALSE(env.w->cluster(c).privatePath);
  const EndpointIx e = env.ep(env.w->create_endpoint(p, Provider::AZURE, "US_EAST_2"));
  env.run_for(min(3));
  env.w->approve_endpoint(e);
  CHECK_FALSE(env.w->cluster(c).privatePath);
  env.run_for(min(3));
  CHECK(env.status(e) == EndpointStatus::ACTIVE);
  CHECK(env.w->cluster(c).privatePath);
  CHECK(env.w->project(p).azureKeyVault().privatePath);
}

TEST_CASE("Procedure (seed 000/004 §Disable): remove endpoints, then PN off, clusters to NONE, then the project") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS, true);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  const EndpointIx e = env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
  CHECK_FALSE(env.w->disable_cmk(p, Provider::AWS).ok());
  CHECK(env.w->delete_endpoint(e).ok());
  env.run_for(sim::Duration::hours(1));
  CHECK(env.w->set_require_private_networking(p, Provider::AWS, false).ok());
  CHECK(env.w->disable_cmk(p, Provider::AWS).code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST");
  CHECK(env.w->disable_cluster_cmk(c).ok());
  env.run_for(min(30));
  CHECK(env.w->disable_cmk(p, Provider::AWS).ok());
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::OFF);
}

// DOCS pause-terminate-cluster (spec §2.7, §3.2 [documented]): a resumed cluster "must remain
// running for 60 minutes" (pause_min_running) before the next pause: refused at 59:59, allowed at 60:00.
TEST_CASE("DOCS pause-terminate-cluster: pause refused 59:59 after a resume, accepted at exactly 60:00") {
  Env env;
  env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(61));
  REQUIRE(env.w->pause_cluster(c).ok());
  env.run_to(min(70));
  REQUIRE(env.w->resume_cluster(c).ok());  // resumedAt = 70:00; RUNNING again at 75:00
  env.run_to(min(130) - sec(1));
  const Outcome early = env.w->pause_cluster(c);
  REQUIRE_FALSE(early.ok());
  CHECK(early.code() == "CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER");
  CHECK(early.httpStatus() == 400);
  env.run_to(min(130));
  CHECK(env.w->pause_cluster(c).code() == "OK");
  CHECK(env.state(c) == ClusterState::PAUSED);
}
