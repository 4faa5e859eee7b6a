// Fleets (FORMAT.md "Fleets"): templates expanded into projects, incident processes and their
// targets, determinism per seed, the limits, and the fleet report over a run.
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "report/fleet_rollup.h"
#include "scenario/fleet_parse.h"
#include "scenario/incidents.h"
#include "scenario/limits.h"
#include "scenario/run.h"
#include "test_util.h"

using namespace scenario;
using scenario_test::Recorder;

namespace {

std::string fleet(const std::string& templates, const std::string& incidents = "", const std::string& horizon = "2d") {
  std::string y = "cmksim: 1\nname: f\nseed: 3\nhorizon: " + horizon + "\nfleet:\n  projects:\n" + templates;
  if (!incidents.empty()) y += "  incidents:\n" + incidents;
  return y;
}

const std::string kMix =
    "    - name: \"team-{i:02}\"\n      count: 6\n      providers: {AWS: 2, AZURE: 1}\n"
    "      regions: {AWS: [US_EAST_1, EU_WEST_1], AZURE: US_EAST_2}\n      privateNetworking: true\n"
    "      clusters: {count: 3, name: \"db-{i}\", tier: {M10: 2, M30: 1}}\n";

const ProjectSpec& project(const Scenario& s, const std::string& name) {
  for (const ProjectSpec& p : s.projects)
    if (p.name == name) return p;
  FAIL("no project " << name);
  return s.projects.front();
}

// Time each cluster of `project` entered DISABLED_EAR, from the run's transitions.
std::size_t shutdowns(const std::vector<sim::Record>& records, const std::string& project) {
  return static_cast<std::size_t>(std::count_if(records.begin(), records.end(), [&](const sim::Record& r) {
    return r.kind == sim::RecordKind::transition && r.entity.starts_with("cluster/" + project + "/") && r.to == "DISABLED_EAR";
  }));
}

}  // namespace

TEST_CASE("expand_name puts the index in, zero padded when asked") {
  CHECK(detail::expand_name("team-{i}", 7) == "team-7");
  CHECK(detail::expand_name("team-{i:03}", 7) == "team-007");
  CHECK(detail::expand_name("team-{i:02}-x", 123) == "team-123-x");
  CHECK(detail::expand_name("solo", 0) == "solo");
}

TEST_CASE("a template expands into projects, providers and regions by index, tiers by weight") {
  const Scenario s = parse(fleet(kMix), "f.yaml");
  REQUIRE(s.projects.size() == 6);
  const std::vector<std::pair<std::string, std::string>> want = {{"AWS", "US_EAST_1"}, {"AZURE", "US_EAST_2"}, {"AWS", "EU_WEST_1"},
                                                                 {"AWS", "US_EAST_1"}, {"AZURE", "US_EAST_2"}, {"AWS", "EU_WEST_1"}};
  for (std::size_t i = 0; i < 6; ++i) {
    const ProjectSpec& p = s.projects[i];
    CAPTURE(i);
    CHECK(p.name == fmt::format("team-{:02}", i));
    REQUIRE(p.kms.size() == 1);
    CHECK(models::provider_name(p.kms[0].provider) == want[i].first);
    CHECK(p.kms[0].region == want[i].second);
    CHECK(p.kms[0].requirePrivateNetworking);
    REQUIRE(p.clusters.size() == 3);
    CHECK(p.clusters[0].name == "db-0");
    CHECK(p.clusters[0].tier == "M10");
    CHECK(p.clusters[1].tier == "M30");
    CHECK(p.clusters[2].tier == "M10");
    CHECK(p.clusters[0].encryptionAtRestProvider == p.kms[0].provider);
    CHECK(p.clusters[0].regions.at(0).regionName == want[i].second);
    REQUIRE(p.endpoints.size() == 1);  // one per region, private networking on
    CHECK(p.endpoints[0].region == want[i].second);
  }
}

TEST_CASE("GCP projects of a private-networking template get no endpoint and no requirePrivateNetworking") {
  const Scenario s = parse(fleet("    - {name: \"g{i}\", count: 2, providers: GCP, privateNetworking: true}\n"), "f.yaml");
  REQUIRE(s.projects.size() == 2);
  CHECK(s.projects[0].kms[0].region == "CENTRAL_US");
  CHECK_FALSE(s.projects[0].kms[0].requirePrivateNetworking);
  CHECK(s.projects[0].endpoints.empty());
  CHECK(s.projects[0].clusters.size() == 1);  // the default: one cluster
}

TEST_CASE("generated projects sit beside written ones, and steps and expectations name them") {
  const std::string y = fleet(kMix) +
                        "projects:\n  - name: solo\n    kms: [{provider: AWS}]\n"
                        "timeline:\n  - {at: 1h, do: disable_key, project: team-03, provider: AWS}\n"
                        "expect:\n  - {at: 2h, project: team-03, cluster: db-1, runState: DISABLED_EAR}\n";
  const Scenario s = parse(y, "f.yaml");
  CHECK(s.projects.size() == 7);
  CHECK(project(s, "solo").name == "solo");
  Run r(s);
  CHECK(r.execute().passed());
}

