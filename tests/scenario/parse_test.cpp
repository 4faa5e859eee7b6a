// The parser: every part of the format read into the structs, with defaults and secrets dropped.
#include <doctest/doctest.h>

#include <variant>

#include "scenario/run.h"
#include "scenario/secrets.h"
#include "test_util.h"

using namespace scenario;
using scenario_test::base;

TEST_CASE("a minimal scenario takes the model's defaults") {
  const Scenario s = parse(base(), "t.yaml");
  CHECK(s.name == "t");
  CHECK(s.seed == 1);
  CHECK(s.horizon == sim::Duration::hours(4));
  REQUIRE(s.projects.size() == 1);
  CHECK(s.projects[0].clusters[0].encryptionAtRestProvider == models::Provider::AWS);
  CHECK(s.projects[0].clusters[0].regions.size() == 1);
  CHECK(s.settings.validation_interval == models::Settings{}.validation_interval);
  CHECK(s.settings.get_text("recreation_mode") == models::Settings{}.get_text("recreation_mode"));
}

TEST_CASE("durations and distributions in YAML") {
  const Scenario s = parse(base() + R"(settings:
  validation_interval: 5m
  restart_duration: {uniform: [1m, 3m]}
  initial_sync: {exponential: 4m}
  t_aws_prov: {lognormal: {median: 5m, p99: 27m}, cap: 30m}
  recreation_mode: same_record
  endpoint_fail_prob: 0.25
)", "t.yaml");
  CHECK(s.settings.validation_interval == sim::Duration::minutes(5));
  const auto* u = std::get_if<sim::Uniform>(&s.settings.restart_duration.shape());
  REQUIRE(u);
  CHECK(u->low == sim::Duration::minutes(1));
  CHECK(u->high == sim::Duration::minutes(3));
  const auto* e = std::get_if<sim::Exponential>(&s.settings.initial_sync.shape());
  REQUIRE(e);
  CHECK(e->mean == sim::Duration::minutes(4));
  const auto* l = std::get_if<sim::LogNormal>(&s.settings.t_aws_prov.shape());
  REQUIRE(l);
  CHECK(l->median == sim::Duration::minutes(5));
  CHECK(l->p99 == sim::Duration::minutes(27));
  CHECK(s.settings.t_aws_prov.cap() == sim::Duration::minutes(30));
  CHECK(s.settings.recreation_mode == models::RecreationMode::same_record);
  CHECK(s.settings.endpoint_fail_prob == doctest::Approx(0.25));
  CHECK(s.settings_given.size() == 6);
}

