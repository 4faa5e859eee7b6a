#include "explore_command.h"

#include <chrono>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "explore/coverage.h"
#include "explore/explorer.h"
#include "options.h"
#include "setting_overrides.h"
#include "report/output_set.h"
#include "scenario/run.h"
#include "sweep/progress.h"

namespace cli {

namespace po = boost::program_options;

namespace {

po::options_description explore_options() {
  po::options_description d("Options");
  d.add_options()
      ("help,h", "show this help")
      ("runs", po::value<Count>()->default_value(Count{100}, "100")->value_name("N"), "how many runs (the first one unperturbed)")
      ("seed", po::value<Seed>()->default_value(Seed{1}, "1")->value_name("S"), "seed of the perturbations and of each run's random source")
      ("out", po::value<std::string>()->default_value("repro.yaml")->value_name("FILE"), "where to write the repro scenario on a violation")
      ("max-perturbations", po::value<int>()->default_value(4)->value_name("K"), "at most K perturbations per run (1..20)")
      ("coverage", po::bool_switch(), "print which transitions of each state machine the runs exercised")
      ("no-fast-forward", po::bool_switch(), "fire every validation tick, idle ones too (same findings, slower)")
      ("quiet,q", po::bool_switch(), "no progress bar, and print nothing when there is no violation");
  add_set_option(d);
  return d;
}

// What `cmksim explore` was asked to do.
struct ExploreRequest {
  std::string file;
  std::string repro_path;  // --out
  explore::ExploreOptions options;
  bool coverage = false;
  bool quiet = false;
  scenario::RunOptions run;  // --no-fast-forward: every idle tick fires (same findings)
  SettingOverrides overrides;  // --set, written into the scenario (and so into the repro)
};

// The request of parsed options; throws UsageError unless there is exactly one FILE and the counts
// are in range.
ExploreRequest read_request(const po::variables_map& vm) {
  const std::vector<std::string> files = operands(vm, "file");
  if (files.size() != 1) throw UsageError("explore", files.empty() ? "no scenario FILE given" : "explore takes one scenario FILE");
  const int max_perturbations = vm["max-perturbations"].as<int>();
  if (max_perturbations < 1 || max_perturbations > 20 || vm["runs"].as<Count>().value < 1)
    throw UsageError("explore", "--runs must be at least 1 and --max-perturbations within 1..20");
  ExploreRequest rq;
  rq.file = files.front();
  rq.repro_path = vm["out"].as<std::string>();
  rq.options.runs = vm["runs"].as<Count>().value;
  rq.options.seed = vm["seed"].as<Seed>().value;
  rq.options.max_perturbations = max_perturbations;
  rq.coverage = vm["coverage"].as<bool>();
  rq.quiet = vm["quiet"].as<bool>();
  rq.run.fastForward = !vm["no-fast-forward"].as<bool>();
  rq.overrides = read_overrides("explore", vm);
  return rq;
}

// Prints the outcome of `r` (taking `secs`); on a violation writes the repro scenario to `repro`
// (its one output), otherwise discards it. Returns the exit status: 0 no violation, 1 a violation.
int report_result(const ExploreRequest& rq, const explore::ExploreResult& r, double secs, report::OutputSet& repro,
                  std::ostream& out) {
  if (!r.violation) {
    repro.discard();
    if (!rq.quiet)
      out << fmt::format("{}: no violation in {} runs (seed {}, {} events, {:.1f} s)\n", rq.file, r.runs_done, rq.options.seed,
                       r.events, secs);
    return 0;
  }
  repro.write(0, r.repro_yaml);
  repro.commit();
  out << fmt::format("{}: VIOLATION in run {} of {}: {}: {}\n", rq.file, r.runs_done, rq.options.runs, r.violation->invariant,
                     r.violation->message);
  out << fmt::format("  shrunk {} -> {} perturbation(s) in {} runs; repro written to {}{}\n", r.original_perturbations,
                     r.perturbations.size(), r.shrink_runs, repro.path(0),
                     r.repro_verified ? " (verified: it fails the same way)" : " (WARNING: the repro did not fail again)");
  for (const explore::Perturbation& p : r.perturbations) out << "  - " << p.describe() << '\n';
  return 1;
}

}  // namespace

void help_explore(std::ostream& out) {
  out << "Usage: cmksim explore [options] FILE\n\n"
         "Runs the scenario FILE many times, perturbed the way the real world does: steps later than\n"
         "written, KMS outages, endpoint creations that fail, connections rejected in the cloud console,\n"
         "cluster restarts, and every delay drawn again from its distribution (a new seed per run).\n"
         "Each run checks the scenario's own expect: and invariants: plus the built-in invariants (the\n"
         "documented rules: shutdown within one validation interval, no shutdown for an unreachable KMS,\n"
         "endpoint transitions per cloud, disable guards, restart when valid, approved regions only,\n"
         "recreation after rejection, no restore with an invalid key).\n"
         "Idle validation ticks are skipped as in `cmksim run` (fast-forward): the invariants are checked\n"
         "wherever the state can change, so the findings are the same with --no-fast-forward.\n"
         "On a violation it shrinks the perturbations to a minimal set and writes a standalone scenario\n"
         "that reproduces it (seed fixed, perturbations as ordinary steps, the violation named on top).\n\n"
      << explore_options()
      << "\nExamples:\n"
         "  cmksim explore scenarios/kms-outage-restart.yaml --runs 200 --seed 7\n"
         "  cmksim explore scenarios/default.yaml --runs 50 --out /tmp/repro.yaml && echo robust\n"
         "  cmksim run repro.yaml                         # fails the same way (a scenario expectation)\n"
         "  cmksim explore repro.yaml --runs 1 --out again.yaml   # re-checks a built-in invariant on that exact run\n"
         "  cmksim explore scenarios/aws-kms-privatelink.yaml --runs 500 --coverage\n"
         "  cmksim explore scenarios/default.yaml --set validation_interval=30m --runs 50\n\n"
         "--out - writes the repro to standard output (the summary then goes to standard error); an --out\n"
         "that is the input FILE is refused. A regular file is replaced atomically, a device or FIFO written in place.\n\n"
         "Exit status: 0 no violation in N runs, 1 a violation (repro written), 2 bad input or usage.\n";
}

int run_explore(const Args& args, std::ostream& out, std::ostream& err) {
  const auto vm = parse_args("explore", help_explore, args, explore_options(), {"file"}, out);
  if (!vm) return 0;
  const ExploreRequest rq = read_request(*vm);
  // Read once through the shared reader; bad input is one message file:line:col, exit 2, nothing runs.
  std::string text = scenario::read_scenario_file(rq.file);
  scenario::parse(text, rq.file);
  if (!rq.overrides.empty()) {
    text = with_overrides(text, rq.overrides);
    scenario::parse(text, rq.file);
  }
  try {
    // The output file is opened before the work, so a bad --out path fails at once. With --out -
    // the repro goes to standard output and everything else to standard error.
    report::OutputSet repro({{"--out", rq.repro_path}}, {rq.file}, out);
    std::ostream& report_out = repro.has_standard_output() ? err : out;
    explore::Explorer ex(rq.file, text, rq.run);
    explore::ExploreOptions o = rq.options;
    sweep::ProgressBar bar(stderr, rq.quiet);
    if (bar.enabled()) o.progress = [&](std::uint64_t done, std::uint64_t total) { bar.update(done, total); };
    const auto start = std::chrono::steady_clock::now();
    const explore::ExploreResult r = ex.explore(o);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    bar.finish();
    if (rq.coverage) report_out << "transition coverage over " << r.runs_done << " run(s):\n" << explore::coverage_report(r.coverage);
    return report_result(rq, r, secs, repro, report_out);
  } catch (const report::OutputError& e) {
    err << "cmksim explore: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace cli
