// Observer: how the rest of the program sees a run. The kernel reports every fired event; models
// report state changes and other happenings as Records. Reporters and checkers are observers.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
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

// What kind of happening a record is. Consumers key on it; traces print record_kind_name().
//   transition   a state machine moved (machine, row, from, to set)
//   operation    an actor's request and its answer
//   alert, event, email   a notification the modelled system raises
//   effect       a consequence with no state machine of its own (nodes down, a migration)
//   external     something outside the modelled system changed (an outage starts or ends)
//   expectation  a verdict of the scenario's checks (not the model's)
//   client       a client actor's own progress (a retry, a poll's reading, a diagnostic, its outcome);
//                its requests are operations like any other
enum class RecordKind : std::uint8_t { transition, operation, alert, event, email, effect, external, expectation, client };
inline constexpr std::array<RecordKind, 9> kRecordKinds = {RecordKind::transition, RecordKind::operation, RecordKind::alert,
                                                          RecordKind::event,      RecordKind::email,     RecordKind::effect,   RecordKind::external,
                                                          RecordKind::expectation, RecordKind::client};
std::string_view record_kind_name(RecordKind k);
std::optional<RecordKind> parse_record_kind(std::string_view name);
// alert, event or email: the notifications, which carry an eventTypeName field.
constexpr bool is_notification(RecordKind k) { return k == RecordKind::alert || k == RecordKind::event || k == RecordKind::email; }

// Who a record is about, in the model's own terms: a kind tag and an index (and a part, such as
// which of an entity's sub-resources) that only the model interprets. The kernel carries it
// unread; consumers ask the model to resolve it instead of parsing the entity's display name.
struct Subject {
  std::uint16_t kind = 0;  // 0: about no entity (e.g. a verdict)
  std::uint16_t part = 0;
  std::uint32_t index = 0;
  friend bool operator==(const Subject&, const Subject&) = default;
};

// One thing that happened. A state change sets machine/row/from/to; other kinds leave them empty.
struct Record {
  Time at{};
  RecordKind kind = RecordKind::transition;
  Subject subject{};
  std::string entity{};  // the subject's display name, e.g. "server/web-1"
  std::string from{}, to{};
  std::string cause{};
  std::string machine{};  // the transition table's name, for coverage
  int row = -1;           // the table row that fired, for coverage
  std::vector<std::pair<std::string, std::string>> fields{};

  // Back to a default record, keeping the strings' capacity (Simulation::emit reuses one record).
  void clear() {
    at = {};
    kind = RecordKind::transition;
    subject = {};
    entity.clear();
    from.clear();
    to.clear();
    cause.clear();
    machine.clear();
    row = -1;
    fields.clear();
  }

  // The value of a field, or nullptr.
  const std::string* field(std::string_view key) const {
    for (const auto& [k, v] : fields)
      if (k == key) return &v;
    return nullptr;
  }
};

// A record handed to on_record lives only for that call (Simulation::emit reuses it): an observer
// that keeps one keeps a copy.
class Observer {
 public:
  virtual ~Observer() = default;
  virtual void on_fired(const FiredEvent&) {}
  virtual void on_record(const Record&) {}
  // The kinds of record this observer keys on (all, unless it says otherwise): it is handed only
  // those, and a record no observer wants is never built. Asked once, by add_observer.
  virtual bool wants(RecordKind) const { return true; }
  // Whether it reads Record::entity, the display name (yes, unless it says otherwise). One that
  // keys on Record::subject only says no: a record that no observer of its kind reads by name is
  // handed over with entity empty, and the name is never built. Asked once, by add_observer.
  virtual bool wants_names() const { return true; }
};

}  // namespace sim
