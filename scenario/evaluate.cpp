#include "scenario/evaluate.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/observe.h"
#include "sim/duration_text.h"

namespace scenario {

namespace {

// The entity the target names, or nullopt when it does not exist now. A labelled endpoint counts
// only in the target's project; an endpoint by region is the one World::endpoint_in_region names,
// as for steps.
std::optional<models::Observable> target_entity(const Target& t, const Observed& o) {
  using K = models::EntityKind;
  const auto project = o.world.find_project(t.project);
  if (!project) return std::nullopt;
  switch (t.kind) {
    case Target::Kind::project: return models::Observable{K::project, *project};
    case Target::Kind::kms: return models::Observable{K::kms, *project, t.provider};
    case Target::Kind::cluster:
      if (auto c = o.world.find_cluster(t.project, t.cluster)) return models::Observable{K::cluster, *c};
      return std::nullopt;
    case Target::Kind::endpoint: {
      std::optional<models::EndpointIx> e;
      if (!t.endpoint_label.empty()) {
        if (auto it = o.endpointIds.find(t.endpoint_label); it != o.endpointIds.end()) e = o.world.find_endpoint(it->second);
        if (e && o.world.endpoint(*e).project != *project) e.reset();
      } else {
        const auto cloud = t.provider == models::Provider::NONE ? std::nullopt : std::optional(t.provider);
        e = o.world.endpoint_in_region(*project, t.region, cloud);
      }
      if (e) return models::Observable{K::endpoint, *e};
      return std::nullopt;
    }
    case Target::Kind::alert:
    case Target::Kind::client: return std::nullopt;
    case Target::Kind::step: return std::nullopt;
  }
  return std::nullopt;
}

// A field's value as an expectation compares it: text as is, true/false, decimal integers. A list
// (a cluster's regions) is no expectation field (fields.h), so it reads as absent.
std::string text_of(const models::FieldValue& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (std::holds_alternative<models::Null>(v)) return "null";  // JSON null (seed 002 §'Example Response')
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  return "absent";
}

std::int64_t number(const std::string& s) {
  std::int64_t x = 0;
  std::from_chars(s.data(), s.data() + s.size(), x);
  return x;
}

// The client's last command, or nullptr (no such client, or it never ran).
const models::clients::CommandOutcome* client_outcome(const Target& t, const Observed& o) {
  if (!o.clients) return nullptr;
  auto it = o.clients->find(t.client);
  return it == o.clients->end() || !it->second->last() ? nullptr : &*it->second->last();
}

// The texts ("summary: detail") of the command's errors or warnings.
std::vector<std::string> diagnostic_texts(const models::clients::CommandOutcome& out, bool errors) {
  std::vector<std::string> texts;
  for (const models::clients::Diagnostic& d : out.diagnostics)
    if (d.error == errors) texts.push_back(d.text());
  return texts;
}

bool is_diagnostic_field(const Target& t, const FieldCheck& c) {
  return t.kind == Target::Kind::client && (c.field == "error" || c.field == "warning");
}

// A client's field: outcome (running | success | error), finishedAt, errors, warnings, and the
// error / warning texts joined by " || " (checked one by one in evaluate()).
std::string client_value(const Target& t, const FieldCheck& c, const Observed& o) {
  const models::clients::CommandOutcome* out = client_outcome(t, o);
  if (!out) return "absent";
  if (c.field == "outcome") return !out->finished ? "running" : out->has_error() ? "error" : "success";
  if (c.field == "finishedAt") return out->finished ? sim::format_duration(out->finished->since_start()) : "absent";
  if (c.field == "errors" || c.field == "warnings") return std::to_string(diagnostic_texts(*out, c.field == "errors").size());
  const std::vector<std::string> texts = diagnostic_texts(*out, c.field == "error");
  return texts.empty() ? "none" : fmt::format("{}", fmt::join(texts, " || "));
}

// contains / not_contains / exactly against each diagnostic text.
bool diagnostic_holds(const FieldCheck& c, const Target& t, const Observed& o) {
  const models::clients::CommandOutcome* out = client_outcome(t, o);
  const std::vector<std::string> texts = out ? diagnostic_texts(*out, c.field == "error") : std::vector<std::string>{};
  const std::string& v = c.values[0];
  const bool any_contains = std::any_of(texts.begin(), texts.end(), [&](const std::string& x) { return x.find(v) != std::string::npos; });
  if (c.op == FieldCheck::Op::exactly) return std::find(texts.begin(), texts.end(), v) != texts.end();
  return c.op == FieldCheck::Op::not_contains ? !any_contains : any_contains;
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
  if (t.kind == Target::Kind::client) return client_value(t, c, o);
  if (t.kind == Target::Kind::step) {
    std::uint64_t n = 0;
    if (o.steps_done)
      if (auto it = o.steps_done->find(t.step); it != o.steps_done->end()) n = it->second;
    return std::to_string(n);
  }
  const auto entity = target_entity(t, o);
  const auto value = entity ? models::observe_field(o.world, *entity, c.field) : std::nullopt;
  return value ? text_of(*value) : "absent";
}

bool holds(const FieldCheck& c, const std::string& seen) {
  switch (c.op) {
    case FieldCheck::Op::equals: return seen == c.values[0];
    case FieldCheck::Op::not_equals: return seen != c.values[0];
    case FieldCheck::Op::one_of: return std::find(c.values.begin(), c.values.end(), seen) != c.values.end();
    case FieldCheck::Op::at_least: return number(seen) >= number(c.values[0]);
    case FieldCheck::Op::at_most: return number(seen) <= number(c.values[0]);
    case FieldCheck::Op::contains: return seen.find(c.values[0]) != std::string::npos;
    case FieldCheck::Op::not_contains: return seen.find(c.values[0]) == std::string::npos;
    case FieldCheck::Op::exactly: return seen == c.values[0];
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
    case FieldCheck::Op::contains: return "containing '" + c.values[0] + "'";
    case FieldCheck::Op::not_contains: return "none containing '" + c.values[0] + "'";
    case FieldCheck::Op::exactly: return "exactly '" + c.values[0] + "'";
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
    case FieldCheck::Op::contains: return fmt::format("{} contains '{}'", c.field, c.values[0]);
    case FieldCheck::Op::not_contains: return fmt::format("no {} contains '{}'", c.field, c.values[0]);
    case FieldCheck::Op::exactly: return fmt::format("{} is exactly '{}'", c.field, c.values[0]);
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
    case Target::Kind::step: return "step " + t.step;
    case Target::Kind::alert: return t.project_given ? fmt::format("alert {} in {}", t.alert, t.project) : "alert " + t.alert;
    case Target::Kind::client: return "client " + t.client;
  }
  return "?";
}

Verdict evaluate(const Expectation& x, const Observed& o) {
  Verdict v;
  v.holds = true;
  for (const FieldCheck& c : x.checks) {
    const std::string seen = seen_value(x.target, c, o);
    v.holds = v.holds && (is_diagnostic_field(x.target, c) ? diagnostic_holds(c, x.target, o) : holds(c, seen));
    const std::string sep = v.expected.empty() ? "" : ", ";
    v.expected += sep + c.field + "=" + expected_text(c);
    v.seen += sep + c.field + "=" + seen;
  }
  return v;
}

std::string expected_answer_text(const ExpectedAnswer& a) {
  std::string out = !a.refused ? "OK" : a.code.empty() ? "any error" : a.code;
  if (a.status) out += fmt::format(", status={}", *a.status);
  if (a.message) out += fmt::format(", message='{}'", *a.message);
  if (a.message_contains) out += fmt::format(", message containing '{}'", *a.message_contains);
  if (a.params) out += fmt::format(", params=[{}]", fmt::join(*a.params, ", "));
  return out;
}

Verdict judge_answer(const ExpectedAnswer& a, const models::Outcome& o) {
  Verdict v;
  v.expected = expected_answer_text(a);
  v.holds = a.refused ? !o.ok() && (a.code.empty() || a.code == o.code()) : o.ok();
  if (!a.detailed) {
    v.seen = o.code();
    return v;
  }
  // The seen side names the same fields as the expected side, so the two read side by side.
  v.seen = o.code();
  if (a.status) {
    v.holds = v.holds && o.httpStatus() == *a.status;
    v.seen += fmt::format(", status={}", o.httpStatus());
  }
  const std::string message = o.ok() ? std::string() : o.error().message;
  if (a.message) {
    v.holds = v.holds && message == *a.message;
    v.seen += fmt::format(", message='{}'", message);
  }
  if (a.message_contains) {
    v.holds = v.holds && message.find(*a.message_contains) != std::string::npos;
    v.seen += fmt::format(", message='{}'", message);
  }
  if (a.params) {
    const std::vector<std::string> params = o.ok() ? std::vector<std::string>{} : o.error().params;
    v.holds = v.holds && params == *a.params;
    v.seen += fmt::format(", params=[{}]", fmt::join(params, ", "));
  }
  return v;
}

}  // namespace scenario
