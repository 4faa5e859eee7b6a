// Matching a run's records against the `on:` of reactive steps and runbooks, on typed fields
// (sim::RecordKind, the subject's project), and naming what fired a reaction.
#pragma once

#include <string>

#include "models/world.h"
#include "scenario/scenario.h"
#include "sim/observer.h"

namespace scenario {

// Whether the record is the notification, clearing or operation answer the trigger waits for.
// State and step triggers are decided by the run (evaluate(), a step's completion): false here.
bool trigger_matches(const Trigger& t, const sim::Record& r, const models::World& world);
// "alert AWS_ENCRYPTION_KEY_INVALID", "AWS_ENCRYPTION_KEY_INVALID cleared", "operation
// try_again answered OK", "step fix done", "cluster shop/orders runState=DISABLED_EAR".
std::string describe_trigger(const Trigger& t);
// The record that fired a reaction, for its timeline entry: "ALERT AWS_ENCRYPTION_KEY_INVALID
// project/shop/awsKms at 0d 01:15:00".
std::string describe_cause(const sim::Record& r);

}  // namespace scenario
