#include "commands.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <optional>
#include <set>
#include <sstream>

#include "explore_command.h"
#include "options.h"
#include "sweep_command.h"
#include "report/atomic_file.h"
#include "report/catalog.h"
#include "report/chrome_trace.h"
#include "report/jsonl.h"
#include "report/state_json.h"
#include "report/summary.h"
#include "report/timeline.h"
#include "report/trace.h"
#include "report/world_states.h"
#include "models/machines.h"
#include "scenario/run.h"

namespace cli {
namespace {

// ---- option tables (also what --help prints) ----

po::options_description run_options() {
  po::options_description d("Options");
  d.add_options()
      ("help,h", "show this help")
      ("trace", po::value<std::string>()->value_name("FILE"),
       "write every record as JSON Lines: t_ms, t, kind, entity, from, to, cause, machine, row, fields")
      ("chrome", po::value<std::string>()->value_name("FILE"),
       "write a Chrome/Perfetto trace: one track per cluster and endpoint (and project block, key), "
       "states as spans, alerts and operations as instants")
      ("state", po::value<std::string>()->value_name("FILE"),
       "write the final state in Atlas API field names")
      ("seed", po::value<Seed>()->value_name("N"), "use this seed instead of the file's `seed:`")
      ("quiet,q", po::bool_switch(), "print only the verdicts, not the timeline")
      ("format", po::value<Format>()->default_value(Format::text, "text")->value_name("text|json"),
       "summary format; json prints one JSON document (no timeline) for jq");
  return d;
}

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

void help_run(std::ostream& out) {
  out << "Usage: cmksim run [options] FILE...\n\n"
         "Runs each scenario to its horizon. Prints the timeline, one line per happening:\n"
         "  <simulated time>  <entity>  <old state> -> <new state>  (<cause>)\n"
         "with alerts, emails and operations in between, then one verdict per expectation\n"
         "(PASS/FAIL with file:line:column; a failure says when, what was expected and what was seen)\n"
         "and a total line per file.\n\n"
      << run_options()
      << "\n--trace, --chrome and --state take one FILE; each is written to a temporary name and\n"
         "renamed when complete, so a failed run never leaves half a file.\n\n"
         "Examples:\n"
         "  cmksim run scenarios/aws-kms-privatelink.yaml\n"
         "  cmksim run --quiet scenarios/*.yaml\n"
         "  cmksim run scenarios/aws-kms-privatelink.yaml --seed 7 --trace run.jsonl --chrome run.trace.json --state final.json\n"
         "  cmksim run scenarios/aws-kms-privatelink.yaml --format json | jq '.runs[].expectations[] | select(.passed | not)'\n"
         "  jq -c 'select(.kind == \"alert\")' run.jsonl            # the alerts of a --trace file\n"
         "  jq '.projects[].clusters[] | {name, runState}' final.json   # clusters of a --state file\n"
         "  Open run.trace.json in https://ui.perfetto.dev or chrome://tracing.\n\n"
         "Exit status: 0 every expectation met, 1 an expectation failed, 2 bad input or usage\n"
         "(nothing runs and no output file is written when any FILE is bad).\n";
}

void help_validate(std::ostream& out) {
  out << "Usage: cmksim validate [options] FILE...\n\n"
         "Reads and checks each scenario (syntax, names, times, settings, the setup) without running it.\n"
         "Prints \"FILE: ok\" for a good file and \"FILE:LINE:COLUMN: message\" on stderr for a bad one.\n\n"
      << validate_options()
      << "\nExamples:\n"
         "  cmksim validate scenarios/*.yaml\n"
         "  cmksim validate -q my-scenario.yaml && echo good\n\n"
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
  out << "Usage: cmksim settings [--format text|json]\n\n"
         "Lists every model setting a scenario can change under `settings:`: its kind (duration,\n"
         "distribution, enum, bool, int, probability), its default, allowed values and why.\n\n"
      << format_options()
      << "\nExamples:\n"
         "  cmksim settings\n"
         "  cmksim settings --format json | jq -r '.[] | \"\\(.name) = \\(.default)\"'\n\n"
         "Exit status: 0, or 2 for bad usage.\n";
}

// The verdicts of a run as the reporters take them (report/ does not know the scenario layer).
report::RunSummary summarize(const std::string& file, const scenario::RunResult& r) {
  report::RunSummary s;
  s.file = file;
  s.seed = r.seed;
  s.end = r.end;
  s.events_fired = r.events_fired;
  for (const scenario::ExpectationResult& e : r.expectations)
    s.verdicts.push_back({e.description, e.where.file, e.where.line, e.where.column, e.passed, e.at, e.expected, e.seen});
  return s;
}

}  // namespace

// ---- the command table ----

const Command kCommands[] = {
    {"run", "run scenarios: timeline, verdicts, --trace/--chrome/--state files", help_run, run_command},
    {"validate", "check scenario files without running them", help_validate, validate_command},
    {"graph", "print a state machine as Graphviz DOT", help_graph, graph_command},
    {"actions", "list the actions a scenario step can name", help_actions, actions_command},
    {"settings", "list the model settings with their defaults", help_settings, settings_command},
    {"explore", "perturb a scenario many times; shrink a violation to a minimal repro scenario", help_explore, run_explore},
    {"sweep", "run a scenario N times: percentiles of detection, downtime, recovery; --vary settings", print_sweep_help,
     run_sweep},
    {"merge", "combine the partial results of sharded sweeps into the unsharded result", print_merge_help, run_merge},
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
         "  --version       print the version\n\n"
         "Examples:\n"
         "  cmksim run scenarios/aws-kms-privatelink.yaml        # timeline and verdicts\n"
         "  cmksim run --quiet scenarios/*.yaml                 # verdicts only, every scenario\n"
         "  cmksim run s.yaml --trace s.jsonl --chrome s.trace.json --state s.state.json\n"
         "  cmksim validate scenarios/*.yaml\n"
         "  cmksim graph endpoint --cloud aws | dot -Tsvg > endpoint-aws.svg\n"
         "  cmksim actions --format json | jq '.[].name'\n"
         "  cmksim settings\n\n"
         "Exit status: 0 success (every expectation met), 1 an expectation failed,\n"
         "2 bad input (one message FILE:LINE:COLUMN: ...) or bad usage, 3 internal error (a bug).\n";
}

// ---- run ----

int run_command(const Args& args, std::ostream& out, std::ostream& err) {
  const auto parsed = parse_args("run", help_run, args, run_options(), {"file"}, out);
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  const std::vector<std::string> files = operands(vm, "file");
  if (files.empty()) throw UsageError("run", "no scenario FILE given");
  const Format format = vm["format"].as<Format>();
  const bool quiet = vm["quiet"].as<bool>() || format == Format::json;
  std::optional<std::uint64_t> seed;
  if (vm.count("seed")) seed = vm["seed"].as<Seed>().value;

  struct Output {
    const char* option;
    std::string path;
  };
  std::vector<Output> outputs;
  for (const char* o : {"trace", "chrome", "state"})
    if (vm.count(o)) outputs.push_back({o, vm[o].as<std::string>()});
  if (!outputs.empty() && files.size() > 1)
    throw UsageError("run", fmt::format("--{} takes one scenario FILE, got {}", outputs.front().option, files.size()));
  std::set<std::string> paths;
  for (const Output& o : outputs)
    if (!paths.insert(o.path).second) throw UsageError("run", fmt::format("'{}' is named by two output options", o.path));

  // Every file is read and checked before anything runs: bad input costs nothing.
  std::vector<scenario::Scenario> scenarios;
  scenarios.reserve(files.size());
  for (const std::string& f : files) scenarios.push_back(scenario::load_file(f));

  // Output files are opened (as temporaries) before the run, so a bad path fails at once.
  std::vector<report::AtomicFile> files_out;
  for (const Output& o : outputs) files_out.emplace_back(o.path);

  std::vector<report::RunSummary> summaries;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    scenario::Run run(scenarios[i], seed);
    report::TraceRecorder recorder;
    run.add_observer(&recorder);
    recorder.trace().initial = report::current_states(run.world());
    const scenario::RunResult result = run.execute();
    const report::Trace& trace = recorder.trace();

    if (!quiet) {
      if (i > 0) out << '\n';
      report::write_timeline(out, trace);
      out << '\n';
    }
    for (std::size_t k = 0; k < outputs.size(); ++k) {
      std::ostringstream text;
      const std::string what = outputs[k].option;
      if (what == "trace")
        report::write_jsonl(text, trace);
      else if (what == "chrome")
        print_json(text, report::chrome_trace(trace, result.end, files[i]));
      else
        text << report::state_json(run.world()).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
      files_out[k].write(text.str());
    }
    summaries.push_back(summarize(files[i], result));
    if (format == Format::text) report::write_summary_text(out, summaries.back());
  }
  for (report::AtomicFile& f : files_out) f.commit();

  bool passed = true;
  for (const report::RunSummary& s : summaries) passed = passed && s.passed();
  if (format == Format::json) {
    print_json(out, report::summary_json(summaries));
    // stdout is for jq; people still see what failed.
    for (const report::RunSummary& s : summaries)
      for (const report::Verdict& v : s.verdicts)
        if (!v.passed) err << report::verdict_line(v) << '\n';
  }
  return passed ? 0 : 1;
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
      const scenario::Scenario s = scenario::load_file(f);
      scenario::Run setup(s);  // builds the world at time zero: setup mistakes show here, nothing runs
      if (!quiet) out << f << ": ok\n";
    } catch (const scenario::InputError& e) {
      err << e.what() << '\n';
      status = 2;
    }
  }
  return status;
}

// ---- graph, actions, settings ----

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
  const auto vm = parse_args("settings", help_settings, args, format_options(), {}, out);
  if (!vm) return 0;
  if ((*vm)["format"].as<Format>() == Format::json)
    print_json(out, report::settings_json());
  else
    report::write_settings_text(out);
  return 0;
}

}  // namespace cli
