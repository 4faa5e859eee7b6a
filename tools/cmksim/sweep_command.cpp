#include "sweep_command.h"

#include <charconv>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "options.h"
#include "report/output_set.h"
#include "scenario/run.h"
#include "scenario/input_error.h"
#include "sim/duration_text.h"
#include "sweep/html_report.h"
#include "sweep/output.h"
#include "sweep/partial.h"
#include "sweep/progress.h"
#include "sweep/runner.h"
#include "sweep/size_limit.h"
#include "sweep/sweep_file.h"

namespace cli {
namespace {

enum class SweepFormat { table, csv, json };

struct Shard {
  std::uint32_t index = 1, count = 1;
};

void validate(boost::any& v, const std::vector<std::string>& values, SweepFormat*, int) {
  po::validators::check_first_occurrence(v);
  const std::string& s = po::validators::get_single_string(values);
  if (s == "table") v = SweepFormat::table;
  else if (s == "csv") v = SweepFormat::csv;
  else if (s == "json") v = SweepFormat::json;
  else bad_value(s, "table, csv, json");
}

void validate(boost::any& v, const std::vector<std::string>& values, Shard*, int) {
  po::validators::check_first_occurrence(v);
  const std::string& s = po::validators::get_single_string(values);
  Shard sh;
  const auto slash = s.find('/');
  auto number = [&](std::string_view t, std::uint32_t& out) {
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), out);
    return !t.empty() && ec == std::errc() && end == t.data() + t.size();
  };
  if (slash == std::string::npos || !number(std::string_view(s).substr(0, slash), sh.index) ||
      !number(std::string_view(s).substr(slash + 1), sh.count) || sh.count == 0 || sh.index == 0 || sh.index > sh.count)
    bad_value(s, "K/N with 1 <= K <= N, e.g. 2/4");
  v = sh;
}

po::options_description sweep_options() {
  po::options_description d("Options");
  d.add_options()
      ("help,h", "show this help")
      ("runs,n", po::value<Count>()->default_value(Count{100}, "100")->value_name("N"), "runs per combination")
      ("threads,j", po::value<Count>()->value_name("T"), "worker threads (default: all cores)")
      ("seed", po::value<Seed>()->value_name("S"), "base seed (default: the file's `seed:`); run i uses derive(S, i)")
      ("vary", po::value<std::vector<std::string>>()->composing()->value_name("SETTING=V1,V2"),
       "sweep a setting side by side (repeatable; a grid of all combinations)")
      ("format", po::value<SweepFormat>()->default_value(SweepFormat::table, "table")->value_name("table|csv|json"),
       "summary format on stdout")
      ("report", po::value<std::string>()->value_name("FILE"), "write a self-contained HTML report")
      ("shard", po::value<Shard>()->value_name("K/N"), "run only shard K of N (needs --out)")
      ("out", po::value<std::string>()->value_name("FILE"), "write the raw partial result (JSON) for `cmksim merge`")
      ("stuck-after", po::value<std::string>()->default_value("1h")->value_name("DURATION"),
       "an endpoint not ACTIVE this long after its creation counts as stuck")
      ("slo", po::value<std::string>()->value_name("DURATION"),
       "per-cluster downtime budget: adds cluster_downtime_over_slo, whose mean is P(cluster downtime > DURATION)")
      ("rank-by", po::value<std::string>()->default_value(sweep::names::kClusterUnavailable)->value_name("METRIC"),
       "metric whose per-run total picks the median and worst runs")
      ("no-progress", po::bool_switch(), "no progress bar (it is drawn only on a terminal anyway)")
      ("no-fast-forward", po::bool_switch(), "fire every validation tick, idle ones too (same results, slower)")
      ("quiet,q", po::bool_switch(), "no progress bar and no summary line on stderr: only the result");
  return d;
}

po::options_description merge_options() {
  po::options_description d("Options");
  d.add_options()
      ("help,h", "show this help")
      ("format", po::value<SweepFormat>()->default_value(SweepFormat::table, "table")->value_name("table|csv|json"),
       "summary format on stdout")
      ("report", po::value<std::string>()->value_name("FILE"), "write the HTML report (replays two runs per combination)")
      ("scenario", po::value<std::string>()->value_name("FILE"), "scenario file for --report (default: the path in the parts)")
      ("out", po::value<std::string>()->value_name("FILE"), "write the merged raw result (to merge again later)");
  return d;
}

std::string render(const sweep::SweepData& d, SweepFormat f) {
  switch (f) {
    case SweepFormat::csv: return sweep::format_csv(d);
    case SweepFormat::json: return sweep::format_json(d);
    default: return sweep::format_table(d);
  }
}

