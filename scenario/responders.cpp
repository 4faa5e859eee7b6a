#include "scenario/responders.h"

#include <algorithm>

#include <fmt/format.h>

#include "scenario/steps.h"
#include "sim/duration_text.h"

namespace scenario {

std::int64_t next_working_instant(const WorkingHours& w, std::int64_t unix_ms) {
  constexpr std::int64_t kDay = 86'400'000;
  const std::int64_t today = unix_ms / kDay;  // the run's instants are after 1970
  for (std::int64_t day = today; day < today + 8; ++day) {
    const int weekday = static_cast<int>((day + 3) % 7);  // 1970-01-01 was a Thursday; 0 = Monday
    if (!(w.days >> weekday & 1u)) continue;
    const std::int64_t from = day * kDay + w.from_minute * 60'000LL, to = day * kDay + w.to_minute * 60'000LL;
    if (unix_ms < to) return std::max(unix_ms, from);
  }
  return unix_ms;  // no working day at all cannot be written (days needs one)
}

void ResponderDesk::page(const Runbook& book, const std::string& why, sim::Time at_time, sim::Subject subject, bool alert) {
  // Atlas sends an alert's notification after its delay; the pager or bot adds its own.
  sim::Time notified = at_time + (alert ? c_.notification_delay : sim::Duration()) + r_.paging_delay.sample(c_.rng);
  if (r_.hours) {
    const std::int64_t start = c_.clock.start_unix_ms();
    notified = sim::Time::zero() + sim::Duration::milliseconds(next_working_instant(*r_.hours, start + notified.since_start().ms()) - start);
  }
  const sim::Time ack = notified + r_.acknowledge.sample(c_.rng);
  Incident i{&book, why, at_time, subject};
  at(notified, [this, i] { note(responder_causes::kPaged, i); });
  at(ack, [this, i] { acknowledged(i); });
}

void ResponderDesk::acknowledged(const Incident& i) {
  note(responder_causes::kAcknowledged, i, {{"after", sim::format_duration(c_.sim.now() - i.at)}});
  if (working_ > 0 && !r_.parallel) {
    queue_.push_back(i);
    note("queued", i, {{"busy_with", std::to_string(working_)}});
    return;
  }
  start(i);
}

void ResponderDesk::start(const Incident& i) {
  ++working_;
  step(i, 0);
}

// Step k of the incident's runbook, after its delay; past the last, the responder is free again.
void ResponderDesk::step(const Incident& i, std::size_t k) {
  if (k == i.book->steps.size()) {
    --working_;
    note(responder_causes::kRunbookDone, i);
    if (!queue_.empty()) {
      const Incident next = queue_.front();
      queue_.pop_front();
      start(next);
    }
    return;
  }
  const Step& st = i.book->steps[k];
  at(c_.sim.now() + st.time.sample(c_.rng), [this, i, k, &st] {
    c_.perform(st, i.why);
    step(i, k + 1);
  });
}

void ResponderDesk::note(std::string_view cause, const Incident& i, std::vector<std::pair<std::string, std::string>> fields) {
  sim::Record r;
  r.at = c_.sim.now();
  r.kind = sim::RecordKind::external;
  r.subject = i.subject;
  r.entity = "responder/" + r_.name;
  r.cause = std::string(cause);
  r.fields = {{"incident", i.why}};
  for (auto& f : fields) r.fields.push_back(std::move(f));
  c_.sim.record(r);
}

}  // namespace scenario
