// The parts of parse() that more than one file reads (parse.cpp: steps and expectations;
// parse_reactive.cpp: triggers, conditions and responders, which are made of them).
#pragma once

#include "scenario/scenario.h"
#include "scenario/yaml_reader.h"

namespace scenario::detail {

// Where a step sits: on the timeline (at:, after: or on:) or in a runbook (after: the previous
// step, required; no at:, on: or repeat:).
enum class StepPlace { timeline, runbook };

// One timeline entry or runbook step; throws InputError at the offending node.
Step parse_step(const YamlReader& r, const YAML::Node& n, StepPlace place = StepPlace::timeline);
// One `expect:` entry or, with invariant, an `invariants:` entry (or an `if:` / state `on:`, which
// take no time either).
Expectation parse_expectation(const YamlReader& r, const YAML::Node& n, bool invariant, sim::Duration horizon);
// `on:` of a reactive step or a runbook.
Trigger parse_trigger(const YamlReader& r, const YAML::Node& n);
// `if:`: one condition (a mapping) or a list of them, each like an invariant.
std::vector<Expectation> parse_conditions(const YamlReader& r, const YAML::Node& n);
// `expect_error:` (a code, `any`, or a mapping of code, status, message, message_contains,
// params) and `expect_status:` (200, 201, 202 or 204) of a step; a step has one or the other.
void parse_expect_error(const YamlReader& r, const YAML::Node& n, ExpectedAnswer& a);
void parse_expect_status(const YamlReader& r, const YAML::Node& n, ExpectedAnswer& a);
// `responders:`.
std::vector<Responder> parse_responders(const YamlReader& r, const YAML::Node& n);

}  // namespace scenario::detail
