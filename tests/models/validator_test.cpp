// The validator: seed 003 §'Validate your KMS Configuration', spec §2.6, §2.7, §2.9, §4.
#include <doctest/doctest.h>

#include "helpers.h"
#include "models/alerts.h"

using namespace models;
using namespace testing;

TEST_CASE("seed 003 §Validate: key disabled 1 s into an interval shuts clusters down at the 15-minute tick, not before") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(15) + sec(1));  // ticks at 0 and 15m passed
  REQUIRE(env.w->disable_key(p, Provider::AWS).ok());
  env.sim.run_until(at(min(30)) - sim::Duration::milliseconds(1));
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.w->project(p).awsKms().valid);  // nothing checked yet
  env.run_to(min(30));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  CHECK_FALSE(env.w->project(p).awsKms().valid);
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_INVALID);
}

TEST_CASE("seed 003 §Validate: key disabled at 14:59 into the interval shuts down at 15:00") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(14) + sec(59));
  REQUIRE(env.w->disable_key(p, Provider::AWS).ok());
  env.sim.run_until(at(min(15)) - sim::Duration::milliseconds(1));
  CHECK(env.state(c) == ClusterState::RUNNING);
  env.run_to(min(15));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  // seed 003: the Project Owner gets an email listing all affected clusters
  auto mails = env.rec.named(std::string(alerts::kClustersShutDownEmail));
  REQUIRE(mails.size() == 1);
  CHECK(mails[0].kind == sim::RecordKind::email);
  CHECK(Recorder::field(mails[0], "clusters") == "orders");
  CHECK(Recorder::field(mails[0], "to") == "Project Owner");
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_INVALID") == 1);
  CHECK(env.rec.count(std::string(alerts::kConfigNoLongerValid)) == 1);
}

TEST_CASE("seed 003 §Validate: with the KMS unreachable nothing shuts down; only the network-access alert") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(1));
  env.w->kms_outage_start(p, Provider::AWS);
  env.run_to(sim::Duration::hours(6));
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_UNREACHABLE);
  CHECK(env.w->project(p).awsKms().valid);  // valid_when_unreachable = unchanged
  CHECK(env.rec.count(std::string(alerts::kKmsNetworkAccessDenied)) == 1);  // raised once, not every tick
  env.w->kms_outage_end(p, Provider::AWS);
  env.run_for(min(15));
  CHECK(env.rec.count(std::string(alerts::kKmsNetworkAccessRestored)) == 1);
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_VALID);
}

TEST_CASE("spec §5 valid_when_unreachable=invalid clears valid but still shuts nothing down") {
  Settings s;
  s.valid_when_unreachable = ValidWhenUnreachable::invalid;
  Env env(s);
  const ProjectIx p = env.project("p", Provider::GCP);
  const ClusterIx c = env.cluster("p", "orders", Provider::GCP);
  env.w->kms_outage_start(p, Provider::GCP);
  env.run_to(min(45));
  CHECK_FALSE(env.w->project(p).googleCloudKms().valid);
  CHECK(env.state(c) == ClusterState::RUNNING);
}

TEST_CASE("seed 003 §intro: a cluster restarted while the KMS is unreachable becomes disabled") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(1));
  env.w->kms_outage_start(p, Provider::AWS);
  REQUIRE(env.w->restart_cluster(c).ok());
  CHECK(env.state(c) == ClusterState::RESTARTING);
  env.run_for(min(5));  // restart_duration default 5m
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  CHECK(env.w->read_write(c).code() == "SIM_CLUSTER_DISABLED");
  // outage over: the first check that finds the configuration valid restarts it (seed 003)
  env.w->kms_outage_end(p, Provider::AWS);
  env.run_to(min(15));
  CHECK(env.state(c) == ClusterState::RESTARTING);
  env.run_to(min(20));
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.w->read_write(c).ok());
}

