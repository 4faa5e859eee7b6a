// Boost.Graph analysis over every table: no unreachable state, no stuck state, DOT renderable.
#include <doctest/doctest.h>

#include "models/machines.h"

using namespace models;

TEST_CASE("every machine: no unreachable state, no state without a way out (terminal excepted), DOT renders") {
  REQUIRE(machines().size() == machine_names().size());
  for (const sim::MachineDescription& m : machines()) {
    INFO("machine " << m.name);
    CHECK(sim::unreachable_states(m).empty());
    CHECK(sim::stuck_states(m).empty());
    const std::string dot = sim::to_dot(m);
    CHECK(dot.find("digraph") != std::string::npos);
    for (const auto& r : m.rows) CHECK_FALSE(r.source.empty());  // every rule cites its source
  }
  for (std::string_view n : machine_names()) CHECK(machine(n).has_value());
  CHECK_FALSE(machine("nope").has_value());
}

TEST_CASE("endpoint machine per cloud (spec §2.2/§2.3): AWS reaches ACTIVE without approval rows of Azure; both analyse clean") {
  const sim::MachineDescription aws = endpoint_machine(Provider::AWS);
  const sim::MachineDescription az = endpoint_machine(Provider::AZURE);
  for (const auto* m : {&aws, &az}) {
    CHECK(sim::unreachable_states(*m).empty());
    CHECK(sim::stuck_states(*m).empty());
  }
  auto has_guard = [](const sim::MachineDescription& m, std::string_view g) {
    for (const auto& r : m.rows)
      if (r.guard == g) return true;
    return false;
  };
  CHECK(has_guard(aws, "aws"));
  CHECK_FALSE(has_guard(aws, "azure"));
  CHECK(has_guard(az, "azure"));
  CHECK_FALSE(has_guard(az, "aws"));
  CHECK(aws.rows.size() < endpoint_machine().rows.size());
  CHECK(az.rows.size() < endpoint_machine().rows.size());
}
