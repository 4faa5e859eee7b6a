#include "report/chrome_trace.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "models/actions.h"
#include "models/subject.h"

namespace report {
namespace {

using nlohmann::ordered_json;

// Verdicts are not an entity's history: they share one track, drawn last.
constexpr std::string_view kVerdictTrack = "expectations";
constexpr int kVerdictGroup = 100;

bool drawn(std::string_view state) { return !state.empty() && state != "none" && state != "deleted"; }

std::int64_t us(sim::Time t) { return t.ms() * 1000; }

struct Track {
  std::string entity;
  int group = 0;               // models::display_order of its subject
  std::size_t first_seen = 0;  // order of first appearance
  sim::Time first_at;          // when it was first named
  int tid = 0;
  std::optional<std::string> state;  // current state, if known
  sim::Time since;
  std::string entered_by;  // cause of the last transition
  std::string previous;    // state before it
};

// Every track of a trace, by display name, with its tid once ordered.
class Tracks {
 public:
  // The entities present at time zero, then every record's subject; an operation that creates an
  // endpoint (createdId) is where that endpoint's track starts.
  explicit Tracks(const Trace& trace) {
    for (const InitialState& s : trace.initial)
      named(s.entity, group_of(s.subject), sim::Time::zero()).state = s.state;
    for (const sim::Record& r : trace.records) {
      if (r.entity.empty()) continue;
      of(r);
      const models::Entity subject = models::entity_of(r.subject);
      if (r.kind != sim::RecordKind::operation || subject.kind != models::EntityKind::project) continue;
      const models::ActionInfo* action = models::find_action(r.cause);
      const std::string* created = r.field("createdId");
      if (action && action->creates == models::Creates::endpoint && created && !created->empty())
        named("endpoint/" + *created, models::display_order(models::EntityKind::endpoint), r.at);
    }
  }

  Track& of(const sim::Record& r) {
    if (r.kind == sim::RecordKind::expectation) return named(std::string(kVerdictTrack), kVerdictGroup, r.at);
    return named(r.entity, group_of(r.subject), r.at);
  }

  // Track ids: groups in fixed order, first appearance within a group.
  std::vector<Track*> ordered() {
    std::vector<Track*> order;
    for (auto& [name, t] : tracks_) order.push_back(&t);
    std::sort(order.begin(), order.end(), [](const Track* a, const Track* b) {
      return a->group != b->group ? a->group < b->group : a->first_seen < b->first_seen;
    });
    for (std::size_t i = 0; i < order.size(); ++i) order[i]->tid = static_cast<int>(i + 1);
    return order;
  }

 private:
  static int group_of(const sim::Subject& s) { return models::display_order(models::entity_of(s).kind); }

  Track& named(const std::string& entity, int group, sim::Time at) {
    auto [it, inserted] = tracks_.try_emplace(entity);
    if (inserted) {
      it->second.entity = entity;
      it->second.group = group;
      it->second.first_seen = seen_++;
      it->second.first_at = at;
    }
    return it->second;
  }

  std::map<std::string, Track> tracks_;
  std::size_t seen_ = 0;
};

// The span of the track's current state up to `until`, if it is drawn.
void add_span(ordered_json& events, const Track& t, sim::Time until) {
  if (!t.state || !drawn(*t.state) || until <= t.since) return;
  ordered_json e;
  e["name"] = *t.state;
  e["cat"] = "state";
  e["ph"] = "X";
  e["ts"] = us(t.since);
  e["dur"] = us(until) - us(t.since);
  e["pid"] = 1;
  e["tid"] = t.tid;
  ordered_json args = ordered_json::object();
  args["entity"] = t.entity;
  if (!t.entered_by.empty()) args["entered_by"] = t.entered_by;
  if (!t.previous.empty()) args["from"] = t.previous;
  e["args"] = std::move(args);
  events.push_back(std::move(e));
}

// A transition closes the track's current span and opens the next.
void on_transition(ordered_json& events, Track& t, const sim::Record& r) {
  if (!t.state) {  // first sight: it was in `from` since it was first named (or time zero)
    t.state = r.from;
    t.since = t.first_at;
  }
  add_span(events, t, r.at);
  t.previous = r.from;
  t.state = r.to;
  t.entered_by = r.cause;
  t.since = r.at;
}

// Any other record is an instant on its track, named by its eventTypeName, action or verdict.
ordered_json instant(const sim::Record& r, int tid) {
  std::string name = r.cause;
  ordered_json args = ordered_json::object();
  for (const auto& [k, v] : r.fields) {
    if (k == "eventTypeName") name = v;
    args[k] = std::string(shown_value(k, v));
  }
  args["entity"] = r.entity;
  if (r.kind == sim::RecordKind::expectation) {  // from = expected, to = seen
    args["expected"] = r.from;
    args["seen"] = r.to;
    const bool passed = args.contains("verdict") && args["verdict"] == "passed";
    name = fmt::format("{} {}", passed ? "PASS" : "FAIL", r.cause);
  }
  const std::string_view kind = sim::record_kind_name(r.kind);
  ordered_json e;
  e["name"] = name.empty() ? std::string(kind) : name;
  e["cat"] = kind;
  e["ph"] = "i";
  e["s"] = "t";
  e["ts"] = us(r.at);
  e["pid"] = 1;
  e["tid"] = tid;
  e["args"] = std::move(args);
  return e;
}

ordered_json metadata(std::string_view name, int tid, ordered_json args) {
  ordered_json m;
  m["name"] = name;
  m["ph"] = "M";
  m["pid"] = 1;
  if (tid > 0) m["tid"] = tid;
  m["args"] = std::move(args);
  return m;
}

}  // namespace

ordered_json chrome_trace(const Trace& trace, sim::Time end, std::string_view process_name) {
  Tracks tracks(trace);
  const std::vector<Track*> order = tracks.ordered();
  ordered_json events = ordered_json::array();
  for (const sim::Record& r : trace.records) {
    if (r.entity.empty()) continue;
    Track& t = tracks.of(r);
    if (r.kind == sim::RecordKind::transition) on_transition(events, t, r);
    else events.push_back(instant(r, t.tid));
  }
  for (Track* t : order) add_span(events, *t, std::max(end, t->since));
  std::stable_sort(events.begin(), events.end(),
                   [](const ordered_json& a, const ordered_json& b) { return a["ts"].get<std::int64_t>() < b["ts"].get<std::int64_t>(); });

  ordered_json all = ordered_json::array();
  all.push_back(metadata("process_name", 0, {{"name", std::string(process_name)}}));
  for (const Track* t : order) {
    all.push_back(metadata("thread_name", t->tid, {{"name", t->entity}}));
    all.push_back(metadata("thread_sort_index", t->tid, {{"sort_index", t->tid}}));
  }
  for (auto& e : events) all.push_back(std::move(e));
  ordered_json out;
  out["traceEvents"] = std::move(all);
  out["displayTimeUnit"] = "ms";
  ordered_json other;
  other["generator"] = "cmksim";
  other["end_ms"] = end.ms();
  other["events_fired"] = trace.events_fired;
  out["otherData"] = std::move(other);
  return out;
}

}  // namespace report
