// The key configuration (issue 11 items 2, 3, 10, 13): PATCH of an enabled block by field names,
// regional failover, rotation with two keys, Azure vault fields, key lifecycle codes.
#include <doctest/doctest.h>

#include "helpers.h"
#include "models/key_config_patch.h"
#include "models/observe.h"

using namespace models;
using namespace testing;

namespace {
const char* kPrimary = "arn:aws:kms:us-east-1:111122223333:key/mrk-1";
const char* kReplica = "arn:aws:kms:us-west-2:111122223333:key/mrk-1";

KeyVersion key(std::string id, std::string region = {}) {
  KeyVersion k;
  k.id = std::move(id);
  k.region = std::move(region);
  return k;
}
std::optional<FieldValue> kms_field(const World& w, ProjectIx p, Provider v, std::string_view f) {
  return observe_field(w, Observable{EntityKind::kms, p, v}, f);
}
std::string reason_of_last(const Recorder& rec, const std::string& event) {
  const auto r = rec.named(event);
  return r.empty() ? std::string() : Recorder::field(r.back(), "reason");
}
}  // namespace

// ---- item 2: updating an enabled configuration; regional failover ----

TEST_CASE("spec §2.8 / DOCS security-aws-kms: PATCH awsKms region + replica ARN fails over a regional KMS outage; without the replica 404") {
  Env env;
  KmsSetup k;
  k.keyId = kPrimary;
  const ProjectIx p = env.project("p", Provider::AWS, false, k);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  REQUIRE(env.w->kms_outage_start(p, Provider::AWS, "US_EAST_1").ok());
  env.w->try_again(p);
  REQUIRE(env.w->project(p).awsKms().ear.state() == EarState::ON_UNREACHABLE);
  const KmsFieldValues failover = {{"customerMasterKeyID", kReplica}, {"region", "US_WEST_2"}};
  Outcome o = env.w->patch_encryption_at_rest(p, Provider::AWS, failover);
  REQUIRE_FALSE(o.ok());  // no replica in us-west-2 yet
  CHECK(o.code() == "AWS_CUSTOMER_MASTER_KEY_NOT_FOUND");
  CHECK(o.httpStatus() == 404);
  CHECK(o.error().message == "No AWS customer master key found for group " + env.w->project(p).id.str() + ".");
  CHECK(env.w->project(p).awsKms().region == "US_EAST_1");  // nothing applied
  REQUIRE(env.w->create_key(p, Provider::AWS, key(kReplica, "US_WEST_2")).ok());
  o = env.w->patch_encryption_at_rest(p, Provider::AWS, failover);
  REQUIRE(o.ok());
  CHECK(kms_field(*env.w, p, Provider::AWS, "customerMasterKeyID") == FieldValue{std::string(kReplica)});
  CHECK(kms_field(*env.w, p, Provider::AWS, "region") == FieldValue{std::string("US_WEST_2")});
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_VALID);  // revalidated at once (seed 003)
  CHECK(env.rec.count("ENCRYPTION_AT_REST_KMS_NETWORK_ACCESS_RESTORED") == 1);
  CHECK(env.w->project(p).awsKms().key.version == 1);  // same multi-Region key: no rotation
  REQUIRE(env.w->restart_cluster(c).ok());  // nodes restart against the replica
  env.run_for(min(30));
  CHECK(env.w->cluster(c).nodesDown() == 0);
  CHECK(env.state(c) == ClusterState::RUNNING);
}

TEST_CASE("api-errors: PATCH awsKms region outside AWS KMS -> AWS_KMS_REGION_NOT_SUPPORTED; a refused PN change applies nothing else") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS, true);
  const std::string before = env.w->project(p).awsKms().customerMasterKeyID;
  Outcome o = env.w->patch_encryption_at_rest(p, Provider::AWS, {{"region", "EUROPE_WEST"}});
  REQUIRE_FALSE(o.ok());
  CHECK(o.code() == "AWS_KMS_REGION_NOT_SUPPORTED");
  CHECK(o.error().message == "Region is not supported by AWS KMS.");
  env.w->add_endpoint("p", Provider::AWS, "US_EAST_1", EndpointStatus::ACTIVE);
  const std::string next = "arn:aws:kms:us-east-1:000000000000:key/next";
  REQUIRE(env.w->create_key(p, Provider::AWS, key(next)).ok());
  o = env.w->patch_encryption_at_rest(p, Provider::AWS, {{"requirePrivateNetworking", "false"}, {"customerMasterKeyID", next}});
  CHECK(o.code() == "CANNOT_DISABLE_ENCRYPTION_AT_REST_REQUIRE_PRIVATE_NETWORKING_WHILE_PRIVATE_ENDPOINTS_EXIST");
  CHECK(env.w->project(p).awsKms().customerMasterKeyID == before);  // never half-applied
  o = env.w->patch_encryption_at_rest(p, Provider::AWS, {{"customerMasterKeyID", next}});
  REQUIRE(o.ok());
  CHECK(env.w->project(p).awsKms().customerMasterKeyID == next);  // applied, not dropped
}

