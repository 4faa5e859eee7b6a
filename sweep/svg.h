// Inline SVG for the HTML report: a histogram of one metric and a timeline of one run (one lane
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

// Bars of the metric's values (per_run metrics with their zeros), 20 bins or one per whole count.
std::string histogram_svg(const MetricData& m, const std::vector<std::uint32_t>& runs);

// The run's lanes over [0, end]; `title` is shown above the lanes.
std::string timeline_svg(const std::vector<Lane>& lanes, const std::vector<Marker>& markers, sim::Time end, const std::string& title);

// Colour of a state in timelines: green serving, red disabled/invalid, amber in transition, ...
std::string state_colour(const std::string& state);

}  // namespace sweep
