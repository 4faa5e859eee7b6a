#include "sweep/trace_capture.h"

#include <algorithm>

#include "models/subject.h"

namespace sweep {

void TraceCapture::on_record(const sim::Record& r) {
  if (sim::is_notification(r.kind)) {
    if (const std::string* type = r.field("eventTypeName")) markers_.push_back(Marker{r.at, *type});
    return;
  }
  if (r.kind != sim::RecordKind::transition) return;
  auto [it, inserted] = index_.try_emplace(r.entity, lanes_.size());
  if (inserted) {
    lanes_.push_back(Lane{r.entity, models::display_order(models::entity_of(r.subject).kind), {}});
    // The state it was in since time zero (an entity created now was in no state: "none").
    if (r.from != "none" && r.at > sim::Time::zero()) lanes_.back().spans.push_back(Span{sim::Time::zero(), r.at, r.from});
  }
  Lane& lane = lanes_[it->second];
  if (!lane.spans.empty() && lane.spans.back().to == sim::Time::never()) lane.spans.back().to = r.at;
  if (r.to != "deleted") lane.spans.push_back(Span{r.at, sim::Time::never(), r.to});
}

void TraceCapture::finish(sim::Time end) {
  end_ = end;
  for (Lane& lane : lanes_) {
    for (Span& s : lane.spans)
      if (s.to == sim::Time::never()) s.to = end;
    std::erase_if(lane.spans, [](const Span& s) { return s.to <= s.from; });  // instantaneous states
  }
  std::stable_sort(lanes_.begin(), lanes_.end(), [](const Lane& a, const Lane& b) { return a.order < b.order; });
}

}  // namespace sweep
