// Catalogs (actions, settings) and the DOT picture of every state machine.
#include <doctest/doctest.h>

#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "models/actions.h"
#include "models/machines.h"
#include "models/settings.h"
#include "report/catalog.h"

TEST_CASE("actions: one entry per models::actions(), text and JSON agree") {
  const auto j = nlohmann::json::parse(report::actions_json().dump());
  REQUIRE(j.is_array());
  CHECK(j.size() == models::actions().size());
  REQUIRE(!j.empty());
  std::ostringstream text;
  report::write_actions_text(text);
  for (std::size_t i = 0; i < j.size(); ++i) {
    const models::ActionInfo& a = models::actions()[i];
    CHECK(j[i]["name"] == std::string(a.name));
    CHECK(j[i]["actor"] == std::string(models::actor_name(a.actor)));
    CHECK(j[i]["params"].size() == a.params.size());
    CHECK(text.str().find(std::string(a.name) + "  (" + std::string(models::actor_name(a.actor)) + ")\n") != std::string::npos);
  }
}

TEST_CASE("settings: every setting with kind and default") {
  const auto j = nlohmann::json::parse(report::settings_json().dump());
  REQUIRE(j.size() == models::setting_names().size());
  std::ostringstream text;
  report::write_settings_text(text);
  for (std::size_t i = 0; i < j.size(); ++i) {
    const models::SettingInfo& s = models::setting_names()[i];
    CHECK(j[i]["name"] == std::string(s.name));
    CHECK(j[i]["default"] == s.default_text);
    CHECK(j[i]["kind"] == std::string(models::setting_kind_name(s.kind)));
    CHECK(text.str().find(std::string(s.name) + "  ") != std::string::npos);
  }
  // a known one, to pin the text format
  CHECK(text.str().find("validation_interval  duration = 15m\n") != std::string::npos);
}

namespace {
// Node labels of a DOT text (label=... on lines without "->").
std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}
}  // namespace

TEST_CASE("DOT: every machine, one node per state and one edge per row") {
  for (std::string_view name : models::machine_names()) {
    CAPTURE(name);
    const auto m = models::machine(name);
    REQUIRE(m);
    const std::string dot = report::machine_dot(name);
    CHECK(dot.starts_with("digraph G {"));
    CHECK(count(dot, "->") == m->rows.size());
    for (const std::string& s : m->states) CHECK(dot.find(s) != std::string::npos);
    CHECK(count(dot, "style=bold") == 1);  // the initial state
  }
  CHECK_THROWS_AS(report::machine_dot("nope"), std::invalid_argument);
}

TEST_CASE("DOT: the endpoint machine per cloud keeps only that cloud's rows") {
  const std::string all = report::machine_dot("endpoint");
  const std::string aws = report::machine_dot("endpoint", models::Provider::AWS);
  const std::string azure = report::machine_dot("endpoint", models::Provider::AZURE);
  CHECK(count(aws, "->") < count(all, "->"));
  CHECK(count(azure, "->") < count(all, "->"));
  CHECK(aws != azure);
  CHECK(count(aws, "[azure]") == 0);
  CHECK(count(azure, "[aws]") == 0);
}
