// Reporters on a small hand-built world: an AWS project with a CMK cluster and an ACTIVE endpoint
// whose key is disabled at 1 min; the 15-minute validation shuts the cluster down.
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "models/world.h"
#include "report/chrome_trace.h"
#include "report/jsonl.h"
#include "report/timeline.h"
#include "report/trace.h"
#include "report/world_states.h"
#include "sim/simulation.h"

namespace {

struct SmallWorld {
  sim::Simulation sim;
  report::TraceRecorder recorder;
  std::unique_ptr<models::World> world;

  explicit SmallWorld(std::uint64_t seed) : sim(seed) {
    sim.add_observer(&recorder);
    world = std::make_unique<models::World>(sim);
    models::ProjectSetup p;
    p.name = "prod";
    models::KmsSetup k;
    k.provider = models::Provider::AWS;
    k.requirePrivateNetworking = true;  // endpoints need it
    p.kms.push_back(k);
    world->add_project(p);
    models::ClusterSetup c;
    c.project = "prod";
    c.name = "orders";
    c.encryptionAtRestProvider = models::Provider::AWS;
    world->add_cluster(c);
    world->add_endpoint("prod", models::Provider::AWS, "US_EAST_1", models::EndpointStatus::ACTIVE);
    recorder.trace().initial = report::current_states(*world);
    sim.schedule_at(sim::Time::zero() + sim::Duration::minutes(1), [this] {
      models::ActionRequest a;
      a.name = "disable_key";
      a.project = "prod";
      a.provider = models::Provider::AWS;
      world->perform(a);
    });
    sim.run_until(sim::Time::zero() + sim::Duration::hours(1));
  }
  ~SmallWorld() { sim.remove_observer(&recorder); }
  const report::Trace& trace() const { return recorder.trace(); }
};

std::string jsonl(const report::Trace& t) {
  std::ostringstream s;
  report::write_jsonl(s, t);
  return s.str();
}

}  // namespace

TEST_CASE("world: initial states name the cluster, the endpoint and the AWS block") {
  SmallWorld w(1);
  std::map<std::string, std::string> initial;
  for (const auto& s : w.trace().initial) initial[s.entity] = s.state;
  CHECK(initial.at("cluster/prod/orders") == "RUNNING");
  CHECK(initial.at("project/prod/awsKms") == "ON_VALID");
  bool endpoint = false;
  for (const auto& [e, s] : initial) endpoint = endpoint || (e.starts_with("endpoint/") && s == "ACTIVE");
  CHECK(endpoint);
  CHECK_FALSE(initial.contains("project/prod/googleCloudKms"));  // never enabled: no track
}

TEST_CASE("world: the timeline shows the operation and the shutdown") {
  SmallWorld w(1);
  std::ostringstream out;
  report::write_timeline(out, w.trace());
  const std::string text = out.str();
  CAPTURE(text);
  CHECK(text.find("    0d 00:01:00  project/prod") != std::string::npos);
  CHECK(text.find("disable_key -> OK 200") != std::string::npos);
  CHECK(text.find("ENABLED -> DISABLED") != std::string::npos);
  const std::size_t shutdown = text.find("cluster/prod/orders");
  REQUIRE(shutdown != std::string::npos);
  CHECK(text.find("RUNNING -> DISABLED_EAR", shutdown) != std::string::npos);
  CHECK(text.find("ALERT AWS_ENCRYPTION_KEY_INVALID") != std::string::npos);
}

TEST_CASE("world: JSON Lines parse, times never go back, same seed gives the same bytes") {
  SmallWorld a(5), b(5);
  const std::string text = jsonl(a.trace());
  CHECK(text == jsonl(b.trace()));
  std::istringstream in(text);
  std::string line;
  std::int64_t last = 0;
  std::size_t n = 0;
  while (std::getline(in, line)) {
    const auto j = nlohmann::json::parse(line);
    CHECK(j["t_ms"].get<std::int64_t>() >= last);
    last = j["t_ms"].get<std::int64_t>();
    ++n;
  }
  CHECK(n == a.trace().records.size());
  CHECK(n > 3);
}

TEST_CASE("world: the Chrome trace has one track per cluster and per endpoint") {
  SmallWorld w(1);
  const auto j = nlohmann::json::parse(report::chrome_trace(w.trace(), w.sim.now()).dump());
  std::map<std::string, int> tracks;
  for (const auto& e : j["traceEvents"])
    if (e["ph"] == "M" && e["name"] == "thread_name") ++tracks[e["args"]["name"].get<std::string>()];
  std::size_t clusters = 0, endpoints = 0;
  for (const auto& [name, n] : tracks) {
    CHECK(n == 1);
    clusters += name.starts_with("cluster/");
    endpoints += name.starts_with("endpoint/");
  }
  CHECK(clusters == w.world->clusters().size());
  CHECK(endpoints == w.world->endpoints().size());
  // the cluster's spans cover the hour without gaps
  std::int64_t covered = 0;
  int cluster_tid = 0;
  for (const auto& e : j["traceEvents"])
    if (e["ph"] == "M" && e["name"] == "thread_name" && e["args"]["name"] == "cluster/prod/orders") cluster_tid = e["tid"];
  for (const auto& e : j["traceEvents"])
    if (e["ph"] == "X" && e["tid"] == cluster_tid) covered += e["dur"].get<std::int64_t>();
  CHECK(covered == std::int64_t{3'600'000'000});
}
