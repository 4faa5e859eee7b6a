// A finished sweep as people and tools read it: a text table (one row per metric, or with a
// `vary:` grid one column per combination), CSV (one row per combination and metric) and JSON
// (nlohmann; every metric of every combination, failures, median/worst runs with their seeds).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "sweep/aggregate.h"

namespace sweep {

std::string format_table(const SweepData& d);
// Tidy CSV: a column per varied setting, kind (metric | expectation), name, unit, statistics;
// seeds as quoted text.
std::string format_csv(const SweepData& d);
nlohmann::json result_json(const SweepData& d);
inline std::string format_json(const SweepData& d) { return result_json(d).dump(2) + "\n"; }

// "7m30s", "14m59.812s", "0s": a time value for people (milliseconds, rounded).
std::string human_time(double ms);
// A statistic of a metric as text: a duration for time metrics, a number for counts; "-" if none.
std::string human_value(const MetricInfo& m, std::optional<double> v);

}  // namespace sweep
