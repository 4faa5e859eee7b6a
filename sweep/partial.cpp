#include "sweep/partial.h"

#include <charconv>
#include <fstream>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "scenario/input_error.h"
#include "sweep/size_limit.h"

namespace sweep {

using nlohmann::json;

namespace {

json match_json(const EventMatch& m) {
  json j = json::object();
  if (!m.kind.empty()) j["kind"] = m.kind;
  if (!m.entity.empty()) j["entity"] = m.entity;
  if (!m.from.empty()) j["from"] = m.from;
  if (!m.to.empty()) j["to"] = m.to;
  if (!m.cause.empty()) j["action"] = m.cause;
  if (!m.eventTypeName.empty()) j["alert"] = m.eventTypeName;
  if (!m.outcome.empty()) j["outcome"] = m.outcome;
  return j;
}

EventMatch match_from(const json& j) {
  EventMatch m;
  m.kind = j.value("kind", "");
  m.entity = j.value("entity", "");
  m.from = j.value("from", "");
  m.to = j.value("to", "");
  m.cause = j.value("action", "");
  m.eventTypeName = j.value("alert", "");
  m.outcome = j.value("outcome", "");
  return m;
}

// The integer `j` holds, as a T. Throws std::invalid_argument for a non-integer (a float such as 1e30
// would be undefined behaviour to convert) or a value out of T's range, naming the field `what`.
template <class T>
T integer_from(const json& j, const char* what) {
  static_assert(std::is_integral_v<T>);
  const bool fits = j.is_number_unsigned()  ? std::cmp_less_equal(j.get<std::uint64_t>(), std::numeric_limits<T>::max())
                    : j.is_number_integer() ? std::in_range<T>(j.get<std::int64_t>())
                                            : false;
  if (!fits)
    throw std::invalid_argument(fmt::format("{} is {}, not an integer within {}..{}", what, j.dump().substr(0, 40),
                                            std::numeric_limits<T>::min(), std::numeric_limits<T>::max()));
  return j.is_number_unsigned() ? static_cast<T>(j.get<std::uint64_t>()) : static_cast<T>(j.get<std::int64_t>());
}

// A JSON array of run indices.
std::vector<std::uint32_t> runs_from(const json& j, const char* what) {
  if (!j.is_array()) throw std::invalid_argument(fmt::format("{} is not an array of run numbers", what));
  std::vector<std::uint32_t> runs;
  runs.reserve(j.size());
  for (const json& r : j) runs.push_back(integer_from<std::uint32_t>(r, what));
  return runs;
}

std::uint64_t seed_from(const json& j) {
  const std::string s = j.get<std::string>();
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size()) throw std::invalid_argument("seed '" + s + "' is not a number");
  return v;
}

// "K/N" of the part's "shard" field.
std::pair<std::uint32_t, std::uint32_t> shard_from(const json& j) {
  const std::string s = j.get<std::string>();
  std::uint32_t k = 0, n = 0;
  const auto slash = s.find('/');
  const char* end = s.data() + s.size();
  if (slash == std::string::npos || std::from_chars(s.data(), s.data() + slash, k).ptr != s.data() + slash ||
      std::from_chars(s.data() + slash + 1, end, n).ptr != end || k == 0 || n == 0 || k > n)
    throw std::invalid_argument(fmt::format("shard '{}' is not K/N with 1 <= K <= N", s.substr(0, 20)));
  return {k, n};
}

// Throws std::invalid_argument unless every combination of `d` holds exactly the runs of shard k/n
// (i < runs with i % n == k - 1) and every sample and failure is one of them.
void check_runs(const SweepData& d, std::uint32_t k, std::uint32_t n) {
  if (d.runs == 0 || d.runs > kMaxSweepRuns)
    throw std::invalid_argument(fmt::format("runs {} is not within 1..{}", d.runs, kMaxSweepRuns));
  if (d.combinations.empty()) throw std::invalid_argument("the part has no combination");
  const std::uint64_t expected = d.runs >= k ? (d.runs - k) / n + 1 : 0;
  auto ours = [&](std::uint32_t run) { return run < d.runs && run % n == k - 1; };
  for (const Combination& c : d.combinations) {
    if (c.runs.size() != expected)
      throw std::invalid_argument(fmt::format("combination {} has {} runs; shard {}/{} of {} runs has {}", c.label(), c.runs.size(),
                                              k, n, d.runs, expected));
    for (std::size_t i = 0; i < c.runs.size(); ++i)  // sorted by canonicalize()
      if (c.runs[i] != k - 1 + i * n) throw std::invalid_argument(fmt::format("run {} is not a run of shard {}/{}", c.runs[i], k, n));
    for (const auto& [name, m] : c.metrics)
      for (const Sample& x : m.samples)
        if (!ours(x.run)) throw std::invalid_argument(fmt::format("metric {} has a value for run {}, not a run of this part", name, x.run));
    for (const auto& [key, failing] : c.failures)
      for (std::uint32_t run : failing)
        if (!ours(run)) throw std::invalid_argument(fmt::format("a failure names run {}, not a run of this part", run));
  }
}

}  // namespace

