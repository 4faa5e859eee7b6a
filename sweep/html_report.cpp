#include "sweep/html_report.h"

#include <algorithm>
#include <array>
#include <cmath>

#include <fmt/format.h>

#include "sweep/output.h"
#include "sweep/runner.h"
#include "sweep/svg.h"
#include "sweep/trace_capture.h"

namespace sweep {

namespace {

const char* kStyle = R"(
body { font-family: system-ui, sans-serif; margin: 24px; color: #1d1d1f; }
h1 { font-size: 20px; } h2 { font-size: 17px; margin-top: 28px; } h3 { font-size: 14px; }
table { border-collapse: collapse; font-size: 13px; }
th, td { border-bottom: 1px solid #ddd; padding: 3px 8px; text-align: right; }
th:first-child, td:first-child { text-align: left; }
td.desc { text-align: left; color: #555; max-width: 420px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.charts figure { margin: 0; max-width: 580px; }
span.diff { color: #555; font-size: 11px; }
tr.first td { border-top: 1px solid #999; }
figcaption { font-size: 12px; color: #333; }
svg text { font-size: 11px; fill: #222; }
svg .heading { font-size: 13px; font-weight: bold; }
svg .axis { stroke: #555; stroke-width: 1; }
svg .axis-title { font-size: 12px; }
svg .marker { stroke: #c2185b; stroke-width: 1.5; }
.legend { font-size: 12px; }
.swatch { display: inline-block; width: 11px; height: 11px; margin: 0 3px 0 10px; vertical-align: middle; }
code { background: #f3f3f3; padding: 1px 4px; }
)";

// A combination's values of a metric, sorted; per_run metrics with their zeros.
std::vector<std::int64_t> values_of(const MetricData& m, const std::vector<std::uint32_t>& runs) {
  std::vector<std::int64_t> v;
  for (const Sample& s : m.samples) v.push_back(s.value);
  if (m.info.kind == Kind::per_run && runs.size() > v.size()) v.resize(runs.size(), 0);
  std::sort(v.begin(), v.end());
  return v;
}

// The one value a metric takes in every run of every combination (nullopt when it varies; a
// metric with no values at all is constant with no value).
std::optional<std::optional<std::int64_t>> constant_value(const SweepData& d, const std::string& name) {
  std::optional<std::int64_t> seen;
  bool any = false;
  for (const Combination& c : d.combinations)
    for (std::int64_t v : values_of(metric_of(d, c, name), c.runs)) {
      if (any && v != *seen) return std::nullopt;
      any = true;
      seen = v;
    }
  return seen;
}

// "+2m30s" / "-1.5" / "+0.1000%": b - a in the metric's unit.
std::string difference(const MetricInfo& info, std::optional<double> a, std::optional<double> b) {
  if (!a || !b) return "";
  const double diff = *b - *a;
  if (diff == 0) return "&#177;0";
  return (diff > 0 ? "+" : "&#8722;") + escape(human_value(info, std::abs(diff)));
}

// The summary: one row per (metric, statistic), one column per combination, each after the first
// with its difference from the first.
std::string summary_table(const SweepData& d, const std::vector<std::string>& metrics) {
  std::string out = "<table class=\"summary\"><thead><tr><th>metric</th><th>stat</th>";
  for (std::size_t i = 0; i < d.combinations.size(); ++i)
    out += fmt::format("<th>{}{}</th>", escape(d.combinations[i].label()), i == 0 && d.combinations.size() > 1 ? " (baseline)" : "");
  out += "<th>what it measures</th></tr></thead><tbody>\n";
  auto as_d = [](std::optional<std::int64_t> v) { return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt; };
  for (const std::string& n : metrics) {
    const char* names[] = {"mean", "p50", "p90", "p99", "max"};
    std::vector<std::array<std::optional<double>, 5>> stats;
    MetricInfo info;
    for (const Combination& c : d.combinations) {
      const MetricData m = metric_of(d, c, n);
      info = m.info;
      const Stats s = summarize(m, c.runs);
      stats.push_back({s.mean, as_d(s.p50), as_d(s.p90), as_d(s.p99), as_d(s.max)});
    }
    for (std::size_t k = 0; k < 5; ++k) {
      out += k == 0 ? fmt::format("<tr class=\"first\"><td>{}</td>", escape(n)) : "<tr><td></td>";
      out += fmt::format("<td>{}</td>", names[k]);
      for (std::size_t i = 0; i < stats.size(); ++i) {
        out += fmt::format("<td>{}", escape(human_value(info, stats[i][k])));
        if (i > 0) out += fmt::format(" <span class=\"diff\">{}</span>", difference(info, stats[0][k], stats[i][k]));
        out += "</td>";
      }
      out += k == 0 ? fmt::format("<td class=\"desc\">{}</td></tr>\n", escape(info.description)) : "<td></td></tr>\n";
    }
  }
  return out + "</tbody></table>\n";
}

std::string timeline_for(const SweepData& d, const scenario::Scenario& s, std::uint32_t run, const std::string& what) {
  TraceCapture trace;
  const std::uint64_t seed = d.run_seed(run);
  (void)run_one(s, seed, d.custom, sim::Duration::milliseconds(d.stuck_after_ms), &trace,
                d.slo_ms ? std::optional(sim::Duration::milliseconds(d.slo_ms)) : std::nullopt);
  trace.finish(sim::Time::zero() + s.horizon);
  return timeline_svg(trace.lanes(), trace.markers(), trace.end(), fmt::format("{}: run {}, seed {}", what, run, seed));
}

// Per combination, every expectation and the runs it failed in.
std::string expectations_section(const SweepData& d) {
  std::string out = "<h2>Expectations</h2>\n";
  for (const Combination& c : d.combinations) {
    if (d.combinations.size() > 1) out += fmt::format("<h3>{}</h3>\n", escape(c.label()));
    out += "<table class=\"failures\"><thead><tr><th>expectation</th><th>failed in</th><th>share</th><th>first failing seed</th></tr></thead><tbody>\n";
    for (const auto& [key, failing] : c.failures)
      out += fmt::format("<tr><td>{}:{} {}</td><td>{}</td><td>{:.1f}%</td><td>{}</td></tr>\n", key.line, key.column, escape(key.description),
                         failing.size(), c.runs.empty() ? 0.0 : 100.0 * static_cast<double>(failing.size()) / static_cast<double>(c.runs.size()),
                         failing.empty() ? "-" : std::to_string(d.run_seed(failing.front())));
    out += "</tbody></table>\n";
  }
  return out;
}

// Per metric that varies, every combination on one shared axis.
std::string distributions_section(const SweepData& d, const std::vector<std::string>& varying) {
  std::string out = "<h2>Distributions</h2>\n<p>For each metric, the share of values at or below x, one line per combination on a shared "
         "axis: a line further right means larger values.</p>\n<div class=\"charts\">\n";
  for (const std::string& n : varying) {
    std::vector<Series> series;
    MetricInfo info;
    for (const Combination& c : d.combinations) {
      const MetricData m = metric_of(d, c, n);
      info = m.info;
      series.push_back(Series{c.label(), values_of(m, c.runs)});
    }
    out += fmt::format("<figure>{}<figcaption>{}</figcaption></figure>\n", ecdf_svg(info, series), escape(info.description));
  }
  return out + "</div>\n";
}

}  // namespace

std::string html_report(const SweepData& d, const std::vector<scenario::Scenario>& scenarios) {
  const std::vector<std::string> order = metric_order(d);
  std::string out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n";
  out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", escape("cmksim sweep: " + d.scenario_name), kStyle);
  out += fmt::format("<h1>Sweep of {} <code>{}</code></h1>\n", escape(d.scenario_name), escape(d.scenario));
  out += fmt::format("<p>{} runs per combination, base seed {}; run i uses seed derive({}, i). Percentiles are nearest-rank "
                     "(the value at rank ceil(p/100 &#215; n)). Replay a run with <code>cmksim run {} --seed SEED</code>.</p>\n",
                     d.runs, d.seed, d.seed, escape(d.scenario));

  // Metrics that vary go in the summary and get a chart; the others fit in one small table.
  std::vector<std::string> varying;
  std::string constants;
  for (const std::string& n : order) {
    const auto c = constant_value(d, n);
    if (!c) {
      varying.push_back(n);
      continue;
    }
    const MetricData m = metric_of(d, d.combinations.front(), n);
    constants += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"desc\">{}</td></tr>\n", escape(n),
                             *c ? escape(human_value(m.info, static_cast<double>(**c))) : "no values", escape(m.info.description));
  }
  out += "<h2>Summary</h2>\n" + summary_table(d, varying);
  if (!constants.empty())
    out += "<h3>The same in every run</h3>\n<table class=\"constants\"><thead><tr><th>metric</th><th>value</th><th>what it measures</th></tr>"
           "</thead><tbody>\n" + constants + "</tbody></table>\n";
  out += expectations_section(d);
  out += distributions_section(d, varying);

  // Timelines of the median and worst runs, replayed from their seeds.
  out += fmt::format("<h2>Timelines</h2>\n<p>The run closest to the median and the worst run by <code>{}</code>, each entity a lane "
                     "coloured by state; alerts and events are the ticks in the last lane.</p>\n",
                     escape(d.rank_by));
  for (std::size_t i = 0; i < d.combinations.size() && i < scenarios.size(); ++i) {
    const Combination& c = d.combinations[i];
    if (c.runs.empty()) continue;
    if (i == kMaxTimelineCombinations) {
      out += fmt::format("<p>Timelines of the other {} combinations are left out.</p>\n", d.combinations.size() - i);
      break;
    }
    if (d.combinations.size() > 1) out += fmt::format("<h3>{}</h3>\n", escape(c.label()));
    const Picked p = pick_runs(c, d.rank_by);
    out += "<div class=\"timelines\">\n" + timeline_for(d, scenarios[i], p.median_run, "median run") + "\n";
    out += timeline_for(d, scenarios[i], p.worst_run, "worst run") + "\n</div>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace sweep