TEST_CASE("scenario mistakes: patch_encryption_at_rest with a field the block does not have is an ActionError") {
  Env env;
  env.project("p", Provider::GCP);
  ActionRequest rq;
  rq.name = "patch_encryption_at_rest";
  rq.project = "p";
  rq.provider = Provider::GCP;
  rq.params["fields"] = KmsFieldValues{{"customerMasterKeyID", "x"}};
  CHECK_THROWS_AS(env.w->perform(rq), ActionError);
}

// ---- item 3: rotation with two keys ----

TEST_CASE("seed 004 §Rotate: both keys exist; the rotation deploys after key_rotation_deploy_window; the new key must be usable and in the same vault") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE);
  const std::string oldId = env.w->project(p).azureKeyVault().keyIdentifier;
  Outcome o = env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"keyIdentifier", "https://other.vault.azure.net/keys/k/1"}});
  CHECK(o.code() == "AZURE_KEY_VAULT_KEY_NOT_FOUND");  // "must belong to the Key Vault configured"
  CHECK(o.error().message == "No Azure Key Vault key found for the provided credentials.");
  o = env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"keyIdentifier", "vault-p/keys/k"}});
  CHECK(o.code() == "AZURE_KEY_VAULT_KEY_IDENTIFIER_INVALID_FORMAT");
  CHECK(o.error().message == "Invalid format for Azure Key Vault Key Identifier.");
  const std::string next = "https://vault-p.vault.azure.net/keys/atlas/2";
  KeyVersion disabled = key(next);
  disabled.state = KeyState::DISABLED;
  REQUIRE(env.w->create_key(p, Provider::AZURE, disabled).ok());
  o = env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"keyIdentifier", next}});
  CHECK(o.code() == "AZURE_KEY_VAULT_KEY_NOT_ENABLED");
  CHECK(o.error().message == "Key not enabled.");
  REQUIRE(env.w->key_version_action(p, Provider::AZURE, next, KeyEvent::Enable, "enable_key").ok());
  REQUIRE(env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"keyIdentifier", next}}).ok());
  CHECK(env.rec.count("ENCRYPTION_AT_REST_KEY_ROTATION_STARTED") == 1);
  CHECK(env.rec.count("AZURE_ENCRYPTION_KEY_ROTATED") == 0);
  const CustomerKey& k = env.w->project(p).azureKeyVault().key;
  REQUIRE(k.others.size() == 1);
  CHECK(k.others[0].id == oldId);  // the old key stays, bound to version 1
  CHECK(k.others[0].version == 1);
  CHECK(k.version == 2);
  env.run_for(min(10) - sec(1));
  CHECK(env.rec.count("AZURE_ENCRYPTION_KEY_ROTATED") == 0);
  env.run_for(sec(1));
  CHECK(env.rec.count("AZURE_ENCRYPTION_KEY_ROTATED") == 1);
}

TEST_CASE("seed 004 §Rotate: disabling the original key before the rotation deployed makes the key invalid at the next scheduled check") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  const std::string oldId = env.w->project(p).awsKms().customerMasterKeyID;
  env.run_to(min(1));
  REQUIRE(env.w->rotate_key(p, Provider::AWS, "arn:aws:kms:us-east-1:000000000000:key/new").ok());
  env.run_to(min(2));
  REQUIRE(env.w->key_version_action(p, Provider::AWS, oldId, KeyEvent::Disable, "disable_key").ok());
  env.run_to(min(15));  // the scheduled check
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_INVALID);
  CHECK(reason_of_last(env.rec, "AWS_ENCRYPTION_KEY_INVALID") == "AWS_KMS_CUSTOMER_MASTER_KEY_NOT_ENABLED");
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_ROTATED") == 0);  // cannot deploy without the old key
  REQUIRE(env.w->key_version_action(p, Provider::AWS, oldId, KeyEvent::Enable, "enable_key").ok());
  env.w->try_again(p);
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_VALID);
  env.run_to(min(40));
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_ROTATED") == 1);
  CHECK(env.state(c) == ClusterState::RUNNING);
}

