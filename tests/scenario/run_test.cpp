// The runner: steps against expect_error, at/within/invariant semantics, seeds, determinism,
// secrets, limits.
#include <doctest/doctest.h>

#include <algorithm>

#include <fmt/format.h>

#include "report/state_json.h"
#include "scenario/run.h"
#include "test_util.h"

using namespace scenario;
using scenario_test::base;
using scenario_test::Recorder;

namespace scenario_test {
std::string dump(const std::vector<sim::Record>& records) {
  std::string out;
  for (const sim::Record& r : records) {
    out += fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", r.at.ms(), sim::record_kind_name(r.kind), r.entity, r.from, r.to, r.cause, r.machine, r.row);
    for (const auto& [k, v] : r.fields) out += fmt::format("|{}={}", k, v);
    out += '\n';
  }
  return out;
}
}  // namespace scenario_test

namespace {

RunResult run(const std::string& yaml, std::optional<std::uint64_t> seed = std::nullopt, Recorder* rec = nullptr) {
  const Scenario s = parse(yaml, "t.yaml");
  Run r(s, seed);
  if (rec) r.add_observer(rec);
  return r.execute();
}

const ExpectationResult& at_line(const RunResult& r, int line) {
  for (const ExpectationResult& e : r.expectations)
    if (e.where.line == line) return e;
  FAIL("no result at line " << line);
  return r.expectations.front();
}

}  // namespace

