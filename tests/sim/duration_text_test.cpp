#include <doctest/doctest.h>

#include <cstdint>
#include <limits>

#include "sim/duration_text.h"

using sim::Duration;
using sim::parse_duration;

TEST_CASE("durations parse the way people write them") {
  CHECK(parse_duration("90s") == Duration::seconds(90));
  CHECK(parse_duration("3m") == Duration::minutes(3));
  CHECK(parse_duration("15m") == Duration::minutes(15));
  CHECK(parse_duration("1h30m") == Duration::minutes(90));
  CHECK(parse_duration("7d") == Duration::days(7));
  CHECK(parse_duration("250ms") == Duration::milliseconds(250));
  CHECK(parse_duration("1d2h3m4s5ms") ==
        Duration::days(1) + Duration::hours(2) + Duration::minutes(3) + Duration::seconds(4) + Duration::milliseconds(5));
  CHECK(parse_duration("0") == Duration{});
  CHECK(parse_duration("0s") == Duration{});
}

TEST_CASE("durations print in the shortest form that reads back the same") {
  CHECK(sim::format_duration(Duration::minutes(90)) == "1h30m");
  CHECK(sim::format_duration(Duration::days(7)) == "7d");
  CHECK(sim::format_duration(Duration{}) == "0s");
  CHECK(sim::format_duration(Duration::milliseconds(60'500)) == "1m500ms");
  for (std::int64_t ms : {0LL, 1LL, 999LL, 1000LL, 59'999LL, 3'600'000LL, 86'400'001LL, 1'234'567'890LL})
    CHECK(parse_duration(sim::format_duration(Duration::milliseconds(ms))) == Duration::milliseconds(ms));
}

TEST_CASE("times print as day and clock") {
  CHECK(sim::format_time(sim::Time::zero()) == "0d 00:00:00");
  CHECK(sim::format_time(sim::Time::zero() + Duration::hours(2) + Duration::minutes(15)) == "0d 02:15:00");
  CHECK(sim::format_time(sim::Time::zero() + Duration::days(1) + Duration::milliseconds(250)) == "1d 00:00:00.250");
}

TEST_CASE("malformed durations are rejected with a reason and a position") {
  struct Bad {
    const char* text;
    const char* says;
    std::size_t column;
  };
  const Bad cases[] = {
      {"", "empty duration", 0},
      {"15", "has no unit", 2},
      {"m", "expected a number", 0},
      {"5x", "unknown unit 'x'", 1},
      {"5 m", "has no unit", 1},
      {"30m1h", "out of order", 4},
      {"1h1h", "repeated or out of order", 3},
      {"-5m", "negative", 0},
      {"99999999999999999999s", "too large", 0},
      {"200000000000d", "too large", 0},
  };
  for (const Bad& b : cases) {
    CAPTURE(b.text);
    try {
      parse_duration(b.text);
      FAIL("accepted");
    } catch (const sim::DurationError& e) {
      CHECK(std::string(e.what()).find(b.says) != std::string::npos);
      CHECK(e.column() == b.column);
    }
  }
}

TEST_CASE("time arithmetic saturates instead of overflowing") {
  const std::int64_t max = std::numeric_limits<std::int64_t>::max(), min = std::numeric_limits<std::int64_t>::min();
  const Duration huge = Duration::milliseconds(max - 5);
  CHECK((sim::Time::never() + Duration::hours(1)) == sim::Time::never());
  CHECK((sim::Time::zero() + Duration::hours(8) + huge) == sim::Time::never());
  CHECK((huge + huge).ms() == max);
  CHECK((Duration::milliseconds(min) - Duration::seconds(1)).ms() == min);
  CHECK((huge * 3).ms() == max);
  CHECK((huge * -3).ms() == min);
  CHECK(Duration::days(max / 1000).ms() == max);
  CHECK((sim::Time::from_ms(min) - sim::Time::never()).ms() == min);
  Duration sum = huge;
  sum += huge;
  CHECK(sum.ms() == max);
  // In range, nothing changes.
  CHECK((sim::Time::zero() + Duration::days(400) - Duration::days(1)).ms() == 399LL * 86'400'000);
  // The extremes print.
  CHECK(sim::format_duration(Duration::milliseconds(min)).front() == '-');
  CHECK(sim::format_time(sim::Time::from_ms(min)).front() == '-');
  CHECK(sim::format_time(sim::Time::never()) == "106751991167d 07:12:55.807");
}
