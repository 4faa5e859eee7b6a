// Run: builds the world a Scenario describes on a fresh Simulation, schedules its timeline, and
// checks its expectations while the simulation runs to the horizon.
//
// When things are checked (FORMAT.md "Expectations"): the Run is an Observer; each time the kernel
// is about to fire an event at time T, every event before it has finished, so the current state
// holds from the previous event until T. That is when `at:` checks before T are decided, `within:`
// windows overlapping that stretch are tried, and invariants are checked. No extra events are
// scheduled for checking, so the event stream is the model's alone.
#include "scenario/run.h"

#include <algorithm>

#include <fmt/format.h>

#include "scenario/evaluate.h"
#include "scenario/incidents.h"
#include "scenario/limits.h"
#include "scenario/responders.h"
#include "scenario/steps.h"
#include "scenario/trigger.h"
#include "sim/duration_text.h"

namespace scenario {

bool RunResult::passed() const {
  return std::all_of(expectations.begin(), expectations.end(), [](const ExpectationResult& r) { return r.passed; });
}

struct Run::Impl : sim::Observer {
  Scenario s;
  std::uint64_t seed;
  sim::Simulation sim;
  models::World world;
  std::uint64_t eventLimit = limits::kMaxFiredEvents;
  bool executed = false;

  AlertCounts alerts;
  Clients clients;  // the Terraform clients the timeline drives, by name
  std::map<std::string, std::string> endpointIds, snapshotIds;  // label -> id
  std::vector<ExpectationResult> results;

  struct Check {
    const Expectation* x;
    bool decided = false;
    std::string lastSeen;
    std::uint64_t seenVersion = UINT64_MAX;  // stateVersion when last evaluated
  };
  // Bumped by every model Record: the observable state changes only through recorded transitions,
  // alerts and operations, so a check that failed at this version fails again until it moves (a
  // month of quiet 15-minute ticks then costs nothing).
  std::uint64_t stateVersion = 0;
  std::vector<Check> ats, windows, invariants;  // ats sorted by time
  std::size_t nextAt = 0;
  sim::Time stateSince;  // time of the last fired event: the current state holds from here

  // Reactions (FORMAT.md "Reactive steps", "Responders"). Their delays come from a stream of their
  // own, so a reaction does not shift the model's draws (sweep combinations stay comparable).
  struct Watch {
    const Step* st;
    bool fired = false;  // once: done after the first trigger
    bool held = false;   // state trigger: held at the last record (fires on false -> true)
  };
  sim::Random reactRng;
  std::vector<Watch> watches;
  std::vector<std::unique_ptr<ResponderDesk>> desks;  // one per responder, in file order
  std::map<std::string, std::uint64_t> stepsDone;    // step id -> times performed
  std::unique_ptr<Incidents> incidents;               // `fleet: incidents:` (scenario/incidents.h)

  Impl(const Scenario& scn, std::uint64_t sd, RunOptions options)
      : s(scn), seed(sd), sim(sd), world(sim, s.settings), reactRng(sim::Random::derive(sd, kReactionStream)) {
    world.set_fast_forward(options.fastForward);
    sim.add_observer(this);
    build();
    plan_checks();
    schedule_steps();
    plan_reactions();
    incidents = std::make_unique<Incidents>(s, seed, sim, world);
  }
  static constexpr std::uint64_t kReactionStream = 0x7265616374;  // "react"

