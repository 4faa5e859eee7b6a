#include "scenario/yaml_reader.h"

#include <charconv>
#include <limits>
#include <map>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>

#include "scenario/limits.h"
#include "scenario/safe_text.h"
#include "scenario/suggest.h"
#include "sim/duration_text.h"

namespace scenario {

namespace {

// First pass over the parser's events, before any node is built: nesting depth and the number of
// nodes the document expands to once every alias is replaced by its anchor's content (so a
// "billion laughs" file is refused after a few hundred events, not after exhausting memory).
class LimitGuard : public YAML::EventHandler {
 public:
  explicit LimitGuard(const YamlReader& r) : r_(r) {}
  void OnDocumentStart(const YAML::Mark& m) override {
    if (++documents_ > 1) r_.fail(r_.at(m), "expected one YAML document, found a second one (---)");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& m, YAML::anchor_t a) override { node(m, a, 1); }
  void OnAlias(const YAML::Mark& m, YAML::anchor_t a) override {
    auto it = weight_.find(a);
    add(m, it == weight_.end() ? 1 : it->second);
  }
  void OnScalar(const YAML::Mark& m, const std::string&, YAML::anchor_t a, const std::string&) override { node(m, a, 1); }
  void OnSequenceStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a, YAML::EmitterStyle::value) override { open(m, a); }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& m, const std::string&, YAML::anchor_t a, YAML::EmitterStyle::value) override { open(m, a); }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    YAML::anchor_t anchor;
    std::size_t startTotal;
  };
  void add(const YAML::Mark& m, std::size_t n) {
    total_ += n;
    if (total_ > limits::kMaxExpandedNodes)
      r_.fail(r_.at(m), fmt::format("the document expands to more than {} YAML nodes (aliases included); limit reached, "
                                    "expected a scenario of ordinary size",
                                    limits::kMaxExpandedNodes));
  }
  void node(const YAML::Mark& m, YAML::anchor_t a, std::size_t n) {
    add(m, n);
    if (a) weight_[a] = n;
  }
  void open(const YAML::Mark& m, YAML::anchor_t a) {
    add(m, 1);
    if (static_cast<int>(stack_.size()) >= limits::kMaxNesting)
      r_.fail(r_.at(m), fmt::format("lists and mappings nested more than {} deep; limit reached", limits::kMaxNesting));
    stack_.push_back({a, total_ - 1});
  }
  void close() {
    const Open o = stack_.back();
    stack_.pop_back();
    if (o.anchor) weight_[o.anchor] = total_ - o.startTotal;
  }
  const YamlReader& r_;
  int documents_ = 0;
  std::size_t total_ = 0;
  std::vector<Open> stack_;
  std::map<YAML::anchor_t, std::size_t> weight_;
};

// At most `max` bytes of s for a message, control characters shown as '?' (messages are one line).
std::string clip(std::string_view s, std::size_t max = 40) {
  std::string out;
  for (char c : s.substr(0, max)) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) ? '?' : c;
  if (s.size() > max) out += "...";
  return out;
}

}  // namespace

YamlReader::YamlReader(std::string file, std::string_view text) : file_(std::move(file)), text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
}

YAML::Node YamlReader::load() {
  if (text_.size() > limits::kMaxFileBytes)
    fail(SourceLocation{file_, 0, 0}, fmt::format("file is {} bytes; the limit is {} bytes (1 MiB)", text_.size(), limits::kMaxFileBytes));
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\0') {
      const auto line = static_cast<int>(std::upper_bound(line_starts_.begin(), line_starts_.end(), i) - line_starts_.begin());
      fail(SourceLocation{file_, line, static_cast<int>(i - line_starts_[line - 1]) + 1},
           "expected YAML text, found a NUL byte (binary file?)");
    }
  try {
    {
      std::istringstream in{std::string(text_)};
      YAML::Parser parser(in);
      LimitGuard guard(*this);
      while (parser.HandleNextDocument(guard)) {
      }
    }
    return YAML::Load(std::string(text_));
  } catch (const YAML::Exception& e) {
    // yaml-cpp's own message without its "yaml-cpp: error at line..." prefix.
    fail(at(e.mark), fmt::format("YAML syntax error: {}", e.msg));
  }
}