TEST_CASE("seed 003 §Encrypted Backups: a snapshot is restored with the key version it was taken with, not the current one") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  const ClusterIx c = env.cluster("p", "orders", Provider::AWS);
  const std::string oldId = env.w->project(p).awsKms().customerMasterKeyID;
  const std::string s1 = env.w->take_snapshot(c).createdId();
  REQUIRE(env.w->rotate_key(p, Provider::AWS, "arn:aws:kms:us-east-1:000000000000:key/new").ok());
  env.run_to(min(20));  // deployed
  const std::string s2 = env.w->take_snapshot(c).createdId();
  REQUIRE(env.w->key_version_action(p, Provider::AWS, oldId, KeyEvent::Disable, "disable_key").ok());
  env.run_to(min(50));
  CHECK(env.w->project(p).awsKms().ear.state() == EarState::ON_VALID);  // the current key is fine
  CHECK(env.w->restore_snapshot(c, s1).code() == "SIM_SNAPSHOT_KEY_INVALID");  // its key is disabled
  CHECK(env.w->restore_snapshot(c, s2).ok());
  REQUIRE(env.w->key_version_action(p, Provider::AWS, oldId, KeyEvent::Enable, "enable_key").ok());
  CHECK(env.w->restore_snapshot(c, s1).ok());
}

// ---- item 10: Azure vault fields ----

TEST_CASE("seed 004 Note: keyVaultName/resourceGroupName/subscriptionID frozen while endpoints exist; keyIdentifier alone allowed; seed 002: disabled fields read null") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE, true);
  const EndpointIx e = env.w->add_endpoint("p", Provider::AZURE, "US_EAST_2", EndpointStatus::ACTIVE);
  for (const char* f : {"keyVaultName", "resourceGroupName", "subscriptionID"}) {
    const Outcome o = env.w->patch_encryption_at_rest(p, Provider::AZURE, {{f, "changed"}});
    CHECK(o.code() == "SIM_AZURE_VAULT_FIELD_IMMUTABLE");
    CHECK(o.httpStatus() == 400);
    CHECK(o.error().message == std::string(f) + " cannot be changed while Encryption at Rest private endpoints exist.");
  }
  const std::string vault = env.w->project(p).azureKeyVault().keyVaultName;
  CHECK(env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"keyVaultName", vault}}).ok());  // same value: no change
  const std::string next = "https://" + vault + ".vault.azure.net/keys/atlas/2";
  REQUIRE(env.w->create_key(p, Provider::AZURE, key(next)).ok());
  REQUIRE(env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"keyIdentifier", next}}).ok());
  CHECK(env.w->project(p).azureKeyVault().keyIdentifier == next);
  // Without endpoints the vault may move, with a key identifier in the new vault.
  REQUIRE(env.w->delete_endpoint(e).ok());
  env.run_for(min(60));
  REQUIRE(env.w->set_require_private_networking(p, Provider::AZURE, false).ok());
  env.w->try_again(p);  // back on the public path: the check finds the vault again
  const std::string moved = "https://vault-b.vault.azure.net/keys/k/1";
  REQUIRE(env.w->create_key(p, Provider::AZURE, key(moved)).ok());
  const Outcome moveOut = env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"keyVaultName", "vault-b"}, {"keyIdentifier", moved}});
  REQUIRE_MESSAGE(moveOut.ok(), moveOut.code());
  CHECK(kms_field(*env.w, p, Provider::AZURE, "keyVaultName") == FieldValue{std::string("vault-b")});
  REQUIRE(env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"enabled", "false"}}).ok());
  for (const char* f : {"azureEnvironment", "keyVaultName", "keyIdentifier", "resourceGroupName", "subscriptionID", "clientID", "tenantID"})
    CHECK_MESSAGE(kms_field(*env.w, p, Provider::AZURE, f) == FieldValue{Null{}}, f);  // seed 002: null
  CHECK(kms_field(*env.w, p, Provider::AZURE, "enabled") == FieldValue{false});
}

