// The action catalogue: every action a scenario step can name, declared once with its actor, its
// typed parameters, what it creates, the action that undoes it (for `for:`), its source and its
// handler. World::perform is a lookup in this table; the scenario parser checks parameter kinds
// against it; `cmksim actions`, FORMAT.md and the JSON Schema are generated from or tested
// against it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "models/errors.h"
#include "models/ids.h"

namespace models {

class World;

enum class Actor { user_api, cloud_console, fault, atlas_ui };
std::string_view actor_name(Actor a);  // "user API", "cloud console", "fault", "Atlas UI"

// What a parameter's value is. The first five name things (resolved by World::perform); the rest
// are plain values, checked at parse time.
enum class ParamKind : std::uint8_t {
  project,   // a project name
  cluster,   // a cluster name within the project
  endpoint,  // an endpoint: its id (a scenario gives a label, resolved by the run)
  snapshot,  // a snapshot id (a scenario gives a label, resolved by the run)
  provider,  // AWS | AZURE | GCP
  region,    // a regionName
  regions,   // a list of REGION[:CLOUD[:NODES]]
  boolean,   // true | false
  integer,   // a non-negative integer
  text,      // free text (a tier, a key id, a message)
  fields,    // a mapping of a KMS block's API field names to values (patch_encryption_at_rest)
};
std::string_view param_kind_name(ParamKind k);  // "project", ..., "regions", "boolean", ...
// Whether a parameter of this kind travels in ActionRequest::params (values) rather than in one
// of its named fields (project, cluster, endpoint, provider, region).
constexpr bool travels_in_params(ParamKind k) {
  return k == ParamKind::snapshot || k == ParamKind::regions || k == ParamKind::boolean || k == ParamKind::integer ||
         k == ParamKind::text || k == ParamKind::fields;
}

// What a successful action creates (its id is Outcome::createdId()).
enum class Creates : std::uint8_t { nothing, cluster, endpoint, snapshot };

struct ActionParam {
  std::string_view name;  // the key in a scenario step
  ParamKind kind;
  bool required;
  std::string_view description;
};

// One region of a new cluster as the request gives it; the model fills what is left out (cloud
// AWS, Settings::nodes_per_region nodes).
struct RegionRequest {
  std::string regionName;
  std::optional<Provider> cloud;
  std::optional<std::int64_t> nodes;
  friend bool operator==(const RegionRequest&, const RegionRequest&) = default;
};

// A KMS block's fields by their API names, in the order given: {customerMasterKeyID: ..., region: ...}.
using KmsFieldValues = std::vector<std::pair<std::string, std::string>>;

// A parameter value that is not a name: boolean, integer, text (also snapshot ids), regions or fields.
using ParamValue = std::variant<bool, std::int64_t, std::string, std::vector<RegionRequest>, KmsFieldValues>;
// Whether the value has the type a parameter of that kind takes (text for text and snapshot ids).
bool value_fits(ParamKind k, const ParamValue& v);
// The value as the operation record shows it: "true", "3", the text, "US_EAST_1:AWS:3,EU_WEST_1".
std::string param_text(const ParamValue& v);

// One step, typed: the names it refers to and its other parameters by key.
struct ActionRequest {
  std::string name;                  // an actions() name
  std::string project;               // project name
  std::string cluster;               // cluster name (within project)
  std::string endpoint;              // endpoint id; or give region (+ provider) for the newest live one there
  std::string region;                // regionName
  std::optional<Provider> provider;  // AWS | AZURE | GCP
  std::map<std::string, ParamValue, std::less<>> params;  // the rest, by key
  std::string label{};  // the scenario's name for what it creates (`as:`); endpoints show it in outputs
  std::string client{};  // who sent it: a client actor's name (models/clients/); empty: a scenario step

  // The parameter's value if given (and of that type), else nullptr.
  template <class T>
  const T* param(std::string_view key) const {
    auto it = params.find(key);
    return it == params.end() ? nullptr : std::get_if<T>(&it->second);
  }
};

using ActionHandler = Outcome (*)(World&, const ActionRequest&);

struct ActionInfo {
  std::string_view name;  // snake_case verb
  Actor actor;
  std::vector<ActionParam> params;
  std::string_view description;  // one line
  std::string_view source;       // seed/spec section
  Creates creates = Creates::nothing;
  std::string_view undo = {};    // the action that ends this one (a step's `for:`), or empty
  ActionHandler handler = nullptr;

  const ActionParam* param(std::string_view key) const;
  // Whether the action is about a private endpoint (creates one or names one).
  bool concerns_endpoint() const;
};

const std::vector<ActionInfo>& actions();
const ActionInfo* find_action(std::string_view name);

// Unknown action, missing/unknown parameter, unknown project/cluster: a scenario error (not an
// Atlas answer). what() names the action and the parameter.
class ActionError : public std::invalid_argument {
 public:
  ActionError(std::string action, std::string param, const std::string& message)
      : std::invalid_argument(message), action_(std::move(action)), param_(std::move(param)) {}
  const std::string& action() const { return action_; }
  const std::string& param() const { return param_; }

 private:
  std::string action_, param_;
};

}  // namespace models
