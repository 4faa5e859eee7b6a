// sim::WallClock: simulated times as ISO 8601 UTC instants, and the `start:` text read back.
#include <doctest/doctest.h>

#include "sim/wall_clock.h"

using sim::Duration;
using sim::Time;

TEST_CASE("the default start is 2026-01-01T00:00:00Z; times count from it") {
  const sim::WallClock clock;
  CHECK(clock.iso(Time()) == "2026-01-01T00:00:00Z");
  CHECK(clock.iso(Time() + Duration::minutes(15)) == "2026-01-01T00:15:00Z");
  CHECK(clock.iso(Time() + Duration::days(59) + Duration::hours(9)) == "2026-03-01T09:00:00Z");  // not a leap year
  CHECK(clock.iso(Time::from_ms(250)) == "2026-01-01T00:00:00.250Z");
}

TEST_CASE("parse_iso8601 reads what iso writes and refuses the rest") {
  const auto start = sim::parse_iso8601("2026-03-01T09:00:00Z");
  REQUIRE(start);
  const sim::WallClock clock(*start);
  CHECK(clock.iso(Time()) == "2026-03-01T09:00:00Z");
  CHECK(clock.iso(Time() + Duration::days(365)) == "2027-03-01T09:00:00Z");
  CHECK(sim::parse_iso8601("2024-02-29T23:59:59.999Z"));
  CHECK(sim::parse_iso8601("1970-01-01T00:00:00Z") == 0);
  for (const char* bad : {"2026-02-29T00:00:00Z", "2026-03-01T09:00:00", "2026-03-01 09:00:00Z", "2026-03-01T24:00:00Z",
                          "2026-03-01T09:00:00+01:00", "2026-3-01T09:00:00Z", "2026-03-01T09:00:00.5Z", ""})
    CHECK_MESSAGE(!sim::parse_iso8601(bad), bad);
}
