// Backup and restore with customer keys (seed 003 §'Encrypted Backups'; api-errors; issue 11
// item 12): codes, HTTP statuses and the api-errors texts.
#include <doctest/doctest.h>

#include "helpers.h"

using namespace models;
using namespace testing;

TEST_CASE("api-errors: restoring onto a paused cluster is CLUSTER_PAUSED_CANNOT_RESTORE 400") {
  Env env;
  env.project("p", Provider::AWS);
  const ClusterIx src = env.cluster("p", "orders", Provider::AWS);
  const ClusterIx dst = env.cluster("p", "copy", Provider::AWS);
  const Outcome snap = env.w->take_snapshot(src);
  REQUIRE(snap.ok());
  env.run_for(min(61));  // a cluster may pause once it has run 60 min since its last resume
  REQUIRE(env.w->pause_cluster(dst).ok());
  const Outcome o = env.w->restore_snapshot(dst, snap.createdId());
  CHECK(o.code() == "CLUSTER_PAUSED_CANNOT_RESTORE");
  CHECK(o.httpStatus() == 400);
  CHECK(o.error().message ==
        "Backup restore cannot occur on a paused cluster. Please unpause the target cluster or choose another target cluster.");
  CHECK(env.w->restore_snapshot(src, snap.createdId()).ok());  // a running target with the same key
}

TEST_CASE("api-errors / seed 003 §Encrypted Backups: a target with other encryption settings is INVALID_SNAPSHOT_RESTORE_ENCRYPTION 400") {
  Env env;
  env.project("p", Provider::AWS);
  const ClusterIx cmk = env.cluster("p", "orders", Provider::AWS);
  const ClusterIx plain = env.cluster("p", "plain", Provider::NONE);
  const Outcome encrypted = env.w->take_snapshot(cmk);
  const Outcome unencrypted = env.w->take_snapshot(plain);
  REQUIRE((encrypted.ok() && unencrypted.ok()));
  for (const Outcome& o : {env.w->restore_snapshot(plain, encrypted.createdId()), env.w->restore_snapshot(cmk, unencrypted.createdId())}) {
    CHECK(o.code() == "INVALID_SNAPSHOT_RESTORE_ENCRYPTION");
    CHECK(o.httpStatus() == 400);
    CHECK(o.error().message == "Encryption settings of target cluster and source snapshot are different.");
  }
}

TEST_CASE("seed 003 §Encrypted Backups: no Legacy Backups with a customer key, either way (CANNOT_USE_ENCRYPTION_AT_REST_BACKUP_TYPE 400)") {
  Env env;
  env.project("p", Provider::AWS);
  const ClusterIx cmk = env.cluster("p", "orders", Provider::AWS);
  const ClusterIx plain = env.cluster("p", "plain", Provider::NONE);
  const Outcome o = env.w->enable_legacy_backup(cmk);
  CHECK(o.code() == "CANNOT_USE_ENCRYPTION_AT_REST_BACKUP_TYPE");
  CHECK(o.httpStatus() == 400);
  CHECK(o.error().message == "Cannot use Encryption at Rest with clusters running legacy backup.");
  CHECK_FALSE(env.w->cluster(cmk).legacyBackup);
  REQUIRE(env.w->enable_legacy_backup(plain).ok());
  CHECK(env.w->cluster(plain).legacyBackup);
  const Outcome key = env.w->enable_cluster_cmk(plain, Provider::AWS);
  CHECK(key.code() == "CANNOT_USE_ENCRYPTION_AT_REST_BACKUP_TYPE");
  CHECK(env.w->cluster(plain).encryptionAtRestProvider == Provider::NONE);
  CHECK(env.w->cluster(plain).queuedChanges.empty());
}

TEST_CASE("api-errors: with a Backup Compliance Policy, one key provider must stay enabled (backup_compliance_keeps_one_provider)") {
  auto world_with_two = [](Env& env) {
    ProjectSetup ps;
    ps.name = "p";
    ps.backupCompliancePolicy = true;
    KmsSetup aws;
    aws.provider = Provider::AWS;
    KmsSetup gcp;
    gcp.provider = Provider::GCP;
    ps.kms = {aws, gcp};
    return env.w->add_project(ps);
  };
  SUBCASE("default: every disable refused (spec §3.1 G-DIS (3))") {
    Env env;
    const ProjectIx p = world_with_two(env);
    const Outcome o = env.w->disable_cmk(p, Provider::GCP);
    CHECK(o.code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST_WITH_BACKUP_COMPLIANCE_POLICY");
    CHECK(o.httpStatus() == 400);
  }
  SUBCASE("keeps one: the other providers may go, the last may not") {
    Settings s;
    s.backup_compliance_keeps_one_provider = true;
    Env env(s);
    const ProjectIx p = world_with_two(env);
    CHECK(env.w->disable_cmk(p, Provider::GCP).ok());
    const Outcome o = env.w->disable_cmk(p, Provider::AWS);
    CHECK(o.code() == "CAN_NOT_DISABLE_ALL_ENCRYPTION_AT_REST_SETTINGS_WHILE_BACKUP_COMPLIANCE_POLICY_ENCRYPTION_ENABLED");
    CHECK(o.httpStatus() == 400);
    CHECK(o.error().message == "You must keep at least one Encryption at Rest setting enabled while you have a Backup Compliance Policy enabled.");
    CHECK(env.w->project(p).awsKms().enabled);
  }
}

TEST_CASE("a snapshot's subject belongs to the project of its cluster (World::project_of)") {
  Env env;
  env.project("first", Provider::AWS);
  env.project("second", Provider::AWS);
  const ClusterIx orders = env.cluster("second", "orders", Provider::AWS);
  REQUIRE(env.w->take_snapshot(orders).ok());
  REQUIRE(env.w->snapshots().size() == 1);
  // snapshot index 0 is not project 0: the record of an operation on it belongs to "second"
  CHECK(env.w->project_of(subject_of(EntityKind::snapshot, 0)) == env.w->cluster(orders).project);
  CHECK(env.w->project_of(subject_of(EntityKind::snapshot, 0)) == ProjectIx{1});
}
