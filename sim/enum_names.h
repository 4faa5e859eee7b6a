// EnumNames: the printed name of every value of an enum, written once as a constexpr table of
// {value, "NAME"} pairs. name(), parse() and all() read that one table, so an enum's spelling,
// its parser and its list of values cannot drift apart.
//
//   inline constexpr auto kColours = sim::enum_names<Colour>({{Colour::red, "RED"}, {Colour::blue, "BLUE"}});
//   static_assert(kColours.dense());  // every value once, in declaration order
//   kColours.name(Colour::red) == "RED";  kColours.parse("BLUE") == Colour::blue;  kColours.all()
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>

namespace sim {

template <class E>
struct EnumName {
  E value;
  std::string_view name;
};

template <class E, std::size_t N>
class EnumNames {
 public:
  constexpr explicit EnumNames(const std::array<EnumName<E>, N>& entries) : entries_(entries) {}

  // The value's name; "?" for a value the table does not list (dense() rules that out).
  constexpr std::string_view name(E value) const {
    const auto i = static_cast<std::size_t>(static_cast<std::underlying_type_t<E>>(value));
    if (i < N && entries_[i].value == value) return entries_[i].name;  // dense tables: one look
    for (const EnumName<E>& e : entries_)
      if (e.value == value) return e.name;
    return "?";
  }
  // The value spelled exactly `text`, if any.
  constexpr std::optional<E> parse(std::string_view text) const {
    for (const EnumName<E>& e : entries_)
      if (e.name == text) return e.value;
    return std::nullopt;
  }
  // Every value, in table order.
  constexpr std::array<E, N> all() const {
    std::array<E, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = entries_[i].value;
    return out;
  }
  // Every name, in table order.
  constexpr std::array<std::string_view, N> names() const {
    std::array<std::string_view, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = entries_[i].name;
    return out;
  }
  constexpr std::size_t size() const { return N; }
  // The table lists the values 0, 1, ..., N-1 in order, each with a distinct non-empty name: what
  // a static_assert next to the table checks, so code may also index by the underlying value.
  constexpr bool dense() const {
    for (std::size_t i = 0; i < N; ++i) {
      if (static_cast<std::size_t>(static_cast<std::underlying_type_t<E>>(entries_[i].value)) != i) return false;
      if (entries_[i].name.empty()) return false;
      for (std::size_t j = 0; j < i; ++j)
        if (entries_[j].name == entries_[i].name) return false;
    }
    return true;
  }

 private:
  std::array<EnumName<E>, N> entries_;
};

// Builds an EnumNames from a braced list, counting the entries: enum_names<E>({{E::a, "A"}, ...}).
template <class E, std::size_t N>
constexpr EnumNames<E, N> enum_names(const EnumName<E> (&entries)[N]) {
  std::array<EnumName<E>, N> a{};
  for (std::size_t i = 0; i < N; ++i) a[i] = entries[i];
  return EnumNames<E, N>(a);
}

}  // namespace sim
