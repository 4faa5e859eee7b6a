#include "explore/explorer.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "explore/coverage.h"
#include "scenario/run.h"
#include "scenario/secrets.h"
#include "sim/duration_text.h"
#include "sim/random.h"

namespace explore {

namespace {

struct Detailed {
  RunOutcome outcome;
  // Outcome of each inserted step (timeline index -> seen), for the repro's expect_error.
  std::map<std::size_t, std::string> inserted;
};

Detailed run_detailed(const std::string& file, const std::string& yaml, std::uint64_t seed, std::size_t originalSteps,
                      scenario::RunOptions options, sim::TransitionCoverage* cov) {
  const scenario::Scenario s = scenario::parse(yaml, file);
  // Lines of the inserted steps: their verdicts are the perturbation's own outcome, not findings.
  std::map<int, std::size_t> insertedLines;
  for (std::size_t i = originalSteps; i < s.steps.size(); ++i)
    for (const scenario::SourceLocation* w :
         {&s.steps[i].where, &s.steps[i].action_where, &s.steps[i].answer.where, &s.steps[i].for_where})
      if (w->line > 0) insertedLines[w->line] = i;
  // With or without fast-forward the checker finds the same (InvariantChecker::on_fired).
  scenario::Run run(s, seed, options);
  InvariantChecker checker(run.world());
  sim::TransitionCoverage local;
  CoverageRecorder recorder(cov ? *cov : local);
  run.add_observer(&checker);
  run.add_observer(&recorder);
  const scenario::RunResult r = run.execute();
  checker.finish(r.end);
  Detailed d;
  d.outcome.events = r.events_fired;
  for (const Violation& v : checker.violations())
    d.outcome.findings.push_back({"invariant " + v.invariant, v.invariant, v.message, v.at});
  for (const scenario::ExpectationResult& e : r.expectations) {
    if (auto it = insertedLines.find(e.where.line); it != insertedLines.end()) {
      if (!e.passed || !d.inserted.contains(it->second)) d.inserted[it->second] = e.seen;
      continue;
    }
    if (e.passed) continue;
    d.outcome.findings.push_back(
        {"expect " + e.description, "expect", fmt::format("{}: expected {}, saw {}", e.description, e.expected, e.seen), e.at});
  }
  std::stable_sort(d.outcome.findings.begin(), d.outcome.findings.end(),
                   [](const Finding& a, const Finding& b) { return a.at < b.at; });
  return d;
}

bool has(const RunOutcome& o, const std::string& key) {
  return std::any_of(o.findings.begin(), o.findings.end(), [&](const Finding& f) { return f.key == key; });
}

std::string emit(const YAML::Node& doc) {
  YAML::Emitter out;
  out << doc;
  return std::string(out.c_str()) + "\n";
}

// Replaces the value of every secret key of every kms entry (FORMAT.md "Secrets") with the
// placeholder; returns whether there was one. Only the fact that a secret was given matters to the
// model, so the repro still runs the same way.
bool replace_secrets(YAML::Node doc) {
  bool any = false;
  if (!doc.IsMap() || !doc["projects"].IsSequence()) return false;
  for (YAML::Node project : doc["projects"]) {
    if (!project.IsMap() || !project["kms"].IsSequence()) continue;
    for (YAML::Node kms : project["kms"]) {
      if (!kms.IsMap()) continue;
      for (std::string_view key : scenario::kSecretKeys)
        if (kms[std::string(key)]) {
          kms[std::string(key)] = std::string(scenario::kSecretPlaceholder);
          any = true;
        }
    }
  }
  return any;
}

// The emitted text with a comment after each placeholder line, so a reader knows the value is not
// the scenario's.
std::string comment_placeholders(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string_view line(text.data() + start, end - start);
    out += line;
    for (std::string_view key : scenario::kSecretKeys)
      if (line.ends_with(fmt::format("{}: {}", key, scenario::kSecretPlaceholder))) {
        out += "  # not copied from the scenario: secrets never appear in cmksim's outputs";
        break;
      }
    if (end < text.size()) out += '\n';
    start = end + 1;
  }
  return out;
}

}  // namespace

Explorer::Explorer(std::string file, std::string text, scenario::RunOptions options)
    : file_(std::move(file)), text_(std::move(text)), options_(options) {
  doc_ = YAML::Load(text_);
  originalSteps_ = timeline_size(doc_);
}

RunOutcome Explorer::run_text(const std::string& yaml, std::uint64_t seed, sim::TransitionCoverage* cov) const {
  return run_detailed(file_, yaml, seed, originalSteps_, options_, cov).outcome;
}

RunOutcome Explorer::run(const std::vector<Perturbation>& ps, std::uint64_t seed, sim::TransitionCoverage* cov) const {
  return run_text(emit(apply(doc_, ps, seed)), seed, cov);
}