TEST_CASE("a generated name that a written project already has is a duplicate") {
  const std::string y = fleet(kMix) + "projects:\n  - name: team-02\n";
  CHECK_THROWS_WITH_AS(parse(y, "f.yaml"), doctest::Contains("duplicate project name 'team-02'"), InputError);
}

TEST_CASE("share targets are chosen from the seed; region targets take every project keyed there") {
  const Scenario s = parse(fleet(kMix), "f.yaml");
  IncidentSpec x;
  x.name = "x";
  x.kind = IncidentKind::key_disabled;
  x.target.kind = IncidentTarget::Kind::share;
  x.target.percent = 50;
  const auto a = incident_processes(x, s.projects, 1), b = incident_processes(x, s.projects, 1);
  REQUIRE(a.size() == 3);
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i][0].project == b[i][0].project);
  std::set<std::string> seen;
  for (std::uint64_t seed = 0; seed < 20; ++seed)
    for (const auto& hits : incident_processes(x, s.projects, seed)) seen.insert(hits[0].project);
  CHECK(seen.size() == 6);  // every project is picked by some seed
  x.target.kind = IncidentTarget::Kind::region;
  x.target.region = "US_EAST_1";
  x.target.cloud = models::Provider::AWS;
  const auto region = incident_processes(x, s.projects, 1);
  REQUIRE(region.size() == 1);  // one process, correlated
  REQUIRE(region[0].size() == 2);
  CHECK(region[0][0].project == "team-00");
  CHECK(region[0][1].project == "team-03");
  x.kind = IncidentKind::secret_expiry;  // Azure only
  x.target.kind = IncidentTarget::Kind::share;
  x.target.percent = 100;
  const auto azure = incident_processes(x, s.projects, 1);
  REQUIRE(azure.size() == 2);
  CHECK(azure[0][0].project == "team-01");
}

TEST_CASE("a regional KMS outage hits every project keyed there at once and shuts nothing down (seed 003)") {
  const std::string y = fleet(kMix, "    - {name: down, kind: kms_outage, target: {region: US_EAST_1, provider: AWS}, every: 6h, duration: 3h}\n",
                              "1d");
  Recorder rec;
  const Scenario s = parse(y, "f.yaml");
  Run r(s);
  r.add_observer(&rec);
  CHECK(r.execute().passed());
  std::size_t starts = 0;
  std::map<std::string, std::size_t> denied;
  for (const sim::Record& rc : rec.records) {
    if (rc.entity == "incident/down" && rc.field("phase") && *rc.field("phase") == "start") {
      ++starts;
      CHECK(*rc.field("projects") == "2");
    }
    if (rc.kind == sim::RecordKind::alert && *rc.field("eventTypeName") == "ENCRYPTION_AT_REST_KMS_NETWORK_ACCESS_DENIED")
      denied[rc.entity.substr(0, rc.entity.find('/', 8))]++;
    if (rc.kind == sim::RecordKind::operation && rc.field("client")) CHECK(*rc.field("client") == "incident/down");
  }
  CHECK(starts == 3);  // at 6h, 15h and 24h (every from each end)
  CHECK(denied.size() == 2);
  CHECK(denied.contains("project/team-00"));
  CHECK(denied.contains("project/team-03"));
  for (const std::string p : {"team-00", "team-01", "team-02", "team-03"}) CHECK(shutdowns(rec.records, p) == 0);
}

TEST_CASE("a key disabled by mistake shuts the project down at the next check and restarts it after the duration") {
  const std::string y = fleet(kMix, "    - {name: oops, kind: key_disabled, target: {project: team-02}, every: 1h, duration: 2h}\n", "5h");
  Recorder rec;
  const Scenario s = parse(y, "f.yaml");
  Run r(s);
  r.add_observer(&rec);
  r.execute();
  CHECK(shutdowns(rec.records, "team-02") == 6);  // its three clusters, after the disables at 1h and at 4h (3h + every 1h)
  CHECK(shutdowns(rec.records, "team-00") == 0);
  const auto ops = std::count_if(rec.records.begin(), rec.records.end(), [](const sim::Record& x) {
    return x.kind == sim::RecordKind::operation && (x.entity.find("team-02") != std::string::npos);
  });
  CHECK(ops >= 3);  // disable_key at 1h, enable_key at 3h, disable_key at 4h (its end at 6h is past the horizon)
}

