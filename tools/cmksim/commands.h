// The cmksim subcommands (run, explore, sweep and merge have their own files) and the one table of
// them. Each takes its own arguments (the command name removed), writes to the given streams and
// returns the exit status; usage mistakes throw UsageError, bad scenario input throws
// scenario::InputError, unwritable outputs throw report::OutputError (main maps all to 2).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "options.h"

namespace cli {

int validate_command(const Args& args, std::ostream& out, std::ostream& err);
int graph_command(const Args& args, std::ostream& out, std::ostream& err);
int actions_command(const Args& args, std::ostream& out, std::ostream& err);
int settings_command(const Args& args, std::ostream& out, std::ostream& err);
int errors_command(const Args& args, std::ostream& out, std::ostream& err);

// One row of the command table: what `cmksim --help` lists, `cmksim CMD --help` prints, and what
// `cmksim CMD ...` runs.
struct Command {
  const char* name;
  const char* summary;
  void (*help)(std::ostream&);
  int (*run)(const Args& args, std::ostream& out, std::ostream& err);
};

// The row named `name`, or nullptr for an unknown command.
const Command* find_command(const std::string& name);

// `cmksim --help` and the list of commands with one line each.
void print_main_help(std::ostream& out);

// A JSON document as every command prints it: indented by two, bad UTF-8 replaced, a final newline.
template <class Json>
void print_json(std::ostream& out, const Json& j) {
  out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace cli
