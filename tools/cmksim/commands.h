// The cmksim subcommands. Each takes its own arguments (the command name removed), writes to the
// given streams and returns the exit status; usage mistakes throw UsageError, bad scenario input
// throws scenario::InputError, unwritable outputs throw report::OutputError (main maps all to 2).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace cli {

using Args = std::vector<std::string>;

int run_command(const Args& args, std::ostream& out, std::ostream& err);
int validate_command(const Args& args, std::ostream& out, std::ostream& err);
int graph_command(const Args& args, std::ostream& out, std::ostream& err);
int actions_command(const Args& args, std::ostream& out, std::ostream& err);
int settings_command(const Args& args, std::ostream& out, std::ostream& err);

// `cmksim --help` and the list of commands with one line each.
void print_main_help(std::ostream& out);
// `cmksim <command> --help`; false for an unknown command.
bool print_command_help(const std::string& command, std::ostream& out);
bool is_command(const std::string& name);

}  // namespace cli
