// Trace: what the observers of one run saw, in order. The recorder is the only observer the
// reporters need; every reporter (timeline, JSON Lines, Chrome trace) reads a finished Trace.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/observer.h"
#include "sim/time.h"

namespace report {

// An entity that exists when the run starts, in the state it starts in (e.g. "cluster/p/orders",
// "RUNNING"). Reporters use it to draw the first state span from time zero; entities created
// during the run start at the record that first names them.
struct InitialState {
  sim::Subject subject;
  std::string entity;
  std::string state;
};

struct Trace {
  std::vector<sim::Record> records;     // in the order they were recorded
  std::uint64_t events_fired = 0;       // kernel events fired while recording
  std::vector<InitialState> initial;    // optional: entities present at time zero
};

class TraceRecorder : public sim::Observer {
 public:
  void on_fired(const sim::FiredEvent&) override { ++trace_.events_fired; }
  void on_record(const sim::Record& r) override { trace_.records.push_back(r); }
  const Trace& trace() const { return trace_; }
  Trace& trace() { return trace_; }

 private:
  Trace trace_;
};

// Secrets never leave the program: a field whose name looks like a credential ("secret",
// "password", "token", "privateKey", "secretAccessKey", "accessKeyID", ... any case) is printed
// as kRedacted by every reporter.
inline constexpr std::string_view kRedacted = "[redacted]";
bool is_secret_field(std::string_view name);
// The value as reporters print it: kRedacted for secret fields, else the value unchanged.
std::string_view shown_value(std::string_view name, std::string_view value);

}  // namespace report
