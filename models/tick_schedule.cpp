// The validation tick schedule (seed 003: every 15 minutes per project; spec §2.9), with or without
// fast-forward (docs/ARCHITECTURE.md "Fast-forward").
//
// Without fast-forward every project has its own late-priority kernel event, rescheduled at each
// tick. Same-instant ticks then fire in FIFO order, which works out as the order kept here:
//   1. projects whose phase is at least one interval (the first tick was scheduled before any
//      recurring tick due then), by descending first tick;
//   2. all others by project index (creation order; each first tick is scheduled after every
//      recurring tick due at that instant, so it joins the end).
// tick_rank() is that order. With fast-forward one dispatcher event runs the due ticks one per
// firing in (time, rank) order, so whatever a tick schedules for the same instant at normal
// priority still fires before the next project's tick, as it does without.
#include <algorithm>
#include <array>
#include <cassert>
#include <stdexcept>

#include "models/world.h"

namespace models {

void World::schedule_tick(ProjectIx p, sim::Time at) {
  // Priority late: at a boundary instant, faults/user actions scheduled for that same instant
  // are seen by the check (a key disabled at 15:00 exactly is found at the 15:00 check).
  // In order: every project ticks on the same interval, so each successor is the latest pending
  // tick and the kernel queues it in O(1).
  projects_[p].nextTick = sim_.schedule_in_order(at, sim::Priority::late(), [this, p] { on_tick(p); });
}

void World::on_tick(ProjectIx p) {
  schedule_tick(p, sim_.now() + settings_.validation_interval);
  run_scheduled_checks(p);
}

sim::Time World::next_grid_point(const Project& pr, sim::Time from) const {
  // the grid: firstTick (creation + phase) + k * interval
  const std::int64_t iv = settings_.validation_interval.ms();
  const std::int64_t t0 = pr.firstTick.ms();
  if (from.ms() <= t0) return pr.firstTick;
  const std::int64_t k = (from.ms() - t0 + iv - 1) / iv;
  return sim::Time::from_ms(t0 + k * iv);
}

sim::Time World::next_validation(ProjectIx p) const { return next_grid_point(projects_.at(p), sim_.now()); }

std::pair<std::int64_t, ProjectIx> World::tick_rank(ProjectIx p) const {
  const Project& pr = projects_[p];
  if (pr.validationPhase < settings_.validation_interval) return {0, p};
  return {-pr.firstTick.ms() - 1, p};
}

void World::set_fast_forward(bool on) {
  if (!projects_.empty()) throw std::logic_error("set_fast_forward: set before the first project is added");
  fastForward_ = on;
  sim_.set_change_listener(on ? this : nullptr);
}

// ---- what the check reads changes: wake the project ----

void World::on_change(sim::Subject s) { wake_subject(s); }

void World::wake_subject(sim::Subject s) {
  if (!fastForward_) return;
  const Entity x = entity_of(s);
  if (x.index == kNotFound) return;
  switch (x.kind) {
    case EntityKind::none:
    case EntityKind::snapshot: return;  // no check reads a snapshot
    case EntityKind::cluster:
      if (x.index < clusters_.size()) wake(clusters_[x.index].project);
      return;
    case EntityKind::endpoint:
      if (x.index < endpoints_.size()) wake(endpoints_[x.index].project);
      return;
    default:
      if (x.index < projects_.size()) wake(x.index);
  }
}

void World::wake(ProjectIx p) {
  if (!fastForward_) return;
  if (ticking_ == p) {  // the tick itself changed something: it is not idle
    tickTouched_ = true;
    return;
  }
  Project& pr = projects_[p];
  if (!pr.dormant) return;  // its next grid point is due already
  pr.dormant = false;
  sim::Time at = next_grid_point(pr, sim_.now());
  // At an instant whose ticks are being run, a project ranked before the last one run has had
  // its (idle) check of this instant already.
  if (lastDispatched_ && at == lastDispatched_->at && tick_rank(p) <= lastDispatched_->rank) at += settings_.validation_interval;
  if (at.ms() <= pr.lastTickMs) at = sim::Time::from_ms(pr.lastTickMs) + settings_.validation_interval;
  if (at < pr.tickDue) set_tick_due(p, at);
}

// ---- the dispatcher ----

void World::set_tick_due(ProjectIx p, sim::Time at) {
  Project& pr = projects_[p];
  pr.tickDue = at;
  if (at == sim::Time::never()) ticksDue_.erase(p);
  else ticksDue_.set(TickDue{at, tick_rank(p)});
  arm_dispatcher();
}

void World::arm_dispatcher() {
  const sim::Time first = ticksDue_.empty() ? sim::Time::never() : ticksDue_.top().at;
  if (first == dispatcherAt_) return;
  if (dispatcherAt_ != sim::Time::never()) sim_.cancel(dispatcher_);
  dispatcherAt_ = first;
  // late, like every tick without fast-forward (schedule_tick)
  if (first != sim::Time::never()) dispatcher_ = sim_.schedule_at(first, sim::Priority::late(), [this] { dispatch_tick(); });
}

void World::dispatch_tick() {
  dispatcherAt_ = sim::Time::never();
  const TickDue due = ticksDue_.top();
  assert(due.at == sim_.now());
  ticksDue_.erase(due.rank.second);
  projects_[due.rank.second].tickDue = sim::Time::never();
  lastDispatched_ = due;
  run_tick_fast(due.rank.second);
  arm_dispatcher();
}

// A tick under fast-forward: credit the idle ticks skipped since the last one, run the checks, and
// keep ticking while they change something; else the project goes dormant until woken or until a
// time-dependent input comes due.
void World::run_tick_fast(ProjectIx p) {
  Project& pr = projects_[p];
  const sim::Duration iv = settings_.validation_interval;
  credit_elided(pr, (sim_.now() - iv).ms());
  pr.lastTickMs = sim_.now().ms();
  std::array<bool, kBlockCount> valid{};
  for (std::size_t i = 0; i < kBlockCount; ++i) valid[i] = pr.blocks[i].valid;
  const bool toRecover = pr.clustersToRecover;
  ticking_ = p;
  tickTouched_ = false;
  run_scheduled_checks(p);
  ticking_.reset();
  // b.valid and clustersToRecover change without a record; everything else a check changes moves
  // a state machine or records something (wake -> tickTouched_).
  bool idle = !tickTouched_ && pr.clustersToRecover == toRecover;
  for (std::size_t i = 0; i < kBlockCount; ++i) idle = idle && pr.blocks[i].valid == valid[i];
  pr.dormant = idle;
  if (!idle) {
    set_tick_due(p, sim_.now() + iv);
    return;
  }
  pr.dormantBlocks = static_cast<std::uint8_t>(std::count_if(pr.blocks.begin(), pr.blocks.end(), [](const KmsConfig& b) { return b.enabled; }));
  const sim::Time due = next_input_due(pr);
  if (due != sim::Time::never()) set_tick_due(p, next_grid_point(pr, std::max(due, sim_.now() + iv)));
}

// The first instant after now() at which a check of the project could find something else with
// nothing else changing: the time-dependent inputs of assess() (current_key_problem: Azure key
// exp and nbf), of the key usability update_regions_without_key is given (the same) and
// check_rotation_alert's key age.
sim::Time World::next_input_due(const Project& pr) const {
  const sim::Time now = sim_.now();
  sim::Time due = sim::Time::never();
  const auto consider = [&](sim::Time t) {
    if (t > now) due = std::min(due, t);
  };
  const std::int64_t days = pr.rotationAlertDays.value_or(settings_.rotation_alert_days);
  for (std::size_t i = 0; i < kBlockCount; ++i) {
    const KmsConfig& b = pr.blocks[i];
    if (!b.enabled) continue;
    const CustomerKey& k = b.key;
    if (block_provider(i) == Provider::AZURE) {
      consider(k.expiresAt);  // now >= expiresAt: expired
      consider(k.notBefore);  // now < notBefore: not active yet
    }
    if (!k.rotationAlertSent && days > 0) consider(k.rotatedAt + (sim::Duration::days(days) - k.keyAgeAtStart));
  }
  return due;
}

// Counts the grid points after the last tick run or credited, up to uptoMs, as ticks that ran and
// found nothing to do (each would have validated the dormant project's enabled blocks).
void World::credit_elided(Project& pr, std::int64_t uptoMs) {
  const std::int64_t iv = settings_.validation_interval.ms();
  if (uptoMs < pr.lastTickMs + iv) return;
  const std::int64_t n = (uptoMs - pr.lastTickMs) / iv;
  pr.lastTickMs += n * iv;
  pr.scheduledChecks += static_cast<std::uint64_t>(n);
  validations_ += static_cast<std::uint64_t>(n) * pr.dormantBlocks;
  ticksElided_ += static_cast<std::uint64_t>(n);
  sim_.credit_fired(static_cast<std::uint64_t>(n));
}

void World::account_elided_ticks() {
  if (!fastForward_) return;
  // a tick due now has not run yet; one due later is the first grid point after the skipped ones
  for (Project& pr : projects_) credit_elided(pr, std::min(sim_.now().ms(), pr.tickDue.ms() - 1));
}

}  // namespace models
