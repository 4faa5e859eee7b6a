#include "scenario/evaluate.h"

#include <charconv>

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace scenario {

namespace {

using nlohmann::json;

const json* find_named(const json& array, const std::string& key, const std::string& value) {
  if (!array.is_array()) return nullptr;
  for (const json& x : array)
    if (x.contains(key) && x[key].is_string() && x[key].get<std::string>() == value) return &x;
  return nullptr;
}

// The JSON object the target names, or nullptr when it does not exist now.
const json* target_object(const Target& t, const Observed& o) {
  const json* project = find_named(o.state["projects"], "name", t.project);
  if (!project) return nullptr;
  switch (t.kind) {
    case Target::Kind::project: return project;
    case Target::Kind::kms: {
      const json& ear = (*project)["encryptionAtRest"];
      const std::string block(models::block_name(t.provider));
      return ear.contains(block) ? &ear[block] : nullptr;
    }
    case Target::Kind::cluster: return find_named((*project)["clusters"], "name", t.cluster);
    case Target::Kind::endpoint: {
      const json& eps = (*project)["privateEndpoints"];
      if (!t.endpoint_label.empty()) {
        auto it = o.endpointIds.find(t.endpoint_label);
        return it == o.endpointIds.end() ? nullptr : find_named(eps, "id", it->second);
      }
      // By region (+ cloud): the newest live endpoint there, a live replacement before a record
      // PENDING_RECREATION (the same choice World::perform makes for steps).
      const json* found = nullptr;
      for (const json& e : eps) {
        if (e["regionName"] != t.region) continue;
        if (t.provider != models::Provider::NONE && e["cloudProvider"] != models::provider_name(t.provider)) continue;
        if (e["status"] == "PENDING_RECREATION" && found) continue;
        found = &e;
      }
      return found;
    }
    case Target::Kind::alert: return nullptr;
  }
  return nullptr;
}

std::string text_of(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_null()) return "null";
  return v.dump();
}

std::int64_t number(const std::string& s) {
  std::int64_t x = 0;
  std::from_chars(s.data(), s.data() + s.size(), x);
  return x;
}

}  // namespace

std::string seen_value(const Target& t, const FieldCheck& c, const Observed& o) {
  if (t.kind == Target::Kind::alert) {
    std::uint64_t n = 0;
    if (auto it = o.alerts.find(t.alert); it != o.alerts.end())
      for (const auto& [project, count] : it->second)
        if (!t.project_given || project == t.project) n += count;
    return std::to_string(n);
  }
  const json* obj = target_object(t, o);
  if (!obj || !obj->contains(c.field)) return "absent";
  return text_of((*obj)[c.field]);
}

bool holds(const FieldCheck& c, const std::string& seen) {
  switch (c.op) {
    case FieldCheck::Op::equals: return seen == c.values[0];
    case FieldCheck::Op::not_equals: return seen != c.values[0];
    case FieldCheck::Op::one_of: return std::find(c.values.begin(), c.values.end(), seen) != c.values.end();
    case FieldCheck::Op::at_least: return number(seen) >= number(c.values[0]);
    case FieldCheck::Op::at_most: return number(seen) <= number(c.values[0]);
  }
  return false;
}

std::string expected_text(const FieldCheck& c) {
  switch (c.op) {
    case FieldCheck::Op::equals: return c.values[0];
    case FieldCheck::Op::not_equals: return "not " + c.values[0];
    case FieldCheck::Op::one_of: return fmt::format("one of [{}]", fmt::join(c.values, ", "));
    case FieldCheck::Op::at_least: return ">= " + c.values[0];
    case FieldCheck::Op::at_most: return "<= " + c.values[0];
  }
  return "?";
}

std::string check_text(const FieldCheck& c) {
  switch (c.op) {
    case FieldCheck::Op::equals: return c.field + "=" + c.values[0];
    case FieldCheck::Op::not_equals: return c.field + "!=" + c.values[0];
    case FieldCheck::Op::one_of: return fmt::format("{} in [{}]", c.field, fmt::join(c.values, ", "));
    case FieldCheck::Op::at_least: return c.field + ">=" + c.values[0];
    case FieldCheck::Op::at_most: return c.field + "<=" + c.values[0];
  }
  return "?";
}

std::string describe_target(const Target& t) {
  switch (t.kind) {
    case Target::Kind::project: return "project " + t.project;
    case Target::Kind::kms: return fmt::format("kms {}/{}", t.project, models::provider_name(t.provider));
    case Target::Kind::cluster: return fmt::format("cluster {}/{}", t.project, t.cluster);
    case Target::Kind::endpoint:
      if (!t.endpoint_label.empty()) return fmt::format("endpoint {}", t.endpoint_label);
      return fmt::format("endpoint {}/{}{}", t.project, t.provider == models::Provider::NONE ? "" : std::string(models::provider_name(t.provider)) + " ",
                         t.region);
    case Target::Kind::alert: return t.project_given ? fmt::format("alert {} in {}", t.alert, t.project) : "alert " + t.alert;
  }
  return "?";
}

Verdict evaluate(const Expectation& x, const Observed& o) {
  Verdict v;
  v.holds = true;
  for (const FieldCheck& c : x.checks) {
    const std::string seen = seen_value(x.target, c, o);
    v.holds = v.holds && holds(c, seen);
    const std::string sep = v.expected.empty() ? "" : ", ";
    v.expected += sep + c.field + "=" + expected_text(c);
    v.seen += sep + c.field + "=" + seen;
  }
  return v;
}

}  // namespace scenario