TEST_CASE("spec §5 restart_scope=node: restarting one node during an outage leaves the others serving") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.w->kms_outage_start(p, Provider::AWS);
  REQUIRE(env.w->restart_cluster(c, 1).ok());
  env.run_for(min(6));
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.w->cluster(c).nodesDown() == 1);
  CHECK(env.w->read_write(c).ok());
  SUBCASE("restart_scope=cluster disables the whole cluster") {
    Settings s;
    s.restart_scope = RestartScope::cluster;
    Env e2(s);
    const ProjectIx p2 = e2.project("p", Provider::AWS);
    const ClusterIx c2 = e2.cluster("p", "orders", Provider::AWS);
    e2.w->kms_outage_start(p2, Provider::AWS);
    REQUIRE(e2.w->restart_cluster(c2, 1).ok());
    e2.run_for(min(6));
    CHECK(e2.state(c2) == ClusterState::DISABLED_EAR);
  }
}

// seed 003 §'Validate...': updates submitted meanwhile are applied once processes run; with
// restart_scope node a partial restart during an outage ends RUNNING, so the queue starts then.
TEST_CASE("seed 003 / restart_scope=node: a resize submitted during a partial restart in an outage is applied after it") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  REQUIRE(env.w->kms_outage_start(p, Provider::AWS).ok());
  REQUIRE(env.w->restart_cluster(c, 1).ok());
  REQUIRE(env.w->resize_cluster(c, "", 40).ok());  // queued: RESTARTING applies nothing
  CHECK(env.w->cluster(c).queuedChanges.size() == 1);
  env.run_for(min(6));  // restart_duration 5m: one node down, the others serve
  CHECK(env.w->cluster(c).nodesDown() == 1);
  CHECK(env.state(c) == ClusterState::UPDATING);
  env.run_for(min(11));  // resize_duration 10m
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.w->cluster(c).diskSizeGB == 40);
  CHECK(env.w->cluster(c).queuedChanges.empty());
}

TEST_CASE("seed 003 §Validate: Try Again restarts a disabled cluster at once; otherwise the next tick does") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.w->disable_key(p, Provider::AWS);
  env.run_to(min(15));
  REQUIRE(env.state(c) == ClusterState::DISABLED_EAR);
  env.run_to(min(16));
  env.w->enable_key(p, Provider::AWS);
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);  // nobody validated yet
  REQUIRE(env.w->try_again(p).ok());
  CHECK(env.state(c) == ClusterState::RESTARTING);
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_VALID") == 1);
  CHECK(env.rec.count(std::string(alerts::kConfigIsValid)) == 1);
  env.run_to(min(21));
  CHECK(env.state(c) == ClusterState::RUNNING);
}