  // ---- the world at time zero ----
  void build() {
    world.set_wall_clock(s.clock);
    std::size_t clusters = 0, endpoints = 0;  // a fleet: thousands of each
    for (const ProjectSpec& p : s.projects) {
      clusters += p.clusters.size();
      endpoints += p.endpoints.size();
    }
    world.reserve(s.projects.size(), clusters, endpoints);
    for (const ProjectSpec& p : s.projects) {
      models::ProjectSetup ps;
      ps.name = p.name;
      ps.state = p.state;
      ps.backupCompliancePolicy = p.backupCompliancePolicy;
      if (p.validationPhase) ps.validationPhase = p.validationPhase->sample(sim.random());
      for (const KmsSpec& k : p.kms) {
        models::KmsSetup ks;
        ks.provider = k.provider;
        ks.enabled = k.enabled;
        ks.requirePrivateNetworking = k.requirePrivateNetworking;
        ks.region = k.region;
        ks.keyId = k.keyId;
        ks.keyState = k.keyState;
        ks.credentials = k.credentials;
        ks.access = k.access;
        if (k.keyAge) ks.keyAge = k.keyAge->sample(sim.random());
        if (k.secretExpiresIn) ks.secretExpiresIn = k.secretExpiresIn->sample(sim.random());
        ks.ipAccessListBlocksControlPlane = k.ipAccessListBlocksControlPlane;
        ks.unreachable = k.unreachable;
        ks.accessKeyAuth = k.accessKeyAuth;
        ps.kms.push_back(ks);
      }
      setup(p.where, [&] { world.add_project(ps); });
      for (const ClusterSpec& c : p.clusters) {
        models::ClusterSetup cs;
        cs.project = p.name;
        cs.name = c.name;
        cs.instanceSizeName = c.tier;
        cs.diskSizeGB = c.diskSizeGB;
        for (const RegionSpec& r : c.regions)
          cs.regions.push_back({r.regionName, r.cloud, r.nodes.value_or(s.settings.nodes_per_region)});
        cs.encryptionAtRestProvider = c.encryptionAtRestProvider;
        cs.state = c.paused ? models::ClusterState::PAUSED : models::ClusterState::RUNNING;
        setup(c.where, [&] { world.add_cluster(cs); });
      }
      for (const EndpointSpec& e : p.endpoints)
        setup(e.where, [&] {
          const models::EndpointIx ix = world.add_endpoint(p.name, e.cloud, e.region, e.status, e.label);
          if (!e.label.empty()) endpointIds[e.label] = world.endpoint(ix).id;
        });
    }
  }

  // The model refuses an inconsistent setup with std::invalid_argument: bad input, at its entry.
  template <class F>
  void setup(const SourceLocation& where, F f) {
    try {
      f();
    } catch (const std::invalid_argument& e) {
      throw InputError(where, fmt::format("the model refuses this setup: {}", e.what()));
    }
  }

  // ---- results and verdict records ----
  // A verdict, as a Record (with the step's `note:`, if any) and as a result.
  void verdict(const SourceLocation& where, std::string description, bool passed, sim::Time at, std::string expected,
               std::string seen, std::string entity, std::string_view note = {}) {
    sim::Record r;
    r.at = at;
    r.kind = sim::RecordKind::expectation;
    r.entity = std::move(entity);
    r.from = expected;
    r.to = seen;
    r.cause = description;
    r.fields = {{"verdict", passed ? "passed" : "failed"}, {"line", std::to_string(where.line)}, {"column", std::to_string(where.column)}};
    if (!note.empty()) r.fields.emplace_back("note", note);
    sim.record(r);
    results.push_back(ExpectationResult{std::move(description), where, passed, at, std::move(expected), std::move(seen)});
  }

  // ---- timeline ----
  void schedule_steps() {
    sim::Time previous;
    for (const Step& st : s.steps) {
      if (st.on) continue;  // reactive: scheduled when its trigger happens
      const sim::Duration d = st.time.sample(sim.random());
      const sim::Time t = (st.relative ? previous : sim::Time::zero()) + d;
      previous = t;
      if (t.since_start() > s.horizon) {
        verdict(st.where, describe_request(st.request, st.endpoint_label), false, sim::Time::zero() + s.horizon, "runs before the horizon",
                fmt::format("drawn time {} is past the horizon", sim::format_time(t)), "scenario");
        continue;
      }
      sim.schedule_at(t, [this, &st] { perform(st); });
    }
  }