std::string scenario_hash(std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return fmt::format("fnv1a64:{:016x}", h);
}

json partial_to_json(const SweepData& in, std::uint32_t shard, std::uint32_t shards) {
  SweepData d = in;
  d.canonicalize();
  json j;
  j["format"] = kPartialFormat;
  j["version"] = kPartialVersion;
  j["shard"] = fmt::format("{}/{}", shard, shards);
  j["scenario"] = d.scenario;
  j["scenario_hash"] = d.scenario_hash;
  j["scenario_name"] = d.scenario_name;
  j["seed"] = std::to_string(d.seed);
  j["runs"] = d.runs;
  j["stuck_after_ms"] = d.stuck_after_ms;
  if (d.slo_ms) j["slo_ms"] = d.slo_ms;
  j["rank_by"] = d.rank_by;
  j["custom_metrics"] = json::array();
  for (const CustomMetric& m : d.custom)
    j["custom_metrics"].push_back({{"name", m.name}, {"description", m.description}, {"from", match_json(m.from)}, {"to", match_json(m.to)}});
  j["combinations"] = json::array();
  for (const Combination& c : d.combinations) {
    json jc;
    jc["settings"] = json::array();
    for (const auto& [k, v] : c.settings) jc["settings"].push_back({k, v});
    jc["runs"] = c.runs;
    jc["metrics"] = json::object();
    for (const auto& [name, m] : c.metrics) {
      json samples = json::array();
      for (const Sample& s : m.samples) samples.push_back({s.run, s.value});
      jc["metrics"][name] = {{"unit", std::string(unit_name(m.info.unit))},
                             {"kind", m.info.kind == Kind::per_run ? "per_run" : "per_event"},
                             {"description", m.info.description},
                             {"samples", samples}};
    }
    jc["expectations"] = json::array();
    for (const auto& [key, failing] : c.failures)
      jc["expectations"].push_back({{"line", key.line}, {"column", key.column}, {"description", key.description}, {"failed_runs", failing}});
    j["combinations"].push_back(std::move(jc));
  }
  return j;
}

