// Reporters on hand-made records: exact timeline lines, JSON Lines fields, the Chrome trace's
// tracks and spans, verdict lines and the summary JSON.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "models/subject.h"
#include "report/chrome_trace.h"
#include "report/jsonl.h"
#include "report/summary.h"
#include "report/timeline.h"
#include "report/trace.h"

namespace {

using sim::Duration;
using sim::Record;
using sim::Time;

// The subjects of this file's hand-made entities (a world would give them; here a fixed table).
sim::Subject subject_for(const std::string& entity) {
  using models::EntityKind;
  static const std::map<std::string, sim::Subject> known = {
      {"cluster/prod/orders", models::cluster_subject(0)}, {"cluster/p/a", models::cluster_subject(1)},
      {"cluster/p/b", models::cluster_subject(2)},         {"cluster/p/c", models::cluster_subject(3)},
      {"endpoint/0300000000000000000000aa", models::endpoint_subject(0)},
      {"project/prod", models::project_subject(0)},        {"project/p", models::project_subject(1)},
      {"project/prod/awsKms", models::block_subject(0, models::Provider::AWS)}};
  auto it = known.find(entity);
  return it == known.end() ? sim::Subject{} : it->second;
}

Record transition(std::int64_t ms, std::string entity, std::string from, std::string to, std::string cause,
                  std::string machine = "cluster", int row = 3) {
  Record r;
  r.at = Time::from_ms(ms);
  r.kind = sim::RecordKind::transition;
  r.subject = subject_for(entity);
  r.entity = std::move(entity);
  r.from = std::move(from);
  r.to = std::move(to);
  r.cause = std::move(cause);
  r.machine = std::move(machine);
  r.row = row;
  return r;
}

Record happening(std::int64_t ms, std::string kind, std::string entity, std::string cause,
                 std::vector<std::pair<std::string, std::string>> fields) {
  Record r;
  r.at = Time::from_ms(ms);
  r.kind = *sim::parse_record_kind(kind);
  r.subject = subject_for(entity);
  r.entity = std::move(entity);
  r.cause = std::move(cause);
  r.fields = std::move(fields);
  return r;
}

report::Trace sample_trace() {
  report::Trace t;
  t.initial = {{models::cluster_subject(0), "cluster/prod/orders", "RUNNING"},
               {models::block_subject(0, models::Provider::AWS), "project/prod/awsKms", "ON_VALID"}};
  t.records.push_back(happening(60'000, "operation", "project/prod", "create_endpoint",
                                {{"outcome", "OK"}, {"httpStatus", "202"}, {"createdId", "0300000000000000000000aa"}}));
  t.records.push_back(transition(60'000, "endpoint/0300000000000000000000aa", "none", "INITIATING", "create", "endpoint", 0));
  t.records.push_back(transition(240'000, "endpoint/0300000000000000000000aa", "INITIATING", "ACTIVE", "provisioned", "endpoint", 2));
  t.records.push_back(transition(900'000, "project/prod/awsKms", "ON_VALID", "ON_INVALID", "check_invalid", "ear", 4));
  t.records.push_back(happening(900'000, "alert", "project/prod/awsKms", "AWS_ENCRYPTION_KEY_INVALID",
                                {{"eventTypeName", "AWS_ENCRYPTION_KEY_INVALID"}, {"reason", "KMS key disabled"}}));
  t.records.push_back(transition(900'000, "cluster/prod/orders", "RUNNING", "DISABLED_EAR", "shutdown"));
  t.records.push_back(happening(1'000'500, "operation", "project/prod", "update_credentials",
                                {{"outcome", "ENCRYPTION_AT_REST_SETTINGS_INVALID"}, {"httpStatus", "400"},
                                 {"message", "bad key"}, {"clientSecret", "hunter2"}}));
  Record verdict = happening(1'200'000, "expectation", "cluster prod/orders", "cluster prod/orders at 0d 00:20:00",
                             {{"verdict", "failed"}, {"line", "23"}, {"column", "5"}});
  verdict.from = "runState=RUNNING";
  verdict.to = "runState=DISABLED_EAR";
  t.records.push_back(verdict);  // the summary prints verdicts: not in the timeline
  t.events_fired = 42;
  return t;
}

}  // namespace

TEST_CASE("timeline: one stable line per record") {
  const report::Trace t = sample_trace();
  std::ostringstream out;
  report::write_timeline(out, t);
  const std::string expected =
      "    0d 00:01:00  project/prod                       create_endpoint -> OK 202  createdId=0300000000000000000000aa\n"
      "    0d 00:01:00  endpoint/0300000000000000000000aa  none -> INITIATING  (create)\n"
      "    0d 00:04:00  endpoint/0300000000000000000000aa  INITIATING -> ACTIVE  (provisioned)\n"
      "    0d 00:15:00  project/prod/awsKms                ON_VALID -> ON_INVALID  (check_invalid)\n"
      "    0d 00:15:00  project/prod/awsKms                ALERT AWS_ENCRYPTION_KEY_INVALID  reason=\"KMS key disabled\"\n"
      "    0d 00:15:00  cluster/prod/orders                RUNNING -> DISABLED_EAR  (shutdown)\n"
      "0d 00:16:40.500  project/prod                       update_credentials -> ENCRYPTION_AT_REST_SETTINGS_INVALID 400: bad key  clientSecret=[redacted]\n";
  CHECK(out.str() == expected);
}

TEST_CASE("timeline: entity column between 12 and 40 characters") {
  report::Trace t;
  t.records.push_back(transition(0, "c/a", "A", "B", "x"));
  CHECK(report::entity_width(t) == 12);
  CHECK(report::timeline_line(t.records[0], 12) == "    0d 00:00:00  c/a           A -> B  (x)");
  t.records.push_back(transition(0, std::string(60, 'e'), "A", "B", "x"));
  CHECK(report::entity_width(t) == 40);
  // other kinds
  CHECK(report::timeline_line(happening(0, "email", "project/p", "X", {{"eventTypeName", "SIM_MAIL"}}), 12) ==
        "    0d 00:00:00  project/p     EMAIL SIM_MAIL");
  CHECK(report::timeline_line(happening(0, "effect", "cluster/p/c", "restart", {{"nodesDown", "1"}}), 12) ==
        "    0d 00:00:00  cluster/p/c   effect restart  nodesDown=1");
  Record verdict = happening(60'000, "expectation", "cluster/p/c", "cluster c runState == RUNNING at 1m",
                             {{"verdict", "failed"}, {"line", "9"}, {"column", "5"}});
  verdict.from = "RUNNING";
  verdict.to = "DISABLED_EAR";
  CHECK(report::timeline_line(verdict, 12) ==
        "    0d 00:01:00  cluster/p/c   FAIL cluster c runState == RUNNING at 1m: expected RUNNING, saw DISABLED_EAR");
}

TEST_CASE("secrets: recognised in any case and redacted everywhere") {
  CHECK(report::is_secret_field("secret"));
  CHECK(report::is_secret_field("clientSecret"));
  CHECK(report::is_secret_field("secretAccessKey"));
  CHECK(report::is_secret_field("accessKeyID"));
  CHECK(report::is_secret_field("PASSWORD"));
  CHECK_FALSE(report::is_secret_field("keyVersion"));
  CHECK_FALSE(report::is_secret_field("eventTypeName"));

  const report::Trace t = sample_trace();
  std::ostringstream jsonl, timeline;
  report::write_jsonl(jsonl, t);
  report::write_timeline(timeline, t);
  const std::string chrome = report::chrome_trace(t, Time::from_ms(3'600'000)).dump();
  for (const std::string& s : {jsonl.str(), timeline.str(), chrome}) {
    CHECK(s.find("hunter2") == std::string::npos);
    CHECK(s.find("[redacted]") != std::string::npos);
  }
}

TEST_CASE("JSON Lines: every line parses and carries the stable fields in order") {
  const report::Trace t = sample_trace();
  std::ostringstream out;
  report::write_jsonl(out, t);
  std::istringstream in(out.str());
  std::string line;
  std::size_t n = 0;
  const std::vector<std::string> keys = {"t_ms", "t", "kind", "entity", "from", "to", "cause", "machine", "row", "fields"};
  while (std::getline(in, line)) {
    const auto j = nlohmann::ordered_json::parse(line);  // throws (fails the test) on bad JSON
    std::vector<std::string> got;
    for (const auto& [k, v] : j.items()) got.push_back(k);
    CHECK(got == keys);
    CHECK(j["t_ms"].is_number_integer());
    CHECK(j["fields"].is_object());
    ++n;
  }
  CHECK(n == t.records.size());  // verdicts included

  const auto tr = report::record_json(t.records[5]);
  CHECK(tr["t_ms"] == 900000);
  CHECK(tr["t"] == "0d 00:15:00");
  CHECK(tr["kind"] == "transition");
  CHECK(tr["entity"] == "cluster/prod/orders");
  CHECK(tr["from"] == "RUNNING");
  CHECK(tr["to"] == "DISABLED_EAR");
  CHECK(tr["cause"] == "shutdown");
  CHECK(tr["machine"] == "cluster");
  CHECK(tr["row"] == 3);

  const auto alert = report::record_json(t.records[4]);
  CHECK(alert["from"].is_null());
  CHECK(alert["to"].is_null());
  CHECK(alert["machine"].is_null());
  CHECK(alert["row"].is_null());
  CHECK(alert["fields"]["eventTypeName"] == "AWS_ENCRYPTION_KEY_INVALID");

  const auto op = report::record_json(t.records[6]);
  CHECK(op["t_ms"] == 1000500);
  CHECK(op["t"] == "0d 00:16:40.500");
  CHECK(op["fields"]["clientSecret"] == "[redacted]");
}

TEST_CASE("JSON Lines: strings that need escaping stay valid JSON") {
  report::Trace t;
  t.records.push_back(happening(0, "operation", "project/\"quoted\"\\name", "x\ny", {{"message", "tab\there \x01 \xff"}}));
  std::ostringstream out;
  report::write_jsonl(out, t);
  const std::string s = out.str();
  CHECK(std::count(s.begin(), s.end(), '\n') == 1);
  const auto j = nlohmann::json::parse(s);
  CHECK(j["entity"] == "project/\"quoted\"\\name");
  CHECK(j["cause"] == "x\ny");
}

namespace {
const nlohmann::json* find_event(const nlohmann::json& events, const std::string& ph, int tid, const std::string& name) {
  for (const auto& e : events)
    if (e["ph"] == ph && e.value("tid", -1) == tid && e["name"] == name) return &e;
  return nullptr;
}
}  // namespace

TEST_CASE("Chrome trace: one named track per entity, clusters first, state spans in microseconds") {
  const report::Trace t = sample_trace();
  const auto j = nlohmann::json::parse(report::chrome_trace(t, Time::from_ms(3'600'000), "demo.yaml").dump());
  REQUIRE(j.contains("traceEvents"));
  const auto& ev = j["traceEvents"];
  CHECK(j["displayTimeUnit"] == "ms");

  std::map<std::string, int> tid_of;
  for (const auto& e : ev)
    if (e["ph"] == "M" && e["name"] == "thread_name") {
      CHECK_FALSE(tid_of.contains(e["args"]["name"].get<std::string>()));
      tid_of[e["args"]["name"].get<std::string>()] = e["tid"].get<int>();
    }
  CHECK(tid_of.size() == 5);  // cluster, endpoint, project block, project (operations), expectations
  CHECK(tid_of.at("cluster/prod/orders") == 1);
  CHECK(tid_of.at("endpoint/0300000000000000000000aa") == 2);
  CHECK(tid_of.contains("project/prod/awsKms"));
  CHECK(tid_of.contains("project/prod"));
  CHECK(tid_of.at("expectations") == 5);  // verdicts: one track, last
  const auto* verdict = find_event(ev, "i", 5, "FAIL cluster prod/orders at 0d 00:20:00");
  REQUIRE(verdict);
  CHECK((*verdict)["args"]["expected"] == "runState=RUNNING");
  CHECK((*verdict)["args"]["seen"] == "runState=DISABLED_EAR");
  bool process_named = false;
  for (const auto& e : ev)
    if (e["ph"] == "M" && e["name"] == "process_name") process_named = e["args"]["name"] == "demo.yaml";
  CHECK(process_named);

  // cluster: RUNNING from 0 to 15 min, then DISABLED_EAR to the end (1 h)
  const int c = tid_of.at("cluster/prod/orders");
  const auto* running = find_event(ev, "X", c, "RUNNING");
  REQUIRE(running);
  CHECK((*running)["ts"] == 0);
  CHECK((*running)["dur"] == std::int64_t{900'000'000});
  const auto* disabled = find_event(ev, "X", c, "DISABLED_EAR");
  REQUIRE(disabled);
  CHECK((*disabled)["ts"] == std::int64_t{900'000'000});
  CHECK((*disabled)["dur"] == std::int64_t{2'700'000'000});
  CHECK((*disabled)["args"]["entered_by"] == "shutdown");

  // endpoint created at 1 min: no "none" span, INITIATING 1-4 min, ACTIVE 4-60 min
  const int e = tid_of.at("endpoint/0300000000000000000000aa");
  CHECK(find_event(ev, "X", e, "none") == nullptr);
  const auto* init = find_event(ev, "X", e, "INITIATING");
  REQUIRE(init);
  CHECK((*init)["ts"] == std::int64_t{60'000'000});
  CHECK((*init)["dur"] == std::int64_t{180'000'000});
  REQUIRE(find_event(ev, "X", e, "ACTIVE"));

  // the alert is an instant on the block's track
  const auto* alert = find_event(ev, "i", tid_of.at("project/prod/awsKms"), "AWS_ENCRYPTION_KEY_INVALID");
  REQUIRE(alert);
  CHECK((*alert)["s"] == "t");
  CHECK((*alert)["ts"] == std::int64_t{900'000'000});
  CHECK((*alert)["cat"] == "alert");
}

TEST_CASE("Chrome trace: an entity first seen in a transition starts in its from-state when first named") {
  report::Trace t;
  t.records.push_back(transition(0, "cluster/p/a", "RUNNING", "PAUSED", "pause"));
  t.records.push_back(happening(1000, "operation", "cluster/p/b", "create_cluster", {{"outcome", "OK"}}));
  t.records.push_back(transition(5000, "cluster/p/b", "CREATING", "RUNNING", "created"));
  const auto j = nlohmann::json::parse(report::chrome_trace(t, Time::from_ms(10'000)).dump());
  const auto& ev = j["traceEvents"];
  const auto* creating = find_event(ev, "X", 2, "CREATING");
  REQUIRE(creating);
  CHECK((*creating)["ts"] == 1'000'000);
  CHECK((*creating)["dur"] == 4'000'000);
  CHECK(find_event(ev, "X", 1, "RUNNING") == nullptr);  // zero-length span: not drawn
  const auto* paused = find_event(ev, "X", 1, "PAUSED");
  REQUIRE(paused);
  CHECK((*paused)["dur"] == 10'000'000);
}

TEST_CASE("verdicts: PASS and FAIL lines, totals, JSON") {
  report::RunSummary s;
  s.file = "x.yaml";
  s.seed = 7;
  s.end = Time::from_ms(7'200'000);
  s.events_fired = 12;
  s.verdicts.push_back({"cluster orders stateName == IDLE at 2h", "x.yaml", 31, 7, true, Time::from_ms(7'200'000), "IDLE", "IDLE"});
  s.verdicts.push_back({"cluster orders runState == RUNNING at 20m", "x.yaml", 35, 7, false, Time::from_ms(1'200'000), "RUNNING", "DISABLED_EAR"});
  CHECK_FALSE(s.passed());
  CHECK(s.failed() == 1);
  std::ostringstream out;
  report::write_summary_text(out, s);
  CHECK(out.str() ==
        "PASS  x.yaml:31:7  cluster orders stateName == IDLE at 2h\n"
        "FAIL  x.yaml:35:7  cluster orders runState == RUNNING at 20m: at 0d 00:20:00 expected RUNNING, saw DISABLED_EAR\n"
        "x.yaml: 1 of 2 expectations met, 1 FAILED (seed 7, 12 events, ended 0d 02:00:00)\n");
  CHECK(report::location("f", 0, 0) == "f");
  CHECK(report::location("f", 3, 0) == "f:3");

  const auto j = nlohmann::json::parse(report::summary_json({s}).dump());
  CHECK(j["passed"] == false);
  CHECK(j["runs"][0]["seed"] == 7);
  CHECK(j["runs"][0]["expectations"][1]["at_ms"] == 1200000);
  CHECK(j["runs"][0]["expectations"][1]["seen"] == "DISABLED_EAR");

  s.verdicts.pop_back();
  CHECK(s.passed());
  CHECK(report::total_line(s) == "x.yaml: 1 of 1 expectation met (seed 7, 12 events, ended 0d 02:00:00)");
}
