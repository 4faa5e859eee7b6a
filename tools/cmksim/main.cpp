// cmksim: the command line. Parses the command with Boost.Program_options, hands the rest to the
// subcommand's row of the command table (commands.cpp) and turns every kind of failure into its
// exit status and ONE line on stderr: 2 for usage and bad input ("file:line:column: message"), 1
// for a failed expectation (reported by `run` itself), 3 for an internal error (a bug).
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "models/actions.h"
#include "models/settings.h"
#include "options.h"
#include "report/atomic_file.h"
#include "scenario/input_error.h"
#include "scenario/secrets.h"
#include "version.h"

namespace {

namespace po = boost::program_options;

int dispatch(int argc, char** argv) {
  po::options_description global("Options");
  global.add_options()
      ("help,h", "show help")
      ("version", "print the version")
      ("command", po::value<std::string>(), "command")
      ("args", po::value<std::vector<std::string>>(), "arguments of the command");
  po::positional_options_description positional;
  positional.add("command", 1).add("args", -1);

  po::parsed_options parsed = [&] {
    try {
      // The command's own options are not known here: they pass through unregistered.
      return po::command_line_parser(argc, argv).options(global).positional(positional).allow_unregistered().run();
    } catch (const po::error& e) {
      throw cli::UsageError("", e.what());
    }
  }();
  po::variables_map vm;
  po::store(parsed, vm);

  if (!vm.count("command")) {
    if (vm.count("version")) {
      std::cout << "cmksim " << cli::kVersion << " (commit " << cli::kCommit << ")\n";
      return 0;
    }
    if (vm.count("help")) {
      cli::print_main_help(std::cout);
      return 0;
    }
    // Something unregistered and no command: an unknown global option, or nothing at all.
    const auto rest = po::collect_unrecognized(parsed.options, po::include_positional);
    if (!rest.empty()) throw cli::UsageError("", fmt::format("unrecognised option '{}'", rest.front()));
    throw cli::UsageError("", "no COMMAND given");
  }
  const std::string command = vm["command"].as<std::string>();
  if (command == "help") {  // `cmksim help [COMMAND]`
    const auto rest = vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (rest.empty()) {
      cli::print_main_help(std::cout);
      return 0;
    }
    const cli::Command* asked = cli::find_command(rest.front());
    if (!asked) throw cli::UsageError("", fmt::format("unknown command '{}'", rest.front()));
    asked->help(std::cout);
    return 0;
  }
  const cli::Command* c = cli::find_command(command);
  if (!c) throw cli::UsageError("", fmt::format("unknown command '{}'", command));
  if (vm.count("help")) {  // `cmksim run --help`, `cmksim --help run`
    c->help(std::cout);
    return 0;
  }
  if (vm.count("version")) throw cli::UsageError(command, "--version is not an option of a command");

  std::vector<std::string> args = po::collect_unrecognized(parsed.options, po::include_positional);
  args.erase(args.begin());  // the command itself
  return c->run(args, std::cout, std::cerr);
}

// One error line on stderr, never showing text shaped like a credential (InputError already hides
// them; the other errors may quote a command-line value or a model's message).
void error_line(const std::string& line) { std::cerr << scenario::hide_secret_shapes(line) << '\n'; }

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  int status = 0;
  try {
    status = dispatch(argc, argv);
  } catch (const cli::UsageError& e) {
    const std::string who = e.command().empty() ? "cmksim" : "cmksim " + e.command();
    std::cout.flush();
    error_line(fmt::format("{}: {} (see '{} --help')", who, e.what(), who));
    status = 2;
  } catch (const scenario::InputError& e) {
    std::cout.flush();
    std::cerr << e.what() << '\n';
    status = 2;
  } catch (const report::OutputError& e) {
    std::cout.flush();
    error_line(std::string("cmksim: ") + e.what());
    status = 2;
  } catch (const models::ActionError& e) {  // the scenario layer should have turned these into InputError
    std::cout.flush();
    error_line(std::string("cmksim: ") + e.what());
    status = 2;
  } catch (const models::SettingError& e) {
    std::cout.flush();
    error_line(std::string("cmksim: ") + e.what());
    status = 2;
  } catch (const std::exception& e) {
    std::cout.flush();
    error_line(std::string("cmksim: internal error: ") + e.what());
    status = 3;
  }
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "cmksim: cannot write to standard output\n";
    return status == 0 ? 2 : status;
  }
  return status;
}
