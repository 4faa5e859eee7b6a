// The sweep report: one self-contained XHTML-compatible file (inline CSS and SVG, no scripts, no
// fetches) with one summary table (a column per combination, differences from the first), the
// metrics that never vary in one table, one chart per metric with every combination on a shared
// axis (ECDF), and the SVG timelines of the run closest
// to the median and of the worst run (by --rank-by) of each combination, replayed from their seeds.
#pragma once

#include <string>
#include <vector>

#include "scenario/scenario.h"
#include "sweep/aggregate.h"

namespace sweep {

// Timelines are drawn for at most this many combinations (the first ones of the grid).
inline constexpr std::size_t kMaxTimelineCombinations = 8;

// `scenarios` holds each combination's scenario (settings applied), as runner.h makes them.
std::string html_report(const SweepData& d, const std::vector<scenario::Scenario>& scenarios);

}  // namespace sweep
