// Reactive steps (on:, after:, if:, repeat:) and responders with runbooks: what fires, when, with
// which trigger named, and what the file reader refuses.
#include <doctest/doctest.h>

#include <algorithm>

#include "scenario/responders.h"
#include "scenario/run.h"
#include "test_util.h"

using namespace scenario;
using scenario_test::base;
using scenario_test::Recorder;

namespace {

struct Outcome {
  RunResult result;
  std::vector<sim::Record> records;
};

Outcome run(const std::string& yaml) {
  const Scenario s = parse(yaml, "t.yaml");
  Run r(s);
  Recorder rec;
  r.add_observer(&rec);
  Outcome o{r.execute(), {}};
  o.records = rec.records;
  return o;
}

// The operation records of one action, in order.
std::vector<sim::Record> operations(const Outcome& o, std::string_view action) {
  std::vector<sim::Record> out;
  for (const sim::Record& r : o.records)
    if (r.kind == sim::RecordKind::operation && r.cause == action) out.push_back(r);
  return out;
}

std::vector<sim::Record> external(const Outcome& o, std::string_view cause) {
  std::vector<sim::Record> out;
  for (const sim::Record& r : o.records)
    if (r.kind == sim::RecordKind::external && r.cause.find(cause) != std::string::npos) out.push_back(r);
  return out;
}

void require_refused(const std::string& yaml, const std::string& part) {
  try {
    (void)parse(yaml, "t.yaml");
    FAIL("accepted: " << yaml);
  } catch (const InputError& e) {
    CHECK_MESSAGE(std::string(e.what()).find(part) != std::string::npos, e.what());
  }
}

}  // namespace

TEST_CASE("a step on an alert runs its delay after the alert, names the alert, and chains on step ids") {
  const Outcome o = run(base(R"(timeline:
  - at: 20m
    do: disable_key
    provider: AWS
  - on: {alert: AWS_ENCRYPTION_KEY_INVALID}
    after: 7m
    do: enable_key
    provider: AWS
    id: back
  - on: {step: back, code: OK}
    after: 1m
    do: try_again
expect:
  - at: 3h
    step: back
    count: 1
  - at: 3h
    cluster: orders
    runState: RUNNING
)"));
  CHECK(o.result.passed());
  // The check at 30m finds the key disabled and raises the alert: 30m + 7m, then 1m later.
  const auto enable = operations(o, "enable_key");
  REQUIRE(enable.size() == 1);
  CHECK(enable[0].at.ms() == sim::Duration::minutes(37).ms());
  const auto again = operations(o, "try_again");
  REQUIRE(again.size() == 1);
  CHECK(again[0].at.ms() == sim::Duration::minutes(38).ms());
  const auto reactions = external(o, "enable_key");
  REQUIRE(reactions.size() == 1);
  REQUIRE(reactions[0].field("trigger"));
  CHECK(reactions[0].field("trigger")->find("ALERT AWS_ENCRYPTION_KEY_INVALID") == 0);
  CHECK(reactions[0].entity == "reaction");
}

TEST_CASE("repeat: once fires on the first trigger only, every on each; cleared and state triggers fire on their edge") {
  const std::string timeline = R"(timeline:
  - at: 20m
    do: disable_key
    provider: AWS
    for: 30m
  - at: 2h05m
    do: disable_key
    provider: AWS
    for: 30m
  - on: {alert: AWS_ENCRYPTION_KEY_INVALID}
    repeat: REPEAT
    do: get_encryption_at_rest
  - on: {cleared: AWS_ENCRYPTION_KEY_INVALID}
    repeat: every
    do: try_again
  - on: {cluster: orders, runState: DISABLED_EAR}
    repeat: every
    id: saw_down
    do: get_encryption_at_rest
expect:
  - at: 4h
    step: saw_down
    count: 2
)";
  auto with = [&](const std::string& repeat) {
    std::string t = timeline;
    t.replace(t.find("REPEAT"), 6, repeat);
    return run(base(t, "5h"));
  };
  const Outcome once = with("once"), every = with("every");
  // Two incidents: two alerts; once -> 1 reaction; every -> 2; the state trigger fires on each shutdown.
  CHECK(operations(once, "get_encryption_at_rest").size() == 1 + 2);
  CHECK(operations(every, "get_encryption_at_rest").size() == 2 + 2);
  CHECK(operations(every, "try_again").size() == 2);  // cleared twice
  CHECK(every.result.passed());
}