SweepData partial_from_json(const json& j, const std::string& file) {
  try {
    if (!j.is_object() || j.value("format", "") != kPartialFormat)
      throw std::invalid_argument(fmt::format("not a partial sweep result (expected \"format\": \"{}\", as written by cmksim sweep --out)", kPartialFormat));
    if (integer_from<int>(j.at("version"), "version") != kPartialVersion)
      throw std::invalid_argument(fmt::format("partial format version {} is not {}: run the shard again with this cmksim",
                                              j.at("version").dump(), kPartialVersion));
    SweepData d;
    const auto [shard, shards] = shard_from(j.at("shard"));
    d.scenario = j.at("scenario").get<std::string>();
    d.scenario_hash = j.at("scenario_hash").get<std::string>();
    d.scenario_name = j.at("scenario_name").get<std::string>();
    d.seed = seed_from(j.at("seed"));
    d.runs = integer_from<std::uint32_t>(j.at("runs"), "runs");
    d.stuck_after_ms = integer_from<std::int64_t>(j.at("stuck_after_ms"), "stuck_after_ms");
    d.slo_ms = j.contains("slo_ms") ? integer_from<std::int64_t>(j.at("slo_ms"), "slo_ms") : 0;
    d.rank_by = j.at("rank_by").get<std::string>();
    for (const json& m : j.at("custom_metrics"))
      d.custom.push_back(CustomMetric{m.at("name").get<std::string>(), m.at("description").get<std::string>(), match_from(m.at("from")),
                                      match_from(m.at("to"))});
    for (const json& jc : j.at("combinations")) {
      Combination c;
      for (const json& kv : jc.at("settings")) c.settings.emplace_back(kv.at(0).get<std::string>(), kv.at(1).get<std::string>());
      c.runs = runs_from(jc.at("runs"), "a combination's runs");
      for (const auto& [name, jm] : jc.at("metrics").items()) {
        MetricData m;
        m.info.name = name;
        m.info.unit = parse_unit(jm.at("unit").get<std::string>()).value_or(Unit::count);
        m.info.kind = jm.at("kind").get<std::string>() == "per_run" ? Kind::per_run : Kind::per_event;
        m.info.description = jm.at("description").get<std::string>();
        for (const json& s : jm.at("samples")) m.samples.push_back(Sample{integer_from<std::uint32_t>(s.at(0), "a sample's run"),
                                                                             integer_from<std::int64_t>(s.at(1), "a sample's value")});
        c.metrics.emplace(name, std::move(m));
      }
      for (const json& x : jc.at("expectations"))
        c.failures[ExpectationKey{integer_from<int>(x.at("line"), "an expectation's line"),
                                   integer_from<int>(x.at("column"), "an expectation's column"), x.at("description").get<std::string>()}] =
            runs_from(x.at("failed_runs"), "an expectation's failed_runs");
      d.combinations.push_back(std::move(c));
    }
    d.canonicalize();
    check_runs(d, shard, shards);
    return d;
  } catch (const json::exception& e) {
    throw scenario::InputError(scenario::SourceLocation{file, 0, 0}, fmt::format("malformed partial result: {}", e.what()));
  } catch (const std::invalid_argument& e) {
    throw scenario::InputError(scenario::SourceLocation{file, 0, 0}, e.what());
  }
}

std::string read_partial_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw scenario::InputError(scenario::SourceLocation{path, 0, 0}, "cannot open the partial result (expected a file written by cmksim sweep --out)");
  // Read in chunks up to the limit plus one byte: the size of a device or pipe is not known ahead.
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= kMaxPartBytes && in.read(chunk, sizeof chunk).gcount() > 0) {
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (!in) break;
  }
  if (text.size() > kMaxPartBytes)
    throw scenario::InputError(scenario::SourceLocation{path, 0, 0},
                               fmt::format("the part is larger than the limit of {} bytes ({}); shard the sweep into more parts",
                                           kMaxPartBytes, format_bytes(kMaxPartBytes)));
  if (in.bad()) throw scenario::InputError(scenario::SourceLocation{path, 0, 0}, "cannot read the partial result");
  return text;
}

SweepData parse_partial(const std::string& t, const std::string& path) {
  json j;
  try {
    j = json::parse(t);
  } catch (const json::parse_error& e) {
    // nlohmann reports the byte offset; turn it into line:column.
    int line = 1, column = 1;
    for (std::size_t i = 0; i + 1 < e.byte && i < t.size(); ++i) {
      if (t[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    throw scenario::InputError(scenario::SourceLocation{path, line, column}, "expected JSON written by cmksim sweep --out: syntax error");
  } catch (const json::exception& e) {  // valid syntax the library still cannot hold (a number past double)
    throw scenario::InputError(scenario::SourceLocation{path, 0, 0},
                               fmt::format("expected JSON written by cmksim sweep --out: {}", e.what()));
  }
  return partial_from_json(j, path);
}

SweepData read_partial(const std::string& path) { return parse_partial(read_partial_text(path), path); }

}  // namespace sweep
