// Every scenario shipped in scenarios/ loads, starts with the schema line, and runs green.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "scenario/run.h"

namespace fs = std::filesystem;

TEST_CASE("every bundled scenario runs green") {
  const fs::path dir = fs::path(CMKSIM_SOURCE_DIR) / "scenarios";
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  CHECK(files.size() >= 12);
  CHECK(std::find(files.begin(), files.end(), dir / "default.yaml") != files.end());
  for (const fs::path& p : files) {
    CAPTURE(p.filename().string());
    std::ifstream in(p);
    std::string first;
    std::getline(in, first);
    // The schema line points at scenario/cmksim.schema.json from wherever the file sits.
    const fs::path schema = fs::relative(fs::path(CMKSIM_SOURCE_DIR) / "scenario" / "cmksim.schema.json", p.parent_path());
    CHECK(first == "# yaml-language-server: $schema=" + schema.generic_string());
    const scenario::Scenario s = scenario::load_file(p.string());
    CHECK(s.name == p.stem().string());
    CHECK_FALSE(s.expectations.empty());
    // A year of 1,000 projects (35 M events) is tests/cli/fleet_check.sh's, labelled long.
    if (p.filename() == "fleet-year.yaml") continue;
    scenario::Run run(s);
    const scenario::RunResult r = run.execute();
    for (const scenario::ExpectationResult& e : r.expectations)
      CHECK_MESSAGE(e.passed, p.filename().string() << ":" << e.where.line << ": " << e.description << ": expected " << e.expected
                                                    << ", seen " << e.seen);
  }
}
