// Text that is safe to print: what a scenario's names and texts may contain. Names and texts reach
// terminals, JSON and HTML, so bytes that are not UTF-8, or code points that reorder or split
// what a reader sees, are refused where they are written.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace scenario {

// What is wrong with `s`, or nothing. Always refused: bytes that are not UTF-8 (overlong forms,
// surrogates and code points past U+10FFFF included), bidirectional controls (U+200E, U+200F,
// U+202A-U+202E, U+2066-U+2069) and line or paragraph separators (U+0085, U+2028, U+2029).
// With `printable` also every control character (C0, DEL, C1), as names are one line.
// The description names the code point or byte, never quotes the text (it may be a secret).
struct TextProblem {
  std::size_t offset;  // byte offset into s where the problem starts
  std::string what;    // e.g. "U+202E (a bidirectional control)", "the byte 0xFF (not UTF-8)"
};
std::optional<TextProblem> text_problem(std::string_view s, bool printable);

}  // namespace scenario