// Runs the sweep with a progress bar on a terminal (unless `quiet` or `no_progress`); without a bar
// (a log, CI) and unless `quiet`, one line on `err` then says what ran and how long it took.
sweep::SweepData execute_reporting(const sweep::Plan& plan, sweep::SweepOptions o, bool quiet, bool no_progress,
                                   std::ostream& err) {
  sweep::ProgressBar bar(stderr, quiet || no_progress);
  if (bar.enabled()) o.progress = [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
  const auto start = std::chrono::steady_clock::now();
  sweep::SweepData result = sweep::execute(plan, o);
  bar.finish();
  if (!bar.enabled() && !quiet)
    err << fmt::format("cmksim sweep: {} runs x {} combination(s) in {:.1f} s on {} thread(s)\n", o.runs,
                       result.combinations.size(), std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                       o.threads);
  return result;
}

}  // namespace

void print_sweep_help(std::ostream& out) {
  out << "Usage: cmksim sweep FILE [options]\n\n"
         "Runs the scenario N times with independent, reproducible random streams (run i's seed is\n"
         "derive(S, i), printed for the median, worst and failing runs, so any run replays with\n"
         "`cmksim run FILE --seed SEED`) and prints count, mean, p50, p90, p99 and max of:\n"
         "  detection_latency        key became unusable -> each cluster's shutdown or pause\n"
         "  cluster_unavailable      per run: cluster time disabled or paused (summed over clusters)\n"
         "  cluster_downtime         the same, one value per cluster and run; project_downtime:NAME per project\n"
         "                           (region_downtime:REGION per key region past 20 projects, as run's fleet report)\n"
         "  fleet_availability       per run: share of cluster-time served, in %\n"
         "  time_to_recovery         key usable again -> each shut-down cluster RUNNING again\n"
         "  time_to_detect, time_to_acknowledge, time_to_restore   from the incident (a key became\n"
         "                           unusable) to its first alert, a responder's acknowledgement, all back\n"
         "  cluster_downtime_over_slo  with --slo: its mean is P(a cluster's downtime > the budget)\n"
         "  endpoint_time_to_active  endpoint created -> ACTIVE; endpoint_recreations, endpoints_stuck per run\n"
         "  guard_errors, guard_error:CODE   refused operations per run, by Atlas error code\n"
         "  alerts, alert:TYPE               alerts/emails/events per run, by eventTypeName\n"
         "  client_apply_duration, client_apply_failed   per terraform apply: how long, failed 1/0 (mean = share)\n"
         "plus each `metrics:` entry of the file (syntax: scenario/FORMAT.md \"Sweep keys\"), and the\n"
         "share of runs in which each expect:, invariant or timeline step failed. Percentiles are\n"
         "nearest-rank over all raw values (exact). The result does not depend on --threads or on how\n"
         "the runs are sharded.\n\n";
  out << sweep_options() << "\n";
  out << "Side by side: `vary:` in the file or --vary on the command line sweeps settings as a grid,\n"
         "one column per combination (every combination uses the same N seeds):\n"
         "  cmksim sweep scenarios/what-if/detection-latency.yaml --runs 1000 --vary validation_interval=5m,15m,30m\n"
         "  cmksim sweep FILE --vary validation_interval=5m,15m --vary 't_reflect=1m,uniform(0s, 3m)'\n\n"
         "Examples:\n"
         "  cmksim sweep scenarios/default.yaml --runs 1000\n"
         "  cmksim sweep scenarios/default.yaml --runs 1000 --format json | jq '.combinations[0].metrics[] | {name, p99}'\n"
         "  cmksim sweep scenarios/default.yaml --runs 1000 --format csv > sweep.csv\n"
         "  cmksim sweep scenarios/default.yaml --runs 1000 --report sweep.html     # open in any browser\n"
         "  cmksim run scenarios/default.yaml --seed 1234567890                     # replay one printed seed\n\n"
         "Across machines: each shard runs runs i with i % N == K-1 and writes raw values; merge\n"
         "gives exactly the unsharded result:\n"
         "  cmksim sweep FILE --runs 10000 --shard 1/3 --out part-1.json   (and 2/3, 3/3 elsewhere)\n"
         "  cmksim merge part-*.json --format json --report sweep.html\n\n"
         "Size: runs x combinations may be at most 10,000,000, and the raw values (about 2 KB per run)\n"
         "must fit in free memory; a larger sweep is refused at once with the number of shards to use.\n\n"
         "Outputs: --out and --report are written together or not at all (a temporary name, then a\n"
         "rename; a device or FIFO is written in place). FILE - is standard output (one of them at most);\n"
         "the summary then goes to standard error. An output that is the scenario FILE is refused.\n\n"
         "Exit status: 0 the sweep ran (failed expectations are results, not errors), 2 bad input or\n"
         "usage (nothing is written).\n";
}

