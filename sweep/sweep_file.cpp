#include "sweep/sweep_file.h"

#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "scenario/limits.h"
#include "scenario/run.h"
#include "scenario/yaml_reader.h"

namespace sweep {

namespace {

using scenario::YamlReader;

EventMatch parse_match(const YamlReader& r, const YAML::Node& n, const std::string& what) {
  const auto es = r.mapping(n, what, {"kind", "entity", "from", "to", "action", "alert", "outcome"});
  if (es.empty()) r.fail(n, fmt::format("{} needs at least one of kind, entity, from, to, action, alert, outcome", what));
  EventMatch m;
  for (const auto& e : es) {
    const std::string v = r.text(e.value, e.key);
    if (e.key == "kind" && v.find('*') == std::string::npos) {
      std::vector<std::string> kinds;
      for (sim::RecordKind k : sim::kRecordKinds) kinds.emplace_back(sim::record_kind_name(k));
      (void)r.one_of(e.value, "record kind", kinds);
    }
    if (e.key == "kind") m.kind = v;
    else if (e.key == "entity") m.entity = v;
    else if (e.key == "from") m.from = v;
    else if (e.key == "to") m.to = v;
    else if (e.key == "action") m.cause = v;
    else if (e.key == "alert") m.eventTypeName = v;
    else m.outcome = v;
  }
  return m;
}

std::vector<CustomMetric> parse_metrics(const YamlReader& r, const YAML::Node& n) {
  std::vector<CustomMetric> out;
  std::set<std::string> seen;
  for (const YAML::Node& item : r.sequence(n, "metrics", 100)) {
    const auto es = r.mapping(item, "a metric", {"name", "description", "from", "to"});
    r.require(item, es, "name", "a metric");
    r.require(item, es, "from", "a metric");
    r.require(item, es, "to", "a metric");
    CustomMetric m;
    for (const auto& e : es) {
      if (e.key == "name") {
        m.name = r.name(e.value, "metric name");
        if (builtin_info(m.name) || m.name.find(':') != std::string::npos)
          r.fail(e.value, fmt::format("metric name '{}' is taken by a built-in metric; choose another", m.name));
        if (!seen.insert(m.name).second) r.fail(e.value, fmt::format("metric '{}' is defined twice", m.name));
      } else if (e.key == "description") m.description = r.text(e.value, "description");
      else if (e.key == "from") m.from = parse_match(r, e.value, "a metric's from:");
      else m.to = parse_match(r, e.value, "a metric's to:");
    }
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<VaryAxis> parse_vary(const YamlReader& r, const YAML::Node& n) {
  std::vector<VaryAxis> out;
  for (const auto& e : r.any_mapping(n, "vary")) {
    const models::SettingInfo* info = models::find_setting(e.key);
    if (!info) {
      models::Settings probe;
      try {
        probe.set(e.key, "");
      } catch (const models::SettingError& err) {
        r.fail(e.key_node, err.what());
      }
    }
    VaryAxis axis;
    axis.setting = e.key;
    for (const YAML::Node& v : r.sequence(e.value, fmt::format("vary: {}", e.key), kMaxCombinations)) {
      VaryValue value;
      if (info && info->kind == models::SettingKind::distribution) {
        value.shape = r.distribution(v, e.key);
        value.text = v.IsScalar() ? v.Scalar() : value.shape->describe();
      } else {
        value.text = r.text(v, e.key);
        // Durations within the limit for any duration, refused at the value like in settings:.
        if (info && info->kind == models::SettingKind::duration) (void)r.duration(v, e.key);
      }
      models::Settings probe;
      try {
        apply(probe, axis.setting, value);
      } catch (const models::SettingError& err) {
        r.fail(v, err.what());
      }
      axis.values.push_back(std::move(value));
    }
    if (axis.values.empty()) r.fail(e.value, fmt::format("vary: {} needs at least one value", e.key));
    out.push_back(std::move(axis));
  }
  return out;
}

}  // namespace

SweepFile parse_sweep_file(const std::string& text, const std::string& file_label) {
  SweepFile f;
  YamlReader r(file_label, text);
  const YAML::Node root = r.load();
  if (root.IsMap())
    for (const auto& e : r.any_mapping(root, "the scenario")) {
      if (e.key == "vary") f.vary = parse_vary(r, e.value);
      else if (e.key == "metrics") f.metrics = parse_metrics(r, e.value);
    }
  f.scenario = scenario::parse(text, file_label);  // the scenario parser passes over vary: and metrics:
  return f;
}

SweepFile load_sweep_file(const std::string& path) { return parse_sweep_file(scenario::read_scenario_file(path), path); }

}  // namespace sweep
