#include "color.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <regex>
#include <sstream>

#include "options.h"

namespace cli {
namespace {

constexpr const char* kReset = "\x1b[0m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kRed = "\x1b[1;31m";
constexpr const char* kYellow = "\x1b[33m";
constexpr const char* kDim = "\x1b[2m";

// The timeline's clock column: "    0d 01:05:00" at the start of each line.
const std::regex& clock_column() {
  static const std::regex r(R"(^( *\d+d \d\d:\d\d:\d\d(\.\d+)?))");
  return r;
}

// An operation Atlas refused: "read_write -> SIM_CLUSTER_DISABLED 503: ...".
const std::regex& refused_operation() {
  static const std::regex r(R"( -> [A-Z][A-Z0-9_]* [45]\d\d\b)");
  return r;
}

}  // namespace

void validate(boost::any& v, const std::vector<std::string>& values, ColorMode*, int) {
  validate_choice<ColorMode>(v, values,
                             {{"auto", ColorMode::automatic}, {"always", ColorMode::always}, {"never", ColorMode::never}});
}

void add_color_option(po::options_description& d) {
  d.add_options()("color", po::value<ColorMode>()->default_value(ColorMode::automatic, "auto")->value_name("auto|always|never"),
                  "colour PASS/FAIL, alerts and refusals; auto: on a terminal unless NO_COLOR is set");
}

bool colour_stdout(ColorMode mode) {
  if (mode != ColorMode::automatic) return mode == ColorMode::always;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::strcmp(term, "dumb") == 0) return false;
  return isatty(STDOUT_FILENO) == 1;
}

std::string paint_verdict(const std::string& line, bool on) {
  if (!on) return line;
  if (line.rfind("PASS", 0) == 0) return kGreen + line.substr(0, 4) + kReset + line.substr(4);
  if (line.rfind("FAIL", 0) == 0) return kRed + line.substr(0, 4) + kReset + line.substr(4);
  return line;
}

std::string paint_timeline(const std::string& text, bool on) {
  if (!on) return text;
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line)) {
    std::smatch clock;
    std::string rest = line, head;
    if (std::regex_search(line, clock, clock_column())) {
      head = kDim + clock.str(1) + kReset;
      rest = line.substr(clock.length(1));
    }
    if (rest.find(" ALERT ") != std::string::npos || rest.find(" EMAIL ") != std::string::npos)
      rest = kYellow + rest + kReset;
    else if (std::regex_search(rest, refused_operation()))
      rest = kRed + rest + kReset;
    out += head + rest + '\n';
  }
  return out;
}

}  // namespace cli
