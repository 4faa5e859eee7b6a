// Reading YAML into values with messages that point into the file: every helper checks the type
// and throws InputError "file:line:column: <what> must be <expected>, found <found>".
// load() guards the parser with the limits (size, nesting, alias expansion) before building nodes.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "scenario/input_error.h"
#include "sim/distribution.h"
#include "sim/time.h"

namespace scenario {

class YamlReader {
 public:
  YamlReader(std::string file, std::string_view text);

  // The document root; throws InputError on syntax errors and exceeded limits.
  YAML::Node load();

  const std::string& file() const { return file_; }
  SourceLocation at(const YAML::Node& n) const;       // 1-based line/column of the node
  SourceLocation at(const YAML::Mark& m) const;
  [[noreturn]] void fail(const YAML::Node& n, const std::string& message) const;
  [[noreturn]] void fail(const SourceLocation& w, const std::string& message) const;

  // "a mapping", "a list", "the text 'abc'", "nothing": for "found ..." in messages.
  static std::string describe(const YAML::Node& n);

  // A mapping whose keys are all in `allowed` (else "unknown key 'x' in <what>; did you mean..."),
  // scalar keys, no duplicates. Returns the keys in file order with their key nodes.
  struct Entry {
    std::string key;
    YAML::Node key_node;
    YAML::Node value;
  };
  std::vector<Entry> mapping(const YAML::Node& n, std::string_view what, const std::vector<std::string>& allowed) const;
  // A mapping of any scalar keys (no duplicates).
  std::vector<Entry> any_mapping(const YAML::Node& n, std::string_view what) const;
  void require(const YAML::Node& map, const std::vector<Entry>& entries, std::string_view key, std::string_view what) const;
  std::vector<YAML::Node> sequence(const YAML::Node& n, std::string_view what, std::size_t max) const;

  // Any scalar (not null) that is UTF-8 without bidirectional controls or line separators
  // (safe_text.h); the message names the bad code point and never quotes the text.
  std::string text(const YAML::Node& n, std::string_view what) const;
  std::string name(const YAML::Node& n, std::string_view what) const;  // text, 1-100 bytes, no control characters
  bool boolean(const YAML::Node& n, std::string_view what) const;
  std::int64_t integer(const YAML::Node& n, std::string_view what, std::int64_t min, std::int64_t max) const;
  std::uint64_t unsigned_integer(const YAML::Node& n, std::string_view what) const;
  // A duration of at most limits::kMaxDuration (100 years), refused at the value past it.
  sim::Duration duration(const YAML::Node& n, std::string_view what) const;
  // A duration or {uniform: [a, b]} | {exponential: mean} | {lognormal: {median, p99}} [+ cap: d].
  sim::Distribution distribution(const YAML::Node& n, std::string_view what) const;
  // One of `allowed` exactly (case-sensitive), with a suggestion otherwise.
  std::string one_of(const YAML::Node& n, std::string_view what, const std::vector<std::string>& allowed) const;

 private:
  int quote_offset(const YAML::Node& n) const;  // 1 when the scalar starts with a quote
  std::string file_;
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

}  // namespace scenario
