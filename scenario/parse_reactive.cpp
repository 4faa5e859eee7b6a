// The reactive parts of a scenario: `on:` triggers, `if:` conditions and `responders:` with their
// runbooks (FORMAT.md "Reactive steps" and "Responders"). Shapes and values only; names are
// checked against the whole file in check.cpp.
#include <cctype>

#include <fmt/format.h>

#include "models/actions.h"
#include "models/alerts.h"
#include "scenario/fields.h"
#include "scenario/limits.h"
#include "scenario/parse_parts.h"

namespace scenario::detail {

namespace {

using Entries = std::vector<YamlReader::Entry>;

// The keys that make an `on:` an event trigger; any other mapping is a state (an invariant's shape).
const std::vector<std::string> kEventKeys = {"alert", "email", "event", "cleared", "operation", "step"};

// An Atlas answer: OK or an error code in capitals.
std::string answer_code(const YamlReader& r, const YAML::Node& n) {
  const std::string code = r.name(n, "code");
  for (char c : code)
    if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_'))
      r.fail(n, fmt::format("code is OK or an Atlas error code in capitals, such as CANNOT_DISABLE_ENCRYPTION_AT_REST, found '{}'", code));
  return code;
}

// The names `cleared:` accepts: the alertable notifications that something clears.
std::vector<std::string> clearable_names() {
  std::vector<std::string> out;
  for (const std::string& n : alert_names())
    if (!models::alerts::cleared_by(n).empty()) out.push_back(n);
  return out;
}

std::vector<std::string> action_names() {
  std::vector<std::string> out;
  for (const models::ActionInfo& a : models::actions()) out.emplace_back(a.name);
  return out;
}

// The trigger key itself (alert:, email:, ..., step:).
void read_trigger_key(const YamlReader& r, const YamlReader::Entry& e, Trigger& t) {
  const std::string& k = e.key;
  if (k == "alert" || k == "email" || k == "event") {
    t.kind = Trigger::Kind::notification;
    t.notification = k == "alert" ? sim::RecordKind::alert : k == "email" ? sim::RecordKind::email : sim::RecordKind::event;
    t.eventTypeName = r.one_of(e.value, k, alert_names());
    // Each name has one kind (models::alerts::kind_of, after RAWSPEC's alert configurations): a
    // trigger of another kind could never fire, so it is refused rather than left to wait forever.
    const sim::RecordKind actual = models::alerts::kind_of(t.eventTypeName);
    if (actual != t.notification)
      r.fail(e.value, fmt::format("{} is recorded as an {}, never as an {}: write on: {{{}: {}}}", t.eventTypeName,
                                  sim::record_kind_name(actual), k, sim::record_kind_name(actual), t.eventTypeName));
  } else if (k == "cleared") {
    t.kind = Trigger::Kind::cleared;
    t.eventTypeName = r.one_of(e.value, "cleared alert", clearable_names());
    t.closing = models::alerts::cleared_by(t.eventTypeName);
  } else if (k == "operation") {
    t.kind = Trigger::Kind::operation;
    t.action = r.one_of(e.value, "operation", action_names());
  } else {
    t.kind = Trigger::Kind::step;
    t.step = r.name(e.value, "step");
  }
}

}  // namespace

Trigger parse_trigger(const YamlReader& r, const YAML::Node& n) {
  Trigger t;
  t.where = r.at(n);
  const Entries all = r.any_mapping(n, "on:");
  std::vector<const YamlReader::Entry*> events;
  for (const auto& e : all)
    if (std::find(kEventKeys.begin(), kEventKeys.end(), e.key) != kEventKeys.end()) events.push_back(&e);
  if (events.empty()) {  // an entity entering a state: {cluster: orders, runState: DISABLED_EAR}
    t.kind = Trigger::Kind::state;
    t.state = parse_expectation(r, n, true, limits::kMaxHorizon);
    if (t.state->target.kind == Target::Kind::alert || t.state->target.kind == Target::Kind::step)
      r.fail(n, "a state in on: is of a project, kms, cluster or endpoint");
    return t;
  }
  if (events.size() > 1)
    r.fail(n, fmt::format("on: waits for one thing: found both '{}' and '{}'", events[0]->key, events[1]->key));
  read_trigger_key(r, *events[0], t);
  std::vector<std::string> keys = {events[0]->key, "project"};
  if (t.kind == Trigger::Kind::operation || t.kind == Trigger::Kind::step) keys.emplace_back("code");
  for (const auto& e : r.mapping(n, fmt::format("on: {{{}: ...}}", events[0]->key), keys)) {
    if (e.key == "project") {
      if (t.kind == Trigger::Kind::step) r.fail(e.key_node, "on: {step: ...} takes no 'project:' (the step names its own)");
      t.project = r.name(e.value, "project");
    } else if (e.key == "code") {
      t.code = answer_code(r, e.value);
    }
  }
  return t;
}

std::vector<Expectation> parse_conditions(const YamlReader& r, const YAML::Node& n) {
  std::vector<Expectation> out;
  if (n.IsMap()) {
    out.push_back(parse_expectation(r, n, true, limits::kMaxHorizon));
    return out;
  }
  for (const YAML::Node& x : r.sequence(n, "if", limits::kMaxExpectations)) out.push_back(parse_expectation(r, x, true, limits::kMaxHorizon));
  if (out.empty()) r.fail(n, "if: needs at least one condition, found an empty list");
  return out;
}

namespace {

// "09:00" -> minutes of the day.
int clock_minute(const YamlReader& r, const YAML::Node& n, std::string_view what) {
  const std::string s = r.name(n, what);
  const bool shape = s.size() == 5 && s[2] == ':' && std::isdigit(static_cast<unsigned char>(s[0])) &&
                     std::isdigit(static_cast<unsigned char>(s[1])) && std::isdigit(static_cast<unsigned char>(s[3])) &&
                     std::isdigit(static_cast<unsigned char>(s[4]));
  const int h = shape ? (s[0] - '0') * 10 + (s[1] - '0') : 99, m = shape ? (s[3] - '0') * 10 + (s[4] - '0') : 99;
  if (!shape || h > 24 || m > 59 || (h == 24 && m != 0)) r.fail(n, fmt::format("{} is a UTC time of day such as \"09:00\", found '{}'", what, s));
  return h * 60 + m;
}

WorkingHours parse_hours(const YamlReader& r, const YAML::Node& n) {
  static const std::vector<std::string> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  WorkingHours w;
  for (const auto& e : r.mapping(n, "working_hours", {"from", "to", "days"})) {
    if (e.key == "from") w.from_minute = clock_minute(r, e.value, "from");
    else if (e.key == "to") w.to_minute = clock_minute(r, e.value, "to");
    else {
      w.days = 0;
      for (const YAML::Node& d : r.sequence(e.value, "days", 7)) {
        const std::string day = r.one_of(d, "day", kDays);
        w.days |= 1u << (std::find(kDays.begin(), kDays.end(), day) - kDays.begin());
      }
      if (w.days == 0) r.fail(e.value, "days needs at least one day, found an empty list");
    }
  }
  if (w.from_minute >= w.to_minute) r.fail(n, "working_hours needs from before to (both UTC, the same day)");
  return w;
}

Runbook parse_runbook(const YamlReader& r, const YAML::Node& n) {
  Runbook b;
  b.where = r.at(n);
  const Entries es = r.mapping(n, "a runbook", {"on", "steps"});
  r.require(n, es, "on", "a runbook");
  r.require(n, es, "steps", "a runbook");
  for (const auto& e : es) {
    if (e.key == "on") b.on = parse_trigger(r, e.value);
    else
      for (const YAML::Node& x : r.sequence(e.value, "steps", limits::kMaxSteps)) b.steps.push_back(parse_step(r, x, StepPlace::runbook));
  }
  if (b.steps.empty()) r.fail(n, "a runbook needs at least one step, found an empty list");
  return b;
}

Responder parse_responder(const YamlReader& r, const YAML::Node& n) {
  Responder p;
  p.where = r.at(n);
  const Entries es = r.mapping(n, "a responder", {"name", "acknowledge", "paging_delay", "working_hours", "busy", "runbooks"});
  r.require(n, es, "name", "a responder");
  r.require(n, es, "acknowledge", "a responder");
  r.require(n, es, "runbooks", "a responder");
  for (const auto& e : es) {
    if (e.key == "name") p.name = r.name(e.value, "responder name");
    else if (e.key == "acknowledge") p.acknowledge = r.distribution(e.value, "acknowledge");
    else if (e.key == "paging_delay") p.paging_delay = r.distribution(e.value, "paging_delay");
    else if (e.key == "working_hours") p.hours = parse_hours(r, e.value);
    else if (e.key == "busy") p.parallel = r.one_of(e.value, "busy", {"queue", "parallel"}) == "parallel";
    else
      for (const YAML::Node& x : r.sequence(e.value, "runbooks", 100)) p.runbooks.push_back(parse_runbook(r, x));
  }
  if (p.runbooks.empty()) r.fail(n, "a responder needs at least one runbook, found an empty list");
  for (Runbook& b : p.runbooks)
    for (Step& st : b.steps) st.responder = p.name;
  return p;
}

}  // namespace

std::vector<Responder> parse_responders(const YamlReader& r, const YAML::Node& n) {
  std::vector<Responder> out;
  for (const YAML::Node& x : r.sequence(n, "responders", 100)) out.push_back(parse_responder(r, x));
  return out;
}

}  // namespace scenario::detail