SourceLocation YamlReader::at(const YAML::Mark& m) const {
  if (m.line < 0) return SourceLocation{file_, 0, 0};
  return SourceLocation{file_, m.line + 1, m.column + 1};
}

SourceLocation YamlReader::at(const YAML::Node& n) const { return at(n.Mark()); }

void YamlReader::fail(const YAML::Node& n, const std::string& message) const { throw InputError(at(n), message); }
void YamlReader::fail(const SourceLocation& w, const std::string& message) const { throw InputError(w, message); }

std::string YamlReader::describe(const YAML::Node& n) {
  if (!n.IsDefined() || n.IsNull()) return "nothing";
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a mapping";
  return fmt::format("'{}'", clip(n.Scalar()));
}

std::vector<YamlReader::Entry> YamlReader::any_mapping(const YAML::Node& n, std::string_view what) const {
  if (!n.IsMap()) fail(n, fmt::format("{} must be a mapping (key: value lines), found {}", what, describe(n)));
  std::vector<Entry> out;
  for (auto it = n.begin(); it != n.end(); ++it) {
    if (!it->first.IsScalar()) fail(it->first, fmt::format("keys in {} must be plain words, found {}", what, describe(it->first)));
    const std::string key = it->first.Scalar();
    for (const Entry& e : out)
      if (e.key == key)
        fail(it->first, fmt::format("duplicate key '{}' in {} (first at line {})", clip(key), what, at(e.key_node).line));
    out.push_back({key, it->first, it->second});
  }
  return out;
}

std::vector<YamlReader::Entry> YamlReader::mapping(const YAML::Node& n, std::string_view what,
                                                   const std::vector<std::string>& allowed) const {
  std::vector<Entry> out = any_mapping(n, what);
  for (const Entry& e : out) {
    bool ok = false;
    for (const std::string& a : allowed) ok = ok || a == e.key;
    if (!ok) fail(e.key_node, fmt::format("unknown key '{}' in {}{}", clip(e.key), what, suggestion(e.key, allowed)));
  }
  return out;
}

void YamlReader::require(const YAML::Node& map, const std::vector<Entry>& entries, std::string_view key,
                         std::string_view what) const {
  for (const Entry& e : entries)
    if (e.key == key) return;
  fail(map, fmt::format("{} needs '{}', found no such key", what, key));
}

std::vector<YAML::Node> YamlReader::sequence(const YAML::Node& n, std::string_view what, std::size_t max) const {
  if (!n.IsSequence()) fail(n, fmt::format("{} must be a list (lines starting with '- '), found {}", what, describe(n)));
  if (n.size() > max) fail(n, fmt::format("{} has {} entries; the limit is {}", what, n.size(), max));
  std::vector<YAML::Node> out;
  for (const YAML::Node& e : n) out.push_back(e);
  return out;
}

std::string YamlReader::text(const YAML::Node& n, std::string_view what) const {
  if (!n.IsScalar()) fail(n, fmt::format("{} must be text, found {}", what, describe(n)));
  // The problem is named, the text not quoted: it may be a secret.
  if (const auto p = text_problem(n.Scalar(), false))
    fail(n, fmt::format("{} must be UTF-8 text without bidirectional controls or line separators, found {}", what, p->what));
  return n.Scalar();
}

std::string YamlReader::name(const YAML::Node& n, std::string_view what) const {
  const std::string s = text(n, what);
  if (s.empty() || s.size() > 100) fail(n, fmt::format("{} must be 1 to 100 characters, found {}", what, describe(n)));
  if (const auto p = text_problem(s, true)) fail(n, fmt::format("{} must be printable text, found {}", what, p->what));
  return s;
}

bool YamlReader::boolean(const YAML::Node& n, std::string_view what) const {
  if (n.IsScalar() && n.Tag() != "!") {
    if (n.Scalar() == "true") return true;
    if (n.Scalar() == "false") return false;
  }
  fail(n, fmt::format("{} must be true or false, found {}", what, describe(n)));
}

std::int64_t YamlReader::integer(const YAML::Node& n, std::string_view what, std::int64_t min, std::int64_t max) const {
  std::int64_t x = 0;
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (ec == std::errc{} && p == s.data() + s.size() && !s.empty() && x >= min && x <= max) return x;
  }
  fail(n, fmt::format("{} must be a whole number from {} to {}, found {}", what, min, max, describe(n)));
}

