#include "report/catalog.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "models/actions.h"
#include "models/error_catalogue.h"
#include "models/machines.h"
#include "models/settings.h"
#include "report/sources.h"
#include "sim/machine_description.h"

namespace report {
namespace {

// The public documents a citation names, as JSON ({tag, title, url} each) or as one text line.
nlohmann::ordered_json links_json(std::string_view citation) {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const SourceLink& l : source_links(citation)) all.push_back({{"tag", l.tag}, {"title", l.title}, {"url", l.url}});
  return all;
}
void write_links(std::ostream& out, std::string_view citation) {
  for (const SourceLink& l : source_links(citation)) out << fmt::format("    {}: {}\n", l.tag, l.url);
}

// Whether setting `name` is asked for: every one when `only` is empty.
bool wanted(std::string_view name, const std::vector<std::string>& only) {
  return only.empty() || std::find(only.begin(), only.end(), name) != only.end();
}

}  // namespace

nlohmann::ordered_json actions_json() {
  using nlohmann::ordered_json;
  ordered_json all = ordered_json::array();
  for (const models::ActionInfo& a : models::actions()) {
    ordered_json j;
    j["name"] = std::string(a.name);
    j["actor"] = std::string(models::actor_name(a.actor));
    ordered_json params = ordered_json::array();
    for (const models::ActionParam& p : a.params) {
      ordered_json pj;
      pj["name"] = std::string(p.name);
      pj["kind"] = std::string(models::param_kind_name(p.kind));
      pj["required"] = p.required;
      pj["description"] = std::string(p.description);
      params.push_back(std::move(pj));
    }
    j["params"] = std::move(params);
    j["creates"] = a.creates == models::Creates::nothing ? ordered_json(nullptr)
                   : ordered_json(a.creates == models::Creates::cluster    ? "cluster"
                                  : a.creates == models::Creates::endpoint ? "endpoint"
                                                                           : "snapshot");
    j["undo"] = a.undo.empty() ? ordered_json(nullptr) : ordered_json(std::string(a.undo));
    j["description"] = std::string(a.description);
    j["source"] = std::string(a.source);
    j["links"] = links_json(a.source);
    all.push_back(std::move(j));
  }
  return all;
}

void write_actions_text(std::ostream& out) {
  bool first = true;
  for (const models::ActionInfo& a : models::actions()) {
    if (!first) out << '\n';
    first = false;
    out << fmt::format("{}  ({})\n", a.name, models::actor_name(a.actor));
    std::string params;
    for (const models::ActionParam& p : a.params) {
      if (!params.empty()) params += ", ";
      const std::string param = fmt::format("{}: {}", p.name, models::param_kind_name(p.kind));
      params += p.required ? param : fmt::format("[{}]", param);
    }
    out << fmt::format("    params: {}\n", params.empty() ? "(none)" : params);
    out << fmt::format("    {}\n", a.description);
    if (!a.undo.empty()) out << fmt::format("    for: ends with {}\n", a.undo);
    if (!a.source.empty()) out << fmt::format("    source: {}\n", a.source);
    write_links(out, a.source);
  }
}

nlohmann::ordered_json settings_json(const std::vector<std::string>& only) {
  using nlohmann::ordered_json;
  ordered_json all = ordered_json::array();
  for (const models::SettingInfo& s : models::setting_names()) {
    if (!wanted(s.name, only)) continue;
    ordered_json j;
    j["name"] = std::string(s.name);
    j["kind"] = std::string(models::setting_kind_name(s.kind));
    j["default"] = s.default_text;
    ordered_json allowed = ordered_json::array();
    for (std::string_view v : s.allowed) allowed.push_back(std::string(v));
    j["allowed"] = std::move(allowed);
    j["description"] = std::string(s.description);
    j["links"] = links_json(s.description);
    all.push_back(std::move(j));
  }
  return all;
}

void write_settings_text(std::ostream& out, const std::vector<std::string>& only) {
  bool first = true;
  for (const models::SettingInfo& s : models::setting_names()) {
    if (!wanted(s.name, only)) continue;
    if (!first) out << '\n';
    first = false;
    out << fmt::format("{}  {} = {}\n", s.name, models::setting_kind_name(s.kind), s.default_text);
    out << fmt::format("    {}\n", s.description);
    if (!s.allowed.empty()) out << fmt::format("    values: {}\n", fmt::join(s.allowed, " | "));
    write_links(out, s.description);
  }
}

nlohmann::ordered_json errors_json() {
  nlohmann::ordered_json all = nlohmann::ordered_json::array();
  for (const models::ErrorInfo& e : models::error_catalogue()) {
    nlohmann::ordered_json j;
    j["code"] = std::string(e.code);
    j["httpStatus"] = e.httpStatus;
    j["message"] = std::string(e.message);
    j["source"] = std::string(e.source);
    j["transient"] = e.transient;
    j["links"] = links_json(e.source);
    all.push_back(std::move(j));
  }
  return all;
}

void write_errors_text(std::ostream& out) {
  bool first = true;
  for (const models::ErrorInfo& e : models::error_catalogue()) {
    if (!first) out << '\n';
    first = false;
    out << fmt::format("{}  {}{}\n", e.code, e.httpStatus, e.transient ? "  (transient: inject_api_error can answer it)" : "");
    out << fmt::format("    {}\n", e.message);
    out << fmt::format("    source: {}\n", e.source);
    write_links(out, e.source);
  }
}

std::string machine_dot(std::string_view name, std::optional<models::Provider> cloud) {
  std::optional<sim::MachineDescription> m = models::machine(name, cloud);
  if (!m) throw std::invalid_argument(fmt::format("unknown state machine '{}' (one of: {})", name, fmt::join(models::machine_names(), ", ")));
  return sim::to_dot(*m);
}

}  // namespace report
