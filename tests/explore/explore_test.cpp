// cmksim explore: a bundled scenario with a deliberately weak invariant is broken by a perturbation;
// explore finds it, shrinks it, writes repro.yaml, and running that file fails the same way.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "explore/explorer.h"
#include "explore/perturbation.h"
#include "sim/duration_text.h"
#include "explore_command.h"
#include "scenario/run.h"

namespace {

// `cmksim explore ARGS...` with its output kept out of the test log.
int explore_command(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  return cli::run_explore(args, out, err);
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// scenarios/kms-outage-restart.yaml states "an outage never disables a cluster that was not
// restarted" as `cluster matches runState: RUNNING` — weak: any restart of `matches` (a
// perturbation the real world supplies) breaks it.
const std::string kWeak = std::string(CMKSIM_SOURCE_DIR) + "/scenarios/kms-outage-restart.yaml";

}  // namespace

TEST_CASE("explore: the unperturbed bundled scenario passes; perturbed runs find the weak invariant") {
  explore::Explorer ex(kWeak, read(kWeak));
  CHECK(ex.run({}, 12).findings.empty());  // run 0 = the file as written
  explore::ExploreOptions o;
  o.runs = 200;
  o.seed = 3;
  const explore::ExploreResult r = ex.explore(o);
  REQUIRE(r.violation);
  CHECK(r.perturbations.size() >= 1);
  CHECK(r.perturbations.size() <= r.original_perturbations);
  CHECK(r.repro_verified);
  CHECK(r.repro_yaml.starts_with("# cmksim explore repro of"));
  CHECK(r.repro_yaml.find("# violated: ") != std::string::npos);
  MESSAGE("found in run " << r.runs_done << ": " << r.violation->message << "\n" << r.repro_yaml);
}

TEST_CASE("explore: same seed, same finding and same repro (determinism)") {
  explore::Explorer ex(kWeak, read(kWeak));
  explore::ExploreOptions o;
  o.runs = 200;
  o.seed = 3;
  const auto a = ex.explore(o);
  const auto b = ex.explore(o);
  REQUIRE(a.violation);
  REQUIRE(b.violation);
  CHECK(a.violation->key == b.violation->key);
  CHECK(a.repro_yaml == b.repro_yaml);
}

TEST_CASE("cmksim explore: exit 1 and repro.yaml; running repro.yaml fails with the same message") {
  const std::string out = (std::filesystem::temp_directory_path() / "cmksim-explore-test-repro.yaml").string();
  std::filesystem::remove(out);
  const int rc = explore_command({kWeak, "--runs", "200", "--seed", "3", "--out", out});
  REQUIRE(rc == 1);
  REQUIRE(std::filesystem::exists(out));
  const std::string text = read(out);
  // The violated invariant is named at the top.
  const auto first = text.substr(0, text.find('\n', text.find('\n') + 1));
  CHECK(first.find("# violated: ") != std::string::npos);

  // What `cmksim run repro.yaml` does: load, run, exit 1 when an expectation fails.
  const scenario::Scenario s = scenario::load_file(out);
  scenario::Run run(s);
  const scenario::RunResult r = run.execute();
  CHECK_FALSE(r.passed());
  // The same message: the failed expectation's description, expected and seen, as explore found it.
  explore::Explorer ex(kWeak, read(kWeak));
  explore::ExploreOptions o;
  o.runs = 200;
  o.seed = 3;
  const auto found = ex.explore(o);
  REQUIRE(found.violation);
  bool same = false;
  for (const auto& e : r.expectations)
    if (!e.passed && found.violation->message == e.description + ": expected " + e.expected + ", saw " + e.seen) same = true;
  CHECK_MESSAGE(same, "repro does not fail with: " << found.violation->message);
  std::filesystem::remove(out);
}

TEST_CASE("cmksim explore: bad input and usage throw what main turns into exit 2") {
  CHECK_THROWS_WITH_AS(explore_command({}), "no scenario FILE given", cli::UsageError);
  CHECK_THROWS_WITH_AS(explore_command({kWeak, kWeak}), "explore takes one scenario FILE", cli::UsageError);
  CHECK_THROWS_AS(explore_command({kWeak, "--runs", "0"}), cli::UsageError);
  CHECK_THROWS_WITH_AS(explore_command({kWeak, "--max-perturbations", "21"}),
                       "--runs must be at least 1 and --max-perturbations within 1..20", cli::UsageError);
  CHECK_THROWS_AS(explore_command({kWeak, "--bogus"}), cli::UsageError);
  CHECK_THROWS_AS(explore_command({std::string(CMKSIM_SOURCE_DIR) + "/does-not-exist.yaml"}), scenario::InputError);
  CHECK(explore_command({"--help"}) == 0);
  CHECK(explore_command({kWeak, "--out", "/no/such/dir/repro.yaml"}) == 2);
}

TEST_CASE("explore delays reactions and runbook steps: their after: grows, and the perturbed text is a valid scenario") {
  const std::string yaml = R"(cmksim: 1
name: react
seed: 1
horizon: 4h
projects:
  - name: shop
    kms:
      - provider: AWS
    clusters:
      - {name: orders, cmk: AWS}
timeline:
  - on: {alert: AWS_ENCRYPTION_KEY_INVALID}
    after: 5m
    do: enable_key
    provider: AWS
  - on: {operation: enable_key}
    do: try_again
    id: again
responders:
  - name: oncall
    acknowledge: 10m
    runbooks:
      - on: {alert: AWS_ENCRYPTION_KEY_INVALID}
        steps:
          - {after: 3m, do: get_encryption_at_rest}
)";
  const scenario::Scenario s = scenario::parse(yaml, "react.yaml");
  sim::Random rng(7);
  bool delayed = false, runbook = false;
  for (int i = 0; i < 100 && !(delayed && runbook); ++i)
    for (const explore::Perturbation& p : explore::draw_perturbations(s, rng)) {
      if (p.kind != explore::Perturbation::Kind::step_delay) continue;
      const YAML::Node doc = explore::apply(YAML::Load(yaml), {p}, 1);
      const YAML::Node step = p.runbook ? doc["responders"][0]["runbooks"][0]["steps"][p.step] : doc["timeline"][p.step];
      const sim::Duration after = sim::parse_duration(step["after"].as<std::string>());
      const sim::Duration written = p.runbook ? sim::Duration::minutes(3) : p.step == 0 ? sim::Duration::minutes(5) : sim::Duration();
      CHECK(after == written + p.length);
      runbook = runbook || p.runbook.has_value();
      CHECK_FALSE(step["at"]);  // still a reaction
      YAML::Emitter e;
      e << doc;
      CHECK_NOTHROW((void)scenario::parse(e.c_str(), "perturbed.yaml"));
      delayed = true;
    }
  CHECK(delayed);
  CHECK(runbook);  // a responder's runbook step is delayed too
}
