#include "report/chrome_trace.h"

#include <algorithm>
#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

namespace report {
namespace {

using nlohmann::ordered_json;

int group_of(std::string_view entity) {
  if (entity == "expectations") return 100;
  static constexpr std::array<std::string_view, 7> kOrder = {"cluster/", "endpoint/", "project/", "key/",
                                                             "credentials/", "key_access/", "kms/"};
  for (std::size_t i = 0; i < kOrder.size(); ++i)
    if (entity.starts_with(kOrder[i])) return static_cast<int>(i);
  return static_cast<int>(kOrder.size());
}

// Verdicts are not an entity's history: they share one track, drawn last.
constexpr std::string_view kVerdictTrack = "expectations";
std::string track_name(const sim::Record& r) { return r.kind == "expectation" ? std::string(kVerdictTrack) : r.entity; }

bool drawn(std::string_view state) { return !state.empty() && state != "none" && state != "deleted"; }

std::int64_t us(sim::Time t) { return t.ms() * 1000; }

struct Track {
  std::string entity;
  std::size_t first_seen = 0;  // order of first appearance
  int tid = 0;
  std::optional<std::string> state;  // current state, if known
  sim::Time since;
  std::string entered_by;      // cause of the last transition
  std::string previous;        // state before it
};

}  // namespace

ordered_json chrome_trace(const Trace& trace, sim::Time end, std::string_view process_name) {
  std::map<std::string, Track> tracks;
  std::map<std::string, sim::Time> first_at;  // when each entity was first named
  std::size_t seen = 0;
  auto track = [&](const std::string& entity, sim::Time at) {
    auto [it, inserted] = tracks.try_emplace(entity);
    if (inserted) {
      it->second.entity = entity;
      it->second.first_seen = seen++;
    }
    first_at.try_emplace(entity, at);
    return &it->second;
  };
  for (const InitialState& s : trace.initial) track(s.entity, sim::Time::zero())->state = s.state;
  for (const sim::Record& r : trace.records) {
    if (r.entity.empty()) continue;
    track(track_name(r), r.at);
    // An operation that creates an endpoint (createdId) is where that endpoint's life starts.
    if (r.kind == "operation" && r.entity.starts_with("project/"))
      for (const auto& [k, v] : r.fields)
        if (k == "createdId" && !v.empty() && r.cause.find("endpoint") != std::string::npos)
          track("endpoint/" + v, r.at);
  }
  // Track ids: groups in fixed order, first appearance within a group.
  std::vector<Track*> order;
  for (auto& [name, t] : tracks) order.push_back(&t);
  std::sort(order.begin(), order.end(), [](const Track* a, const Track* b) {
    const int ga = group_of(a->entity), gb = group_of(b->entity);
    return ga != gb ? ga < gb : a->first_seen < b->first_seen;
  });
  for (std::size_t i = 0; i < order.size(); ++i) order[i]->tid = static_cast<int>(i + 1);

  ordered_json events = ordered_json::array();
  auto span = [&](Track& t, sim::Time until) {
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
  };
  for (const sim::Record& r : trace.records) {
    if (r.entity.empty()) continue;
    Track& t = tracks.at(track_name(r));
    if (r.kind == "transition") {
      if (!t.state) {  // first sight: it was in `from` since it was first named (or time zero)
        t.state = r.from;
        t.since = first_at.at(r.entity);
      }
      span(t, r.at);
      t.previous = r.from;
      t.state = r.to;
      t.entered_by = r.cause;
      t.since = r.at;
      continue;
    }
    ordered_json e;
    std::string name = r.cause;
    ordered_json args = ordered_json::object();
    for (const auto& [k, v] : r.fields) {
      if (k == "eventTypeName") name = v;
      args[k] = std::string(shown_value(k, v));
    }
    args["entity"] = r.entity;
    if (r.kind == "expectation") {  // from = expected, to = seen
      args["expected"] = r.from;
      args["seen"] = r.to;
      const bool passed = args.contains("verdict") && args["verdict"] == "passed";
      name = fmt::format("{} {}", passed ? "PASS" : "FAIL", r.cause);
    }
    e["name"] = name.empty() ? r.kind : name;
    e["cat"] = r.kind;
    e["ph"] = "i";
    e["s"] = "t";
    e["ts"] = us(r.at);
    e["pid"] = 1;
    e["tid"] = t.tid;
    e["args"] = std::move(args);
    events.push_back(std::move(e));
  }
  for (Track* t : order) span(*t, std::max(end, t->since));

  std::stable_sort(events.begin(), events.end(),
                   [](const ordered_json& a, const ordered_json& b) { return a["ts"].get<std::int64_t>() < b["ts"].get<std::int64_t>(); });

  ordered_json all = ordered_json::array();
  {
    ordered_json p;
    p["name"] = "process_name";
    p["ph"] = "M";
    p["pid"] = 1;
    p["args"] = {{"name", std::string(process_name)}};
    all.push_back(std::move(p));
  }
  for (const Track* t : order) {
    ordered_json n;
    n["name"] = "thread_name";
    n["ph"] = "M";
    n["pid"] = 1;
    n["tid"] = t->tid;
    n["args"] = {{"name", t->entity}};
    all.push_back(std::move(n));
    ordered_json s;
    s["name"] = "thread_sort_index";
    s["ph"] = "M";
    s["pid"] = 1;
    s["tid"] = t->tid;
    s["args"] = {{"sort_index", t->tid}};
    all.push_back(std::move(s));
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
