// Evaluating one expectation against the observable state: the world's fields (models/observe.h)
// for projects, blocks, clusters and endpoints; the alerts the run has recorded so far for alerts.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "models/clients/terraform.h"
#include "models/world.h"
#include "scenario/scenario.h"

namespace scenario {

// eventTypeName -> project name -> how many were raised so far ("" = not tied to a project).
using AlertCounts = std::map<std::string, std::map<std::string, std::uint64_t>>;

// The run's client actors by name (scenario/run.cpp).
using Clients = std::map<std::string, std::unique_ptr<models::clients::TerraformClient>>;

struct Observed {
  const models::World& world;
  const AlertCounts& alerts;
  const std::map<std::string, std::string>& endpointIds;  // label -> endpoint id
  const Clients* clients = nullptr;
  const std::map<std::string, std::uint64_t>* steps_done = nullptr;  // step id -> times performed (expectations on step:)
};

// The field's current value as text ("true", "IDLE", "3"), or "absent" when the target or field
// does not exist at this moment (a deleted endpoint, a cluster not created yet).
std::string seen_value(const Target& t, const FieldCheck& c, const Observed& o);
bool holds(const FieldCheck& c, const std::string& seen);
std::string expected_text(const FieldCheck& c);  // "DISABLED_EAR", "not RUNNING", "one of [A, B]", ">= 1"
std::string check_text(const FieldCheck& c);      // "runState=RUNNING", "status!=FAILED", "count<=1"
std::string describe_target(const Target& t);     // "cluster shop/orders", "endpoint east", ...

struct Verdict {
  bool holds = false;
  std::string expected, seen;  // "runState=DISABLED_EAR, paused=false" / "runState=RUNNING, paused=false"
};
Verdict evaluate(const Expectation& x, const Observed& o);

// A step's answer against what it expects (expect_error / expect_status). The plain forms compare
// codes ("OK" or the code, as before); the detailed ones list each field expected and seen:
// "CODE, status=400, message='...'" / "OK, status=202".
Verdict judge_answer(const ExpectedAnswer& a, const models::Outcome& o);
// What the step expects, as judge_answer writes it (for a step that could not be performed).
std::string expected_answer_text(const ExpectedAnswer& a);

}  // namespace scenario
