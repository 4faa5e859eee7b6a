// cmksim-bench: figures for the kernel, printed as key=value lines that scripts can grep.
//   cmksim-bench hold --pending 100000 --events 5000000
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include <boost/program_options.hpp>
#include <fmt/format.h>

#include "tools/bench/hold.h"
#include "tools/bench/peer_fleet.h"
#include "tools/bench/sweep.h"
#include "tools/bench/world.h"

namespace po = boost::program_options;

namespace {

// Resident set size in bytes: current (VmRSS) or peak (VmHWM), from /proc/self/status.
std::uint64_t status_bytes(const std::string& key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(key + ":", 0) == 0) return std::stoull(line.substr(key.size() + 1)) * 1024;
  return 0;
}

// Parses a mode's options into their variables; false (after printing them) when --help was asked.
bool parse(const std::vector<std::string>& args, const po::options_description& opts) {
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(opts).run(), vm);
  if (vm.count("help")) {
    std::cout << opts << "\n";
    return false;
  }
  po::notify(vm);
  return true;
}

int hold(const std::vector<std::string>& args) {
  std::uint64_t pending = 100'000, events = 5'000'000, seed = 42;
  po::options_description opts(
      "cmksim-bench hold: the classic hold model on the kernel's real event path.\n"
      "N events start pending at uniform offsets in [0, 2,000,000] ms; each fired event schedules\n"
      "one successor at now + a fresh offset until M events have fired; the rest drain.\n"
      "Only the run loop is timed. Example:\n"
      "  cmksim-bench hold --pending 100000 --events 5000000\n\nOptions");
  opts.add_options()("help,h", "show this help")("pending", po::value(&pending)->default_value(pending),
                                                  "events pending at start (N)")(
      "events", po::value(&events)->default_value(events), "events to fire before draining (M)")(
      "seed", po::value(&seed)->default_value(seed), "random seed");
  if (!parse(args, opts)) return 0;
  if (pending == 0) throw po::error("--pending must be at least 1");
  const std::uint64_t rss_before = status_bytes("VmRSS");
  const bench::HoldResult r = bench::run_hold(pending, events, seed);
  const std::uint64_t peak = status_bytes("VmHWM");
  const double per_pending = peak > rss_before ? static_cast<double>(peak - rss_before) / static_cast<double>(pending) : 0.0;
  fmt::print("kernel=cmksim mode=hold pending={} fired={} seconds={:.3f} peak_bytes_per_pending={:.1f} "
             "events_per_second={:.0f}\n",
             pending, r.fired, r.seconds, per_pending, static_cast<double>(r.fired) / r.seconds);
  return 0;
}

