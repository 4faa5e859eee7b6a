#include "scenario/trigger.h"

#include <algorithm>

#include <fmt/format.h>

#include "scenario/evaluate.h"
#include "sim/duration_text.h"

namespace scenario {

namespace {

// The trigger names no project, or the record is about something of that project.
bool in_project(const Trigger& t, const sim::Record& r, const models::World& world) {
  if (t.project.empty()) return true;
  const std::optional<models::ProjectIx> p = world.project_of(r.subject);
  return p && world.project(*p).name == t.project;
}

}  // namespace

bool trigger_matches(const Trigger& t, const sim::Record& r, const models::World& world) {
  const std::string* type = r.field("eventTypeName");
  switch (t.kind) {
    case Trigger::Kind::notification:
      return r.kind == t.notification && type && *type == t.eventTypeName && in_project(t, r, world);
    case Trigger::Kind::cleared:
      return sim::is_notification(r.kind) && type && std::find(t.closing.begin(), t.closing.end(), *type) != t.closing.end() &&
             in_project(t, r, world);
    case Trigger::Kind::operation: {
      if (r.kind != sim::RecordKind::operation || r.cause != t.action) return false;
      const std::string* outcome = r.field("outcome");
      return (!t.code || (outcome && *outcome == *t.code)) && in_project(t, r, world);
    }
    case Trigger::Kind::state:
    case Trigger::Kind::step: return false;
  }
  return false;
}

std::string describe_trigger(const Trigger& t) {
  const std::string in = t.project.empty() ? "" : " in " + t.project;
  switch (t.kind) {
    case Trigger::Kind::notification:
      return fmt::format("{} {}{}", sim::record_kind_name(t.notification), t.eventTypeName, in);
    case Trigger::Kind::cleared: return fmt::format("{} cleared{}", t.eventTypeName, in);
    case Trigger::Kind::operation: return fmt::format("operation {} answered {}{}", t.action, t.code.value_or("(any)"), in);
    case Trigger::Kind::step: return fmt::format("step {} done{}", t.step, t.code ? " with " + *t.code : "");
    case Trigger::Kind::state: {
      std::string checks;
      for (const FieldCheck& c : t.state->checks) checks += (checks.empty() ? "" : ", ") + check_text(c);
      return fmt::format("{} {}", describe_target(t.state->target), checks);
    }
  }
  return "?";
}

std::string describe_cause(const sim::Record& r) {
  std::string what(sim::record_kind_name(r.kind));
  for (char& c : what) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (const std::string* type = r.field("eventTypeName")) what += " " + *type;
  else if (r.kind == sim::RecordKind::operation) what += fmt::format(" {} -> {}", r.cause, r.field("outcome") ? *r.field("outcome") : "?");
  else if (r.kind == sim::RecordKind::transition) what += fmt::format(" {} -> {}", r.from, r.to);
  return fmt::format("{} {} at {}", what, r.entity, sim::format_time(r.at));
}

}  // namespace scenario
