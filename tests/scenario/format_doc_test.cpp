// FORMAT.md cannot drift from the code: every action in models::actions(), every setting in
// models::setting_names(), every expectation field and every alert name must be documented, and
// the field lists must be exactly what report::state_json writes.
#include <doctest/doctest.h>

#include <functional>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "models/actions.h"
#include "models/error_catalogue.h"
#include "models/settings.h"
#include "report/state_json.h"
#include "scenario/client_steps.h"
#include "scenario/fields.h"
#include "scenario/run.h"
#include "test_util.h"

namespace {
std::string read(const std::string& rel) {
  std::ifstream in(std::string(CMKSIM_SOURCE_DIR) + "/" + rel);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}
bool mentions(const std::string& doc, std::string_view word) { return doc.find("`" + std::string(word) + "`") != std::string::npos; }
}  // namespace

TEST_CASE("FORMAT.md documents every action, setting, field and alert") {
  const std::string doc = read("scenario/FORMAT.md");
  REQUIRE_FALSE(doc.empty());
  for (const models::ActionInfo& a : models::actions()) {
    CHECK_MESSAGE(mentions(doc, a.name), "action " << a.name);
    for (const models::ActionParam& p : a.params) CHECK_MESSAGE(mentions(doc, p.name), "parameter " << p.name);
  }
  for (const models::SettingInfo& s : models::setting_names()) CHECK_MESSAGE(mentions(doc, s.name), "setting " << s.name);
  using K = scenario::Target::Kind;
  for (const std::string& c : scenario::client_commands()) CHECK_MESSAGE(mentions(doc, c), "client command " << c);
  for (K k : {K::project, K::cluster, K::endpoint, K::alert, K::client})
    for (const std::string& f : scenario::target_fields(k)) CHECK_MESSAGE(mentions(doc, f), "field " << f);
  for (models::Provider p : {models::Provider::AWS, models::Provider::AZURE, models::Provider::GCP})
    for (const std::string& f : scenario::target_fields(K::kms, p)) CHECK_MESSAGE(mentions(doc, f), "kms field " << f);
  for (const std::string& a : scenario::alert_names()) CHECK_MESSAGE(mentions(doc, a), "alert " << a);
}

TEST_CASE("the expectation fields are exactly the keys state_json writes") {
  const scenario::Scenario s = scenario::parse(R"(cmksim: 1
name: t
horizon: 1h
projects:
  - name: p
    kms:
      - {provider: AWS, requirePrivateNetworking: true}
      - {provider: AZURE}
      - {provider: GCP}
    clusters:
      - {name: c, cmk: AWS}
    endpoints:
      - {name: east, provider: AWS, region: US_EAST_1}
)", "t.yaml");
  scenario::Run run(s);
  const nlohmann::json state = report::state_json(run.world());
  const nlohmann::json& p = state["projects"][0];
  // The expectation name of every scalar the object writes: API fields by path ("a.b", "list[0].c"),
  // the simulator's (under "cmksim") by their own name.
  auto keys = [](const nlohmann::json& o) {
    std::vector<std::string> out;
    std::function<void(const nlohmann::json&, const std::string&)> walk = [&](const nlohmann::json& j, const std::string& prefix) {
      for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string name = prefix.empty() && it.key() == "cmksim" ? "" : prefix + it.key();
        if (it.value().is_object()) walk(it.value(), name.empty() ? "" : name + ".");
        else if (it.value().is_array() && !it.value().empty()) walk(it.value()[0], name + "[0].");
        else if (!it.value().is_array()) out.push_back(name);
      }
    };
    walk(o, "");
    std::sort(out.begin(), out.end());
    return out;
  };
  auto sorted = [](std::vector<std::string> v, const std::vector<std::string>& unset = {}) {
    std::erase_if(v, [&](const std::string& f) { return std::find(unset.begin(), unset.end(), f) != unset.end(); });
    std::sort(v.begin(), v.end());
    return v;
  };
  // The project's sub-resources are no project fields.
  nlohmann::json group = p;
  for (const char* sub : {"encryptionAtRest", "clusters", "privateEndpoints"}) group.erase(sub);
  using K = scenario::Target::Kind;
  CHECK(keys(group) == sorted(scenario::target_fields(K::project)));
  // Unset fields are left out: no region of the cluster is down or without the key here.
  CHECK(keys(p["clusters"][0]) == sorted(scenario::target_fields(K::cluster), {"regionsDown", "regionsWithoutKey"}));
  // Unset fields are left out: no endpoint has failed here.
  CHECK(keys(p["privateEndpoints"]["AWS"][0]) == sorted(scenario::target_fields(K::endpoint), {"errorMessage"}));
  CHECK(keys(p["encryptionAtRest"]["awsKms"]) == sorted(scenario::target_fields(K::kms, models::Provider::AWS)));
  CHECK(keys(p["encryptionAtRest"]["azureKeyVault"]) == sorted(scenario::target_fields(K::kms, models::Provider::AZURE)));
  CHECK(keys(p["encryptionAtRest"]["googleCloudKms"]) == sorted(scenario::target_fields(K::kms, models::Provider::GCP)));
}

TEST_CASE("FORMAT.md's error table is exactly the error catalogue") {
  const std::string doc = read("scenario/FORMAT.md");
  std::size_t rows = 0;
  for (std::size_t at = doc.find("\n| `"); at != std::string::npos; at = doc.find("\n| `", at + 1)) {
    const std::size_t end = doc.find('\n', at + 1);
    const std::string line = doc.substr(at + 1, end - at - 1);
    const std::size_t close = line.find("` |", 3);
    if (close == std::string::npos) continue;
    if (models::find_error(line.substr(3, close - 3))) ++rows;
  }
  CHECK(rows == models::error_catalogue().size());
  for (const models::ErrorInfo& e : models::error_catalogue()) {
    const std::string row = fmt::format("| `{}` | {} | {} | {} |{}", e.code, e.httpStatus, e.message, e.source, e.transient ? " transient |" : " |");
    CHECK_MESSAGE(doc.find(row) != std::string::npos, "FORMAT.md has no row " << row);
  }
}
