// Observer: how the rest of the program sees a run. The kernel reports every fired event; models
// report state changes and other happenings as Records. Reporters and checkers are observers.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/event_set.h"
#include "sim/time.h"

namespace sim {

struct FiredEvent {
  Time at;
  std::uint64_t index;  // 0 for the first event fired in the run, then 1, 2, ...
  Priority priority;
};

// One thing that happened, in words the model chooses. A state change sets machine/row/from/to;
// other kinds (an alert, an operation and its outcome) leave them empty.
struct Record {
  Time at{};
  std::string kind{};    // e.g. "transition", "alert", "operation"
  std::string entity{};  // e.g. "server/web-1"
  std::string from{}, to{};
  std::string cause{};
  std::string machine{};  // the transition table's name, for coverage
  int row = -1;           // the table row that fired, for coverage
  std::vector<std::pair<std::string, std::string>> fields{};
};

class Observer {
 public:
  virtual ~Observer() = default;
  virtual void on_fired(const FiredEvent&) {}
  virtual void on_record(const Record&) {}
};

}  // namespace sim