TEST_CASE("seed 003 §Validate: GET encryptionAtRest validates on demand but shuts down only at scheduled checks") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE);
  const ClusterIx c = env.cluster("p", "orders", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
  env.run_to(min(2));
  env.w->delete_key(p, Provider::AZURE);
  REQUIRE(env.w->get_encryption_at_rest(p).ok());
  CHECK_FALSE(env.w->project(p).azureKeyVault().valid);  // seen at once
  CHECK(env.state(c) == ClusterState::RUNNING);          // not shut down before the tick
  env.run_to(min(15));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  SUBCASE("shutdown_on_unscheduled_check=true shuts down on the GET") {
    Settings s;
    s.shutdown_on_unscheduled_check = true;
    Env e2(s);
    const ProjectIx p2 = e2.project("p", Provider::AZURE);
    const ClusterIx c2 = e2.cluster("p", "orders", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
    e2.run_to(min(2));
    e2.w->delete_key(p2, Provider::AZURE);
    e2.w->get_encryption_at_rest(p2);
    CHECK(e2.state(c2) == ClusterState::DISABLED_EAR);
  }
}

TEST_CASE("seed 003 §Validate: invalid credentials shut down at the tick; updating credentials restores") {
  Env env;
  const ProjectIx p = env.project("p", Provider::GCP);
  const ClusterIx c = env.cluster("p", "orders", Provider::GCP, {{"CENTRAL_US", Provider::GCP, 3}});
  env.run_to(min(3));
  env.w->invalidate_credentials(p, Provider::GCP);
  env.run_to(min(15));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  // seed 003: validated "when you add or update credentials"
  const Outcome o = env.w->update_credentials(p, Provider::GCP);
  CHECK(o.ok());
  CHECK(env.state(c) == ClusterState::RESTARTING);
}

TEST_CASE("DOCS security-azure-kms: an expired Azure client secret invalidates the key at the next tick") {
  Env env;
  KmsSetup k;
  k.region = "US_EAST_2";
  k.secretExpiresIn = min(20);
  const ProjectIx p = env.project("p", Provider::AZURE, false, k);
  const ClusterIx c = env.cluster("p", "orders", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
  env.run_to(min(29));
  CHECK(env.w->project(p).azureKeyVault().key.credentials.state() == CredentialState::EXPIRED);
  CHECK(env.state(c) == ClusterState::RUNNING);
  env.run_to(min(30));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  CHECK(env.rec.named("AZURE_ENCRYPTION_KEY_INVALID").size() == 1);
}

TEST_CASE("seed 004 §Revoke Access: Azure revocation pauses clusters; AWS/GCP disable shuts them down") {
  Env env;
  const ProjectIx az = env.project("az", Provider::AZURE);
  const ClusterIx ca = env.cluster("az", "a", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
  const ProjectIx aw = env.project("aw", Provider::AWS);
  const ClusterIx cw = env.cluster("aw", "w", Provider::AWS);
  const ProjectIx gc = env.project("gc", Provider::GCP);
  const ClusterIx cg = env.cluster("gc", "g", Provider::GCP);
  env.run_to(min(1));
  env.w->revoke_key_access(az, Provider::AZURE);
  env.w->disable_key(aw, Provider::AWS);
  env.w->revoke_key_access(gc, Provider::GCP);
  env.run_to(min(14));
  CHECK(env.state(ca) == ClusterState::RUNNING);  // revocation_pause_timing = next_tick
  env.run_to(min(15));
  CHECK(env.state(ca) == ClusterState::PAUSED);
  CHECK(env.w->cluster(ca).paused);
  CHECK(env.w->cluster(ca).pausedByAtlas);
  CHECK(env.state(cw) == ClusterState::DISABLED_EAR);
  CHECK(env.state(cg) == ClusterState::DISABLED_EAR);  // AWS/GCP revocation acts as invalid credentials [inferred]
  // a paused cluster refuses updates (api-errors)
  CHECK(env.w->resize_cluster(ca, "M30").code() == "CANNOT_UPDATE_PAUSED_CLUSTER");
  CHECK(env.w->resize_cluster(ca, "M30").httpStatus() == 409);
}

TEST_CASE("spec §4 T_revoke_pause=immediate; spec §8.2 azure_ip_list_blocks_pause; azure_revocation_effect=shutdown") {
  SUBCASE("immediate") {
    Settings s;
    s.revocation_pause_timing = RevocationPauseTiming::immediate;
    Env env(s);
    const ProjectIx p = env.project("p", Provider::AZURE);
    const ClusterIx c = env.cluster("p", "a", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
    env.run_to(min(1));
    env.w->revoke_key_access(p, Provider::AZURE);
    CHECK(env.state(c) == ClusterState::PAUSED);
  }
  SUBCASE("IP access list blocks the control plane: no pause, invalid key rule instead") {
    Settings s;
    s.azure_ip_list_blocks_pause = true;
    Env env(s);
    KmsSetup k;
    k.ipAccessListBlocksControlPlane = true;
    const ProjectIx p = env.project("p", Provider::AZURE, false, k);
    const ClusterIx c = env.cluster("p", "a", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
    env.run_to(min(1));
    env.w->revoke_key_access(p, Provider::AZURE);
    env.run_to(min(15));
    CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  }
  SUBCASE("shutdown effect") {
    Settings s;
    s.azure_revocation_effect = AzureRevocationEffect::shutdown;
    Env env(s);
    const ProjectIx p = env.project("p", Provider::AZURE);
    const ClusterIx c = env.cluster("p", "a", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
    env.run_to(min(1));
    env.w->revoke_key_access(p, Provider::AZURE);
    env.run_to(min(15));
    CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  }
}

TEST_CASE("seed 003 §Validate: updates submitted while disabled are queued and applied once the key is restored") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.w->delete_key(p, Provider::AWS);
  env.run_to(min(1));  // tick at 0 already saw the key deleted
  REQUIRE(env.state(c) == ClusterState::DISABLED_EAR);
  CHECK(env.w->resize_cluster(c, "M30", 40).ok());
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  CHECK(env.w->cluster(c).queuedChanges.size() == 1);
  CHECK(env.w->cluster(c).instanceSizeName == "M10");
  CHECK(env.w->read_write(c).code() == "SIM_CLUSTER_DISABLED");
  env.run_to(sim::Duration::hours(2));
  env.w->restore_key(p, Provider::AWS);  // seed 003 §'Restore a Deleted Key'
  env.w->try_again(p);
  env.run_for(min(5));  // restart
  CHECK(env.state(c) == ClusterState::UPDATING);
  env.run_for(min(10));  // resize_duration
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.w->cluster(c).instanceSizeName == "M30");
  CHECK(env.w->cluster(c).diskSizeGB == 40);
  CHECK(env.w->cluster(c).queuedChanges.empty());
  CHECK_FALSE(env.w->cluster(c).dataLost);  // data never lost
}

TEST_CASE("seed 000 warning: a key destroyed past its recovery window loses the data") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.w->delete_key(p, Provider::AWS);
  env.run_to(sim::Duration::days(91));
  CHECK(env.w->project(p).awsKms().key.keyState.state() == KeyState::DESTROYED);
  CHECK(env.w->cluster(c).dataLost);
  CHECK(env.w->restore_key(p, Provider::AWS).code() == "SIM_CLOUD_KEY_STATE_CONFLICT");
}

TEST_CASE("spec §2.8: scheduled deletion becomes deletion after the waiting period; cancel restores") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  env.w->schedule_key_deletion(p, Provider::AWS);
  CHECK(env.w->project(p).awsKms().key.keyState.state() == KeyState::PENDING_DELETION);
  env.w->restore_key(p, Provider::AWS);
  CHECK(env.w->project(p).awsKms().key.keyState.state() == KeyState::ENABLED);
  env.w->schedule_key_deletion(p, Provider::AWS);
  env.run_to(sim::Duration::days(31));
  CHECK(env.w->project(p).awsKms().key.keyState.state() == KeyState::DELETED);
  env.w->restore_key(p, Provider::AWS);
  CHECK(env.w->project(p).awsKms().key.keyState.state() == KeyState::ENABLED);
  env.run_to(sim::Duration::days(200));  // old timers are stale
  CHECK(env.w->project(p).awsKms().key.keyState.state() == KeyState::ENABLED);
}

TEST_CASE("seed 003 §intro: customer-key rotation alert at 90 days (seed 002's 365 is a setting); rotation resets it") {
  Env env;
  KmsSetup k;
  k.keyAge = sim::Duration::days(80);
  const ProjectIx p = env.project("p", Provider::AWS, false, k);
  env.run_to(sim::Duration::days(10) - min(15));
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_NEEDS_ROTATION") == 0);
  env.run_to(sim::Duration::days(10));
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_NEEDS_ROTATION") == 1);
  env.run_to(sim::Duration::days(11));
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_NEEDS_ROTATION") == 1);  // once
  REQUIRE(env.w->rotate_key(p, Provider::AWS, "arn:aws:kms:us-east-1:1:key/new").ok());
  env.run_for(min(10));  // spec §2.6: ..._KEY_ROTATED once the rotation has deployed (key_rotation_deploy_window)
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_ROTATED") == 1);
  CHECK(env.w->project(p).awsKms().customerMasterKeyID == "arn:aws:kms:us-east-1:1:key/new");
  env.run_to(sim::Duration::days(100));
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_NEEDS_ROTATION") == 1);
  env.run_to(sim::Duration::days(102));
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_NEEDS_ROTATION") == 2);

  Settings s;
  s.set("rotation_alert_days", "365");
  Env e2(s);
  e2.project("p", Provider::AWS, false, k);
  e2.run_to(sim::Duration::days(100));
  CHECK(e2.rec.count("AWS_ENCRYPTION_KEY_NEEDS_ROTATION") == 0);
}

TEST_CASE("DOCS fact-atlas-key-rotation: Atlas master key rotates at most every 90 days") {
  Env env;
  env.project("p", Provider::AWS);
  env.run_to(sim::Duration::days(180) - sim::Duration::milliseconds(1));
  auto ev = env.rec.named(std::string(alerts::kMasterKeyRotated));
  REQUIRE(ev.size() == 2);
  CHECK(ev[0].at < at(sim::Duration::days(90)));
  CHECK(ev[1].at - ev[0].at == sim::Duration::days(90));
}

TEST_CASE("seed 003 §Encrypted Backups: restoring a snapshot whose key is invalid is refused") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  const Outcome snap = env.w->take_snapshot(c);
  REQUIRE(snap.ok());
  CHECK(env.w->snapshots().at(0).keyVersion == 1);
  CHECK(env.w->restore_snapshot(c, snap.createdId()).ok());
  env.w->disable_key(p, Provider::AWS);
  const Outcome o = env.w->restore_snapshot(c, snap.createdId());
  CHECK(o.code() == "SIM_SNAPSHOT_KEY_INVALID");
  // api-errors SNAPSHOT_NOT_FOUND 404: "No snapshot with ID %s exists for cluster %s."
  const Outcome missing = env.w->restore_snapshot(c, "nope");
  CHECK(missing.code() == "SNAPSHOT_NOT_FOUND");
  CHECK(missing.httpStatus() == 404);
  CHECK(missing.error().message == "No snapshot with ID nope exists for cluster " + env.w->cluster(c).name + ".");
}

TEST_CASE("spec §2.7: auto-resume after 30 days restarts, or disables when the key is invalid") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  const ClusterIx d = env.cluster("p", "other", Provider::AWS);
  env.run_to(min(61));
  REQUIRE(env.w->pause_cluster(c).ok());
  REQUIRE(env.w->pause_cluster(d).ok());
  env.w->resume_cluster(d);
  env.run_for(min(6));
  REQUIRE(env.state(d) == ClusterState::RUNNING);
  env.w->disable_key(p, Provider::AWS);
  env.run_to(sim::Duration::days(31));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);  // auto_resume_with_invalid_key = disabled_ear
  CHECK_FALSE(env.w->cluster(c).paused);
}

