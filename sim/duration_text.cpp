#include "sim/duration_text.h"

#include <array>
#include <cstdint>
#include <limits>

#include <fmt/format.h>

namespace sim {
namespace {

struct Unit {
  std::string_view name;
  std::int64_t ms;
};
// Largest first: the order units must appear in, and the order format_duration writes them.
constexpr std::array<Unit, 5> kUnits{{{"d", 86'400'000}, {"h", 3'600'000}, {"m", 60'000}, {"s", 1'000}, {"ms", 1}}};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

Duration parse_duration(std::string_view text) {
  if (text.empty()) throw DurationError("empty duration; write e.g. 90s, 15m, 1h30m or 7d", 0);
  if (text == "0") return Duration{};
  std::int64_t total = 0;
  std::size_t i = 0;
  std::size_t last_unit = 0;  // index into kUnits + 1 of the previous group's unit
  while (i < text.size()) {
    const std::size_t start = i;
    if (text[i] == '-') throw DurationError(fmt::format("negative duration '{}' is not allowed", text), i);
    if (!is_digit(text[i]))
      throw DurationError(fmt::format("expected a number at '{}' in duration '{}'", text.substr(i), text), i);
    std::int64_t n = 0;
    while (i < text.size() && is_digit(text[i])) {
      if (n > (std::numeric_limits<std::int64_t>::max() - 9) / 10)
        throw DurationError(fmt::format("duration '{}' is too large", text), start);
      n = n * 10 + (text[i] - '0');
      ++i;
    }
    const std::size_t unit_start = i;
    while (i < text.size() && is_alpha(text[i])) ++i;
    const std::string_view unit = text.substr(unit_start, i - unit_start);
    if (unit.empty())
      throw DurationError(
          fmt::format("number {} in duration '{}' has no unit; add one of d, h, m, s, ms", n, text), unit_start);
    std::size_t u = 0;
    while (u < kUnits.size() && kUnits[u].name != unit) ++u;
    if (u == kUnits.size())
      throw DurationError(fmt::format("unknown unit '{}' in duration '{}'; use d, h, m, s or ms", unit, text),
                          unit_start);
    if (u + 1 <= last_unit)
      throw DurationError(
          fmt::format("unit '{}' in duration '{}' is repeated or out of order; write larger units first, "
                      "e.g. 1h30m",
                      unit, text),
          unit_start);
    last_unit = u + 1;
    if (n > (std::numeric_limits<std::int64_t>::max() - total) / kUnits[u].ms)
      throw DurationError(fmt::format("duration '{}' is too large", text), start);
    total += n * kUnits[u].ms;
  }
  return Duration::milliseconds(total);
}

std::string format_duration(Duration d) {
  if (d.ms() == 0) return "0s";
  std::string out;
  // Only differences of times are ever negative; show them readably. Unsigned, so that the
  // smallest value (a saturated difference) has a magnitude too.
  std::uint64_t ms = static_cast<std::uint64_t>(d.ms());
  if (d.ms() < 0) {
    out += '-';
    ms = 0 - ms;
  }
  for (const Unit& u : kUnits) {
    const auto unit = static_cast<std::uint64_t>(u.ms);
    if (ms >= unit) {
      out += fmt::format("{}{}", ms / unit, u.name);
      ms %= unit;
    }
  }
  return out;
}

std::string format_time(Time t) {
  std::uint64_t ms = static_cast<std::uint64_t>(t.ms());  // unsigned: see format_duration
  const char* sign = "";
  if (t.ms() < 0) {
    sign = "-";
    ms = 0 - ms;
  }
  const std::uint64_t days = ms / 86'400'000;
  ms %= 86'400'000;
  const std::uint64_t h = ms / 3'600'000, m = ms / 60'000 % 60, s = ms / 1000 % 60, rest = ms % 1000;
  if (rest != 0) return fmt::format("{}{}d {:02}:{:02}:{:02}.{:03}", sign, days, h, m, s, rest);
  return fmt::format("{}{}d {:02}:{:02}:{:02}", sign, days, h, m, s);
}

}  // namespace sim
