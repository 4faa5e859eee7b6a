#include "sweep/output.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>


namespace sweep {

using nlohmann::json;

std::string human_time(double ms) {
  std::int64_t v = static_cast<std::int64_t>(std::llround(ms));
  // Above ten minutes, seconds are enough; below, keep the milliseconds that distributions give.
  if (v >= 600'000) v = (v + 500) / 1000 * 1000;
  std::string out = v < 0 ? "-" : "";
  if (v < 0) v = -v;
  const std::int64_t days = v / 86'400'000, hours = v / 3'600'000 % 24, mins = v / 60'000 % 60, secs = v / 1000 % 60, frac = v % 1000;
  if (days) out += fmt::format("{}d", days);
  if (hours) out += fmt::format("{}h", hours);
  if (mins) out += fmt::format("{}m", mins);
  if (frac) {
    std::string f = fmt::format("{:03}", frac);
    while (f.back() == '0') f.pop_back();
    out += fmt::format("{}.{}s", secs, f);
  } else if (secs || v == 0) {
    out += fmt::format("{}s", secs);
  }
  return out;
}

std::string human_value(const MetricInfo& m, std::optional<double> v) {
  if (!v) return "-";
  if (m.unit == Unit::time) return human_time(*v);
  if (m.unit == Unit::ppm) return fmt::format("{:.4f}%", *v / 10'000.0);
  if (*v == std::floor(*v)) return fmt::format("{}", static_cast<std::int64_t>(*v));
  return fmt::format("{:.2f}", *v);
}

namespace {

std::optional<double> as_double(std::optional<std::int64_t> v) {
  if (!v) return std::nullopt;
  return static_cast<double>(*v);
}

std::string pad(const std::string& s, std::size_t w, bool right) {
  if (s.size() >= w) return s;
  return right ? std::string(w - s.size(), ' ') + s : s + std::string(w - s.size(), ' ');
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string header(const SweepData& d) {
  return fmt::format("sweep of {} ({}): {} runs per combination, seed {}, {} combination{}; percentiles nearest-rank\n", d.scenario,
                     d.scenario_name, d.runs, d.seed, d.combinations.size(), d.combinations.size() == 1 ? "" : "s");
}

std::string failures_text(const SweepData& d) {
  std::string out;
  for (const Combination& c : d.combinations) {
    std::vector<std::string> lines;
    for (const auto& [key, failing] : c.failures) {
      if (failing.empty()) continue;
      lines.push_back(fmt::format("  {:.1f}% ({}/{})  {}:{}:{}  {}  first failing run {} (seed {})",
                                  100.0 * static_cast<double>(failing.size()) / static_cast<double>(std::max<std::size_t>(c.runs.size(), 1)),
                                  failing.size(), c.runs.size(), d.scenario, key.line, key.column, key.description, failing.front(),
                                  d.run_seed(failing.front())));
    }
    const std::string who = d.combinations.size() > 1 ? " [" + c.label() + "]" : "";
    if (lines.empty()) {
      out += fmt::format("expectations{}: every expect:, invariant and step held in every run\n", who);
    } else {
      out += fmt::format("expectations that failed{} (share of runs):\n", who);
      for (const std::string& l : lines) out += l + "\n";
    }
  }
  return out;
}

std::string picked_text(const SweepData& d) {
  std::string out;
  for (const Combination& c : d.combinations) {
    if (c.runs.empty()) continue;
    const Picked p = pick_runs(c, d.rank_by);
    const std::string who = d.combinations.size() > 1 ? " [" + c.label() + "]" : "";
    out += fmt::format("by {}{}: median run {} (seed {}), worst run {} (seed {})\n", d.rank_by, who, p.median_run,
                       d.run_seed(p.median_run), p.worst_run, d.run_seed(p.worst_run));
  }
  if (d.combinations.size() == 1 && d.combinations.front().settings.empty())
    out += fmt::format("replay one run: cmksim run {} --seed <seed>\n", d.scenario);
  return out;
}

}  // namespace

std::string format_table(const SweepData& d) {
  const std::vector<std::string> order = metric_order(d);
  std::string out = header(d);
  std::size_t name_w = 6;
  for (const std::string& n : order) name_w = std::max(name_w, n.size());
  if (d.combinations.size() == 1) {
    const Combination& c = d.combinations.front();
    const std::vector<std::string> cols = {"count", "mean", "p50", "p90", "p99", "max"};
    out += pad("metric", name_w, false);
    for (const std::string& h : cols) out += "  " + pad(h, 10, true);
    out += "  max run\n";
    for (const std::string& n : order) {
      const MetricData m = metric_of(d, c, n);
      const Stats s = summarize(m, c.runs);
      out += pad(n, name_w, false) + "  " + pad(std::to_string(s.count), 10, true);
      for (auto v : {s.mean, as_double(s.p50), as_double(s.p90), as_double(s.p99), as_double(s.max)})
        out += "  " + pad(human_value(m.info, v), 10, true);
      out += s.max_run ? fmt::format("  {}", *s.max_run) : "  -";
      out += "\n";
    }
  } else {
    // One column per combination: a change's effect reads across one line.
    std::vector<std::string> labels;
    std::size_t col_w = 10;
    for (const Combination& c : d.combinations) {
      labels.push_back(c.label());
      col_w = std::max(col_w, labels.back().size());
    }
    out += pad("metric", name_w, false) + "  " + pad("stat", 5, false);
    for (const std::string& l : labels) out += "  " + pad(l, col_w, true);
    out += "\n";
    for (const std::string& n : order) {
      std::vector<Stats> stats;
      std::vector<MetricData> ms;
      for (const Combination& c : d.combinations) {
        ms.push_back(metric_of(d, c, n));
        stats.push_back(summarize(ms.back(), c.runs));
      }
      const char* rows[] = {"count", "mean", "p50", "p90", "p99", "max"};
      for (int r = 0; r < 6; ++r) {
        out += pad(r == 0 ? n : "", name_w, false) + "  " + pad(rows[r], 5, false);
        for (std::size_t i = 0; i < stats.size(); ++i) {
          const Stats& s = stats[i];
          const std::optional<double> v = r == 0   ? std::optional<double>(static_cast<double>(s.count))
                                          : r == 1 ? s.mean
                                          : r == 2 ? as_double(s.p50)
                                          : r == 3 ? as_double(s.p90)
                                          : r == 4 ? as_double(s.p99)
                                                   : as_double(s.max);
          out += "  " + pad(r == 0 ? std::to_string(s.count) : human_value(ms[i].info, v), col_w, true);
        }
        out += "\n";
      }
    }
  }
  out += failures_text(d);
  out += picked_text(d);
  return out;
}

// Tidy: one column per varied setting (none without a grid), then `kind` (metric or expectation)
// and the statistics. Expectation rows: unit share, count = runs, mean = share of runs failed,
// max = failing runs, max_run / max_seed = the first failing run. Seeds are quoted text, so a
// reader that keeps quoted fields as strings (or is told max_seed is text) keeps all 20 digits.
std::string format_csv(const SweepData& d) {
  std::vector<std::string> axes;
  if (!d.combinations.empty())
    for (const auto& [setting, value] : d.combinations.front().settings) axes.push_back(setting);
  std::string out;
  for (const std::string& a : axes) out += csv_field(a) + ",";
  out += "kind,name,unit,count,mean,p50,p90,p99,max,max_run,max_seed\n";
  auto num = [](auto v) { return v ? fmt::format("{}", *v) : std::string(); };
  auto seed = [&](std::optional<std::uint32_t> run) { return run ? fmt::format("\"{}\"", d.run_seed(*run)) : std::string(); };
  for (const Combination& c : d.combinations) {
    std::string settings;
    for (const auto& [setting, value] : c.settings) settings += csv_field(value) + ",";
    for (const std::string& n : metric_order(d)) {
      const MetricData m = metric_of(d, c, n);
      const Stats s = summarize(m, c.runs);
      out += fmt::format("{}metric,{},{},{},{},{},{},{},{},{},{}\n", settings, csv_field(n), unit_name(m.info.unit), s.count,
                         s.mean ? fmt::format("{:.3f}", *s.mean) : "", num(s.p50), num(s.p90), num(s.p99), num(s.max), num(s.max_run),
                         seed(s.max_run));
    }
    for (const auto& [key, failing] : c.failures) {
      const double share = c.runs.empty() ? 0.0 : static_cast<double>(failing.size()) / static_cast<double>(c.runs.size());
      const std::optional<std::uint32_t> first = failing.empty() ? std::nullopt : std::optional(failing.front());
      out += fmt::format("{}expectation,{},share,{},{:.6f},,,,{},{},{}\n", settings,
                         csv_field(fmt::format("{}:{} {}", key.line, key.column, key.description)), c.runs.size(), share, failing.size(),
                         num(first), seed(first));
    }
  }
  return out;
}

json result_json(const SweepData& d) {
  json j;
  j["scenario"] = d.scenario;
  j["scenario_name"] = d.scenario_name;
  j["seed"] = std::to_string(d.seed);
  j["runs"] = d.runs;
  j["percentile_method"] = "nearest-rank: the value at rank ceil(p/100*n) of the n sorted values";
  j["units"] = {{"ms", "milliseconds of simulated time"}, {"count", "occurrences"}, {"ppm", "parts per million (1000000 = 100%)"}};
  j["stuck_after_ms"] = d.stuck_after_ms;
  if (d.slo_ms) j["slo_ms"] = d.slo_ms;
  j["rank_by"] = d.rank_by;
  j["combinations"] = json::array();
  for (const Combination& c : d.combinations) {
    json jc;
    jc["label"] = c.label();
    jc["settings"] = json::object();
    for (const auto& [k, v] : c.settings) jc["settings"][k] = v;
    jc["runs"] = c.runs.size();
    jc["metrics"] = json::array();
    for (const std::string& n : metric_order(d)) {
      const MetricData m = metric_of(d, c, n);
      const Stats s = summarize(m, c.runs);
      auto opt = [](auto v) { return v ? json(*v) : json(nullptr); };
      json jm = {{"name", n},
                 {"unit", std::string(unit_name(m.info.unit))},
                 {"kind", m.info.kind == Kind::per_run ? "per_run" : "per_event"},
                 {"description", m.info.description},
                 {"count", s.count},
                 {"mean", opt(s.mean)},
                 {"p50", opt(s.p50)},
                 {"p90", opt(s.p90)},
                 {"p99", opt(s.p99)},
                 {"max", opt(s.max)},
                 {"max_run", opt(s.max_run)},
                 {"max_seed", s.max_run ? json(std::to_string(d.run_seed(*s.max_run))) : json(nullptr)}};
      jc["metrics"].push_back(std::move(jm));
    }
    jc["expectations"] = json::array();
    for (const auto& [key, failing] : c.failures) {
      json jx = {{"line", key.line},
                 {"column", key.column},
                 {"description", key.description},
                 {"failed_runs", failing.size()},
                 {"share", c.runs.empty() ? 0.0 : static_cast<double>(failing.size()) / static_cast<double>(c.runs.size())}};
      jx["first_failing_run"] = failing.empty() ? json(nullptr) : json(failing.front());
      jx["first_failing_seed"] = failing.empty() ? json(nullptr) : json(std::to_string(d.run_seed(failing.front())));
      jc["expectations"].push_back(std::move(jx));
    }
    if (!c.runs.empty()) {
      const Picked p = pick_runs(c, d.rank_by);
      jc["median_run"] = {{"run", p.median_run}, {"seed", std::to_string(d.run_seed(p.median_run))}, {"score", p.median_score}};
      jc["worst_run"] = {{"run", p.worst_run}, {"seed", std::to_string(d.run_seed(p.worst_run))}, {"score", p.worst_score}};
    }
    j["combinations"].push_back(std::move(jc));
  }
  return j;
}

}  // namespace sweep
