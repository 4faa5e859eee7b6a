// scenario/cmksim.schema.json cannot drift from the code: its action enum, per-action parameters,
// settings and expectation fields are compared with models::actions(), models::setting_names()
// and scenario::target_fields(). (schema_check.py validates the files themselves against it.)
#include <doctest/doctest.h>

#include <fstream>
#include <set>

#include <nlohmann/json.hpp>

#include "models/actions.h"
#include "models/error_catalogue.h"
#include "models/settings.h"
#include "scenario/client_steps.h"
#include "scenario/fields.h"

namespace {
nlohmann::json schema() {
  std::ifstream in(std::string(CMKSIM_SOURCE_DIR) + "/scenario/cmksim.schema.json");
  return nlohmann::json::parse(in);
}
std::set<std::string> strings(const nlohmann::json& a) {
  std::set<std::string> out;
  for (const auto& x : a) out.insert(x.get<std::string>());
  return out;
}
}  // namespace

TEST_CASE("the schema lists exactly the actions and their parameters") {
  const nlohmann::json s = schema();
  const nlohmann::json& step = s["$defs"]["step"];
  std::set<std::string> names;
  for (const models::ActionInfo& a : models::actions()) names.insert(std::string(a.name));
  for (const std::string& c : scenario::client_commands()) names.insert(c);
  CHECK(strings(step["properties"]["do"]["enum"]) == names);
  REQUIRE(step["allOf"].size() == models::actions().size() + scenario::client_commands().size());
  for (const nlohmann::json& rule : step["allOf"]) {
    const std::string name = rule["if"]["properties"]["do"]["const"];
    if (scenario::is_client_command(name)) {  // a client step's own keys (scenario/client_steps.cpp)
      const std::vector<std::string>& keys = scenario::client_step_keys(name);
      CHECK_MESSAGE(strings(rule["then"]["propertyNames"]["enum"]) == std::set<std::string>(keys.begin(), keys.end()), name);
      continue;
    }
    const models::ActionInfo* a = models::find_action(name);
    REQUIRE(a);
    std::set<std::string> allowed = {"at", "after", "on", "if", "repeat", "id", "do", "expect_error", "expect_status", "for", "as", "note"};
    for (const models::ActionParam& p : a->params) allowed.insert(std::string(p.name));
    CHECK_MESSAGE(strings(rule["then"]["propertyNames"]["enum"]) == allowed, name);
  }
}

TEST_CASE("the schema types each step parameter as the catalogue's kind") {
  const nlohmann::json s = schema();
  const nlohmann::json& props = s["$defs"]["step"]["properties"];
  using K = models::ParamKind;
  for (const models::ActionInfo& a : models::actions())
    for (const models::ActionParam& p : a.params) {
      const nlohmann::json& x = props[std::string(p.name)];
      INFO(a.name, ".", p.name);
      if (p.kind == K::boolean) CHECK(x["type"] == "boolean");
      else if (p.kind == K::integer) CHECK(x["type"] == "integer");
      else if (p.kind == K::regions) CHECK(x["type"] == "array");
      else if (p.kind == K::fields) CHECK(x["type"] == "object");
      else if (p.kind == K::provider) CHECK(x["$ref"] == "#/$defs/provider");
      else CHECK(x["$ref"] == "#/$defs/name");
    }
}

TEST_CASE("the schema lists exactly the settings") {
  const nlohmann::json s = schema();
  std::set<std::string> in_schema;
  for (auto it = s["$defs"]["settings"]["properties"].begin(); it != s["$defs"]["settings"]["properties"].end(); ++it)
    in_schema.insert(it.key());
  std::set<std::string> names;
  for (const models::SettingInfo& i : models::setting_names()) names.insert(std::string(i.name));
  CHECK(in_schema == names);
}

TEST_CASE("the schema's expectation fields are the checker's") {
  const nlohmann::json s = schema();
  const nlohmann::json& props = s["$defs"]["expectation"]["properties"];
  using K = scenario::Target::Kind;
  for (K k : {K::project, K::cluster, K::endpoint, K::alert, K::client})
    for (const std::string& f : scenario::target_fields(k)) CHECK_MESSAGE(props.contains(f), f);
  for (models::Provider p : {models::Provider::AWS, models::Provider::AZURE, models::Provider::GCP})
    for (const std::string& f : scenario::target_fields(K::kms, p)) CHECK_MESSAGE(props.contains(f), f);
}

TEST_CASE("the schema's expect_error codes are exactly the error catalogue, plus any") {
  const nlohmann::json s = schema();
  std::set<std::string> codes = {"any"};
  for (const models::ErrorInfo& e : models::error_catalogue()) codes.insert(std::string(e.code));
  CHECK(strings(s["$defs"]["error_code"]["enum"]) == codes);
  const nlohmann::json& x = s["$defs"]["step"]["properties"]["expect_error"];
  CHECK(x["oneOf"][0]["$ref"] == "#/$defs/error_code");
  CHECK(x["oneOf"][1]["properties"]["code"]["$ref"] == "#/$defs/error_code");
}