TEST_CASE("expect_error must match the Atlas code; an unexpected error fails the step") {
  // Results sit at the expect_error value, or at the do: value when there is none.
  const RunResult r = run(base(R"(timeline:
  - at: 1m
    do: disable_cluster_cmk
    cluster: orders
  - at: 2m
    do: disable_cmk
    provider: AWS
    expect_error: CANNOT_DISABLE_ENCRYPTION_AT_REST
  - at: 3m
    do: pause_cluster
    cluster: orders
    expect_error: CLUSTER_ALREADY_PAUSED
  - at: 4m
    do: rotate_key
    provider: GCP
)"));
  CHECK(at_line(r, 13).passed);  // disable_cluster_cmk: OK (located at its do:)
  CHECK(at_line(r, 18).passed);  // the 409 the scenario expects (cluster still UPDATING off the key)
  CHECK(at_line(r, 18).seen == "CANNOT_DISABLE_ENCRYPTION_AT_REST");
  CHECK_FALSE(at_line(r, 22).passed);  // expected CLUSTER_ALREADY_PAUSED, pause was accepted or refused otherwise
  CHECK(at_line(r, 22).expected == "CLUSTER_ALREADY_PAUSED");
  CHECK_FALSE(at_line(r, 24).passed);  // no expect_error, and GCP is not enabled: a failure
  CHECK(at_line(r, 24).expected == "OK");
  CHECK_FALSE(r.passed());
}

TEST_CASE("expect_error's mapping checks code, status, text and params; any; expect_status checks a success") {
  const RunResult r = run(base(R"(timeline:
  - at: 1m
    do: disable_cmk
    provider: AWS
    expect_error: {code: CANNOT_DISABLE_ENCRYPTION_AT_REST, status: 409, params: []}
  - at: 2m
    do: disable_cmk
    provider: AWS
    expect_error: {code: CANNOT_DISABLE_ENCRYPTION_AT_REST, status: 400}
  - at: 3m
    do: disable_cmk
    provider: AWS
    expect_error: {code: any, message: "Cannot disable Encryption at Rest on the group because it is still enabled on one or more clusters in the group."}
  - at: 4m
    do: disable_cmk
    provider: AWS
    expect_error: {code: any, message_contains: "still enabled on one", params: [x]}
  - at: 5m
    do: disable_cmk
    provider: AWS
    expect_error: any
  - at: 6m
    do: create_cluster
    cluster: reports
    expect_status: 201
  - at: 7m
    do: create_cluster
    cluster: more
    expect_status: 200
  - at: 8m
    do: pause_cluster
    cluster: orders
    expect_error: any
)"));
  CHECK(at_line(r, 15).passed);
  CHECK(at_line(r, 15).expected == "CANNOT_DISABLE_ENCRYPTION_AT_REST, status=409, params=[]");
  CHECK(at_line(r, 15).seen == "CANNOT_DISABLE_ENCRYPTION_AT_REST, status=409, params=[]");
  CHECK_FALSE(at_line(r, 19).passed);  // the status is 409
  CHECK(at_line(r, 19).seen == "CANNOT_DISABLE_ENCRYPTION_AT_REST, status=409");
  CHECK(at_line(r, 23).passed);
  CHECK_FALSE(at_line(r, 27).passed);  // the text matches, the params do not
  CHECK(at_line(r, 27).expected == "any error, message containing 'still enabled on one', params=[x]");
  CHECK(at_line(r, 31).passed);
  CHECK(at_line(r, 31).expected == "any error");
  CHECK(at_line(r, 31).seen == "CANNOT_DISABLE_ENCRYPTION_AT_REST");
  CHECK(at_line(r, 35).passed);
  CHECK(at_line(r, 35).seen == "OK, status=201");
  CHECK_FALSE(at_line(r, 39).passed);
  CHECK(at_line(r, 39).expected == "OK, status=200");
  CHECK(at_line(r, 39).seen == "OK, status=201");
  CHECK_FALSE(at_line(r, 43).passed);  // any error: the pause succeeds
  CHECK(at_line(r, 43).seen == "OK");
}

TEST_CASE("inject_api_error answers the transient code once per count, in order, then the model answers") {
  const RunResult r = run(base(R"(timeline:
  - at: 1m
    do: inject_api_error
    operation: pause_cluster
    code: RATE_LIMITED
  - at: 1m
    do: inject_api_error
    operation: pause_cluster
    code: SIM_SERVICE_UNAVAILABLE
    count: 2
  - at: 2m
    do: pause_cluster
    cluster: orders
    expect_error: {code: RATE_LIMITED, status: 429, message: "Resource pause_cluster is limited to 1 requests every 1 minutes."}
  - at: 3m
    do: pause_cluster
    cluster: orders
    expect_error: {code: SIM_SERVICE_UNAVAILABLE, status: 503}
  - at: 4m
    do: pause_cluster
    cluster: orders
    expect_error: {code: SIM_SERVICE_UNAVAILABLE, status: 503}
  - at: 5m
    do: pause_cluster
    cluster: orders
    expect_status: 200
  - at: 6m
    do: inject_api_error
    operation: pause_cluster
    code: CANNOT_ASSUME_ROLE
)"));
  for (int line : {24, 28, 32, 36}) CHECK_MESSAGE(at_line(r, line).passed, line);
  CHECK_FALSE(at_line(r, 38).passed);  // not a transient code: the injection is not performed
  CHECK(at_line(r, 38).seen.find("not a transient server error") != std::string::npos);
}

TEST_CASE("at: holds after every event at that instant; within: becomes true inside the window") {
  // The key is disabled at 20m; the scheduled check at 30m (same instant, late priority) shuts
  // the cluster down. at: 30m must see the state after that check.
  const RunResult r = run(base(R"(timeline:
  - at: 20m
    do: disable_key
    provider: AWS
expect:
  - at: 29m
    cluster: orders
    runState: RUNNING
  - at: 30m
    cluster: orders
    runState: DISABLED_EAR
  - within: [21m, 40m]
    cluster: orders
    runState: DISABLED_EAR
  - within: [31m, 35m]
    cluster: orders
    runState: RUNNING
)"));
  CHECK(at_line(r, 16).passed);
  CHECK(at_line(r, 19).passed);
  CHECK(at_line(r, 22).passed);
  CHECK(at_line(r, 22).at == sim::Time::zero() + sim::Duration::minutes(30));
  const ExpectationResult& w = at_line(r, 25);
  CHECK_FALSE(w.passed);
  CHECK(w.at == sim::Time::zero() + sim::Duration::minutes(35));
  CHECK(w.seen == "runState=DISABLED_EAR");
}

TEST_CASE("invariants are checked after every event and fail at the first violation") {
  const RunResult r = run(base(R"(timeline:
  - at: 20m
    do: disable_key
    provider: AWS
    for: 40m
invariants:
  - cluster: orders
    runState: RUNNING
  - kms: AWS
    enabled: true
)"));
  const ExpectationResult& broken = at_line(r, 17);
  CHECK_FALSE(broken.passed);
  CHECK(broken.at == sim::Time::zero() + sim::Duration::minutes(30));
  CHECK(at_line(r, 19).passed);
  // The undo of for: ran and succeeded.
  CHECK(at_line(r, 15).passed);
  CHECK(at_line(r, 15).at == sim::Time::zero() + sim::Duration::hours(1));
}

TEST_CASE("alerts are counted as they are raised, per project when asked") {
  const RunResult r = run(base(R"(timeline:
  - at: 20m
    do: disable_key
    provider: AWS
expect:
  - at: 29m
    alert: AWS_ENCRYPTION_KEY_INVALID
    count: 0
  - at: 30m
    alert: AWS_ENCRYPTION_KEY_INVALID
    project: shop
    count: 1
  - at: 4h
    alert: AWS_ENCRYPTION_KEY_INVALID
    at_most: 1
)"));
  CHECK(r.passed());
  CHECK(r.expectations.size() == 4);
}

TEST_CASE("endpoint labels follow the created id; gone endpoints are absent") {
  const std::string yaml = R"(cmksim: 1
name: t
horizon: 2h
settings:
  t_aws_prov: 3m
  t_delete: 2m
projects:
  - name: p
    kms:
      - {provider: AWS, requirePrivateNetworking: true}
timeline:
  - at: 0s
    do: create_endpoint
    provider: AWS
    region: US_EAST_1
    as: east
  - at: 10m
    do: delete_endpoint
    endpoint: east
expect:
  - at: 2m
    endpoint: east
    status: INITIATING
  - at: 5m
    endpoint: {region: US_EAST_1, provider: AWS}
    status: ACTIVE
  - at: 11m
    endpoint: east
    status: DELETING
  - at: 13m
    endpoint: east
    status: absent
)";
  const RunResult r = run(yaml);
  for (const ExpectationResult& e : r.expectations) CHECK_MESSAGE(e.passed, e.description << ": " << e.seen);
}

TEST_CASE("same seed twice: the identical Record stream; another seed: another draw") {
  const std::string yaml = base(R"(settings:
  restart_duration: {uniform: [1m, 20m]}
timeline:
  - at: {uniform: [10m, 50m]}
    do: restart_cluster
    cluster: orders
)");
  Recorder a, b, c;
  run(yaml, std::nullopt, &a);
  run(yaml, std::nullopt, &b);
  run(yaml, 99, &c);
  CHECK(scenario_test::dump(a.records) == scenario_test::dump(b.records));
  CHECK(a.fired.size() == b.fired.size());
  CHECK(scenario_test::dump(a.records) != scenario_test::dump(c.records));
  CHECK(run(yaml, 99).seed == 99);
  CHECK(run(yaml).seed == 1);
}

TEST_CASE("verdicts are Records of kind expectation") {
  Recorder rec;
  run(base("expect:\n  - at: 1h\n    cluster: orders\n    runState: PAUSED\n"), std::nullopt, &rec);
  auto it = std::find_if(rec.records.begin(), rec.records.end(), [](const sim::Record& r) { return r.kind == sim::RecordKind::expectation; });
  REQUIRE(it != rec.records.end());
  CHECK(it->at == sim::Time::zero() + sim::Duration::hours(1));
  CHECK(it->from == "runState=PAUSED");
  CHECK(it->to == "runState=RUNNING");
  CHECK(std::find(it->fields.begin(), it->fields.end(), std::pair<std::string, std::string>{"verdict", "failed"}) != it->fields.end());
}

TEST_CASE("a step's note: reaches the trace as a field of the step's verdict record") {
  Recorder rec;
  run(base(R"(timeline:
  - at: 1m
    do: read_write
    cluster: orders
    note: the on-call engineer checks the app
  - at: 2m
    do: read_write
    cluster: orders
)"), std::nullopt, &rec);
  std::vector<const sim::Record*> steps;
  for (const sim::Record& r : rec.records)
    if (r.kind == sim::RecordKind::expectation && r.entity == "operation/read_write") steps.push_back(&r);
  REQUIRE(steps.size() == 2);
  REQUIRE(steps[0]->field("note"));
  CHECK(*steps[0]->field("note") == "the on-call engineer checks the app");
  CHECK_FALSE(steps[1]->field("note"));
}

TEST_CASE("secrets never appear in any Record nor in the state") {
  const std::string yaml = R"(cmksim: 1
name: t
horizon: 3h
projects:
  - name: a
    kms:
      - provider: AZURE
        secret: Zx9-TOPSECRET-azure-secret
        secretExpiresIn: 1h
    clusters:
      - {name: c, provider: AZURE, cmk: AZURE}
  - name: b
    kms:
      - provider: AWS
        enabled: false
        accessKeyID: AKIA-TOPSECRET-ID
        secretAccessKey: TOPSECRET-aws-key
timeline:
  - at: 1h30m
    do: update_credentials
    project: a
    provider: AZURE
)";
  const Scenario s = parse(yaml, "t.yaml");
  Recorder rec;
  Run r(s);
  r.add_observer(&rec);
  const RunResult res = r.execute();
  CHECK(res.passed());
  const std::string all = scenario_test::dump(rec.records) + report::state_json(r.world()).dump();
  CHECK(all.find("TOPSECRET") == std::string::npos);
  CHECK(all.find("AKIA") == std::string::npos);
  CHECK(rec.records.size() > 10);
}

TEST_CASE("the event limit stops a run with a clear message") {
  const Scenario s = parse(base("", "30d"), "t.yaml");
  Run r(s);
  r.set_event_limit(500);
  try {
    r.execute();
    FAIL("no InputError");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("the limit is 500 events") != std::string::npos);
  }
}

// Issue 11 item 10; seed 002 §'Example Response': a KMS block never enabled, or erased by
// {enabled: false}, shows its text fields as null. --state writes JSON null (the key is there), and
// an expectation checks it with `null`; `absent` no longer matches such a field.
TEST_CASE("seed 002: unset KMS fields are JSON null in --state and `null` in expectations") {
  const std::string yaml = base(
      "timeline:\n  - {at: 10m, do: disable_cluster_cmk, cluster: orders}\n"
      "  - {at: 2h, do: patch_encryption_at_rest, provider: AWS, fields: {enabled: false}}\n"
      "expect:\n"
      "  - {at: 1h, kms: AWS, customerMasterKeyID: {not: null}, region: US_EAST_1}\n"
      "  - {at: 1h, kms: AZURE, keyVaultName: null, subscriptionID: ~, clientID: null, tenantID: ~}\n"
      "  - {at: 3h, kms: AWS, enabled: false, customerMasterKeyID: null, region: null}\n"
      "  - {at: 3h, kms: AWS, region: absent}\n");
  const Scenario s = parse(yaml, "t.yaml");
  Run r(s);
  const RunResult res = r.execute();
  // Every step and expectation holds but `region: absent`: null is a value, the field is there.
  std::size_t failed = 0;
  for (const ExpectationResult& e : res.expectations) {
    const bool absent = e.expected.find("absent") != std::string::npos;
    CHECK_MESSAGE(e.passed != absent, e.description);
    failed += !e.passed;
  }
  CHECK(failed == 1);
  const nlohmann::json ear = report::state_json(r.world())["projects"][0]["encryptionAtRest"];
  for (const char* block : {"awsKms", "azureKeyVault", "googleCloudKms"}) CHECK(ear[block]["enabled"] == false);
  for (const char* f : {"customerMasterKeyID", "region", "roleId"}) {
    REQUIRE_MESSAGE(ear["awsKms"].contains(f), f);
    CHECK_MESSAGE(ear["awsKms"][f].is_null(), f);
  }
  for (const char* f : {"azureEnvironment", "keyVaultName", "keyIdentifier", "resourceGroupName", "subscriptionID", "clientID", "tenantID"}) {
    REQUIRE_MESSAGE(ear["azureKeyVault"].contains(f), f);
    CHECK_MESSAGE(ear["azureKeyVault"][f].is_null(), f);
  }
  CHECK(ear["googleCloudKms"]["keyVersionResourceID"].is_null());
}