// Model choice, not in the documents: spec §4 gives the 15-minute grid but says nothing about an
// event at the same instant as a check. The model runs the check after everything else due then
// (sim::Priority::late in World::schedule_tick; no setting), so a key disabled at 15:00 exactly is
// found by the 15:00 check, even when the disable was scheduled after the tick was.
TEST_CASE("model choice (spec §4 silent): a key disabled exactly at a tick instant is found by that tick") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(10));  // the 15:00 tick is already scheduled (by the 0:00 one), before this fault
  env.sim.schedule_at(at(min(15)), [&] { REQUIRE(env.w->disable_key(p, Provider::AWS).ok()); });
  env.run_to(min(15));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_INVALID);
  // One millisecond after the instant is the next interval: found at 30:00, not before.
  Env late;
  const ProjectIx q = late.project("q", Provider::AWS);
  const ClusterIx d = late.cluster("q", "orders", Provider::AWS);
  late.run_to(min(10));
  late.sim.schedule_at(at(min(15)) + sim::Duration::milliseconds(1), [&] { REQUIRE(late.w->disable_key(q, Provider::AWS).ok()); });
  late.sim.run_until(at(min(30)) - sim::Duration::milliseconds(1));
  CHECK(late.state(d) == ClusterState::RUNNING);
  late.run_to(min(30));
  CHECK(late.state(d) == ClusterState::DISABLED_EAR);
}

// seed 003 §'Validate...': "If Atlas can't connect to your key management provider, Atlas doesn't
// shut down your processes": reachability is judged first, so a key disabled during an outage shuts
// nothing down until the KMS answers again (spec §2.9).
TEST_CASE("seed 003 §Validate: a key disabled while the KMS is unreachable shuts nothing down until the KMS answers") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  env.run_to(min(5));
  REQUIRE(env.w->kms_outage_start(p, Provider::AWS).ok());
  REQUIRE(env.w->disable_key(p, Provider::AWS).ok());
  env.w->try_again(p);
  env.run_to(min(46));  // three scheduled checks
  CHECK(env.state(c) == ClusterState::RUNNING);
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_INVALID") == 0);
  CHECK(env.rec.count(std::string(alerts::kKmsNetworkAccessDenied)) == 1);
  REQUIRE(env.w->kms_outage_end(p, Provider::AWS).ok());
  env.run_to(min(60));
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
}