  // A step: its labels resolved to ids, the action performed, its verdict recorded; a `for:`
  // schedules the action's undo.
  void perform(const Step& st) {
    if (st.client) return run_client(st);
    const std::string what = describe_request(st.request, st.endpoint_label);
    const std::string expected = expected_answer_text(st.answer);
    const SourceLocation& where = st.answer.refused || st.answer.status ? st.answer.where : st.action_where;
    models::ActionRequest rq = st.request;
    if (auto missing = resolve_labels(st, rq)) {
      verdict(where, what, false, sim.now(), expected, *missing, "scenario", st.note);
      return;
    }
    models::Outcome o;
    try {
      o = world.perform(rq);
    } catch (const models::ActionError& e) {
      verdict(where, what, false, sim.now(), expected, fmt::format("not performed: {}", e.what()), "scenario", st.note);
      return;
    }
    const Verdict v = judge_answer(st.answer, o);
    verdict(where, what, v.holds, sim.now(), v.expected, v.seen, "operation/" + rq.name, st.note);
    completed(st, o.code());
    if (!o.ok()) return;
    if (!st.label.empty()) (st.action->creates == models::Creates::endpoint ? endpointIds : snapshotIds)[st.label] = o.createdId();
    if (st.for_) schedule_undo(st, rq);
  }

  // A client command: the client (made on first use) starts it; its outcome is the client's, for
  // expect: client: entries. A client still busy with an earlier command cannot start another.
  void run_client(const Step& st) {
    const ClientStep& c = *st.client;
    auto& client = clients[c.client];
    if (!client) client = std::make_unique<models::clients::TerraformClient>(world, c.client);
    if (client->running()) {
      verdict(st.action_where, st.request.name, false, sim.now(), "started",
              fmt::format("not performed: client '{}' is still running {}", c.client, client->last()->command), "scenario", st.note);
      return;
    }
    if (c.command == ClientStep::Command::apply) client->apply(c.config);
    else client->destroy();
  }

  // ---- reactions ----
  void plan_reactions() {
    const Observed observed = observe();
    for (const Step& st : s.steps)
      if (st.on) watches.push_back(Watch{&st, false, st.on->state && evaluate(*st.on->state, observed).holds});
    for (const Responder& r : s.responders)
      desks.push_back(std::make_unique<ResponderDesk>(
          r, ResponderDesk::Context{sim, reactRng, s.clock, s.settings.alert_notification_delay, sim::Time::zero() + s.horizon,
                                    [this](const Step& st, const std::string& why) { react(st, why); }}));
  }

  Observed observe() const { return Observed{world, alerts, endpointIds, &clients, &stepsDone}; }

  // A record of the model: the reactions and runbooks it triggers.
  void watch_record(const sim::Record& r) {
    for (Watch& w : watches)
      if (trigger_matches(*w.st->on, r, world)) trigger(w, describe_cause(r));
    for (std::size_t i = 0; i < desks.size(); ++i)  // none yet while the world is built
      for (const Runbook& b : s.responders[i].runbooks)
        if (trigger_matches(b.on, r, world)) desks[i]->page(b, describe_cause(r), r.at, r.subject, r.kind == sim::RecordKind::alert);
    const Observed observed = observe();
    for (Watch& w : watches) {
      if (!w.st->on->state) continue;
      const bool holds = evaluate(*w.st->on->state, observed).holds;
      if (holds && !w.held) trigger(w, fmt::format("{} at {}", describe_trigger(*w.st->on), sim::format_time(r.at)));
      w.held = holds;
    }
  }

  // A step finished with `code`: count it and trigger what waits for it.
  void completed(const Step& st, const std::string& code) {
    if (st.id.empty()) return;
    ++stepsDone[st.id];
    for (Watch& w : watches) {
      const Trigger& t = *w.st->on;
      if (t.kind == Trigger::Kind::step && t.step == st.id && (!t.code || *t.code == code))
        trigger(w, fmt::format("step {} done ({}) at {}", st.id, code, sim::format_time(sim.now())));
    }
    for (std::size_t i = 0; i < desks.size(); ++i)
      for (const Runbook& b : s.responders[i].runbooks)
        if (b.on.kind == Trigger::Kind::step && b.on.step == st.id && (!b.on.code || *b.on.code == code))
          desks[i]->page(b, fmt::format("step {} done ({}) at {}", st.id, code, sim::format_time(sim.now())), sim.now(), {}, false);
  }

  // The watched step's trigger happened now: it runs after its delay (once, or every time).
  void trigger(Watch& w, const std::string& why) {
    if (w.fired && !w.st->every) return;
    w.fired = true;
    const sim::Time t = sim.now() + w.st->time.sample(reactRng);
    if (t.since_start() > s.horizon) return;  // the run ends first
    const Step* st = w.st;
    sim.schedule_at(t, [this, st, why] { react(*st, why); });
  }

