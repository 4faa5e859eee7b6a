#include "sweep/svg.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "sim/duration_text.h"
#include "sweep/output.h"

namespace sweep {

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string state_colour(const std::string& s) {
  static const std::set<std::string> good = {"RUNNING", "ACTIVE", "ON_VALID", "ENABLED", "VALID", "GRANTED", "IDLE"};
  static const std::set<std::string> bad = {"DISABLED_EAR", "ON_INVALID", "DISABLED", "REVOKED", "INVALID", "EXPIRED",
                                            "FAILED", "DELETED", "DESTROYED", "DISABLED_MULTICLOUD"};
  static const std::set<std::string> moving = {"RESTARTING", "UPDATING", "CREATING", "INITIATING", "PENDING_ACCEPTANCE",
                                               "PENDING_RECREATION", "DELETING", "PROPAGATING", "PENDING_DELETION"};
  if (good.contains(s)) return "#2e9e4f";
  if (bad.contains(s)) return "#d0342c";
  if (moving.contains(s)) return "#e8a317";
  if (s == "PAUSED") return "#7a7a7a";
  if (s == "ON_UNREACHABLE") return "#8e44ad";
  if (s == "OFF" || s == "ON" || s == "INACTIVE") return "#9bb7d4";
  std::size_t h = 0;
  for (char c : s) h = h * 31 + static_cast<unsigned char>(c);
  return fmt::format("hsl({},45%,55%)", h % 360);
}

std::string histogram_svg(const MetricData& m, const std::vector<std::uint32_t>& runs) {
  std::vector<std::int64_t> values;
  for (const Sample& s : m.samples) values.push_back(s.value);
  if (m.info.kind == Kind::per_run && runs.size() > values.size()) values.resize(runs.size(), 0);
  const int width = 420, height = 160, left = 44, bottom = 28, top = 10, right = 10;
  std::string out = fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" class="histogram" width="{}" height="{}" viewBox="0 0 {} {}" role="img">)",
                                width, height, width, height);
  out += fmt::format("<title>{}</title>", escape("histogram of " + m.info.name));
  if (values.empty()) {
    out += fmt::format(R"(<text x="{}" y="{}" class="empty">no values in any run</text></svg>)", width / 2 - 60, height / 2);
    return out;
  }
  std::sort(values.begin(), values.end());
  const std::int64_t lo = values.front(), hi = values.back();
  const bool whole = m.info.unit == Unit::count && hi - lo < 20;
  const std::int64_t bins = whole ? hi - lo + 1 : (hi == lo ? 1 : 20);
  const double bin_w = whole ? 1.0 : (hi == lo ? 1.0 : static_cast<double>(hi - lo) / static_cast<double>(bins));
  std::vector<std::uint64_t> counts(static_cast<std::size_t>(bins), 0);
  for (std::int64_t v : values) {
    auto b = static_cast<std::int64_t>(std::floor(static_cast<double>(v - lo) / bin_w));
    counts[static_cast<std::size_t>(std::clamp<std::int64_t>(b, 0, bins - 1))]++;
  }
  const std::uint64_t peak = *std::max_element(counts.begin(), counts.end());
  const double plot_w = width - left - right, plot_h = height - top - bottom;
  const double bar_w = plot_w / static_cast<double>(bins);
  out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>)", left, height - bottom, width - right, height - bottom);
  out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>)", left, top, left, height - bottom);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double h = plot_h * static_cast<double>(counts[i]) / static_cast<double>(peak);
    const double from = static_cast<double>(lo) + bin_w * static_cast<double>(i);
    const std::string range = whole ? human_value(m.info, from)
                                    : fmt::format("{} to {}", human_value(m.info, from), human_value(m.info, from + bin_w));
    out += fmt::format(R"(<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}"><title>{}: {} value{}</title></rect>)",
                       left + bar_w * static_cast<double>(i) + 1, top + plot_h - h, std::max(bar_w - 2, 1.0), h, escape(range), counts[i],
                       counts[i] == 1 ? "" : "s");
  }
  out += fmt::format(R"(<text x="{}" y="{}" class="tick">{}</text>)", left, height - 8, escape(human_value(m.info, static_cast<double>(lo))));
  out += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="end">{}</text>)", width - right, height - 8,
                     escape(human_value(m.info, static_cast<double>(hi))));
  out += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="end">{}</text>)", left - 4, top + 10, peak);
  out += fmt::format(R"(<text x="{}" y="{}" class="tick" text-anchor="end">0</text>)", left - 4, height - bottom);
  out += "</svg>";
  return out;
}

std::string timeline_svg(const std::vector<Lane>& lanes, const std::vector<Marker>& markers, sim::Time end, const std::string& title) {
  const int label_w = 250, plot_w = 720, lane_h = 18, gap = 4, top = 28, axis_h = 24;
  const int marker_h = markers.empty() ? 0 : lane_h + gap;
  const int height = top + static_cast<int>(lanes.size()) * (lane_h + gap) + marker_h + axis_h;
  const int width = label_w + plot_w + 20;
  const double span_ms = std::max<double>(1.0, static_cast<double>(end.ms()));
  auto x = [&](sim::Time t) { return label_w + plot_w * static_cast<double>(t.ms()) / span_ms; };
  std::string out = fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="{}" height="{}" viewBox="0 0 {} {}" role="img">)",
                                width, height, width, height);
  out += fmt::format("<title>{}</title>", escape(title));
  out += fmt::format(R"(<text x="0" y="16" class="heading">{}</text>)", escape(title));
  std::set<std::string> states;
  int y = top;
  for (const Lane& lane : lanes) {
    out += fmt::format(R"(<g class="lane"><text x="0" y="{}" class="label">{}</text>)", y + lane_h - 5, escape(lane.entity));
    for (const Span& s : lane.spans) {
      states.insert(s.state);
      out += fmt::format(R"(<rect class="span" x="{:.1f}" y="{}" width="{:.1f}" height="{}" fill="{}"><title>{}: {} from {} to {}</title></rect>)",
                         x(s.from), y, std::max(x(s.to) - x(s.from), 0.5), lane_h, state_colour(s.state), escape(lane.entity),
                         escape(s.state), sim::format_time(s.from), sim::format_time(s.to));
    }
    out += "</g>";
    y += lane_h + gap;
  }
  if (!markers.empty()) {
    out += fmt::format(R"(<g class="alerts"><text x="0" y="{}" class="label">alerts and events</text>)", y + lane_h - 5);
    for (const Marker& m : markers)
      out += fmt::format(R"(<line class="marker" x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}"><title>{} at {}</title></line>)", x(m.at), y, x(m.at),
                         y + lane_h, escape(m.label), sim::format_time(m.at));
    out += "</g>";
    y += lane_h + gap;
  }
  // Time axis: five ticks.
  out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>)", label_w, y, label_w + plot_w, y);
  for (int i = 0; i <= 4; ++i) {
    const sim::Time t = sim::Time::from_ms(static_cast<std::int64_t>(span_ms * i / 4));
    out += fmt::format(R"(<text x="{:.1f}" y="{}" class="tick" text-anchor="{}">{}</text>)", x(t), y + 16,
                       i == 0 ? "start" : i == 4 ? "end" : "middle", escape(sim::format_time(t)));
  }
  out += "</svg>";
  // Legend as HTML after the SVG, one swatch per state present.
  out += R"(<p class="legend">)";
  for (const std::string& s : states)
    out += fmt::format(R"(<span class="swatch" style="background:{}"></span>{} )", state_colour(s), escape(s));
  out += "</p>";
  return out;
}

}  // namespace sweep
