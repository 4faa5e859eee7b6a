// sim::WallClock: calendar arithmetic through <chrono>'s civil calendar (proleptic Gregorian, UTC).
#include "sim/wall_clock.h"

#include <chrono>

#include <fmt/format.h>

namespace sim {

namespace {

// The digits at text[pos, pos + n) as a number; nullopt unless all are decimal digits.
std::optional<int> digits(std::string_view text, std::size_t pos, std::size_t n) {
  if (pos + n > text.size()) return std::nullopt;
  int x = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    x = x * 10 + (text[i] - '0');
  }
  return x;
}

}  // namespace

std::string WallClock::iso(Time t) const {
  using namespace std::chrono;
  const std::int64_t ms = startUnixMs_ + t.ms();
  const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(ms)));
  const year_month_day ymd(day);
  const std::int64_t inDay = ms - duration_cast<milliseconds>(day.time_since_epoch()).count();
  const std::int64_t s = inDay / 1000;
  std::string out = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                                static_cast<unsigned>(ymd.day()), s / 3600, s / 60 % 60, s % 60);
  if (inDay % 1000 != 0) out += fmt::format(".{:03}", inDay % 1000);
  return out + "Z";
}

std::optional<std::int64_t> parse_iso8601(std::string_view text) {
  using namespace std::chrono;
  // Fixed layout: YYYY-MM-DDTHH:MM:SS then an optional .mmm, then Z.
  if (text.size() < 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
  const auto y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  const auto h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
  if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  int ms = 0;
  std::size_t pos = 19;
  if (text[pos] == '.') {
    const auto frac = digits(text, pos + 1, 3);
    if (!frac) return std::nullopt;
    ms = *frac;
    pos += 4;
  }
  if (pos + 1 != text.size() || text[pos] != 'Z') return std::nullopt;
  const year_month_day ymd{year{*y}, month{static_cast<unsigned>(*mo)}, day{static_cast<unsigned>(*d)}};
  if (!ymd.ok()) return std::nullopt;
  const std::int64_t dayMs = duration_cast<milliseconds>(sys_days(ymd).time_since_epoch()).count();
  return dayMs + ((*h * 60 + *mi) * 60 + *s) * std::int64_t{1000} + ms;
}

}  // namespace sim
