#include "commands.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <optional>

#include "explore_command.h"
#include "init_command.h"
#include "options.h"
#include "run_command.h"
#include "sweep_command.h"
#include "report/catalog.h"
#include "models/machines.h"
#include "models/settings.h"
#include "scenario/run.h"
#include "sweep/sweep_file.h"
#include "scenario/suggest.h"

namespace cli {
namespace {

// ---- option tables (also what --help prints) ----

po::options_description validate_options() {
  po::options_description d("Options");
  d.add_options()
      ("help,h", "show this help")
      ("quiet,q", po::bool_switch(), "print nothing for good files");
  return d;
}

po::options_description graph_options() {
  po::options_description d("Options");
  d.add_options()
      ("help,h", "show this help")
      ("cloud", po::value<Cloud>()->value_name("aws|azure"), "endpoint machine: only the rows of this cloud");
  return d;
}

po::options_description format_options() {
  po::options_description d("Options");
  d.add_options()
      ("help,h", "show this help")
      ("format", po::value<Format>()->default_value(Format::text, "text")->value_name("text|json"), "output format");
  return d;
}

std::string machine_list() { return fmt::format("{}", fmt::join(models::machine_names(), "|")); }

// ---- help texts: what, options, examples, exit status ----

void help_validate(std::ostream& out) {
  out << "Usage: cmksim validate [options] FILE...\n\n"
         "Reads and checks each scenario (syntax, names, times, settings, the setup) without running it.\n"
         "Prints \"FILE: ok\" for a good file and \"FILE:LINE:COLUMN: message\" on stderr for a bad one.\n\n"
      << validate_options()
      << "\nExamples:\n"
         "  cmksim validate scenarios/*.yaml\n"
         "  cmksim validate -q my-scenario.yaml && echo good\n"
         "  cmksim init | cmksim validate -          # FILE - reads standard input\n\n"
         "Exit status: 0 every file is good, 2 a file is bad (each bad file gets one message).\n";
}

void help_graph(std::ostream& out) {
  out << fmt::format("Usage: cmksim graph [options] MACHINE\n\n"
                     "Prints a state machine of the model as Graphviz DOT: one node per state (the initial one bold,\n"
                     "terminal ones double circles), one edge per transition rule labelled event [guard].\n"
                     "MACHINE is one of {}.\n\n",
                     machine_list())
      << graph_options()
      << "\nExamples:\n"
         "  cmksim graph cluster | dot -Tsvg > cluster.svg\n"
         "  cmksim graph endpoint --cloud azure | dot -Tpng > endpoint-azure.png\n"
         "  cmksim graph project\n\n"
         "Exit status: 0, or 2 for an unknown machine or cloud.\n";
}

void help_actions(std::ostream& out) {
  out << "Usage: cmksim actions [--format text|json]\n\n"
         "Lists every action a scenario step can name: who performs it (user API, cloud console, fault,\n"
         "Atlas UI), its parameters (optional ones in [brackets]), what it does and its source.\n\n"
      << format_options()
      << "\nExamples:\n"
         "  cmksim actions\n"
         "  cmksim actions --format json | jq -r '.[] | select(.actor == \"fault\") | .name'\n\n"
         "Exit status: 0, or 2 for bad usage.\n";
}

void help_settings(std::ostream& out) {
  out << "Usage: cmksim settings [--format text|json] [NAME...]\n\n"
         "Lists every model setting a scenario can change under `settings:` (or only the NAMEs given): its\n"
         "kind (duration, distribution, enum, bool, int, probability), its default, allowed values and why,\n"
         "then a link to each public document it cites (TAG: URL). docs/SOURCES.md explains every tag,\n"
         "spec sections too.\n"
         "`cmksim run --set NAME=VALUE` and `sweep --vary` change one from the command line.\n\n"
      << format_options()
      << "\nExamples:\n"
         "  cmksim settings\n"
         "  cmksim settings validation_interval restart_duration      # just these\n"
         "  cmksim settings --format json | jq -r '.[] | \"\\(.name) = \\(.default)\"'\n\n"
         "Exit status: 0, or 2 for bad usage.\n";
}

void help_errors(std::ostream& out) {
  out << "Usage: cmksim errors [--format text|json]\n\n"
         "Lists every error the model can answer, ordered by code: its HTTP status, its detail text (%s and %d\n"
         "stand for the values filled in, as in the Atlas error-code list), its source, then a link to each\n"
         "public document the source cites (TAG: URL). Documented codes carry the Atlas text; SIM_ codes are\n"
         "the model's stand-ins for cases the documents leave without a code. A step's `expect_error:` takes\n"
         "these codes (or `any`); `inject_api_error` can answer the ones marked transient.\n\n"
      << format_options()
      << "\nExamples:\n"
         "  cmksim errors\n"
         "  cmksim errors --format json | jq -r '.[] | \"\\(.code) \\(.httpStatus)\"'\n"
         "  cmksim errors --format json | jq -r '.[] | select(.httpStatus == 409) | .code'\n\n"
         "Exit status: 0, or 2 for bad usage.\n";
}

}  // namespace

// ---- the command table ----

const Command kCommands[] = {
    {"run", "run scenarios: timeline, verdicts, --trace/--chrome/--state files", help_run, run_command},
    {"validate", "check scenario files without running them", help_validate, validate_command},
    {"graph", "print a state machine as Graphviz DOT", help_graph, graph_command},
    {"actions", "list the actions a scenario step can name", help_actions, actions_command},
    {"settings", "list the model settings with their defaults", help_settings, settings_command},
    {"errors", "list the error codes the model can answer: status, text, source", help_errors, errors_command},
    {"explore", "perturb a scenario many times; shrink a violation to a minimal repro scenario", help_explore, run_explore},
    {"sweep", "run a scenario N times: percentiles of detection, downtime, recovery; --vary settings", print_sweep_help,
     run_sweep},
    {"merge", "combine the partial results of sharded sweeps into the unsharded result", print_merge_help, run_merge},
    {"init", "write a commented starter scenario (--cloud aws|azure|gcp, --private-endpoints)", help_init, init_command},
};

const Command* find_command(const std::string& name) {
  for (const Command& c : kCommands)
    if (name == c.name) return &c;
  return nullptr;
}

void print_main_help(std::ostream& out) {
  out << "cmksim: a discrete-event simulator of the MongoDB Atlas customer-managed-key lifecycle.\n\n"
         "Usage: cmksim COMMAND [options] [args]\n"
         "       cmksim COMMAND --help\n\n"
         "Commands:\n";
  for (const Command& c : kCommands) out << fmt::format("  {:<10}{}\n", c.name, c.summary);
  out << "\nOptions:\n"
         "  -h [ --help ]   show this help (with a COMMAND: that command's help)\n"
         "  --version       print the version and the commit it was built from\n\n"
         "Examples:\n"
         "  cmksim run scenarios/aws-kms-privatelink.yaml        # timeline and verdicts\n"
         "  cmksim run --quiet scenarios/*.yaml                 # verdicts only, every scenario\n"
         "  cmksim run s.yaml --trace s.jsonl --chrome s.trace.json --state s.state.json\n"
         "  cmksim validate scenarios/*.yaml\n"
         "  cmksim graph endpoint --cloud aws | dot -Tsvg > endpoint-aws.svg\n"
         "  cmksim actions --format json | jq '.[].name'\n"
         "  cmksim settings\n"
         "  cmksim errors --format json | jq -r '.[].code'\n"
         "  cmksim init --cloud azure > my.yaml && cmksim run my.yaml   # a starter scenario\n\n"
         "Exit status: 0 success (every expectation met), 1 an expectation failed,\n"
         "2 bad input (one message FILE:LINE:COLUMN: ...) or bad usage, 3 internal error (a bug).\n";
}

// ---- validate ----

int validate_command(const Args& args, std::ostream& out, std::ostream& err) {
  const auto vm = parse_args("validate", help_validate, args, validate_options(), {"file"}, out);
  if (!vm) return 0;
  const std::vector<std::string> files = operands(*vm, "file");
  if (files.empty()) throw UsageError("validate", "no scenario FILE given");
  const bool quiet = (*vm)["quiet"].as<bool>();
  int status = 0;
  for (const std::string& f : files) {
    try {
      // As sweep reads it: vary: and metrics: are checked too (a run passes over them).
      const scenario::Scenario s = sweep::load_sweep_file(f).scenario;
      scenario::Run setup(s);  // builds the world at time zero: setup mistakes show here, nothing runs
      if (!quiet) out << f << ": ok\n";
    } catch (const scenario::InputError& e) {
      err << e.what() << '\n';
      status = 2;
    }
  }
  return status;
}

// ---- graph, actions, settings, errors ----

int graph_command(const Args& args, std::ostream& out, std::ostream&) {
  const auto vm = parse_args("graph", help_graph, args, graph_options(), {"machine", 1}, out);
  if (!vm) return 0;
  const std::vector<std::string> machine = operands(*vm, "machine");
  if (machine.empty()) throw UsageError("graph", fmt::format("no MACHINE given (one of {})", machine_list()));
  const std::string& name = machine.front();
  std::optional<models::Provider> cloud;
  if (vm->count("cloud")) {
    if (name != "endpoint") throw UsageError("graph", fmt::format("--cloud applies to the endpoint machine, not '{}'", name));
    cloud = (*vm)["cloud"].as<Cloud>().provider;
  }
  if (!models::machine(name))
    throw UsageError("graph", fmt::format("unknown machine '{}' (one of {})", name, machine_list()));
  out << report::machine_dot(name, cloud);
  return 0;
}

int actions_command(const Args& args, std::ostream& out, std::ostream&) {
  const auto vm = parse_args("actions", help_actions, args, format_options(), {}, out);
  if (!vm) return 0;
  if ((*vm)["format"].as<Format>() == Format::json)
    print_json(out, report::actions_json());
  else
    report::write_actions_text(out);
  return 0;
}

int settings_command(const Args& args, std::ostream& out, std::ostream&) {
  const auto vm = parse_args("settings", help_settings, args, format_options(), {"name"}, out);
  if (!vm) return 0;
  const std::vector<std::string> only = operands(*vm, "name");
  std::vector<std::string> names;
  for (const models::SettingInfo& s : models::setting_names()) names.emplace_back(s.name);
  for (const std::string& n : only)
    if (!models::find_setting(n)) throw UsageError("settings", fmt::format("unknown setting '{}'{}", n, scenario::suggestion(n, names)));
  if ((*vm)["format"].as<Format>() == Format::json)
    print_json(out, report::settings_json(only));
  else
    report::write_settings_text(out, only);
  return 0;
}

int errors_command(const Args& args, std::ostream& out, std::ostream&) {
  const auto vm = parse_args("errors", help_errors, args, format_options(), {}, out);
  if (!vm) return 0;
  if ((*vm)["format"].as<Format>() == Format::json)
    print_json(out, report::errors_json());
  else
    report::write_errors_text(out);
  return 0;
}

}  // namespace cli