std::string Explorer::render(const std::vector<Perturbation>& ps, std::uint64_t seed, const Finding* finding) const {
  YAML::Node doc = apply(doc_, ps, seed);
  // Inserted steps the model refused keep their refusal (expect_error); those that could not be
  // performed at all (nothing to act on at that time) changed nothing and are left out, so the
  // file runs with no failure of its own making.
  const Detailed d = run_detailed(file_, emit(doc), seed, originalSteps_, options_, nullptr);
  YAML::Node timeline = doc["timeline"];
  YAML::Node kept(YAML::NodeType::Sequence);
  for (std::size_t i = 0; i < timeline.size(); ++i) {
    YAML::Node st = timeline[i];
    if (i >= originalSteps_) {
      auto it = d.inserted.find(i);
      const std::string seen = it == d.inserted.end() ? "OK" : it->second;
      if (seen.starts_with("not performed")) continue;
      if (seen != "OK") st["expect_error"] = seen;
    }
    kept.push_back(st);
  }
  doc["timeline"] = kept;
  const bool secrets = replace_secrets(doc);
  std::string header;
  if (finding) {
    const InvariantInfo* info = find_invariant(finding->invariant);
    header += fmt::format("# cmksim explore repro of {}\n", file_);
    header += fmt::format("# violated: {}\n", info ? std::string(info->name) : finding->invariant);
    if (info) header += fmt::format("#   rule: {}\n#   source: {}\n", info->rule, info->source);
    header += fmt::format("# at {}: {}\n", sim::format_time(finding->at), finding->message);
    if (info)
      header += "# A built-in invariant: `cmksim run` cannot name it (scenarios have no built-in invariants by name);\n"
                "# `cmksim explore THIS_FILE --runs 1` re-checks it on this exact run.\n";
    else
      header += "# `cmksim run THIS_FILE` fails with the same expectation.\n";
    header += fmt::format("# seed fixed to {}; perturbations ({}), as ordinary timeline steps with fixed times:\n", seed, ps.size());
    for (const Perturbation& p : ps) header += fmt::format("#   - {}\n", p.describe());
  }
  if (secrets)
    header += fmt::format("# secret, accessKeyID and secretAccessKey values are replaced by {}: only the fact that one\n"
                          "# was given matters to the model.\n",
                          scenario::kSecretPlaceholder);
  return header + (secrets ? comment_placeholders(emit(doc)) : emit(doc));
}

ExploreResult Explorer::explore(const ExploreOptions& o) {
  ExploreResult res;
  const scenario::Scenario base = scenario::parse(text_, file_);
  for (std::uint64_t k = 0; k < o.runs; ++k) {
    // Run 0 is the scenario as written (its own seed); then perturbed runs, each with its own seed
    // so every delay drawn from a distribution varies too.
    std::vector<Perturbation> ps;
    std::uint64_t seed = base.seed;
    if (k > 0) {
      sim::Random rng(sim::Random::derive(o.seed, k));
      seed = sim::Random::derive(o.seed ^ 0x5eedULL, k);
      ps = draw_perturbations(base, rng, o.max_perturbations);
    }
    const RunOutcome out = run(ps, seed, &res.coverage);
    res.events += out.events;
    ++res.runs_done;
    if (o.progress) o.progress(res.runs_done, o.runs);
    if (out.findings.empty()) continue;

    // Shrink: greedy delta debugging over the perturbations, keeping the same finding.
    const Finding target = out.findings.front();
    res.original_perturbations = ps.size();
    for (std::size_t chunk = std::max<std::size_t>(1, ps.size() / 2); chunk >= 1 && !ps.empty();) {
      bool removed = false;
      for (std::size_t i = 0; i < ps.size(); i += chunk) {
        std::vector<Perturbation> fewer;
        for (std::size_t j = 0; j < ps.size(); ++j)
          if (j < i || j >= i + chunk) fewer.push_back(ps[j]);
        ++res.shrink_runs;
        if (has(run(fewer, seed), target.key)) {
          ps = std::move(fewer);
          removed = true;
          break;
        }
      }
      if (!removed) {
        if (chunk == 1) break;
        chunk /= 2;
      } else {
        chunk = std::min(chunk, std::max<std::size_t>(1, ps.size() / 2));
      }
    }
    const RunOutcome last = run(ps, seed);
    auto it = std::find_if(last.findings.begin(), last.findings.end(), [&](const Finding& f) { return f.key == target.key; });
    res.violation = it == last.findings.end() ? target : *it;
    res.perturbations = ps;
    res.run_seed = seed;
    res.repro_yaml = render(ps, seed, &*res.violation);
    // The repro must fail the same way on its own: parse the written text and run it again.
    const Explorer again(file_, res.repro_yaml, options_);
    res.repro_verified = has(again.run_text(res.repro_yaml, seed), target.key);
    return res;
  }
  return res;
}

}  // namespace explore
