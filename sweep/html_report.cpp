#include "sweep/html_report.h"

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
.histograms { display: flex; flex-wrap: wrap; gap: 16px; }
.histograms figure { margin: 0; }
figcaption { font-size: 12px; color: #333; }
svg text { font-size: 11px; fill: #222; }
svg .heading { font-size: 13px; font-weight: bold; }
svg .axis { stroke: #555; stroke-width: 1; }
svg .bar { fill: #3f7cc1; }
svg .marker { stroke: #c2185b; stroke-width: 1.5; }
.legend { font-size: 12px; }
.swatch { display: inline-block; width: 11px; height: 11px; margin: 0 3px 0 10px; vertical-align: middle; }
code { background: #f3f3f3; padding: 1px 4px; }
)";

std::string stat_cells(const MetricData& m, const Stats& s) {
  auto d = [](std::optional<std::int64_t> v) { return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt; };
  std::string out = fmt::format("<td>{}</td>", s.count);
  for (auto v : {s.mean, d(s.p50), d(s.p90), d(s.p99), d(s.max)}) out += fmt::format("<td>{}</td>", escape(human_value(m.info, v)));
  return out;
}

std::string timeline_for(const SweepData& d, const scenario::Scenario& s, std::uint32_t run, const std::string& what) {
  TraceCapture trace;
  const std::uint64_t seed = d.run_seed(run);
  (void)run_one(s, seed, d.custom, sim::Duration::milliseconds(d.stuck_after_ms), &trace,
                d.slo_ms ? std::optional(sim::Duration::milliseconds(d.slo_ms)) : std::nullopt);
  trace.finish(sim::Time::zero() + s.horizon);
  return timeline_svg(trace.lanes(), trace.markers(), trace.end(), fmt::format("{}: run {}, seed {}", what, run, seed));
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

  // Summary: one table per combination.
  out += "<h2>Summary</h2>\n";
  for (const Combination& c : d.combinations) {
    if (d.combinations.size() > 1) out += fmt::format("<h3>{}</h3>\n", escape(c.label()));
    out += "<table class=\"summary\"><thead><tr><th>metric</th><th>count</th><th>mean</th><th>p50</th><th>p90</th><th>p99</th><th>max</th>"
           "<th>what it measures</th></tr></thead><tbody>\n";
    for (const std::string& n : order) {
      const MetricData m = metric_of(d, c, n);
      out += fmt::format("<tr><td>{}</td>{}<td class=\"desc\">{}</td></tr>\n", escape(n), stat_cells(m, summarize(m, c.runs)),
                         escape(m.info.description));
    }
    out += "</tbody></table>\n";
    out += "<table class=\"failures\"><thead><tr><th>expectation</th><th>failed in</th><th>share</th><th>first failing seed</th></tr></thead><tbody>\n";
    for (const auto& [key, failing] : c.failures)
      out += fmt::format("<tr><td>{}:{} {}</td><td>{}</td><td>{:.1f}%</td><td>{}</td></tr>\n", key.line, key.column, escape(key.description),
                         failing.size(), c.runs.empty() ? 0.0 : 100.0 * static_cast<double>(failing.size()) / static_cast<double>(c.runs.size()),
                         failing.empty() ? "-" : std::to_string(d.run_seed(failing.front())));
    out += "</tbody></table>\n";
  }

  // Histograms: per metric, one per combination side by side.
  out += "<h2>Histograms</h2>\n";
  for (const std::string& n : order) {
    out += fmt::format("<h3>{}</h3>\n<div class=\"histograms\">\n", escape(n));
    for (const Combination& c : d.combinations) {
      const MetricData m = metric_of(d, c, n);
      out += fmt::format("<figure>{}<figcaption>{}</figcaption></figure>\n", histogram_svg(m, c.runs), escape(c.label()));
    }
    out += "</div>\n";
  }

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
