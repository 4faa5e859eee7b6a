#include "sweep/svg.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
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

std::string axis_title(const MetricInfo& info) {
  const char* unit = info.unit == Unit::time ? "duration" : info.unit == Unit::ppm ? "%" : "count";
  return fmt::format("{} ({})", info.name, unit);
}

namespace {

// Okabe & Ito's palette, darkest first, and dash patterns: line i uses both, so no two lines
// differ only in hue.
constexpr const char* kPalette[] = {"#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"};
constexpr const char* kDashes[] = {"", "8 4", "2 3", "10 3 2 3", "5 2", "1 4", "12 2 2 2 2 2", "4 4"};

}  // namespace

std::string ecdf_svg(const MetricInfo& info, const std::vector<Series>& series) {
  const int width = 580, left = 64, right = 40, top = 12, plot_h = 170, axis_h = 46;  // right: room for the last tick
  const int legend_h = 18 * static_cast<int>(series.size()) + 6;
  const int height = top + plot_h + axis_h + legend_h;
  const double plot_w = width - left - right;
  std::int64_t lo = INT64_MAX, hi = INT64_MIN;
  for (const Series& sr : series)
    if (!sr.values.empty()) {
      lo = std::min(lo, sr.values.front());
      hi = std::max(hi, sr.values.back());
    }
  std::string out = fmt::format(R"(<svg xmlns="http://www.w3.org/2000/svg" class="ecdf" width="{}" height="{}" viewBox="0 0 {} {}" role="img">)",
                                width, height, width, height);
  out += fmt::format("<title>{}</title>", escape("distribution of " + info.name + " per combination"));
  if (lo > hi) return out + R"(<text x="64" y="80" class="empty">no values in any run</text></svg>)";
  if (hi == lo) ++hi;
  auto x = [&](double v) { return left + plot_w * (v - static_cast<double>(lo)) / static_cast<double>(hi - lo); };
  auto y = [&](double share) { return top + plot_h * (1.0 - share); };
  const int base = top + plot_h;
  // Axes, ticks and titles.
  out += fmt::format(R"(<g class="x-axis"><line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>)", left, base, width - right, base);
  for (int i = 0; i <= 4; ++i) {
    const double v = static_cast<double>(lo) + static_cast<double>(hi - lo) * i / 4.0;
    out += fmt::format(R"(<line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}" class="axis tick-mark"/><text x="{:.1f}" y="{}" class="tick" text-anchor="middle">{}</text>)",
                       x(v), base, x(v), base + 4, x(v), base + 16, escape(human_value(info, std::round(v))));
  }
  out += fmt::format(R"(<text x="{:.1f}" y="{}" class="axis-title" text-anchor="middle">{}</text></g>)", left + plot_w / 2, base + 34,
                     escape(axis_title(info)));
  out += fmt::format(R"(<g class="y-axis"><line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>)", left, top, left, base);
  for (int i = 0; i <= 4; ++i)
    out += fmt::format(R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" class="axis tick-mark"/><text x="{}" y="{:.1f}" class="tick" text-anchor="end">{}%</text>)",
                       left - 4, y(i / 4.0), left, y(i / 4.0), left - 6, y(i / 4.0) + 4, i * 25);
  out += fmt::format(R"svg(<text x="14" y="{:.1f}" class="axis-title" text-anchor="middle" transform="rotate(-90 14 {:.1f})">share of values &#8804; x</text></g>)svg",
                     top + plot_h / 2.0, top + plot_h / 2.0);
  // One step line per combination.
  for (std::size_t k = 0; k < series.size(); ++k) {
    const std::vector<std::int64_t>& v = series[k].values;
    if (v.empty()) continue;
    std::string d = fmt::format("M{:.1f},{:.1f}", x(static_cast<double>(lo)), y(0));
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i + 1 < v.size() && v[i + 1] == v[i]) continue;  // the last of equal values sets the step
      const double share = static_cast<double>(i + 1) / static_cast<double>(v.size());
      d += fmt::format(" H{:.1f} V{:.1f}", x(static_cast<double>(v[i])), y(share));
    }
    d += fmt::format(" H{:.1f}", x(static_cast<double>(hi)));
    out += fmt::format(R"(<path class="series" d="{}" fill="none" stroke="{}" stroke-width="2" stroke-dasharray="{}"><title>{}</title></path>)", d,
                       kPalette[k % 8], kDashes[k % 8], escape(series[k].label));
  }
  // Legend: a sample of each line and its combination.
  out += R"(<g class="legend">)";
  for (std::size_t k = 0; k < series.size(); ++k) {
    const int ly = base + axis_h + 12 + 18 * static_cast<int>(k);
    out += fmt::format(R"(<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2" stroke-dasharray="{}"/><text x="{}" y="{}">{}</text>)", left,
                       ly - 4, left + 36, ly - 4, kPalette[k % 8], kDashes[k % 8], left + 44, ly, escape(series[k].label));
  }
  return out + "</g></svg>";
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