TEST_CASE("timeline: at, relative after, distributions, params, labels, for") {
  const Scenario s = parse(base(R"(timeline:
  - at: 2h15m
    do: disable_key
    provider: AWS
    for: {uniform: [10m, 20m]}
  - after: 5m
    do: resize_cluster
    cluster: orders
    tier: M40
  - at: {uniform: [3h, 3h30m]}
    do: pause_cluster
    project: shop
    cluster: orders
    expect_error: CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER
)"), "t.yaml");
  REQUIRE(s.steps.size() == 3);
  CHECK_FALSE(s.steps[0].relative);
  CHECK(std::get<sim::Fixed>(s.steps[0].time.shape()).value == sim::Duration::minutes(135));
  CHECK(s.steps[0].request.project == "shop");  // the only project filled in
  CHECK(s.steps[0].request.provider == models::Provider::AWS);
  CHECK(s.steps[0].action->undo == "enable_key");
  REQUIRE(s.steps[0].for_);
  CHECK(s.steps[1].relative);
  CHECK(*s.steps[1].request.param<std::string>("tier") == "M40");
  CHECK(s.steps[1].where.line == 16);
  CHECK(s.steps[2].answer.refused);
  CHECK(s.steps[2].answer.code == "CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER");
  CHECK(std::holds_alternative<sim::Uniform>(s.steps[2].time.shape()));
}

TEST_CASE("expectations: at, within, targets, operators; invariants") {
  const Scenario s = parse(base(R"(expect:
  - at: 1h
    cluster: orders
    runState: {in: [RUNNING, UPDATING]}
    paused: false
  - within: [5m, 20m]
    kms: AWS
    valid: {not: true}
  - at: 2h
    alert: AWS_ENCRYPTION_KEY_INVALID
    at_least: 1
invariants:
  - name: never paused
    cluster: orders
    paused: false
)"), "t.yaml");
  REQUIRE(s.expectations.size() == 3);
  const Expectation& a = s.expectations[0];
  CHECK(a.when == Expectation::When::at);
  CHECK(a.at == sim::Time::zero() + sim::Duration::hours(1));
  CHECK(a.target.kind == Target::Kind::cluster);
  CHECK(a.target.project == "shop");
  REQUIRE(a.checks.size() == 2);
  CHECK(a.checks[0].op == FieldCheck::Op::one_of);
  CHECK(a.checks[0].values == std::vector<std::string>{"RUNNING", "UPDATING"});
  CHECK(s.expectations[1].when == Expectation::When::within);
  CHECK(s.expectations[1].from == sim::Time::zero() + sim::Duration::minutes(5));
  CHECK(s.expectations[1].to == sim::Time::zero() + sim::Duration::minutes(20));
  CHECK(s.expectations[1].checks[0].op == FieldCheck::Op::not_equals);
  CHECK(s.expectations[2].target.kind == Target::Kind::alert);
  CHECK(s.expectations[2].checks[0].op == FieldCheck::Op::at_least);
  REQUIRE(s.invariants.size() == 1);
  CHECK(s.invariants[0].when == Expectation::When::always);
  CHECK(s.invariants[0].name == "never paused");
}

TEST_CASE("secrets are parsed and dropped: only the fact is kept") {
  const Scenario s = parse(R"(cmksim: 1
name: t
horizon: 1h
projects:
  - name: a
    kms:
      - provider: AZURE
        secret: TOPSECRET-azure
  - name: b
    kms:
      - provider: AWS
        accessKeyID: AKIATOPSECRET
        secretAccessKey: TOPSECRET-aws
)", "t.yaml");
  CHECK(s.projects[0].kms[0].secretGiven);
  CHECK(s.projects[1].kms[0].accessKeyAuth);
  // Nothing in the structs holds the text: the only strings kept are names, regions, key ids.
  for (const ProjectSpec& p : s.projects)
    for (const KmsSpec& k : p.kms) {
      CHECK(k.keyId.find("TOPSECRET") == std::string::npos);
      CHECK(k.region.find("TOPSECRET") == std::string::npos);
    }
}

TEST_CASE("errors carry file, line, column and one message") {
  try {
    parse("cmksim: 1\nname: t\nhorizon: 1h\nsettings:\n  t_reflect: 3x\n", "f.yaml");
    FAIL("no InputError");
  } catch (const InputError& e) {
    CHECK(e.where().file == "f.yaml");
    CHECK(e.where().line == 5);
    CHECK(e.where().column == 15);  // the 'x', inside the value
    CHECK(std::string(e.what()).rfind("f.yaml:5:15: t_reflect must be a duration", 0) == 0);
    CHECK(std::string(e.what()).find('\n') == std::string::npos);
  }
}

TEST_CASE("cmk: true takes the project's only enabled provider") {
  const Scenario s = parse(R"(cmksim: 1
name: t
horizon: 1h
projects:
  - name: a
    kms:
      - provider: GCP
    clusters:
      - {name: c, cmk: true}
)", "t.yaml");
  CHECK(s.projects[0].clusters[0].encryptionAtRestProvider == models::Provider::GCP);
}

TEST_CASE("credential shapes are hidden in messages; names and durations are not") {
  for (const char* secret : {"AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                             "Azr8Q~hunter2hunter2hunter2hunter2hunt", "x9Fq2LmZ8rT4vB7nK1wP5sD3hJ6g"}) {
    CAPTURE(secret);
    CHECK(looks_like_secret(secret));
    CHECK(hide_secret_shapes(fmt::format("found '{}...'", secret)) == "found '<secret-like text hidden>...'");
  }
  for (const char* ordinary : {"AzureKeyVaultPrivateEndpointCluster01", "orders-cluster-production-2024", "AKIA",
                               "ENCRYPTION_AT_REST_PRIVATE_ENDPOINT_CREATED", "106751991167d", "scenarios/what-if/detection-latency.yaml",
                               "0123456789abcdef0123456789abcdef01234567"}) {
    CAPTURE(ordinary);
    CHECK_FALSE(looks_like_secret(ordinary));
  }
  try {
    parse(base() + "AKIAIOSFODNN7EXAMPLE: 1\n", "t.yaml");
    FAIL("expected InputError");
  } catch (const InputError& x) {
    CHECK(std::string(x.what()).find("unknown key '<secret-like text hidden>'") != std::string::npos);
  }
  const InputError e(SourceLocation{"t.yaml", 3, 5}, "unknown key 'AKIAIOSFODNN7EXAMPLE'");
  CHECK(std::string(e.what()) == "t.yaml:3:5: unknown key '<secret-like text hidden>'");
  CHECK(e.message() == "unknown key '<secret-like text hidden>'");
}
