// Colour on a terminal for `cmksim run` (`--color=auto|always|never`): green PASS, red FAIL,
// yellow alerts and emails, red refused operations, a dim clock. `auto` colours only when stdout
// is a terminal, NO_COLOR (https://no-color.org) is unset or empty and TERM is not "dumb"; the
// option given on the command line wins over NO_COLOR.
#pragma once

#include <string>
#include <vector>

#include <boost/program_options.hpp>

namespace cli {

enum class ColorMode { automatic, always, never };

void validate(boost::any& v, const std::vector<std::string>& values, ColorMode*, int);

// The `--color` option for an options table.
void add_color_option(boost::program_options::options_description& d);

// Whether to colour standard output under `mode`.
bool colour_stdout(ColorMode mode);

// One verdict line ("PASS  ..." / "FAIL  ...") with its first word coloured when `on`.
std::string paint_verdict(const std::string& line, bool on);

// The timeline text (lines as report::write_timeline prints them) coloured line by line when `on`.
std::string paint_timeline(const std::string& text, bool on);

}  // namespace cli