  // A reaction is due: recorded with what triggered it, then performed if its `if:` holds.
  void react(const Step& st, const std::string& why) {
    sim::Record r;
    r.at = sim.now();
    r.kind = sim::RecordKind::external;
    r.entity = st.responder.empty() ? "reaction" : "responder/" + st.responder;
    r.cause = describe_request(st.request, st.endpoint_label);
    r.fields = {{"trigger", why}};
    if (!st.id.empty()) r.fields.emplace_back("step", st.id);
    const Observed observed = observe();
    for (const Expectation& x : st.conditions)
      if (const Verdict v = evaluate(x, observed); !v.holds) {
        r.cause = "skipped " + r.cause;
        r.fields.emplace_back("if", fmt::format("{}: saw {}", describe_target(x.target), v.seen));
        sim.record(r);
        return;
      }
    sim.record(r);
    perform(st);
  }

  // Endpoint and snapshot labels -> the ids the run gave them; what is missing, if anything.
  std::optional<std::string> resolve_labels(const Step& st, models::ActionRequest& rq) const {
    if (!st.endpoint_label.empty()) {
      auto it = endpointIds.find(st.endpoint_label);
      if (it == endpointIds.end()) return fmt::format("not performed: endpoint '{}' was never created", st.endpoint_label);
      rq.endpoint = it->second;
    }
    if (auto sn = rq.params.find("snapshot"); sn != rq.params.end()) {
      std::string& label = std::get<std::string>(sn->second);
      auto it = snapshotIds.find(label);
      if (it == snapshotIds.end()) return fmt::format("not performed: snapshot '{}' was never taken", label);
      label = it->second;
    }
    return std::nullopt;
  }

  void schedule_undo(const Step& st, const models::ActionRequest& rq) {
    models::ActionRequest undo;
    undo.name = std::string(st.action->undo);
    undo.project = rq.project;
    undo.provider = rq.provider;
    undo.region = rq.region;
    const sim::Duration d = st.for_->sample(sim.random());
    sim.schedule_after(d, [this, undo, &st] {
      models::Outcome u;
      try {
        u = world.perform(undo);
      } catch (const models::ActionError& e) {
        verdict(st.for_where, describe_request(undo), false, sim.now(), "OK", fmt::format("not performed: {}", e.what()), "scenario");
        return;
      }
      verdict(st.for_where, describe_request(undo) + " (end of for:)", u.ok(), sim.now(), "OK", u.code(), "operation/" + undo.name);
    });
  }

  // ---- expectations ----
  void plan_checks() {
    for (const Expectation& x : s.expectations) (x.when == Expectation::When::at ? ats : windows).push_back(Check{&x, false, {}});
    for (const Expectation& x : s.invariants) invariants.push_back(Check{&x, false, {}});
    std::stable_sort(ats.begin(), ats.end(), [](const Check& a, const Check& b) { return a.x->at < b.x->at; });
  }

  std::string describe(const Expectation& x) const {
    std::string when;
    if (x.when == Expectation::When::at) when = "at " + sim::format_time(x.at);
    else if (x.when == Expectation::When::within) when = fmt::format("within [{}, {}]", sim::format_time(x.from), sim::format_time(x.to));
    else when = "always";
    std::string checks;
    for (const FieldCheck& c : x.checks) checks += (checks.empty() ? "" : ", ") + check_text(c);
    std::string out = x.name.empty() ? "" : x.name + ": ";
    return out + fmt::format("{} {} {}", describe_target(x.target), checks, when);
  }