TEST_CASE("incidents are the same for a seed, differ between seeds, and move no other draw") {
  const std::string inc = "    - {name: r, kind: cluster_restart, target: all, every: {exponential: 3h}}\n";
  auto trace = [&](const std::string& y, std::uint64_t seed) {
    Recorder rec;
    const Scenario s = parse(y, "f.yaml");
    Run r(s, seed);
    r.add_observer(&rec);
    r.execute();
    return scenario_test::dump(rec.records);
  };
  CHECK(trace(fleet(kMix, inc), 1) == trace(fleet(kMix, inc), 1));
  CHECK(trace(fleet(kMix, inc), 1) != trace(fleet(kMix, inc), 2));
  // The model's own draws (here the restart durations after a key comes back, setting
  // restart_duration) are the same with and without an incident drawing beside them.
  const std::string two = "    - {name: \"p{i}\", count: 2, clusters: {count: 4}}\n";
  const std::string steps = "timeline:\n  - {at: 1h, do: disable_key, project: p0, provider: AWS, for: 1h}\n";
  const Scenario a = parse(fleet(two) + steps, "f.yaml");
  const Scenario b = parse(fleet(two, "    - {name: o, kind: kms_outage, target: {project: p1}, every: {exponential: 30m}, duration: 10m}\n") + steps,
                           "f.yaml");
  auto restarts = [](const Scenario& s) {
    Recorder rec;
    Run r(s, 9);
    r.add_observer(&rec);
    r.execute();
    std::vector<std::int64_t> t;
    for (const sim::Record& x : rec.records)
      if (x.kind == sim::RecordKind::transition && x.entity.starts_with("cluster/p0/") && x.to == "RUNNING") t.push_back(x.at.ms());
    return t;
  };
  const std::vector<std::int64_t> ta = restarts(a);
  CHECK(ta.size() == 4);
  CHECK(ta == restarts(b));
}

TEST_CASE("fleet limits: at the limit accepted, past it refused at the template") {
  const Scenario at = parse(fleet(fmt::format("    - {{name: \"t{{i}}\", count: {}, clusters: {{count: 10, name: \"c{{i}}\", cmk: false}}}}\n",
                                              limits::kMaxFleetProjects)),
                            "f.yaml");
  CHECK(at.projects.size() == limits::kMaxFleetProjects);
  try {
    parse(fleet(fmt::format("    - {{name: \"t{{i}}\", count: {}}}\n    - {{name: x, count: 1}}\n", limits::kMaxFleetProjects)), "f.yaml");
    FAIL("accepted");
  } catch (const InputError& e) {
    CHECK(e.where().line == 8);
    CHECK(std::string(e.what()).find("the fleet makes 10001 projects; the limit is 10000") != std::string::npos);
  }
  std::string incidents;
  for (std::size_t i = 0; i < limits::kMaxIncidents; ++i) incidents += fmt::format("    - {{name: r{}, kind: maintenance, every: 1d}}\n", i);
  CHECK(parse(fleet("    - {name: \"t{i}\", count: 2}\n", incidents), "f.yaml").incidents.size() == limits::kMaxIncidents);
  incidents += "    - {name: last, kind: maintenance, every: 1d}\n";
  CHECK_THROWS_WITH_AS(parse(fleet("    - {name: \"t{i}\", count: 2}\n", incidents), "f.yaml"), doctest::Contains("incidents"), InputError);
}

TEST_CASE("the fleet report adds shutdowns, disabled cluster-minutes and alerts up per project and region") {
  const std::string y = fleet(kMix, "    - {name: oops, kind: key_disabled, target: {project: team-02}, every: 1h, duration: 2h}\n", "5h");
  const Scenario s = parse(y, "f.yaml");
  Run r(s);
  report::FleetRollup rollup(r.world());
  r.add_observer(&rollup);
  const RunResult res = r.execute();
  rollup.finish(res.end);
  const auto j = rollup.json();
  CHECK(j["projects"] == 6);
  CHECK(j["clusters"] == 18);
  CHECK(j["shutdowns"] == 6);
  CHECK(j["worst_projects"][0]["project"] == "team-02");
  CHECK(j["worst_projects"][0]["region"] == "AWS EU_WEST_1");
  const double minutes = j["worst_projects"][0]["disabled_cluster_minutes"];
  // Three clusters, from the check after 1h to the restart after 3h, and from the check after 4h
  // to the end (5h): about 2h + 1h each.
  CHECK(minutes > 3 * 150.0);
  CHECK(minutes < 3 * 200.0);
  CHECK(j["regions"].size() == 3);
  CHECK(j["incidents"][0]["starts"] == 2);
  CHECK(j["incidents"][0]["ends"] == 1);
  std::ostringstream text;
  rollup.write_text(text);
  CHECK(text.str().find("fleet: 6 projects, 18 clusters; 6 shutdowns") == 0);
  CHECK(text.str().find("team-02                AWS EU_WEST_1") != std::string::npos);
}
