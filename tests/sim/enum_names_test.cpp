#include <doctest/doctest.h>

#include <array>
#include <string_view>

#include "sim/enum_names.h"

namespace {

enum class Light { Red, Amber, Green };
inline constexpr auto kLightNames = sim::enum_names<Light>({{Light::Red, "RED"}, {Light::Amber, "AMBER"}, {Light::Green, "GREEN"}});
static_assert(kLightNames.dense());
static_assert(kLightNames.name(Light::Amber) == "AMBER");  // usable at compile time

}  // namespace

TEST_CASE("one table gives an enum's names, its parser and all its values") {
  CHECK(kLightNames.name(Light::Green) == "GREEN");
  CHECK(kLightNames.parse("RED") == Light::Red);
  CHECK_FALSE(kLightNames.parse("red").has_value());  // exact spelling only
  CHECK_FALSE(kLightNames.parse("BLUE").has_value());
  CHECK(kLightNames.all() == std::array{Light::Red, Light::Amber, Light::Green});
  CHECK(kLightNames.names() == std::array<std::string_view, 3>{"RED", "AMBER", "GREEN"});
  CHECK(kLightNames.size() == 3);
}

TEST_CASE("dense() refuses a table out of order, with a gap or with a name twice") {
  CHECK_FALSE(sim::enum_names<Light>({{Light::Amber, "AMBER"}, {Light::Red, "RED"}}).dense());
  CHECK_FALSE(sim::enum_names<Light>({{Light::Red, "RED"}, {Light::Green, "GREEN"}}).dense());
  CHECK_FALSE(sim::enum_names<Light>({{Light::Red, "RED"}, {Light::Amber, "RED"}}).dense());
  // Out of order still names every listed value, and leaves the others as "?".
  const auto partial = sim::enum_names<Light>({{Light::Green, "GREEN"}, {Light::Red, "RED"}});
  CHECK(partial.name(Light::Red) == "RED");
  CHECK(partial.name(Light::Amber) == "?");
}
