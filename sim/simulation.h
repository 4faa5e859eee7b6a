// Simulation: simulated time, the pending events, the random source and the observers of one run.
//
// The whole API:
//   now()                               current simulated time
//   schedule_at(t, [prio,] action)      run action at time t (t >= now())
//   schedule_after(d, [prio,] action)   run action at now() + d
//   schedule_in_order(t, prio, action)  as schedule_at, for events that usually come in firing
//                                       order (periodic ticks): O(1) while they do (event_set.h)
//   cancel(handle)                      drop a pending event; false (and harmless) if it already
//                                       fired or was cancelled
//   step()                              fire the next event; false when none is pending
//   run_until(t)                        fire every event at or before t, then stand at t
//   run()                               fire until nothing is pending
//   credit_fired(n)                     count n events a model proved need not fire (fast-forward)
//                                       as fired, so fired_count() matches the run that fires them
//   set_change_listener(l), changed(s)  a model hears of every state-machine move by subject
//   set_subject_namer(n), name_of(s)    the model that owns the subjects names them for records
//   add_observer(o), observed([kind])   observers; whether any is there (and wants that kind)
//   emit(kind, subject, fill), record(r)  hand a record to the observers that want its kind
//
// Order of simultaneous events: by time, then by priority class (lower first), then in the order
// they were scheduled (FIFO). Two runs with the same seed therefore always agree.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
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
  EventHandle schedule_in_order(Time t, Priority p, Action a) {
    if (t < now_) throw std::invalid_argument("cannot schedule an event in the past");
    return events_.push_in_order(t, p, std::move(a));
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

  void add_observer(Observer* o) {
    observers_.push_back(o);
    std::uint16_t mask = 0;
    for (RecordKind k : kRecordKinds)
      if (o->wants(k)) mask |= bit(k);
    wants_.push_back(mask);
    named_.push_back(o->wants_names() ? mask : std::uint16_t{0});
    wanted_ |= mask;
    namedWanted_ |= named_.back();
  }
  void remove_observer(Observer* o) {
    for (std::size_t i = observers_.size(); i-- > 0;)
      if (observers_[i] == o) {
        observers_.erase(observers_.begin() + static_cast<std::ptrdiff_t>(i));
        wants_.erase(wants_.begin() + static_cast<std::ptrdiff_t>(i));
        named_.erase(named_.begin() + static_cast<std::ptrdiff_t>(i));
      }
    wanted_ = namedWanted_ = 0;
    for (std::uint16_t m : wants_) wanted_ |= m;
    for (std::uint16_t m : named_) namedWanted_ |= m;
  }
  bool observed() const { return !observers_.empty(); }
  bool observed(RecordKind k) const { return (wanted_ & bit(k)) != 0; }
  void record(const Record& r) {
    for (std::size_t i = 0; i < observers_.size(); ++i)
      if (wants_[i] & bit(r.kind)) observers_[i]->on_record(r);
  }
  // Builds a record of kind k about subject s at now() and hands it over, if some observer wants
  // that kind; its entity is name_of(s) if one of them reads names. fill(r) sets the rest on a
  // record reused from one record to the next (cleared first; its strings keep their capacity, so
  // a record costs no allocation once warm). A record made while observers handle another gets a
  // record of its own.
  template <class Fill>
  void emit(RecordKind k, Subject s, Fill&& fill) {
    if (!observed(k)) return;
    if (emitting_ == scratch_.size()) scratch_.push_back(std::make_unique<Record>());
    Record& r = *scratch_[emitting_];
    struct Nest {
      std::size_t& depth;
      explicit Nest(std::size_t& d) : depth(++d) {}
      ~Nest() { --depth; }
    } nest(emitting_);
    r.clear();
    r.at = now_;
    r.kind = k;
    r.subject = s;
    if (namedWanted_ & bit(k)) r.entity = name_of(s);
    fill(r);
    record(r);
  }

 private:
  static constexpr std::uint16_t bit(RecordKind k) { return static_cast<std::uint16_t>(1U << static_cast<unsigned>(k)); }
  static_assert(kRecordKinds.size() <= 16);

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
  std::vector<std::uint16_t> wants_;  // per observer, the kinds it wants (bit per RecordKind)
  std::vector<std::uint16_t> named_;  // per observer, the kinds it reads by entity name
  std::uint16_t wanted_ = 0, namedWanted_ = 0;  // the unions of both
  std::vector<std::unique_ptr<Record>> scratch_;  // emit's records, one per nesting depth
  std::size_t emitting_ = 0;
  ChangeListener* changes_ = nullptr;
  const SubjectNamer* namer_ = nullptr;
};

}  // namespace sim
