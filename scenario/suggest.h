// "did you mean ...?": the closest candidate by edit distance, when close enough to be a typo.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scenario {

std::size_t edit_distance(std::string_view a, std::string_view b);  // Damerau (adjacent swaps) - Levenshtein, case-insensitive
// The best candidate within max(2, |word|/3) edits; nullopt when nothing is that close.
std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates);
// "; did you mean 'x'?" or "; expected one of: a, b, c" (the list when nothing is close).
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace scenario
