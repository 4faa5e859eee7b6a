// The operations vocabulary as data: every action a scenario step can name, who performs it, its
// parameters and its source. The YAML layer and the README are generated/checked from this list.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace models {

enum class Actor { user_api, cloud_console, fault, atlas_ui };
std::string_view actor_name(Actor a);  // "user API", "cloud console", "fault", "Atlas UI"

struct ActionParam {
  std::string_view name;         // key in ActionRequest (project, cluster, endpoint, region, provider) or params
  bool required;
  std::string_view description;
};

struct ActionInfo {
  std::string_view name;         // snake_case verb
  Actor actor;
  std::vector<ActionParam> params;
  std::string_view description;  // one line
  std::string_view source;       // seed/spec section
};

const std::vector<ActionInfo>& actions();
const ActionInfo* find_action(std::string_view name);

// One step, generic: World::perform resolves names and calls the typed method.
struct ActionRequest {
  std::string name;      // an actions() name
  std::string project;   // project name
  std::string cluster;   // cluster name (within project)
  std::string endpoint;  // endpoint id (24-hex) for endpoint actions; or use region + provider
  std::string region;    // regionName
  std::string provider;  // AWS | AZURE | GCP (also lower case)
  std::map<std::string, std::string> params;  // the rest, as text
};

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