// seed 004 §'Enable Customer-Managed Keys...' (PATCH and GET examples): clientID and tenantID are
// the block's own, kept as sent; seed 002 §'Example Response': null once the block is erased. New
// ones are new credentials (revalidated), not frozen by endpoints; the secret is kept nowhere.
TEST_CASE("seed 004: Azure clientID/tenantID kept from the PATCH (new credentials, allowed with endpoints); seed 002: null after {enabled: false}") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE, true);
  env.w->add_endpoint("p", Provider::AZURE, "US_EAST_2", EndpointStatus::ACTIVE);
  // Enabled without them (the setup): generated ids, as subscriptionID.
  for (const char* f : {"clientID", "tenantID"}) {
    const auto v = kms_field(*env.w, p, Provider::AZURE, f);
    REQUIRE_MESSAGE(v, f);
    REQUIRE_MESSAGE(std::holds_alternative<std::string>(*v), f);
    CHECK_MESSAGE(std::get<std::string>(*v).size() == 36, f);  // a UUID, as the API's format says
  }
  const std::string client = "632ff709-32a8-48a3-8224-30d2386fadaf", tenant = "ee46317d-36a3-4472-a3dd-6549e901da0b";
  const std::size_t checks = env.rec.count("ENCRYPTION_AT_REST_VALIDATION_SUCCEEDED");
  const Outcome o = env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"clientID", client}, {"tenantID", tenant}, {"secret", "s3cret"}});
  REQUIRE_MESSAGE(o.ok(), o.code());
  CHECK(kms_field(*env.w, p, Provider::AZURE, "clientID") == FieldValue{client});
  CHECK(kms_field(*env.w, p, Provider::AZURE, "tenantID") == FieldValue{tenant});
  CHECK(env.rec.count("ENCRYPTION_AT_REST_VALIDATION_SUCCEEDED") == checks + 1);  // revalidated at once
  for (const sim::Record& r : env.rec.records)
    for (const auto& [k, v] : r.fields) CHECK_MESSAGE(v.find("s3cret") == std::string::npos, k);
  // One field alone changes only itself.
  REQUIRE(env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"tenantID", client}}).ok());
  CHECK(kms_field(*env.w, p, Provider::AZURE, "clientID") == FieldValue{client});
  CHECK(kms_field(*env.w, p, Provider::AZURE, "tenantID") == FieldValue{client});
  CHECK(read_kms_patch(Provider::AZURE, {{"clientID", client}}).clientID == client);
  CHECK(read_kms_patch(Provider::AZURE, {{"clientID", client}}).credentials);
}

// ---- item 13: key lifecycle codes ----

TEST_CASE("api-errors: an expired Azure key -> AZURE_KEY_VAULT_KEY_EXPIRED at the check; a key expiring within 48 h is refused") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE);
  const ClusterIx c = env.cluster("p", "site", Provider::AZURE, {{"US_EAST_2", Provider::AZURE, 3}});
  const std::string soon = "https://vault-p.vault.azure.net/keys/atlas/2";
  KeyVersion k = key(soon);
  k.expiresAt = sim::Time::zero() + sim::Duration::hours(47);
  REQUIRE(env.w->create_key(p, Provider::AZURE, k).ok());
  Outcome o = env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"keyIdentifier", soon}});
  CHECK(o.code() == "AZURE_KEY_VAULT_KEY_EXPIRING");
  CHECK(o.error().message == "The key cannot be used because it will expire within the next 48 hours.");
  REQUIRE(env.w->set_key_expiry(p, Provider::AZURE, soon, sim::Duration::hours(49)).ok());
  REQUIRE(env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"keyIdentifier", soon}}).ok());
  env.run_to(sim::Duration::hours(49));
  CHECK(env.w->project(p).azureKeyVault().ear.state() == EarState::ON_INVALID);
  CHECK(reason_of_last(env.rec, "AZURE_ENCRYPTION_KEY_INVALID") == "AZURE_KEY_VAULT_KEY_EXPIRED");
  CHECK(env.state(c) == ClusterState::DISABLED_EAR);
}

TEST_CASE("api-errors: AZURE_KEY_VAULT_KEY_NOT_ACTIVE means before its nbf; a deleted Azure key is NOT_FOUND") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AZURE);
  const std::string later = "https://vault-p.vault.azure.net/keys/atlas/2";
  KeyVersion k = key(later);
  k.notBefore = sim::Time::zero() + sim::Duration::hours(2);
  REQUIRE(env.w->create_key(p, Provider::AZURE, k).ok());
  const Outcome o = env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"keyIdentifier", later}});
  CHECK(o.code() == "AZURE_KEY_VAULT_KEY_NOT_ACTIVE");
  CHECK(o.error().message == "The key must not be used before its \"nbf\".");
  env.run_to(sim::Duration::hours(2));
  CHECK(env.w->patch_encryption_at_rest(p, Provider::AZURE, {{"keyIdentifier", later}}).ok());
  REQUIRE(env.w->schedule_key_deletion(p, Provider::AZURE).ok());
  env.w->try_again(p);
  CHECK(reason_of_last(env.rec, "AZURE_ENCRYPTION_KEY_INVALID") == "AZURE_KEY_VAULT_KEY_NOT_FOUND");
}

