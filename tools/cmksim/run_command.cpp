#include "run_command.h"

#include <fmt/format.h>

#include <optional>
#include <sstream>

#include "color.h"
#include "commands.h"
#include "setting_overrides.h"
#include "report/output_set.h"
#include "report/chrome_trace.h"
#include "report/fleet_rollup.h"
#include "report/jsonl.h"
#include "report/junit.h"
#include "report/state_json.h"
#include "report/summary.h"
#include "report/timeline.h"
#include "report/trace.h"
#include "report/world_states.h"
#include "scenario/run.h"

namespace cli {
namespace {

// ---- the output files: one option and one writer each ----

// A finished run, as much of it as the output writers read.
struct FinishedRun {
  const std::string& file;
  const report::Trace& trace;
  const scenario::RunResult& result;
  const models::World& world;
};

// An output option: its name (also --help's), help text and writer.
struct OutputKind {
  const char* option;
  const char* help;
  void (*write)(std::ostream& out, const FinishedRun& run);
};

// The writers: each prints the whole text of its file for one finished run.
void write_trace(std::ostream& out, const FinishedRun& run) { report::write_jsonl(out, run.trace); }
void write_chrome(std::ostream& out, const FinishedRun& run) {
  print_json(out, report::chrome_trace(run.trace, run.result.end, run.file));
}
void write_state(std::ostream& out, const FinishedRun& run) { print_json(out, report::state_json(run.world)); }

// In the order --help lists them and the files are written.
const OutputKind kOutputKinds[] = {
    {"trace", "write every record as JSON Lines: t_ms, t, kind, entity, from, to, cause, machine, row, fields", write_trace},
    {"chrome",
     "write a Chrome/Perfetto trace: one track per cluster and endpoint (and project block, key), "
     "states as spans, alerts and operations as instants",
     write_chrome},
    {"state", "write the final state in Atlas API field names", write_state},
};

po::options_description run_options() {
  po::options_description d("Options");
  d.add_options()("help,h", "show this help");
  for (const OutputKind& k : kOutputKinds) d.add_options()(k.option, po::value<std::string>()->value_name("FILE"), k.help);
  d.add_options()
      ("seed", po::value<Seed>()->value_name("N"), "use this seed instead of the file's `seed:`")
      ("quiet,q", po::bool_switch(), "print only the verdicts, not the timeline")
      ("clock", po::value<Clock>()->default_value(Clock::sim, "sim")->value_name("sim|iso"),
       "timeline times: sim (0d 00:15:00) or iso (2026-01-01T00:15:00Z, from the scenario's start:)")
      ("format", po::value<Format>()->default_value(Format::text, "text")->value_name("text|json"),
       "summary format; json prints one JSON document (no timeline) for jq")
      ("aggregate", po::value<Aggregate>()->default_value(Aggregate::automatic, "auto")->value_name("auto|always|never"),
       "print the fleet report (per region, worst projects, incidents) instead of the timeline; auto: past 20 projects. "
       "With --format json it is each run's \"fleet\" object")
      ("junit", po::value<std::string>()->value_name("FILE"),
       "write the verdicts of every FILE as JUnit XML: one testcase per expectation and invariant")
      ("no-fast-forward", po::bool_switch(), "fire every validation tick, idle ones too (same results, slower)");
  add_set_option(d);
  add_color_option(d);
  return d;
}

// ---- the request: options checked ----

struct Output {
  const OutputKind* kind;
  std::string path;
};

// What `cmksim run` was asked to do.
struct RunRequest {
  std::vector<std::string> files;
  Format format = Format::text;
  bool quiet = false;  // no timeline (also with --format json)
  bool isoClock = false;  // --clock iso: timeline times as ISO 8601 instants
  Aggregate aggregate = Aggregate::automatic;  // --aggregate: the fleet report instead of the timeline
  std::optional<std::uint64_t> seed;
  std::vector<Output> outputs;  // in kOutputKinds order
  std::optional<std::string> junit;  // --junit: the verdicts of all FILEs
  SettingOverrides overrides;        // --set
  bool colour = false;
  bool fastForward = true;  // --no-fast-forward: every idle tick fires (same outputs)
};

// The request of parsed options; throws UsageError for no FILE or an output option with several
// FILEs (two options naming one file are refused by the OutputSet).
RunRequest read_request(const po::variables_map& vm) {
  RunRequest rq;
  rq.files = operands(vm, "file");
  if (rq.files.empty()) throw UsageError("run", "no scenario FILE given");
  rq.format = vm["format"].as<Format>();
  rq.quiet = vm["quiet"].as<bool>() || rq.format == Format::json;
  if (vm.count("seed")) rq.seed = vm["seed"].as<Seed>().value;
  rq.isoClock = vm["clock"].as<Clock>() == Clock::iso;
  rq.aggregate = vm["aggregate"].as<Aggregate>();
  for (const OutputKind& k : kOutputKinds)
    if (vm.count(k.option)) rq.outputs.push_back({&k, vm[k.option].as<std::string>()});
  if (!rq.outputs.empty() && rq.files.size() > 1)
    throw UsageError("run", fmt::format("--{} takes one scenario FILE, got {}", rq.outputs.front().kind->option, rq.files.size()));
  if (vm.count("junit")) rq.junit = vm["junit"].as<std::string>();
  rq.overrides = read_overrides("run", vm);
  rq.colour = colour_stdout(vm["color"].as<ColorMode>());
  rq.fastForward = !vm["no-fast-forward"].as<bool>();
  return rq;
}

// ---- load, open, run, summarize ----

// Every file is read and checked before anything runs: bad input costs nothing. The --set
// overrides apply on top of each file's own settings.
std::vector<scenario::Scenario> load_all(const RunRequest& rq) {
  std::vector<scenario::Scenario> scenarios;
  scenarios.reserve(rq.files.size());
  for (const std::string& f : rq.files) {
    scenarios.push_back(scenario::load_file(f));
    apply_overrides(scenarios.back(), rq.overrides);
  }
  return scenarios;
}

// The output options as the OutputSet takes them, in kOutputKinds order.
std::vector<report::OutputRequest> output_requests(const std::vector<Output>& outputs) {
  std::vector<report::OutputRequest> r;
  for (const Output& o : outputs) r.push_back({fmt::format("--{}", o.kind->option), o.path});
  return r;
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

// Runs scenario `s` of `file`: prints its timeline (unless quiet; a blank line before all but the
// first) and, for text, its verdicts; writes each output's text into `files_out` (same order).
report::RunSummary run_one(const scenario::Scenario& s, const std::string& file, bool first, const RunRequest& rq,
                           report::OutputSet& files_out, std::ostream& out) {
  scenario::Run run(s, rq.seed, {rq.fastForward});
  const bool aggregate = rq.aggregate == Aggregate::always ||
                         (rq.aggregate == Aggregate::automatic && s.projects.size() > report::kFleetProjects);
  std::optional<report::FleetRollup> rollup;
  if (aggregate) run.add_observer(&rollup.emplace(run.world()));
  report::TraceRecorder recorder;
  // A fleet's records are kept only for an output file that needs them (a year of them is GBs).
  if (!aggregate || !rq.outputs.empty()) run.add_observer(&recorder);
  recorder.trace().initial = report::current_states(run.world());
  const scenario::RunResult result = run.execute();
  // The recorder counted kernel events; fast-forward's skipped ticks count too (as in the summary).
  recorder.trace().events_fired = result.events_fired;
  const FinishedRun finished{file, recorder.trace(), result, run.world()};
  if (rollup) rollup->finish(result.end);

  if (!rq.quiet) {
    if (!first) out << '\n';
    std::ostringstream timeline;
    if (rollup) rollup->write_text(timeline);
    else report::write_timeline(timeline, finished.trace, rq.isoClock ? &s.clock : nullptr);
    out << (rollup ? timeline.str() : paint_timeline(timeline.str(), rq.colour)) << '\n';
  }
  for (std::size_t k = 0; k < rq.outputs.size(); ++k) {
    std::ostringstream text;
    rq.outputs[k].kind->write(text, finished);
    files_out.write(k, text.str());
  }
  report::RunSummary summary = summarize(file, result);
  if (rollup && rq.format == Format::json) summary.fleet = rollup->json();
  if (rq.format == Format::text) {
    for (const report::Verdict& v : summary.verdicts) out << paint_verdict(report::verdict_line(v), rq.colour) << '\n';
    out << report::total_line(summary) << '\n';
  }
  return summary;
}

// The JSON summary (text was printed run by run) and the exit status: 0 all passed, 1 not.
int finish(const std::vector<report::RunSummary>& summaries, Format format, std::ostream& out, std::ostream& err) {
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

}  // namespace

void help_run(std::ostream& out) {
  out << "Usage: cmksim run [options] FILE...\n\n"
         "Runs each scenario to its horizon. Prints the timeline, one line per happening:\n"
         "  <simulated time>  <entity>  <old state> -> <new state>  (<cause>)\n"
         "with alerts, emails and operations in between, then one verdict per expectation\n"
         "(PASS/FAIL with file:line:column; a failure says when, what was expected and what was seen)\n"
         "and a total line per file.\n\n"
      << run_options()
      << "\n--trace, --chrome and --state take one FILE. A regular file is written to a temporary name\n"
         "and renamed when complete (all of them together), so a failed run never leaves half a file;\n"
         "a symlink is followed; a device, FIFO or socket (/dev/null, a named pipe) is written in place.\n"
         "FILE - is standard output (one option at most); the timeline and verdicts then go to standard\n"
         "error. An output that is an input FILE, or another output's file, is refused before the run.\n\n"
         "Examples:\n"
         "  cmksim run scenarios/aws-kms-privatelink.yaml\n"
         "  cmksim run --quiet scenarios/*.yaml\n"
         "  cmksim run scenarios/aws-kms-privatelink.yaml --seed 7 --trace run.jsonl --chrome run.trace.json --state final.json\n"
         "  cmksim run scenarios/aws-kms-privatelink.yaml --format json | jq '.runs[].expectations[] | select(.passed | not)'\n"
         "  jq -c 'select(.kind == \"alert\")' run.jsonl            # the alerts of a --trace file\n"
         "  jq '.projects[].clusters[] | {name, runState}' final.json   # clusters of a --state file\n"
         "  Open run.trace.json in https://ui.perfetto.dev or chrome://tracing.\n\n"
         "  cmksim run scenarios/default.yaml --set validation_interval=5m    # the same story, checked more often\n"
         "  cmksim run --quiet scenarios/*.yaml --junit cmksim.xml             # for CI: one testcase per expectation\n"
         "  cmksim init | cmksim run -                                         # FILE - reads standard input\n\n"
         "Exit status: 0 every expectation met, 1 an expectation failed, 2 bad input or usage\n"
         "(nothing runs and no output file is written when any FILE is bad).\n";
}

int run_command(const Args& args, std::ostream& out, std::ostream& err) {
  const auto vm = parse_args("run", help_run, args, run_options(), {"file"}, out);
  if (!vm) return 0;
  const RunRequest rq = read_request(*vm);
  const std::vector<scenario::Scenario> scenarios = load_all(rq);
  std::vector<report::OutputRequest> requests = output_requests(rq.outputs);
  if (rq.junit) requests.push_back({"--junit", *rq.junit});  // the last output: written once all have run
  report::OutputSet files_out(requests, rq.files, out);
  // With an output on standard output, it carries that file alone; the report goes to stderr.
  std::ostream& report_out = files_out.has_standard_output() ? err : out;
  std::vector<report::RunSummary> summaries;
  for (std::size_t i = 0; i < scenarios.size(); ++i)
    summaries.push_back(run_one(scenarios[i], rq.files[i], i == 0, rq, files_out, report_out));
  if (rq.junit) files_out.write(rq.outputs.size(), report::junit_xml(summaries));
  files_out.commit();
  return finish(summaries, rq.format, report_out, err);
}

}  // namespace cli
