#include "sweep/grid.h"

#include <stdexcept>

#include <fmt/format.h>

namespace sweep {

namespace {
std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}
}  // namespace

VaryAxis parse_vary_option(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0)
    throw std::invalid_argument(fmt::format("--vary '{}': expected SETTING=VALUE,VALUE,... such as validation_interval=5m,15m", text));
  VaryAxis axis;
  axis.setting = trim(text.substr(0, eq));
  if (!models::find_setting(axis.setting)) {
    models::Settings probe;
    try {
      probe.set(axis.setting, "");
    } catch (const models::SettingError& e) {
      throw std::invalid_argument(fmt::format("--vary '{}': {}", text, e.what()));
    }
  }
  const std::string rest = text.substr(eq + 1);
  int depth = 0;
  std::string current;
  auto flush = [&] {
    const std::string v = trim(current);
    if (v.empty()) throw std::invalid_argument(fmt::format("--vary '{}': empty value", text));
    models::Settings probe;
    try {
      probe.set(axis.setting, v);
    } catch (const models::SettingError& e) {
      throw std::invalid_argument(fmt::format("--vary '{}': {}", text, e.what()));
    }
    axis.values.push_back(VaryValue{v, std::nullopt});
    current.clear();
  };
  for (char ch : rest) {
    if (ch == '(' || ch == '[' || ch == '{') ++depth;
    if (ch == ')' || ch == ']' || ch == '}') --depth;
    if (ch == ',' && depth == 0) flush();
    else current += ch;
  }
  flush();
  return axis;
}

std::vector<VaryAxis> combine_axes(std::vector<VaryAxis> axes, const std::vector<VaryAxis>& cli) {
  for (const VaryAxis& c : cli) {
    bool replaced = false;
    for (VaryAxis& a : axes)
      if (a.setting == c.setting) {
        a = c;
        replaced = true;
      }
    if (!replaced) axes.push_back(c);
  }
  std::size_t n = 1;
  for (const VaryAxis& a : axes) {
    n *= a.values.size();
    if (n > kMaxCombinations)
      throw std::invalid_argument(fmt::format("the vary grid has more than {} combinations; sweep fewer values", kMaxCombinations));
  }
  return axes;
}

std::vector<std::vector<std::pair<std::string, const VaryValue*>>> expand(const std::vector<VaryAxis>& axes) {
  std::vector<std::vector<std::pair<std::string, const VaryValue*>>> out(1);
  for (const VaryAxis& a : axes) {
    std::vector<std::vector<std::pair<std::string, const VaryValue*>>> next;
    for (const auto& prefix : out)
      for (const VaryValue& v : a.values) {
        next.push_back(prefix);
        next.back().emplace_back(a.setting, &v);
      }
    out = std::move(next);
  }
  return out;
}

void apply(models::Settings& s, const std::string& setting, const VaryValue& v) {
  if (v.shape) s.set(setting, *v.shape);
  else s.set(setting, v.text);
}

}  // namespace sweep
