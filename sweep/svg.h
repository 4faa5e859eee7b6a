// Inline SVG for the HTML report: the distributions of one metric and a timeline of one run (one lane
// per entity, spans coloured by state, alerts as ticks). Markup is XML-well-formed (XHTML-safe),
// text is escaped, and nothing refers to anything outside the file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sweep/aggregate.h"
#include "sweep/trace_capture.h"

namespace sweep {

// Escapes & < > " ' for text and attribute values.
std::string escape(std::string_view text);

// One combination's values of a metric, sorted, for a chart.
struct Series {
  std::string label;                // the combination ("validation_interval=5m")
  std::vector<std::int64_t> values;  // per_run metrics with their zeros
};

// One metric over every combination on a shared x axis: each combination's empirical CDF (share
// of its values <= x) as a step line. Colours from the Okabe-Ito palette (colour-blind safe), each
// with its own dash pattern so the lines also part in greyscale; x and y axes with titles and
// units, five ticks each, and a legend.
std::string ecdf_svg(const MetricInfo& info, const std::vector<Series>& series);

// The title of a metric's axis: "cluster_downtime (duration)", "... (%)", "... (count)".
std::string axis_title(const MetricInfo& info);

// The run's lanes over [0, end]; `title` is shown above the lanes.
std::string timeline_svg(const std::vector<Lane>& lanes, const std::vector<Marker>& markers, sim::Time end, const std::string& title);

// Colour of a state in timelines: green serving, red disabled/invalid, amber in transition, ...
std::string state_colour(const std::string& state);

}  // namespace sweep