void print_merge_help(std::ostream& out) {
  out << "Usage: cmksim merge PART.json... [options]\n\n"
         "Combines the partial results of `cmksim sweep --shard K/N --out PART.json` into exactly the\n"
         "result of the unsharded sweep (same seeds, same percentiles, byte for byte). Every run of\n"
         "the sweep must be in exactly one part.\n\n";
  out << merge_options() << "\n";
  out << "Examples:\n"
         "  cmksim merge part-*.json\n"
         "  cmksim merge part-1.json part-2.json part-3.json --format json | jq '.combinations[].metrics[0]'\n"
         "  cmksim merge part-*.json --report sweep.html                  # replays the median and worst runs\n"
         "  cmksim merge part-*.json --out all.json                       # merge again later with more parts\n\n"
         "Each part is checked before it is merged: at most 256 MiB, format version, the scenario file's\n"
         "hash (parts of an edited file are refused, and so is a --report scenario that is not the file the\n"
         "parts were swept from), and that it holds exactly the runs of the shard it names.\n\n"
         "Exit status: 0 merged, 2 bad input (a malformed part, parts of different sweeps, a run in two\n"
         "parts or missing from all).\n";
}

namespace {

// The sweep options of parsed options (the file is not read yet); throws UsageError.
sweep::SweepOptions read_sweep_options(const po::variables_map& vm) {
  sweep::SweepOptions o;
  o.fastForward = !vm["no-fast-forward"].as<bool>();
  // Larger counts are refused by check_sweep_size with the requested number in the message.
  o.runs = static_cast<std::uint32_t>(std::min<std::uint64_t>(vm["runs"].as<Count>().value, UINT32_MAX));
  o.threads = vm.count("threads") ? static_cast<unsigned>(std::min<std::uint64_t>(vm["threads"].as<Count>().value, 1024))
                                : std::max(1u, std::thread::hardware_concurrency());
  if (vm.count("seed")) o.seed = vm["seed"].as<Seed>().value;
  if (vm.count("shard")) {
    o.shard = vm["shard"].as<Shard>().index;
    o.shards = vm["shard"].as<Shard>().count;
    if (!vm.count("out")) throw UsageError("sweep", "--shard needs --out FILE for the partial result");
    if (o.shards > 1 && vm.count("report"))
      throw UsageError("sweep", "--report needs the whole sweep: give it to `cmksim merge` instead of a shard");
  }
  try {
    o.stuck_after = sim::parse_duration(vm["stuck-after"].as<std::string>());
  } catch (const sim::DurationError& e) {
    throw UsageError("sweep", fmt::format("--stuck-after '{}': {}", vm["stuck-after"].as<std::string>(), e.what()));
  }
  if (vm.count("slo")) {
    try {
      o.slo = sim::parse_duration(vm["slo"].as<std::string>());
    } catch (const sim::DurationError& e) {
      throw UsageError("sweep", fmt::format("--slo '{}': {}", vm["slo"].as<std::string>(), e.what()));
    }
  }
  o.rank_by = vm["rank-by"].as<std::string>();
  if (vm.count("vary"))
    for (const std::string& v : vm["vary"].as<std::vector<std::string>>()) {
      try {
        o.vary.push_back(sweep::parse_vary_option(v));
      } catch (const std::invalid_argument& e) {
        throw UsageError("sweep", e.what());
      }
    }
  return o;
}

// The plan of the scenario `path` under `o`, its scenario hash recorded, refused (UsageError) when
// it is too large to hold in memory.
sweep::Plan plan_sweep(const std::string& path, const po::variables_map& vm, const sweep::SweepOptions& o) {
  const std::string text = scenario::read_scenario_file(path);
  const sweep::SweepFile file = sweep::parse_sweep_file(text, path);
  try {
    sweep::Plan plan = sweep::make_plan(file, o, path);
    plan.data.scenario_hash = sweep::scenario_hash(text);
    sweep::check_sweep_size(vm["runs"].as<Count>().value, plan.data.combinations.size(), o.shards, sweep::memory_available());
    return plan;
  } catch (const std::invalid_argument& e) {
    throw UsageError("sweep", e.what());
  }
}

// The requests of the output options `names` that were given.
std::vector<report::OutputRequest> output_requests(const po::variables_map& vm, std::initializer_list<const char*> names) {
  std::vector<report::OutputRequest> r;
  for (const char* n : names)
    if (vm.count(n)) r.push_back({fmt::format("--{}", n), vm[n].as<std::string>()});
  return r;
}

}  // namespace

