#include "report/trace.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace report {

bool is_secret_field(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::array<std::string_view, 7> kMarks = {"secret", "password", "passwd", "token",
                                                             "privatekey", "accesskey", "apikey"};
  return std::any_of(kMarks.begin(), kMarks.end(), [&](std::string_view m) { return lower.find(m) != std::string::npos; });
}

std::string_view shown_value(std::string_view name, std::string_view value) {
  return is_secret_field(name) ? kRedacted : value;
}

}  // namespace report
