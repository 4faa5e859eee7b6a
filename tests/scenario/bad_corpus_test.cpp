// The bad-input corpus: every file in tests/scenario/bad/ has one defect and a first line
// "# expect: LINE:COLUMN message fragment". Loading it must throw InputError at exactly that
// place with that fragment, and nothing else (no crash, no hang). Limits that need big inputs
// are generated here instead of committed.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "scenario/limits.h"
#include "scenario/run.h"
#include "test_util.h"

namespace fs = std::filesystem;
using namespace scenario;

namespace {

struct Expected {
  int line = 0, column = 0;
  std::string fragment;
};

Expected expected_of(const fs::path& p) {
  std::ifstream in(p);
  std::string first;
  std::getline(in, first);
  static const std::regex re(R"(^# expect: (\d+):(\d+) (.+)$)");
  std::smatch m;
  REQUIRE_MESSAGE(std::regex_match(first, m, re), p.filename().string() << ": first line must be '# expect: L:C fragment'");
  return Expected{std::stoi(m[1]), std::stoi(m[2]), m[3]};
}

void expect_error(const std::function<void()>& f, int line, int column, const std::string& fragment) {
  try {
    f();
    FAIL("accepted; expected an InputError with '" << fragment << "'");
  } catch (const InputError& e) {
    CHECK(e.where().line == line);
    CHECK(e.where().column == column);
    CHECK_MESSAGE(e.message().find(fragment) != std::string::npos, e.what());
  }
}

}  // namespace

TEST_CASE("every bad file fails at its recorded line:column with its message") {
  const fs::path dir = fs::path(CMKSIM_SOURCE_DIR) / "tests/scenario/bad";
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  CHECK(files.size() >= 40);
  for (const fs::path& p : files) {
    CAPTURE(p.filename().string());
    const Expected x = expected_of(p);
    expect_error([&] { load_file(p.string()); }, x.line, x.column, x.fragment);
    try {
      load_file(p.string());
    } catch (const InputError& e) {
      CHECK(e.where().file == p.string());
      CHECK(std::string(e.what()).find('\n') == std::string::npos);  // one line
    }
  }
}

TEST_CASE("a file over the size limit is refused before parsing") {
  const fs::path p = fs::temp_directory_path() / "cmksim-too-large.yaml";
  {
    std::ofstream out(p);
    out << "cmksim: 1\nname: big\nhorizon: 1h\ndescription: >\n";
    const std::string line = "  " + std::string(98, 'x') + "\n";
    for (std::size_t n = 0; n <= limits::kMaxFileBytes / line.size(); ++n) out << line;
  }
  try {
    load_file(p.string());
    FAIL("accepted");
  } catch (const InputError& e) {
    CHECK(e.where().line == 0);
    CHECK(e.message().find("the limit is 1048576 bytes (1 MiB)") != std::string::npos);
  }
  fs::remove(p);
  // The same limit through parse() (the CLI may read stdin).
  std::string text = scenario_test::base() + "description: " + std::string(limits::kMaxFileBytes, 'y') + "\n";
  CHECK_THROWS_AS(parse(text, "big.yaml"), InputError);
}

TEST_CASE("too many timeline steps") {
  std::string text = scenario_test::base() + "timeline:\n";
  for (std::size_t i = 0; i <= limits::kMaxSteps; ++i) text += "  - {at: 1m, do: try_again}\n";
  expect_error([&] { parse(text, "steps.yaml"); }, 12, 3, "timeline has 10001 entries; the limit is 10000");
}

TEST_CASE("a missing file is bad input too") {
  try {
    load_file("/nonexistent/cmksim.yaml");
    FAIL("accepted");
  } catch (const InputError& e) {
    CHECK(e.message().find("cannot open") != std::string::npos);
  }
}
