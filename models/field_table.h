// models::Table: the fields of one kind of entity, each with what it is (FieldInfo) and how to read
// it, for models/observe.cpp's tables. Kept apart so observe.cpp holds only the tables themselves.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "models/observe.h"

namespace models::field_table {

inline constexpr FieldOrigin kApi = FieldOrigin::atlas_api;
inline constexpr FieldOrigin kSim = FieldOrigin::simulator;

// The fields of one kind of entity T: what each field is, and how to read it from a T.
template <class T>
class Table {
 public:
  // Each adder appends one field; the getter F reads it from a const T&.
  template <class F>
  Table& flag(std::string_view name, FieldOrigin origin, F get) {
    return add({name, FieldType::boolean, origin, {"true", "false"}, {}},
               [get](const T& x) -> FieldValue { return static_cast<bool>(get(x)); });
  }
  template <class F>
  Table& number(std::string_view name, FieldOrigin origin, F get) {
    return add({name, FieldType::integer, origin, {}, {}}, [get](const T& x) -> FieldValue { return static_cast<std::int64_t>(get(x)); });
  }
  template <class F>
  Table& text(std::string_view name, FieldOrigin origin, F get, std::vector<std::string> values = {}) {
    return add({name, FieldType::text, origin, std::move(values), {}}, [get](const T& x) -> FieldValue { return std::string(get(x)); });
  }
  // A text field the API writes as null when it has no value (seed 002 §'Example Response'), where
  // other unset text fields are left out.
  template <class F>
  Table& nullable_text(std::string_view name, FieldOrigin origin, F get) {
    FieldInfo info{name, FieldType::text, origin, {}, {}};
    info.nullable = true;
    return add(std::move(info), [get](const T& x) -> FieldValue {
      std::string s(get(x));
      if (s.empty()) return Null{};
      return s;
    });
  }
  // A list of records whose fields are `element`'s; get returns std::vector<FieldRecord>.
  template <class F>
  Table& list(std::string_view name, FieldOrigin origin, std::vector<FieldInfo> element, F get) {
    return add({name, FieldType::list, origin, {}, std::move(element)}, [get](const T& x) -> FieldValue { return get(x); });
  }
  // A nested object whose fields are `fields`; get returns its FieldRecord.
  template <class F>
  Table& object(std::string_view name, FieldOrigin origin, std::vector<FieldInfo> fields, F get) {
    return add({name, FieldType::object, origin, {}, std::move(fields)}, [get](const T& x) -> FieldValue { return get(x); });
  }

  // The shape: the API's fields, then `cmksim` holding the simulator's, when there are any.
  std::vector<FieldInfo> infos() const {
    std::vector<FieldInfo> api, own;
    for (const FieldInfo& f : infos_) (f.origin == kApi ? api : own).push_back(f);
    if (!own.empty()) api.push_back({kSimulatorKey, FieldType::object, kSim, {}, std::move(own)});
    return api;
  }

  // Every set field of x, shaped as infos(): unset (empty) text fields are left out, unset nullable
  // ones are Null.
  FieldRecord record(const T& x) const {
    FieldRecord api, own;
    for (std::size_t i = 0; i < infos_.size(); ++i) {
      FieldValue v = getters_[i](x);
      if (const auto* s = std::get_if<std::string>(&v); s && s->empty()) continue;
      (infos_[i].origin == kApi ? api : own).push_back(Field{infos_[i].name, std::move(v), infos_[i].origin});
    }
    if (!own.empty()) api.push_back(Field{kSimulatorKey, std::move(own), kSim});
    return api;
  }
  // One top-level field of x by its own name (a simulator field too); nullopt when T has no such
  // field or it is unset.
  std::optional<FieldValue> value(const T& x, std::string_view name) const {
    for (std::size_t i = 0; i < infos_.size(); ++i)
      if (infos_[i].name == name) {
        FieldValue v = getters_[i](x);
        if (const auto* s = std::get_if<std::string>(&v); s && s->empty()) return std::nullopt;
        return v;
      }
    return std::nullopt;
  }

 private:
  Table& add(FieldInfo info, std::function<FieldValue(const T&)> get) {
    infos_.push_back(std::move(info));
    getters_.push_back(std::move(get));
    return *this;
  }
  std::vector<FieldInfo> infos_;
  std::vector<std::function<FieldValue(const T&)>> getters_;
};

}  // namespace models::field_table