TEST_CASE("api-errors: AWS PENDING_IMPORT and GCP PENDING_GENERATION keys are refused until their material exists") {
  Env env;
  const ProjectIx a = env.project("a", Provider::AWS);
  KeyVersion imported = key("arn:aws:kms:us-east-1:000000000000:key/imported");
  imported.pending = KeyPending::import_material;
  REQUIRE(env.w->create_key(a, Provider::AWS, imported).ok());
  Outcome o = env.w->patch_encryption_at_rest(a, Provider::AWS, {{"customerMasterKeyID", imported.id}});
  CHECK(o.code() == "AWS_KMS_CUSTOMER_MASTER_KEY_PENDING_IMPORT");
  CHECK(o.error().message == "AWS KMS Customer Master Key is pending import.");
  REQUIRE(env.w->key_version_action(a, Provider::AWS, imported.id, KeyEvent::Enable, "enable_key").ok());  // material imported
  CHECK(env.w->patch_encryption_at_rest(a, Provider::AWS, {{"customerMasterKeyID", imported.id}}).ok());

  const ProjectIx g = env.project("g", Provider::GCP);
  KeyVersion generating = key("projects/p/locations/CENTRAL_US/keyRings/r/cryptoKeys/atlas/cryptoKeyVersions/2");
  generating.pending = KeyPending::generation;
  REQUIRE(env.w->create_key(g, Provider::GCP, generating).ok());
  o = env.w->rotate_key(g, Provider::GCP, generating.id);
  CHECK(o.code() == "GOOGLE_CLOUD_KMS_KEY_VERSION_PENDING_GENERATION");
  CHECK(o.error().message == "Key version is pending generation.");
}

TEST_CASE("DOCS security-*-kms: with provider auto-rotation the 90-day alert fires anyway; a per-project threshold above a year never fires") {
  Env env;
  const ProjectIx p = env.project("p", Provider::AWS);
  REQUIRE(env.w->set_key_auto_rotation(p, Provider::AWS, true).ok());
  env.run_to(sim::Duration::days(91));
  CHECK(env.rec.count("AWS_ENCRYPTION_KEY_NEEDS_ROTATION") == 1);  // fires anyway

  Env e2;
  const ProjectIx q = e2.project("q", Provider::AWS);
  REQUIRE(e2.w->set_key_auto_rotation(q, Provider::AWS, true).ok());
  REQUIRE(e2.w->set_rotation_alert_threshold(q, 400).ok());
  e2.run_to(sim::Duration::days(800));
  CHECK(e2.rec.count("AWS_ENCRYPTION_KEY_NEEDS_ROTATION") == 0);  // the key's age restarts every 365 days

  Env e3;
  const ProjectIx r = e3.project("r", Provider::AWS);
  REQUIRE(e3.w->set_rotation_alert_threshold(r, 400).ok());
  e3.run_to(sim::Duration::days(401));
  CHECK(e3.rec.count("AWS_ENCRYPTION_KEY_NEEDS_ROTATION") == 1);  // no auto-rotation: fires at its threshold
  REQUIRE(e3.w->set_rotation_alert_threshold(r, 0).ok());  // 0: turned off
  REQUIRE(e3.w->rotate_key(r, Provider::AWS).ok());
  e3.run_to(sim::Duration::days(900));
  CHECK(e3.rec.count("AWS_ENCRYPTION_KEY_NEEDS_ROTATION") == 1);
}

// ---- item 15: identifiers' shape; GCP role-based auth ----

