// TraceCapture: keeps one run's state changes as lanes of spans (one lane per entity) and its
// alerts as markers, for the report's SVG timelines. Used only for the few runs a report replays.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sim/observer.h"
#include "sim/time.h"

namespace sweep {

struct Span {
  sim::Time from, to;
  std::string state;
};

struct Lane {
  std::string entity;  // "cluster/shop/orders", "endpoint/<id>", "project/shop/awsKms", "key/shop/AWS"
  int order = 0;       // models::display_order of its subject
  std::vector<Span> spans;
};

struct Marker {
  sim::Time at;
  std::string label;  // eventTypeName
};

class TraceCapture : public sim::Observer {
 public:
  void on_record(const sim::Record& r) override;
  // Closes every open span at `end`; lanes ordered clusters, endpoints, projects, keys, then others.
  void finish(sim::Time end);
  const std::vector<Lane>& lanes() const { return lanes_; }
  const std::vector<Marker>& markers() const { return markers_; }
  sim::Time end() const { return end_; }

 private:
  std::map<std::string, std::size_t> index_;
  std::vector<Lane> lanes_;
  std::vector<Marker> markers_;
  sim::Time end_;
};

}  // namespace sweep
