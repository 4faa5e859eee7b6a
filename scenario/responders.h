// Responders at run time: a person or an automation that is paged by its runbooks' triggers,
// acknowledges after its own delays, and works through the runbook's steps. While it works one
// runbook it is busy: a later incident queues (busy: queue) or is worked at once (busy: parallel).
#pragma once

#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "scenario/scenario.h"
#include "sim/random.h"
#include "sim/simulation.h"
#include "sim/wall_clock.h"

namespace scenario {

// What responder records say (kind external, entity "responder/NAME"): metrics key on these.
namespace responder_causes {
inline constexpr std::string_view kPaged = "paged";
inline constexpr std::string_view kAcknowledged = "acknowledged";
inline constexpr std::string_view kRunbookDone = "runbook_done";
}  // namespace responder_causes

// The first instant at or after `unix_ms` inside the working hours (UTC).
std::int64_t next_working_instant(const WorkingHours& w, std::int64_t unix_ms);

class ResponderDesk {
 public:
  // Performs a runbook step now (its verdict included); `why` names the incident.
  using Perform = std::function<void(const Step&, const std::string& why)>;
  struct Context {
    sim::Simulation& sim;
    sim::Random& rng;  // the run's reaction stream (not the model's)
    sim::WallClock clock;
    sim::Duration notification_delay;  // the Atlas setting alert_notification_delay
    sim::Time horizon;
    Perform perform;
  };
  ResponderDesk(const Responder& r, Context c) : r_(r), c_(std::move(c)) {}

  // The runbook's trigger happened at `at` (the record `why`, about `subject`): notify,
  // acknowledge, work it. The responder's records carry the subject, so metrics can tell whose
  // incident was acknowledged.
  void page(const Runbook& book, const std::string& why, sim::Time at, sim::Subject subject, bool alert);

 private:
  struct Incident {
    const Runbook* book;
    std::string why;
    sim::Time at;
    sim::Subject subject;
  };
  void acknowledged(const Incident& i);
  void start(const Incident& i);
  void step(const Incident& i, std::size_t k);
  void note(std::string_view cause, const Incident& i, std::vector<std::pair<std::string, std::string>> fields = {});
  // Schedules f at t, unless t is past the horizon (the run ends first).
  template <class F>
  void at(sim::Time t, F f) {
    if (t <= c_.horizon) c_.sim.schedule_at(t, std::move(f));
  }

  const Responder& r_;
  Context c_;
  int working_ = 0;  // runbooks under way
  std::deque<Incident> queue_;
};

}  // namespace scenario