int world(const std::vector<std::string>& args) {
  std::uint64_t projects = 1000, clusters = 10, endpoints = 2, days = 30, seed = 42;
  std::string workload = "atlas";
  bool noFastForward = false;
  po::options_description opts(
      "cmksim-bench world: the Atlas model at scale. Workloads:\n"
      "  atlas  default settings (15-minute validation ticks per project, endpoints provisioning,\n"
      "         every 10th project's key disabled on day 3 and restored on day 4);\n"
      "  peer   the fleet of ../shared/bench/peers/fleet_simpy2.py (key incidents and KMS outages\n"
      "         as renewal processes), printing disabled_cluster_minutes= and shutdowns= as it does;\n"
      "         its endpoints are not built (an endpoint would put the key on its path): endpoints=0.\n"
      "Times setup and run together. Example:\n"
      "  cmksim-bench world --projects 1000 --clusters 10 --endpoints 2 --days 30\n\nOptions");
  opts.add_options()("help,h", "show this help")("projects", po::value(&projects)->default_value(projects),
                                                  "projects")(
      "clusters", po::value(&clusters)->default_value(clusters), "clusters per project")(
      "endpoints", po::value(&endpoints)->default_value(endpoints), "private endpoints per project")(
      "days", po::value(&days)->default_value(days), "simulated days")("seed", po::value(&seed)->default_value(seed),
                                                                        "random seed")(
      "workload", po::value(&workload)->default_value(workload), "atlas or peer")(
      "no-fast-forward", po::bool_switch(&noFastForward),
      "fire every idle validation tick (fired= is the same; kernel_events= counts what the kernel fired)");
  if (!parse(args, opts)) return 0;
  if (workload == "peer") {
    const bench::PeerFleetResult r = bench::run_peer_fleet(projects, clusters, days, seed, !noFastForward);
    fmt::print("kernel=cmksim mode=world workload=peer fast_forward={} projects={} clusters={} endpoints={} days={} fired={} "
               "kernel_events={} seconds={:.3f} peak_rss_mb={:.1f} events_per_second={:.0f} disabled_cluster_minutes={:.0f} "
               "shutdowns={}\n",
               !noFastForward, projects, projects * clusters, r.endpoints, days, r.fired, r.kernel, r.seconds,
               static_cast<double>(status_bytes("VmHWM")) / (1024.0 * 1024.0), static_cast<double>(r.fired) / r.seconds,
               r.disabled_cluster_minutes, r.shutdowns);
    return 0;
  }
  if (workload != "atlas") throw po::error("--workload must be atlas or peer");
  const bench::WorldResult r = bench::run_world(projects, clusters, endpoints, days, seed, !noFastForward);
  fmt::print("kernel=cmksim mode=world workload=atlas fast_forward={} projects={} clusters={} endpoints={} days={} fired={} "
             "kernel_events={} seconds={:.3f} peak_rss_mb={:.1f} events_per_second={:.0f}\n",
             !noFastForward, projects, projects * clusters, projects * endpoints, days, r.fired, r.kernel, r.seconds,
             static_cast<double>(status_bytes("VmHWM")) / (1024.0 * 1024.0), static_cast<double>(r.fired) / r.seconds);
  return 0;
}

int sweep(const std::vector<std::string>& args) {
  std::uint32_t runs = 10'000;
  unsigned threads = 1;
  po::options_description opts(
      "cmksim-bench sweep: many seeded runs of a one-week, 10-cluster scenario through the real\n"
      "sweep path (metrics observer on, traces dropped). Example:\n"
      "  cmksim-bench sweep --runs 10000 --threads 2\n\nOptions");
  opts.add_options()("help,h", "show this help")("runs", po::value(&runs)->default_value(runs), "runs")(
      "threads", po::value(&threads)->default_value(threads), "threads");
  if (!parse(args, opts)) return 0;
  if (runs == 0 || threads == 0) throw po::error("--runs and --threads must be at least 1");
  const bench::SweepBenchResult r = bench::run_sweep_bench(runs, threads);
  fmt::print("kernel=cmksim mode=sweep scenario=one-week-10-clusters runs={} threads={} seconds={:.3f} "
             "runs_per_second_per_thread={:.0f} runs_per_second={:.0f}\n",
             r.runs, r.threads, r.seconds, r.runs / r.seconds / r.threads, r.runs / r.seconds);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string usage =
      "usage: cmksim-bench MODE [options]\n"
      "modes:\n"
      "  hold    the hold model (see cmksim-bench hold --help)\n"
      "  world   the Atlas model at scale (see cmksim-bench world --help)\n"
      "  sweep   sweep throughput in runs per second (see cmksim-bench sweep --help)\n";
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h") {
    std::cout << usage;
    return argc < 2 ? 2 : 0;
  }
  const std::string mode = argv[1];
  std::vector<std::string> rest(argv + 2, argv + argc);
  try {
    if (mode == "hold") return hold(rest);
    if (mode == "world") return world(rest);
    if (mode == "sweep") return sweep(rest);
    std::cerr << "cmksim-bench: unknown mode '" << mode << "'\n" << usage;
    return 2;
  } catch (const po::error& e) {
    std::cerr << "cmksim-bench " << mode << ": " << e.what() << "\n";
    return 2;
  }
}