std::uint64_t YamlReader::unsigned_integer(const YAML::Node& n, std::string_view what) const {
  std::uint64_t x = 0;
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), x);
    if (ec == std::errc{} && p == s.data() + s.size() && !s.empty()) return x;
  }
  fail(n, fmt::format("{} must be a whole number from 0 to {}, found {}", what, std::numeric_limits<std::uint64_t>::max(), describe(n)));
}

int YamlReader::quote_offset(const YAML::Node& n) const {
  const YAML::Mark m = n.Mark();
  if (m.pos < 0 || static_cast<std::size_t>(m.pos) >= text_.size()) return 0;
  const char c = text_[static_cast<std::size_t>(m.pos)];
  return (c == '"' || c == '\'') ? 1 : 0;
}

sim::Duration YamlReader::duration(const YAML::Node& n, std::string_view what) const {
  if (!n.IsScalar())
    fail(n, fmt::format("{} must be a duration such as 90s, 15m or 2h30m, found {}", what, describe(n)));
  sim::Duration d;
  try {
    d = sim::parse_duration(n.Scalar());
  } catch (const sim::DurationError& e) {
    SourceLocation w = at(n);
    if (w.column > 0) w.column += quote_offset(n) + static_cast<int>(e.column());
    // The reason quotes the whole value, which may be long or span lines.
    fail(w, fmt::format("{} must be a duration such as 90s, 15m or 2h30m, found '{}': {}", what, clip(n.Scalar()), clip(e.what(), 200)));
  }
  if (d > limits::kMaxDuration)
    fail(n, fmt::format("{} {} is longer than the limit of {} (100 years) for any duration", what, clip(n.Scalar()),
                        sim::format_duration(limits::kMaxDuration)));
  return d;
}

sim::Distribution YamlReader::distribution(const YAML::Node& n, std::string_view what) const {
  if (n.IsScalar()) return duration(n, what);
  if (!n.IsMap())
    fail(n, fmt::format("{} must be a duration or a distribution ({{uniform: [1m, 3m]}}, {{exponential: 4m}}, "
                        "{{lognormal: {{median: 5m, p99: 27m}}}}), found {}",
                        what, describe(n)));
  const auto entries = mapping(n, fmt::format("the distribution of {}", what), {"uniform", "exponential", "lognormal", "cap"});
  std::optional<sim::Distribution::Shape> shape;
  std::optional<sim::Duration> cap;
  for (const Entry& e : entries) {
    if (e.key == "cap") {
      cap = duration(e.value, "cap");
      continue;
    }
    if (shape) fail(e.key_node, fmt::format("a distribution has one shape; found '{}' as a second one", e.key));
    if (e.key == "uniform") {
      if (!e.value.IsSequence() || e.value.size() != 2)
        fail(e.value, fmt::format("uniform must be a list of two durations [low, high], found {}", describe(e.value)));
      shape = sim::Uniform{duration(e.value[0], "uniform low"), duration(e.value[1], "uniform high")};
    } else if (e.key == "exponential") {
      shape = sim::Exponential{duration(e.value, "exponential mean")};
    } else {
      const auto ln = mapping(e.value, "lognormal", {"median", "p99"});
      require(e.value, ln, "median", "lognormal");
      require(e.value, ln, "p99", "lognormal");
      sim::LogNormal l;
      for (const Entry& x : ln) (x.key == "median" ? l.median : l.p99) = duration(x.value, fmt::format("lognormal {}", x.key));
      shape = l;
    }
  }
  if (!shape) fail(n, fmt::format("the distribution of {} needs one of uniform, exponential, lognormal; found only cap", what));
  sim::Distribution d(*shape, cap);
  try {
    d.check();
  } catch (const std::invalid_argument& e) {
    fail(n, fmt::format("invalid distribution for {}: {}", what, e.what()));
  }
  return d;
}

std::string YamlReader::one_of(const YAML::Node& n, std::string_view what, const std::vector<std::string>& allowed) const {
  const std::string s = text(n, what);
  for (const std::string& a : allowed)
    if (a == s) return s;
  fail(n, fmt::format("unknown {} '{}'{}", what, clip(s), suggestion(s, allowed)));
}

}  // namespace scenario
