// IAM role propagation from time zero (spec §2.8, §4 T_iam, §6 #1; issue 11 item 5).
#include <doctest/doctest.h>

#include "helpers.h"

using namespace models;
using namespace testing;

namespace {
// A project whose AWS block is off and whose role was created in the same apply (PROPAGATING).
ProjectIx propagating_project(Env& env) {
  ProjectSetup ps;
  ps.name = "ci";
  KmsSetup k;
  k.provider = Provider::AWS;
  k.enabled = false;
  k.credentials = CredentialState::PROPAGATING;
  ps.kms.push_back(k);
  return env.w->add_project(ps);
}
}  // namespace

TEST_CASE("spec §2.8 / §6 #1: a role PROPAGATING at time zero answers CANNOT_ASSUME_ROLE until T_iam, then enable_cmk succeeds") {
  Settings s;
  s.t_iam = sec(40);
  Env env(s);
  const ProjectIx p = propagating_project(env);
  KmsSetup aws;
  aws.provider = Provider::AWS;
  const Outcome early = env.w->enable_cmk(p, aws);
  CHECK(early.code() == "CANNOT_ASSUME_ROLE");
  CHECK(early.httpStatus() == 400);
  CHECK(early.error().message == "Atlas cannot assume the specified role (arn:aws:iam::000000000000:role/atlas-ci).");
  env.run_to(sec(39));
  CHECK(env.w->enable_cmk(p, aws).code() == "CANNOT_ASSUME_ROLE");
  CHECK(env.w->project(p).awsKms().key.credentials.state() == CredentialState::PROPAGATING);
  env.run_to(sec(40));
  CHECK(env.w->project(p).awsKms().key.credentials.state() == CredentialState::VALID);
  CHECK(env.w->enable_cmk(p, aws).ok());
  CHECK(env.w->project(p).awsKms().valid);
}

TEST_CASE("spec §2.8: time-zero propagation and update_credentials propagation take the same T_iam") {
  Env env;  // t_iam default 20 s
  const ProjectIx zero = propagating_project(env);
  const ProjectIx patched = env.project("patched", Provider::AWS);
  env.w->invalidate_credentials(patched, Provider::AWS);
  CHECK(env.w->update_credentials(patched, Provider::AWS).code() == "CANNOT_ASSUME_ROLE");
  env.run_to(sec(19));
  CHECK(env.w->project(zero).awsKms().key.credentials.state() == CredentialState::PROPAGATING);
  CHECK(env.w->project(patched).awsKms().key.credentials.state() == CredentialState::PROPAGATING);
  env.run_to(sec(20));
  CHECK(env.w->project(zero).awsKms().key.credentials.state() == CredentialState::VALID);
  CHECK(env.w->project(patched).awsKms().key.credentials.state() == CredentialState::VALID);
}

TEST_CASE("spec §2.8: an enabled block PROPAGATING at time zero is invalid until T_iam, then the next check finds it valid") {
  Settings s;
  s.validation_phase_offset = min(1);
  Env env(s);
  KmsSetup k;
  k.credentials = CredentialState::PROPAGATING;
  const ProjectIx p = env.project("p", Provider::AWS, false, k);
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_INVALID);
  env.run_to(min(1));  // first scheduled check, after the 20 s propagation
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_VALID);
  CHECK(env.w->project(p).awsKms().valid);
}
