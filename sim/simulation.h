// Simulation: simulated time, the pending events, the random source and the observers of one run.
//
// The whole API:
//   now()                               current simulated time
//   schedule_at(t, [prio,] action)      run action at time t (t >= now())
//   schedule_after(d, [prio,] action)   run action at now() + d
//   cancel(handle)                      drop a pending event; false (and harmless) if it already
//                                       fired or was cancelled
//   step()                              fire the next event; false when none is pending
//   run_until(t)                        fire every event at or before t, then stand at t
//   run()                               fire until nothing is pending
//   credit_fired(n)                     count n events a model proved need not fire (fast-forward)
//                                       as fired, so fired_count() matches the run that fires them
//   set_change_listener(l), changed(s)  a model hears of every state-machine move by subject
//   set_subject_namer(n), name_of(s)    the model that owns the subjects names them for records
//
// Order of simultaneous events: by time, then by priority class (lower first), then in the order
// they were scheduled (FIFO). Two runs with the same seed therefore always agree.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/event_set.h"
#include "sim/observer.h"
#include "sim/random.h"
#include "sim/time.h"

namespace sim {

// Told of every state change (StateMachine::fire) by subject, observed or not: a model that skips
// work while nothing changes (fast-forward) learns here that something did.
class ChangeListener {
 public:
  virtual void on_change(Subject s) = 0;

 protected:
  ~ChangeListener() = default;
};

// Names a subject for the records (Record::entity), e.g. "server/web-1": the model that owns the
// subjects knows their names, so a state machine carries only its subject and a name is built
// only for a record that is made.
class SubjectNamer {
 public:
  virtual std::string name_of(Subject s) const = 0;

 protected:
  ~SubjectNamer() = default;
};

class Simulation {
 public:
  explicit Simulation(std::uint64_t seed = 0) : random_(seed) {}
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  Time now() const { return now_; }
  Random& random() { return random_; }
  std::uint64_t fired_count() const { return fired_; }
  std::size_t pending_count() const { return events_.size(); }

  EventHandle schedule_at(Time t, Priority p, Action a) {
    if (t < now_) throw std::invalid_argument("cannot schedule an event in the past");
    return events_.push(t, p, std::move(a));
  }
  EventHandle schedule_at(Time t, Action a) { return schedule_at(t, Priority::normal(), std::move(a)); }
  EventHandle schedule_after(Duration d, Priority p, Action a) { return schedule_at(now_ + d, p, std::move(a)); }
  EventHandle schedule_after(Duration d, Action a) { return schedule_at(now_ + d, Priority::normal(), std::move(a)); }

  bool cancel(EventHandle h) { return events_.cancel(h); }
  bool is_pending(EventHandle h) const { return events_.is_pending(h); }

  // Events a model elided because they provably change nothing count as fired: every output and
  // limit that reads fired_count() then agrees with the run that fires them one by one.
  void credit_fired(std::uint64_t n) { fired_ += n; }

  // One listener (nullptr: none); changed() forwards a subject's state change to it.
  void set_change_listener(ChangeListener* l) { changes_ = l; }
  ChangeListener* change_listener() const { return changes_; }
  void changed(Subject s) {
    if (changes_) changes_->on_change(s);
  }

  // One namer (nullptr: none, and every subject's name is empty).
  void set_subject_namer(const SubjectNamer* n) { namer_ = n; }
  const SubjectNamer* subject_namer() const { return namer_; }
  std::string name_of(Subject s) const { return namer_ ? namer_->name_of(s) : std::string(); }

  bool step() {
    if (events_.empty()) return false;
    fire_next();
    return true;
  }

  // Fires every event whose time is <= t (an event exactly at t fires), then sets now() to t.
  // Returns how many events fired.
  std::uint64_t run_until(Time t) {
    const std::uint64_t before = fired_;
    while (!events_.empty() && events_.next_time() <= t) fire_next();
    if (t > now_) now_ = t;
    return fired_ - before;
  }
  std::uint64_t run() {
    const std::uint64_t before = fired_;
    while (!events_.empty()) fire_next();
    return fired_ - before;
  }

  void add_observer(Observer* o) { observers_.push_back(o); }
  void remove_observer(Observer* o) { std::erase(observers_, o); }
  bool observed() const { return !observers_.empty(); }
  void record(const Record& r) {
    for (Observer* o : observers_) o->on_record(r);
  }

 private:
  void fire_next() {
    EventSet::Fired f = events_.take_top();
    now_ = f.at;
    if (!observers_.empty()) {
      const FiredEvent e{f.at, fired_, f.priority};
      for (Observer* o : observers_) o->on_fired(e);
    }
    ++fired_;
    f.action.run_once();
  }

  EventSet events_;
  Random random_;
  Time now_;
  std::uint64_t fired_ = 0;
  std::vector<Observer*> observers_;
  ChangeListener* changes_ = nullptr;
  const SubjectNamer* namer_ = nullptr;
};

}  // namespace sim