int run_sweep(const Args& args, std::ostream& out, std::ostream& err) {
  const auto parsed = parse_args("sweep", print_sweep_help, args, sweep_options(), {"file"}, out);
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  const std::vector<std::string> files = operands(vm, "file");
  if (files.size() != 1) throw UsageError("sweep", files.empty() ? "no scenario FILE given" : "give one scenario FILE");
  sweep::SweepOptions o = read_sweep_options(vm);
  const sweep::Plan plan = plan_sweep(files.front(), vm, o);
  // --out first, then --report: the order they are written in.
  report::OutputSet outputs(output_requests(vm, {"out", "report"}), files, out);
  std::ostream& report_out = outputs.has_standard_output() ? err : out;

  sweep::SweepData result = execute_reporting(plan, o, vm["quiet"].as<bool>(), vm["no-progress"].as<bool>(), err);

  std::size_t next = 0;
  if (vm.count("out")) outputs.write(next++, sweep::partial_to_json(result, o.shard, o.shards).dump() + "\n");
  if (vm.count("report")) outputs.write(next++, sweep::html_report(result, plan.scenarios));
  outputs.commit();
  if (o.shards > 1) {
    err << fmt::format("cmksim sweep: shard {}/{} ran {} of {} runs per combination; partial result in {}\n", o.shard, o.shards,
                       result.combinations.front().runs.size(), o.runs, vm["out"].as<std::string>());
    return 0;
  }
  report_out << render(result, vm["format"].as<SweepFormat>());
  return 0;
}

namespace {

// The parts merged: each read within its size limit and checked, the total checked against the
// run limit and free memory before the next one is parsed. Throws scenario::InputError.
sweep::SweepData merge_parts(const std::vector<std::string>& parts) {
  sweep::SweepData merged;
  std::uint64_t largest = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string text = sweep::read_partial_text(parts[i]);
    largest = std::max<std::uint64_t>(largest, text.size());
    auto check_size = [&] {
      sweep::check_merge_size(merged.runs, merged.combinations.size(), largest, sweep::memory_available());
    };
    try {
      check_size();
      if (i == 0) {
        merged = sweep::parse_partial(text, parts[i]);
        check_size();
      } else {
        merged.merge(sweep::parse_partial(text, parts[i]));
      }
    } catch (const std::invalid_argument& e) {
      throw scenario::InputError(scenario::SourceLocation{parts[i], 0, 0}, e.what());
    }
  }
  if (const auto missing = merged.missing_runs(); !missing.empty())
    throw scenario::InputError(scenario::SourceLocation{parts.back(), 0, 0},
                               fmt::format("{} of {} runs are in no part (first: run {}); is a shard missing?", missing.size(), merged.runs,
                                           missing.front()));
  return merged;
}

// The scenario of each combination for --report, from `path` (the parts' recorded path unless
// --scenario), refused unless it is the very file the parts were swept from.
std::vector<scenario::Scenario> report_scenarios(const std::string& path, const sweep::SweepData& merged) {
  const std::string text = scenario::read_scenario_file(path);
  if (sweep::scenario_hash(text) != merged.scenario_hash)
    throw scenario::InputError(scenario::SourceLocation{path, 0, 0},
                               fmt::format("this is not the scenario file the parts were swept from (its hash is {}, the "
                                           "parts' is {}); give the original with --scenario FILE",
                                           sweep::scenario_hash(text), merged.scenario_hash));
  const sweep::SweepFile file = sweep::parse_sweep_file(text, path);
  try {
    return sweep::combination_scenarios(file.scenario, merged);
  } catch (const std::invalid_argument& e) {
    throw scenario::InputError(scenario::SourceLocation{path, 0, 0}, e.what());
  }
}

}  // namespace

int run_merge(const Args& args, std::ostream& out, std::ostream& err) {
  const auto parsed = parse_args("merge", print_merge_help, args, merge_options(), {"part"}, out);
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  const std::vector<std::string> parts = operands(vm, "part");
  if (parts.empty()) throw UsageError("merge", "no PART.json given");
  const sweep::SweepData merged = merge_parts(parts);
  const std::string scenario_path = vm.count("scenario") ? vm["scenario"].as<std::string>() : merged.scenario;
  std::vector<std::string> inputs = parts;
  if (vm.count("report")) inputs.push_back(scenario_path);
  report::OutputSet outputs(output_requests(vm, {"out", "report"}), inputs, out);
  std::ostream& report_out = outputs.has_standard_output() ? err : out;
  std::size_t next = 0;
  if (vm.count("out")) outputs.write(next++, sweep::partial_to_json(merged, 1, 1).dump() + "\n");
  if (vm.count("report")) outputs.write(next++, sweep::html_report(merged, report_scenarios(scenario_path, merged)));
  outputs.commit();
  report_out << render(merged, vm["format"].as<SweepFormat>());
  return 0;
}

}  // namespace cli