  // The current state holds over [stateSince, next): decide what that stretch decides.
  void settle(sim::Time next) {
    const Observed observed = observe();
    for (; nextAt < ats.size() && ats[nextAt].x->at < next; ++nextAt) {
      const Expectation& x = *ats[nextAt].x;
      const Verdict v = evaluate(x, observed);
      verdict(x.where, describe(x), v.holds, x.at, v.expected, v.seen, describe_target(x.target));
    }
    for (Check& w : windows) {
      if (w.decided) continue;
      const Expectation& x = *w.x;
      const bool overlaps = (x.from < next || x.from <= stateSince) && x.to >= stateSince;
      if (overlaps && w.seenVersion != stateVersion) {
        w.seenVersion = stateVersion;
        const Verdict v = evaluate(x, observed);
        w.lastSeen = v.seen;
        if (v.holds) {
          w.decided = true;
          verdict(x.where, describe(x), true, std::max(x.from, stateSince), v.expected, v.seen, describe_target(x.target));
          continue;
        }
      }
      if (x.to < next) {
        w.decided = true;
        const Verdict v = evaluate(x, observed);
        verdict(x.where, describe(x), false, x.to, v.expected, w.lastSeen.empty() ? v.seen : w.lastSeen, describe_target(x.target));
      }
    }
    for (Check& inv : invariants) {
      if (inv.decided || inv.seenVersion == stateVersion) continue;
      inv.seenVersion = stateVersion;
      const Verdict v = evaluate(*inv.x, observed);
      if (!v.holds) {
        inv.decided = true;
        verdict(inv.x->where, describe(*inv.x), false, stateSince, v.expected, v.seen, describe_target(inv.x->target));
      }
    }
  }

  // ---- Observer ----
  void on_fired(const sim::FiredEvent& e) override {
    if (e.index >= eventLimit) too_many_events(e.index, e.at);
    settle(e.at);
    stateSince = e.at;
  }

  [[noreturn]] void too_many_events(std::uint64_t fired, sim::Time at) const {
    throw InputError(SourceLocation{s.file, 0, 0},
                     fmt::format("the run fired {} events before {} without reaching the horizon ({}); the limit is {} events",
                                 fired, sim::format_time(at), sim::format_duration(s.horizon), eventLimit));
  }

  void on_record(const sim::Record& r) override {
    if (r.kind == sim::RecordKind::expectation) return;
    ++stateVersion;
    if (sim::is_notification(r.kind))
      if (const std::string* type = r.field("eventTypeName")) {
        const std::optional<models::ProjectIx> p = world.project_of(r.subject);
        alerts[*type][p ? world.project(*p).name : std::string()]++;
      }
    watch_record(r);
  }

  RunResult execute() {
    if (executed) throw std::logic_error("Run::execute() runs a scenario once");
    executed = true;
    const sim::Time horizon = sim::Time::zero() + s.horizon;
    sim.run_until(horizon);
    // Fast-forward credits its skipped ticks here: a run over the limit fails both ways (with
    // fast-forward at the horizon, since the skipped ticks are only counted now).
    world.account_elided_ticks();
    if (sim.fired_count() > eventLimit) too_many_events(eventLimit, horizon);  // as the event past the limit says
    settle(horizon + sim::Duration::milliseconds(1));
    for (Check& inv : invariants)
      if (!inv.decided) {
        std::string expected;
        for (const FieldCheck& c : inv.x->checks) expected += (expected.empty() ? "" : ", ") + c.field + "=" + expected_text(c);
        verdict(inv.x->where, describe(*inv.x), true, horizon, expected, "held after every event", describe_target(inv.x->target));
      }
    RunResult out;
    out.seed = seed;
    out.end = sim.now();
    out.events_fired = sim.fired_count();
    out.expectations = results;
    std::stable_sort(out.expectations.begin(), out.expectations.end(), [](const ExpectationResult& a, const ExpectationResult& b) {
      return std::tie(a.where.line, a.where.column) < std::tie(b.where.line, b.where.column);
    });
    return out;
  }
};

Run::Run(const Scenario& s, std::optional<std::uint64_t> seed_override, RunOptions options)
    : impl_(std::make_unique<Impl>(s, seed_override.value_or(s.seed), options)) {}
Run::~Run() = default;
void Run::add_observer(sim::Observer* o) { impl_->sim.add_observer(o); }
RunResult Run::execute() { return impl_->execute(); }
const models::World& Run::world() const { return impl_->world; }
sim::Simulation& Run::simulation() { return impl_->sim; }
void Run::set_event_limit(std::uint64_t limit) { impl_->eventLimit = limit; }

}  // namespace scenario