TEST_CASE("if: skips a reaction whose condition does not hold when it is due, and says why") {
  const Outcome o = run(base(R"(timeline:
  - at: 20m
    do: disable_key
    provider: AWS
  - on: {alert: AWS_ENCRYPTION_KEY_INVALID}
    after: 5m
    if: {cluster: orders, runState: RUNNING}
    do: try_again
)"));
  CHECK(operations(o, "try_again").empty());
  const auto skipped = external(o, "skipped try_again");
  REQUIRE(skipped.size() == 1);
  REQUIRE(skipped[0].field("if"));
  CHECK(*skipped[0].field("if") == "cluster shop/orders: saw runState=DISABLED_EAR");
}

TEST_CASE("a responder is paged, acknowledges after its delays and works the runbook; busy: queue serialises incidents") {
  const std::string yaml = R"(timeline:
  - at: 20m
    do: disable_key
    provider: AWS
    for: 15m
  - at: 50m
    do: revoke_key_access
    provider: AWS
    for: 15m
responders:
  - name: oncall
    acknowledge: 10m
    paging_delay: 2m
    busy: BUSY
    runbooks:
      - on: {alert: AWS_ENCRYPTION_KEY_INVALID}
        steps:
          - after: 40m
            do: get_encryption_at_rest
settings:
  alert_notification_delay: 3m
)";
  auto with = [&](const std::string& busy) {
    std::string t = yaml;
    t.replace(t.find("BUSY"), 4, busy);
    return run(base(t, "6h"));
  };
  const Outcome queue = with("queue"), parallel = with("parallel");
  // Alerts at 30m and 1h (checks); acknowledged 3m + 2m + 10m later: 45m and 1h15m.
  const auto acks = external(queue, std::string(responder_causes::kAcknowledged));
  REQUIRE(acks.size() == 2);
  CHECK(acks[0].at.ms() == sim::Duration::minutes(45).ms());
  CHECK(acks[1].at.ms() == sim::Duration::minutes(75).ms());
  CHECK(acks[0].entity == "responder/oncall");
  // queue: the second runbook starts when the first is done (1h25m), its step 40m later.
  const auto q = operations(queue, "get_encryption_at_rest");
  REQUIRE(q.size() == 2);
  CHECK(q[0].at.ms() == sim::Duration::minutes(85).ms());
  CHECK(q[1].at.ms() == sim::Duration::minutes(125).ms());
  CHECK(external(queue, "queued").size() == 1);
  // parallel: each 40m after its own acknowledgement.
  const auto p = operations(parallel, "get_encryption_at_rest");
  REQUIRE(p.size() == 2);
  CHECK(p[1].at.ms() == sim::Duration::minutes(115).ms());
  CHECK(external(parallel, "queued").empty());
}

TEST_CASE("working hours move the acknowledgement to the next start") {
  WorkingHours w;  // 09:00-17:00 UTC, Monday to Friday
  constexpr std::int64_t kThu = 1767225600000 + 0;  // 2026-01-01T00:00Z, a Thursday
  constexpr std::int64_t h = 3'600'000;
  CHECK(next_working_instant(w, kThu + 3 * h) == kThu + 9 * h);        // Thursday 03:00 -> 09:00
  CHECK(next_working_instant(w, kThu + 10 * h) == kThu + 10 * h);      // inside
  CHECK(next_working_instant(w, kThu + 18 * h) == kThu + 24 * h + 9 * h);  // Thursday evening -> Friday 09:00
  CHECK(next_working_instant(w, kThu + 2 * 24 * h) == kThu + 4 * 24 * h + 9 * h);  // Saturday -> Monday 09:00
}

TEST_CASE("the reader refuses reactive steps that make no sense") {
  require_refused(base("timeline:\n  - on: {alert: AWS_ENCRYPTION_KEY_INVALID}\n    at: 1h\n    do: try_again\n"),
                  "found both 'on:' and 'at:'");
  require_refused(base("timeline:\n  - at: 1h\n    repeat: every\n    do: try_again\n"), "'repeat:' belongs to a reactive step");
  require_refused(base("timeline:\n  - on: {step: nope}\n    do: try_again\n"), "on: names step 'nope'");
  require_refused(base("timeline:\n  - on: {alert: AWS_KEY_INVALID}\n    do: try_again\n"), "AWS_KEY_INVALID");
  require_refused(base("timeline:\n  - on: {alert: AWS_ENCRYPTION_KEY_INVALID, step: x}\n    do: try_again\n"), "on: waits for one thing");
  require_refused(base("timeline:\n  - on: {cleared: ENCRYPTION_AT_REST_VALIDATION_FAILED}\n    do: try_again\n"), "cleared alert");
  require_refused(base("timeline:\n  - on: {alert: AWS_ENCRYPTION_KEY_INVALID}\n    do: try_again\n  - after: 1m\n    do: try_again\n"),
                  "which is a reactive one");
  require_refused(base("responders:\n  - name: a\n    acknowledge: 1m\n    runbooks:\n      - on: {alert: AWS_ENCRYPTION_KEY_INVALID}\n"
                       "        steps:\n          - do: try_again\n"),
                  "a runbook step needs 'after:");
  require_refused(base("responders:\n  - name: a\n    acknowledge: 1m\n    working_hours: {from: \"18:00\", to: \"09:00\"}\n"
                       "    runbooks:\n      - on: {alert: AWS_ENCRYPTION_KEY_INVALID}\n        steps:\n          - {after: 0s, do: try_again}\n"),
                  "from before to");
}
