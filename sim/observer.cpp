#include "sim/observer.h"

namespace sim {

std::string_view record_kind_name(RecordKind k) {
  switch (k) {
    case RecordKind::transition: return "transition";
    case RecordKind::operation: return "operation";
    case RecordKind::alert: return "alert";
    case RecordKind::event: return "event";
    case RecordKind::email: return "email";
    case RecordKind::effect: return "effect";
    case RecordKind::external: return "external";
    case RecordKind::expectation: return "expectation";
    case RecordKind::client: return "client";
  }
  return "?";
}

std::optional<RecordKind> parse_record_kind(std::string_view name) {
  for (RecordKind k : kRecordKinds)
    if (record_kind_name(k) == name) return k;
  return std::nullopt;
}

}  // namespace sim
