// The model's vocabulary as tables: the actions a scenario can name, every setting with its
// default, and the state machines as Graphviz DOT. Text for people, JSON for programs.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>
#include <string_view>

#include <nlohmann/json.hpp>

#include "models/ids.h"

namespace report {

// [{"name", "actor", "params": [{"name", "required", "description"}], "description", "source",
//   "links": [{"tag", "title", "url"}]}]   (links: the public documents the source cites)
nlohmann::ordered_json actions_json();
// One block per action:
//   enable_cmk  (user API)
//       params: project, provider, [region]      (optional ones in brackets)
//       PATCH {<block>: {enabled: true}} ...
//       source: seed 003 ...
//       seed 003: https://www.mongodb.com/docs/atlas/security-kms-encryption/   (one line per document)
void write_actions_text(std::ostream& out);

// [{"name", "kind", "default", "allowed": [...], "description", "links": [{"tag", "title", "url"}]}]
// `only`: these settings (by name, in declaration order); empty: all.
nlohmann::ordered_json settings_json(const std::vector<std::string>& only = {});
//   validation_interval  duration = 15m
//       Every 15 minutes [documented] ...
//       values: a | b                              (enumerations only)
//       seed 003: https://...                      (one line per public document the description cites)
void write_settings_text(std::ostream& out, const std::vector<std::string>& only = {});

// Every error the model can answer (models::error_catalogue()), ordered by code:
// [{"code", "httpStatus", "message", "source", "transient", "links": [{"tag", "title", "url"}]}]
// (message: the template, %s / %d standing for the values filled in).
nlohmann::ordered_json errors_json();
//   CANNOT_ASSUME_ROLE  400
//       Atlas cannot assume the specified role (%s).
//       source: CIREP
//       CIREP: https://...                         (one line per public document the source cites)
void write_errors_text(std::ostream& out);

// The named machine (models::machine_names()) as DOT; with a cloud, the endpoint machine keeps
// only that cloud's rows. Throws std::invalid_argument for an unknown name.
std::string machine_dot(std::string_view name, std::optional<models::Provider> cloud = std::nullopt);

}  // namespace report
