// `fleet:` (FORMAT.md "Fleets"): project templates expanded into the same ProjectSpec structs a
// written `projects:` list gives, so the run, the model and the reporters see no difference; and
// incident processes (scenario/incident.h), scheduled by the run (scenario/incidents.cpp).
#pragma once

#include <string>

#include "scenario/scenario.h"
#include "scenario/yaml_reader.h"

namespace scenario::detail {

// Appends the projects of every template to s.projects and the incidents to s.incidents; throws
// InputError at the offending node (limits included: scenario/limits.h).
void parse_fleet(const YamlReader& r, const YAML::Node& n, Scenario& s);

// The incidents against the whole world: unique names, a project: target that exists and can have
// that kind of incident, a share: or region: target that hits at least one project.
void check_incidents(const Scenario& s);

// A template name with its index put in: "team-{i:03}" and 7 -> "team-007", "team-{i}" -> "team-7".
// The pattern was checked by parse_fleet: at most one {i} or {i:0N}.
std::string expand_name(const std::string& pattern, std::size_t index);

}  // namespace scenario::detail