// RAWSPEC: roleId is 24 hex digits; customerMasterKeyID is 1..2048 characters, and a full ARN
// (DOCS fact-aws-kms-prereqs) names kms, a region, a 12-digit account and key/ or alias/. A
// malformed one is refused as a whole with api-errors INVALID_ATTRIBUTE naming the field.
TEST_CASE("RAWSPEC shapes: a malformed customerMasterKeyID ARN or roleId -> INVALID_ATTRIBUTE 400, nothing applied") {
  Env env;
  KmsSetup k;
  k.keyId = kPrimary;
  const ProjectIx p = env.project("p", Provider::AWS, false, k);
  for (const char* bad : {"arn:aws:kms:us-east-1:1111:key/mrk-1", "arn:aws:s3:us-east-1:111122223333:key/mrk-1",
                          "arn:aws:kms:us-east-1:111122223333:mrk-1", "arn:aws:kms:us-east-1:111122223333:key/", "arn:aws:kms"}) {
    const Outcome o = env.w->patch_encryption_at_rest(p, Provider::AWS, {{"customerMasterKeyID", bad}});
    CHECK_MESSAGE(o.code() == "INVALID_ATTRIBUTE", bad);
    CHECK(o.httpStatus() == 400);
    CHECK(o.error().message == "Invalid attribute customerMasterKeyID specified.");
  }
  CHECK(env.w->patch_encryption_at_rest(p, Provider::AWS, {{"customerMasterKeyID", std::string(2049, 'k')}}).code() == "INVALID_ATTRIBUTE");
  const std::string roleBefore = env.w->project(p).awsKms().roleId;
  for (const char* bad : {"role-1", "0123456789abcdef0123456", "0123456789ABCDEF01234567"}) {
    const Outcome o = env.w->patch_encryption_at_rest(p, Provider::AWS, {{"roleId", bad}});
    CHECK_MESSAGE(o.code() == "INVALID_ATTRIBUTE", bad);
    CHECK(o.error().message == "Invalid attribute roleId specified.");
  }
  CHECK(env.w->project(p).awsKms().roleId == roleBefore);
  CHECK(env.w->project(p).awsKms().customerMasterKeyID == kPrimary);
  // Well-formed: a role id is kept as sent; an alias ARN and a bare key id pass the shape check.
  REQUIRE(env.w->patch_encryption_at_rest(p, Provider::AWS, {{"roleId", "0123456789abcdef01234567"}}).ok());
  CHECK(kms_field(*env.w, p, Provider::AWS, "roleId") == FieldValue{std::string("0123456789abcdef01234567")});
  CHECK(malformed_kms_field(Provider::AWS, read_kms_patch(Provider::AWS, {{"customerMasterKeyID", "arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/atlas"}})) == std::nullopt);
  CHECK(malformed_kms_field(Provider::AWS, read_kms_patch(Provider::AWS, {{"customerMasterKeyID", "030gce02-586d-48d2-a966-05ea954fde0g"}})) == std::nullopt);
}

// spec §1 "roleId ... GCP: once set, serviceAccountKey refused for good" (RAWSPEC; TF GCP role
// migration guide): a PATCH of roleId moves the block to the Atlas-managed service account (new
// credentials, revalidated, roleId shown); a static key is refused from then on, and in the same
// request as a roleId.
TEST_CASE("spec §1 GCP: serviceAccountKey until roleId is set; then SIM_GCP_SERVICE_ACCOUNT_KEY_AFTER_ROLE") {
  Env env;
  const ProjectIx g = env.project("g", Provider::GCP);
  CHECK(kms_field(*env.w, g, Provider::GCP, "roleId") == FieldValue{Null{}});
  REQUIRE(env.w->patch_encryption_at_rest(g, Provider::GCP, {{"serviceAccountKey", "{\"type\": \"service_account\"}"}}).ok());
  const std::size_t updates = env.rec.count("ENCRYPTION_AT_REST_VALIDATION_SUCCEEDED");
  const std::string role = "68b0448ac59ddc0496f95fa5";
  REQUIRE(env.w->patch_encryption_at_rest(g, Provider::GCP, {{"roleId", role}}).ok());
  CHECK(kms_field(*env.w, g, Provider::GCP, "roleId") == FieldValue{role});
  CHECK(env.rec.count("ENCRYPTION_AT_REST_VALIDATION_SUCCEEDED") > updates);  // revalidated as new credentials
  const Outcome o = env.w->patch_encryption_at_rest(g, Provider::GCP, {{"serviceAccountKey", "{\"type\": \"service_account\"}"}});
  CHECK(o.code() == "SIM_GCP_SERVICE_ACCOUNT_KEY_AFTER_ROLE");
  CHECK(o.httpStatus() == 400);
  CHECK(kms_field(*env.w, g, Provider::GCP, "roleId") == FieldValue{role});
  Env fresh;
  const ProjectIx h = fresh.project("h", Provider::GCP);
  CHECK(fresh.w->patch_encryption_at_rest(h, Provider::GCP, {{"roleId", role}, {"serviceAccountKey", "{}"}}).code() ==
        "SIM_GCP_SERVICE_ACCOUNT_KEY_AFTER_ROLE");
}
