// Fast-forward changes nothing but the kernel's work (issue 14 item 2): generated lifecycles and
// generated fleets, each run without and with World::set_fast_forward, give byte-identical
// records (every field, in order), final state (report::state_json), counters (events fired,
// scheduled checks, validations) and, for lifecycles, the built-in invariants' findings.
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <rapidcheck.h>

#include "lifecycle.h"
#include "models/world.h"
#include "rc_doctest.h"
#include "report/state_json.h"
#include "sim/simulation.h"

namespace {

// Every record, one line each, with every field.
struct RecordText : sim::Observer {
  std::string text;
  void on_record(const sim::Record& r) override {
    text += fmt::format("{} {} {} [{}] {}->{} {} {} {}", r.at.ms(), sim::record_kind_name(r.kind), r.entity, r.machine, r.from,
                        r.to, r.row, r.cause, r.subject.index);
    for (const auto& [k, v] : r.fields) text += fmt::format(" {}={}", k, v);
    text += '\n';
  }
};

// What both modes must agree on once the run stopped: state and counters (skipped ticks credited).
std::string final_text(models::World& world, const sim::Simulation& sim) {
  world.account_elided_ticks();
  std::string out = fmt::format("now={} fired={} validations={}\n", sim.now().ms(), sim.fired_count(), world.validations_run());
  for (const models::Project& p : world.projects()) out += fmt::format("{} scheduledChecks={}\n", p.name, p.scheduledChecks);
  return out + report::state_json(world).dump(1) + '\n';
}

// Reports the first differing line, so a failure names the record that moved.
void require_same(const std::string& naive, const std::string& fast) {
  if (naive == fast) return;
  std::istringstream a(naive), b(fast);
  std::string la, lb;
  for (int line = 1;; ++line) {
    const bool ga = static_cast<bool>(std::getline(a, la)), gb = static_cast<bool>(std::getline(b, lb));
    if (!ga && !gb) break;
    if (!ga || !gb || la != lb) RC_FAIL(fmt::format("line {} differs:\n  without fast-forward: {}\n  with fast-forward:    {}", line, ga ? la : "<end>", gb ? lb : "<end>"));
  }
}

// ---- generated fleets: several projects, phases that share instants (and exceed the interval),
// projects created mid-run, and faults and user actions through World::perform ----

struct Incident {
  std::int64_t atMin;  // minutes from time zero (multiples of 5: on tick instants often)
  int project;
  int action;
};

struct Fleet {
  std::uint64_t seed = 0;
  std::vector<std::int64_t> phaseMin;    // per project
  std::vector<std::int64_t> createdMin;  // per project: 0 at setup, else added by an event then
  std::vector<std::int64_t> keyAgeDays;  // rotation alerts come due during the run
  std::vector<Incident> incidents;
};

// name, parameter (or none); the project's provider is added. Pairs undo each other.
struct FleetAction {
  const char* name;
  const char* param;
  models::ParamValue value;
};
const std::vector<FleetAction>& fleet_actions() {
  static const std::vector<FleetAction> a = {
      {"disable_key", nullptr, {}},           {"enable_key", nullptr, {}},
      {"revoke_key_access", nullptr, {}},     {"grant_key_access", nullptr, {}},
      {"expire_credentials", nullptr, {}},    {"fix_credentials", nullptr, {}},
      {"kms_outage_start", nullptr, {}},      {"kms_outage_end", nullptr, {}},
      {"get_encryption_at_rest", nullptr, {}}, {"set_rotation_alert_threshold", "days", std::int64_t{95}},
      {"set_key_expiry", "expires_in_hours", std::int64_t{30}}, {"set_rotation_alert_threshold", "days", std::int64_t{0}},
      {"try_again", nullptr, {}},             {"create_endpoint", "region", std::string("US_EAST_1")},
      {"pause_cluster", nullptr, {}},         {"resume_cluster", nullptr, {}},
      {"restart_cluster", nullptr, {}},       {"set_require_private_networking", "value", true},
  };
  return a;
}

rc::Gen<Fleet> fleet_gen() {
  return rc::gen::exec([] {
    Fleet f;
    f.seed = *rc::gen::arbitrary<std::uint32_t>();
    const int n = *rc::gen::inRange(2, 6);
    for (int i = 0; i < n; ++i) {
      f.phaseMin.push_back(*rc::gen::element<std::int64_t>(0, 0, 5, 10, 15, 20, 35));  // 15, 20, 35 >= the interval
      f.createdMin.push_back(i == 0 ? 0 : *rc::gen::element<std::int64_t>(0, 0, 0, 10, 25, 600));
      f.keyAgeDays.push_back(*rc::gen::inRange<std::int64_t>(80, 92));
    }
    const int k = *rc::gen::inRange(0, 40);
    const int actions = static_cast<int>(fleet_actions().size());
    for (int i = 0; i < k; ++i)
      f.incidents.push_back({5 * *rc::gen::inRange<std::int64_t>(0, 12 * 24 * 12), *rc::gen::inRange(0, n), *rc::gen::inRange(0, actions)});
    return f;
  });
}

void add_fleet_project(models::World& world, const Fleet& f, int i) {
  const bool azure = i % 2 == 1;
  models::ProjectSetup ps;
  ps.name = fmt::format("p{}", i);
  ps.validationPhase = sim::Duration::minutes(f.phaseMin[i]);
  models::KmsSetup k;
  k.provider = azure ? models::Provider::AZURE : models::Provider::AWS;
  k.region = azure ? "US_EAST_2" : "US_EAST_1";
  k.keyAge = sim::Duration::days(f.keyAgeDays[i]);
  if (azure) k.secretExpiresIn = sim::Duration::days(3 + i);
  ps.kms.push_back(k);
  world.add_project(ps);
  for (int c = 0; c < 2; ++c) {
    models::ClusterSetup cs;
    cs.project = ps.name;
    cs.name = fmt::format("c{}", c);
    cs.encryptionAtRestProvider = c == 0 ? k.provider : models::Provider::NONE;
    cs.regions.push_back({k.region, k.provider, 3});
    world.add_cluster(cs);
  }
}

void perform_incident(models::World& world, const Incident& x) {
  const std::string project = fmt::format("p{}", x.project);
  if (!world.find_project(project)) return;  // not created yet
  const FleetAction& a = fleet_actions()[static_cast<std::size_t>(x.action)];
  models::ActionRequest rq;
  rq.name = a.name;
  rq.project = project;
  const bool azure = x.project % 2 == 1;
  rq.provider = azure ? models::Provider::AZURE : models::Provider::AWS;
  if (std::string_view(a.name).find("cluster") != std::string_view::npos) {
    rq.cluster = "c0";
    rq.provider.reset();
  }
  if (a.param) {
    if (std::string_view(a.param) == "region") rq.region = azure ? "US_EAST_2" : "US_EAST_1";
    else rq.params.emplace(a.param, a.value);
  }
  try {
    (void)world.perform(rq);
  } catch (const models::ActionError&) {  // a request this world cannot take: the same both ways
  }
}

std::string run_fleet(const Fleet& f, bool fastForward) {
  sim::Simulation sim(f.seed);
  models::Settings settings;
  models::World world(sim, settings);
  world.set_fast_forward(fastForward);
  RecordText rec;
  sim.add_observer(&rec);
  for (int i = 0; i < static_cast<int>(f.phaseMin.size()); ++i) {
    if (f.createdMin[i] == 0) add_fleet_project(world, f, i);
    else sim.schedule_at(sim::Time::zero() + sim::Duration::minutes(f.createdMin[i]), [&world, &f, i] { add_fleet_project(world, f, i); });
  }
  for (const Incident& x : f.incidents)
    sim.schedule_at(sim::Time::zero() + sim::Duration::minutes(x.atMin), [&world, x] { perform_incident(world, x); });
  sim.run_until(sim::Time::zero() + sim::Duration::days(13));
  std::string out = rec.text + final_text(world, sim);
  sim.remove_observer(&rec);
  return out;
}

}  // namespace

