// libFuzzer target: a scenario file through parse + check (also the sweep keys), then a short run
// rendered as every `cmksim run` output. An input must either be refused with a located
// InputError (exit 2) or run to its horizon (exit 0 or 1); any other exception is what the CLI
// reports as exit 3 "internal error", so it is a finding. A secret given in the input (under
// secret:, accessKeyID: or secretAccessKey:) must appear in no message and no output.
// Build: cmake --preset fuzz && cmake --build build-fuzz --target scenario_fuzzer (see README).
#include <cstdint>
#include <exception>
#include <functional>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "fuzz_check.h"
#include "report/chrome_trace.h"
#include "report/jsonl.h"
#include "report/state_json.h"
#include "report/timeline.h"
#include "report/trace.h"
#include "report/world_states.h"
#include "scenario/run.h"
#include "scenario/yaml_reader.h"
#include "sweep/sweep_file.h"

namespace {

const std::string kFile = "fuzz.yaml";
constexpr std::uint64_t kEventLimit = 5'000;  // a short run: enough to reach the model's machinery

bool is_secret_key(const std::string& k) { return k == "secret" || k == "accessKeyID" || k == "secretAccessKey"; }

// The secrets of a document, and every other text in it (keys and values). Bounded walk: aliases
// may make the node graph cyclic.
struct Texts {
  std::vector<std::string> secrets;
  std::vector<std::string> others;
  std::size_t budget = 200'000;
};

void collect(const YAML::Node& n, Texts& t, int depth) {
  if (depth > 40 || t.budget == 0) return;
  --t.budget;
  if (n.IsScalar()) t.others.push_back(n.Scalar());
  if (n.IsSequence())
    for (const YAML::Node& x : n) collect(x, t, depth + 1);
  if (!n.IsMap()) return;
  for (const auto& kv : n) {
    collect(kv.first, t, depth + 1);
    if (kv.first.IsScalar() && is_secret_key(kv.first.Scalar()) && kv.second.IsScalar()) t.secrets.push_back(kv.second.Scalar());
    else collect(kv.second, t, depth + 1);
  }
}

// Secrets worth looking for: long enough not to occur by chance, and not also written elsewhere in
// the input (a secret that is also a cluster name may of course be printed as the name).
std::vector<std::string> secrets_of(const std::string& text) {
  Texts t;
  try {
    // Loaded under the reader's limits (nesting, alias expansion), as parse() loads it.
    collect(scenario::YamlReader(kFile, text).load(), t, 0);
  } catch (const std::exception&) {
    return {};  // refused before any value is read: no message can quote a secret
  }
  std::vector<std::string> out;
  for (const std::string& s : t.secrets) {
    if (s.size() < 8) continue;
    bool elsewhere = false;
    for (const std::string& o : t.others) elsewhere = elsewhere || o.find(s) != std::string::npos;
    if (!elsewhere) out.push_back(s);
  }
  return out;
}

// Runs `f`, adding an InputError's message to `out` (the CLI prints it with exit 2); anything else
// thrown is what the CLI reports as an internal error (exit 3), a finding. False when refused.
bool accepted(const std::function<void()>& f, std::string& out) {
  try {
    f();
    return true;
  } catch (const scenario::InputError& e) {
    fuzz::check_refusal(e, kFile);
    out += e.what();
    return false;
  } catch (const std::exception& e) {
    fuzz::finding(std::string("internal error (exit 3): ") + e.what());
  }
}

// A short run, rendered the way `cmksim run --trace --chrome --state` renders it, into `out`.
void run_and_render(const scenario::Scenario& s, std::string& out) {
  scenario::Run run(s);
  run.set_event_limit(kEventLimit);
  report::TraceRecorder recorder;
  run.add_observer(&recorder);
  recorder.trace().initial = report::current_states(run.world());
  const scenario::RunResult result = run.execute();
  std::ostringstream text;
  report::write_timeline(text, recorder.trace());
  report::write_jsonl(text, recorder.trace());
  const auto replace = nlohmann::json::error_handler_t::replace;
  text << report::chrome_trace(recorder.trace(), result.end, s.file).dump(-1, ' ', false, replace);
  text << report::state_json(run.world()).dump(-1, ' ', false, replace);
  for (const scenario::ExpectationResult& e : result.expectations) text << e.description << e.expected << e.seen;
  out += text.str();
}

// Everything the CLI prints for `text` (messages and outputs), as `validate`, `sweep` and `run`
// would: parse + check, the sweep keys, a short run.
std::string everything(const std::string& text) {
  std::string out;
  std::optional<scenario::Scenario> s;
  if (!accepted([&] { s = scenario::parse(text, kFile); }, out)) return out;
  (void)accepted([&] { (void)sweep::parse_sweep_file(text, kFile); }, out);
  (void)accepted([&] { run_and_render(*s, out); }, out);
  return out;
}

// `text` with every occurrence of `secret` replaced by a same-length string that differs at
// every position.
std::string disguised(std::string text, const std::string& secret) {
  std::string other = secret;
  for (char& c : other) c = c == 'Q' ? 'Z' : 'Q';
  for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + other.size()))
    text.replace(at, secret.size(), other);
  return text;
}

}  // namespace

// A secret found in what the CLI prints is a leak only if it is really copied from the input: with
// the secret disguised in the input, it must disappear from the output (the fuzzer readily makes a
// "secret" out of a fragment of a fixed message, such as "no unit; add one of").
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string out = everything(text);
  for (const std::string& secret : secrets_of(text))
    if (out.find(secret) != std::string::npos && everything(disguised(text, secret)).find(secret) == std::string::npos)
      fuzz::finding("a secret given in the input appears in a message or an output");
  return 0;
}
