// A step's expected answer: `expect_error:` (a code, `any`, or a mapping) and `expect_status:`.
// Codes are checked against the error catalogue (models/error_catalogue.h), with a did-you-mean.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/error_catalogue.h"
#include "scenario/parse_parts.h"
#include "scenario/suggest.h"

namespace scenario::detail {

namespace {

const std::vector<std::string> kAnswerKeys = {"code", "status", "message", "message_contains", "params"};

// `any`, or a code of the catalogue; anything else fails at the node with the closest code.
std::string error_code(const YamlReader& r, const YAML::Node& n) {
  const std::string code = r.name(n, "expect_error code");
  if (code == "any" || models::find_error(code)) return code == "any" ? std::string() : code;
  std::vector<std::string> all;
  for (const models::ErrorInfo& e : models::error_catalogue()) all.emplace_back(e.code);
  if (auto near = closest(code, all))
    r.fail(n, fmt::format("unknown error code '{}' in expect_error; did you mean '{}'? (`cmksim errors` lists them all; "
                          "`any` accepts every refusal)",
                          code, *near));
  r.fail(n, fmt::format("unknown error code '{}' in expect_error: not an answer the model can give (`cmksim errors` lists them; "
                        "`any` accepts every refusal)",
                        code));
}

std::vector<std::string> param_list(const YamlReader& r, const YAML::Node& n) {
  if (!n.IsSequence()) r.fail(n, fmt::format("params must be a list, such as [US_EAST_1, EU_WEST_1], found {}", YamlReader::describe(n)));
  std::vector<std::string> out;
  for (const YAML::Node& x : r.sequence(n, "params", 100)) out.push_back(r.text(x, "a parameter"));
  return out;
}

// The mapping form: code (required), status, message or message_contains, params.
void parse_answer_mapping(const YamlReader& r, const YAML::Node& n, ExpectedAnswer& a) {
  const std::vector<YamlReader::Entry> es = r.mapping(n, "expect_error", kAnswerKeys);
  r.require(n, es, "code", "expect_error (use 'code: any' for any refusal)");
  a.detailed = true;
  for (const YamlReader::Entry& e : es) {
    if (e.key == "code") a.code = error_code(r, e.value);
    else if (e.key == "status") a.status = static_cast<int>(r.integer(e.value, "status", 400, 599));
    else if (e.key == "message") a.message = r.text(e.value, "message");
    else if (e.key == "message_contains") a.message_contains = r.text(e.value, "message_contains");
    else if (e.key == "params") a.params = param_list(r, e.value);
  }
  for (const YamlReader::Entry& e : es)
    if (e.key == "message_contains" && a.message)
      r.fail(e.key_node, "expect_error has either 'message:' (the exact text) or 'message_contains:', found both");
}

}  // namespace

void parse_expect_error(const YamlReader& r, const YAML::Node& n, ExpectedAnswer& a) {
  if (a.status && !a.refused) r.fail(n, "a step has either 'expect_error:' or 'expect_status:', found both");
  a.refused = true;
  a.where = r.at(n);
  if (n.IsMap()) return parse_answer_mapping(r, n, a);
  a.code = error_code(r, n);
}

void parse_expect_status(const YamlReader& r, const YAML::Node& n, ExpectedAnswer& a) {
  if (a.refused) r.fail(n, "a step has either 'expect_error:' or 'expect_status:', found both (a refusal's status goes in "
                           "expect_error: {code: ..., status: ...})");
  const std::string s = r.one_of(n, "expect_status", {"200", "201", "202", "204"});
  a.status = std::stoi(s);
  a.detailed = true;
  a.where = r.at(n);
}

}  // namespace scenario::detail