namespace lifecycle {

void fast_forward_lifecycle_property() {
  const Model m0 = *initial_model();
  const auto cmds = *rc::state::gen::commands(m0, &command_for);
  std::string out[2];
  for (int ff = 0; ff < 2; ++ff) {
    sim::TransitionCoverage ignored;
    Sut sut(m0, ignored, ff == 1);
    RecordText rec;
    sut.sim.add_observer(&rec);
    rc::state::runAll(cmds, m0, sut);
    out[ff] = rec.text + final_text(sut.world, sut.sim);
    // the built-in invariants' findings too (explore runs with fast-forward)
    sut.checker.finish(sut.sim.now());
    out[ff] += fmt::format("trace hash {}\n", sut.hash.value());
    for (const explore::Violation& v : sut.checker.violations()) out[ff] += fmt::format("{} {} {}\n", v.invariant, v.at.ms(), v.message);
    sut.sim.remove_observer(&rec);
  }
  require_same(out[0], out[1]);
}

}  // namespace lifecycle

TEST_CASE("property: fast-forward gives byte-identical records, final state and counters over generated lifecycles") {
  rc_doctest::check("fast-forward lifecycles", [] { lifecycle::fast_forward_lifecycle_property(); }, CMKSIM_PROPERTY_CASES / 5);
}

TEST_CASE("property: fast-forward gives byte-identical records, final state and counters over generated fleets") {
  rc_doctest::check("fast-forward fleets", [] {
    const Fleet f = *fleet_gen();
    require_same(run_fleet(f, false), run_fleet(f, true));
  }, CMKSIM_PROPERTY_CASES / 25);
}

TEST_CASE("fast-forward skips idle ticks: a quiet fleet fires few kernel events, counts the naive number") {
  Fleet f;
  f.seed = 7;
  f.phaseMin = {0, 5, 5};
  f.createdMin = {0, 0, 0};
  f.keyAgeDays = {0, 0, 0};
  const std::string naive = run_fleet(f, false);
  CHECK(naive == run_fleet(f, true));
  sim::Simulation sim(1);
  models::World world(sim);
  world.set_fast_forward(true);
  add_fleet_project(world, f, 0);
  sim.run_until(sim::Time::zero() + sim::Duration::days(1));
  world.account_elided_ticks();
  CHECK(world.project(0).scheduledChecks == 4 * 24 + 1);  // 0:00 .. 24:00, both ends included
  CHECK(sim.fired_count() - world.ticks_elided() < 10);  // the first tick, one more, master-key clock
}
