#include "explore_command.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "explore/coverage.h"
#include "explore/explorer.h"
#include "options.h"
#include "report/atomic_file.h"
#include "scenario/input_error.h"
#include "scenario/run.h"

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
      ("coverage", po::bool_switch(), "print which transitions of each state machine the runs exercised");
  return d;
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
         "On a violation it shrinks the perturbations to a minimal set and writes a standalone scenario\n"
         "that reproduces it (seed fixed, perturbations as ordinary steps, the violation named on top).\n\n"
      << explore_options()
      << "\nExamples:\n"
         "  cmksim explore scenarios/kms-outage-restart.yaml --runs 200 --seed 7\n"
         "  cmksim explore scenarios/default.yaml --runs 50 --out /tmp/repro.yaml && echo robust\n"
         "  cmksim run repro.yaml                         # fails the same way (a scenario expectation)\n"
         "  cmksim explore repro.yaml --runs 1            # re-checks a built-in invariant on that exact run\n"
         "  cmksim explore scenarios/aws-kms-privatelink.yaml --runs 500 --coverage\n\n"
         "Exit status: 0 no violation in N runs, 1 a violation (repro written), 2 bad input or usage.\n";
}

int run_explore(const std::vector<std::string>& args) {
  po::options_description options = explore_options();
  options.add_options()("file", po::value<std::vector<std::string>>()->value_name("FILE"), "scenario file");
  po::positional_options_description positional;
  positional.add("file", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(options).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << fmt::format("cmksim explore: {} (see 'cmksim explore --help')\n", e.what());
    return 2;
  }
  if (vm.count("help")) {
    help_explore(std::cout);
    return 0;
  }
  const auto files = vm.count("file") ? vm["file"].as<std::vector<std::string>>() : std::vector<std::string>{};
  if (files.size() != 1) {
    std::cerr << fmt::format("cmksim explore: {} (see 'cmksim explore --help')\n",
                             files.empty() ? "no scenario FILE given" : "explore takes one scenario FILE");
    return 2;
  }
  const int maxP = vm["max-perturbations"].as<int>();
  if (maxP < 1 || maxP > 20 || vm["runs"].as<Count>().value < 1) {
    std::cerr << "cmksim explore: --runs must be at least 1 and --max-perturbations within 1..20 (see 'cmksim explore --help')\n";
    return 2;
  }
  const std::string& file = files.front();
  try {
    scenario::load_file(file);  // bad input: one message file:line:col, exit 2, nothing runs
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    // The output file is opened before the work, so a bad --out path fails at once.
    report::AtomicFile out(vm["out"].as<std::string>());

    explore::Explorer ex(file, text.str());
    explore::ExploreOptions o;
    o.runs = vm["runs"].as<Count>().value;
    o.seed = vm["seed"].as<Seed>().value;
    o.max_perturbations = maxP;
    const bool tty = isatty(STDERR_FILENO) != 0;
    if (tty)
      o.progress = [](std::uint64_t done, std::uint64_t total) {
        const int width = 40;
        const int filled = static_cast<int>(width * done / total);
        std::cerr << fmt::format("\r[{}{}] {}/{} runs", std::string(filled, '#'), std::string(width - filled, '.'), done, total)
                  << std::flush;
      };
    const auto start = std::chrono::steady_clock::now();
    const explore::ExploreResult r = ex.explore(o);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (tty) std::cerr << '\n';
    if (vm["coverage"].as<bool>()) std::cout << "transition coverage over " << r.runs_done << " run(s):\n" << explore::coverage_report(r.coverage);
    if (!r.violation) {
      out.discard();
      std::cout << fmt::format("{}: no violation in {} runs (seed {}, {} events, {:.1f} s)\n", file, r.runs_done, o.seed, r.events, secs);
      return 0;
    }
    out.write(r.repro_yaml);
    out.commit();
    std::cout << fmt::format("{}: VIOLATION in run {} of {}: {}: {}\n", file, r.runs_done, o.runs, r.violation->invariant, r.violation->message);
    std::cout << fmt::format("  shrunk {} -> {} perturbation(s) in {} runs; repro written to {}{}\n", r.original_perturbations,
                             r.perturbations.size(), r.shrink_runs, out.path(),
                             r.repro_verified ? " (verified: it fails the same way)" : " (WARNING: the repro did not fail again)");
    for (const explore::Perturbation& p : r.perturbations) std::cout << "  - " << p.describe() << '\n';
    return 1;
  } catch (const scenario::InputError& e) {
    std::cerr << e.what() << '\n';
    return 2;
  } catch (const report::OutputError& e) {
    std::cerr << "cmksim explore: " << e.what() << '\n';
    return 2;
  }
}

}  // namespace cli
