// Transition coverage: every row of every table fired by the tests above (doctest runs files in
// name order; this one last). Fails if run alone (e.g. with -tc), by design it needs the suite.
#include <doctest/doctest.h>

#include "helpers.h"
#include "models/machines.h"

TEST_CASE("coverage: every transition of each table is exercised by the suite") {
  for (const sim::MachineDescription& m : models::machines()) {
    const auto missed = testing::coverage().missed(m);
    std::string rows;
    for (std::size_t r : missed)
      rows += " [" + std::to_string(r) + "] " + m.states[m.rows[r].from] + " -" + m.rows[r].event + "-> " + m.states[m.rows[r].to] +
              (m.rows[r].guard.empty() ? "" : " (" + m.rows[r].guard + ")");
    CHECK_MESSAGE(missed.empty(), m.name << " rows never fired:" << rows);
  }
}
