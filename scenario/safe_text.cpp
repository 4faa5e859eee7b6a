#include "scenario/safe_text.h"

#include <cstdint>

#include <fmt/format.h>

namespace scenario {
namespace {

// One decoded code point and its length in bytes; length 0 when the bytes are not UTF-8.
struct Decoded {
  char32_t cp = 0;
  std::size_t length = 0;
};

// Decodes the UTF-8 sequence at s[i] strictly (RFC 3629): shortest form, no surrogates, at most
// U+10FFFF.
Decoded decode(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char b = byte(i);
  if (b < 0x80) return {b, 1};
  std::size_t n = 0;
  char32_t cp = 0, min = 0;
  if ((b & 0xE0) == 0xC0) n = 2, cp = b & 0x1F, min = 0x80;
  else if ((b & 0xF0) == 0xE0) n = 3, cp = b & 0x0F, min = 0x800;
  else if ((b & 0xF8) == 0xF0) n = 4, cp = b & 0x07, min = 0x10000;
  else return {};
  if (i + n > s.size()) return {};
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return {cp, n};
}

bool is_bidi_control(char32_t c) { return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }
bool is_separator(char32_t c) { return c == 0x85 || c == 0x2028 || c == 0x2029; }
bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F); }

}  // namespace

std::optional<TextProblem> text_problem(std::string_view s, bool printable) {
  for (std::size_t i = 0; i < s.size();) {
    const Decoded d = decode(s, i);
    if (d.length == 0) return TextProblem{i, fmt::format("the byte 0x{:02X} (not UTF-8)", static_cast<unsigned char>(s[i]))};
    if (is_bidi_control(d.cp)) return TextProblem{i, fmt::format("U+{:04X} (a bidirectional control)", static_cast<std::uint32_t>(d.cp))};
    if (is_separator(d.cp)) return TextProblem{i, fmt::format("U+{:04X} (a line or paragraph separator)", static_cast<std::uint32_t>(d.cp))};
    if (printable && is_control(d.cp)) return TextProblem{i, fmt::format("U+{:04X} (a control character)", static_cast<std::uint32_t>(d.cp))};
    i += d.length;
  }
  return std::nullopt;
}

}  // namespace scenario
