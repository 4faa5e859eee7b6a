// AtomicFile: the file appears whole on commit, never half; a failure leaves nothing behind.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "report/atomic_file.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("cmksim-cli-test-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
};

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

}  // namespace

TEST_CASE("atomic file: content appears only on commit") {
  TempDir dir;
  const fs::path out = dir.path / "out.json";
  {
    report::AtomicFile f(out.string());
    CHECK(fs::exists(f.temp_path()));
    CHECK(f.temp_path() == out.string() + ".tmp." + std::to_string(::getpid()));
    f.write("{\"a\": ");
    CHECK_FALSE(fs::exists(out));
    f.write("1}\n");
    f.commit();
    CHECK(f.committed());
    CHECK_FALSE(fs::exists(f.temp_path()));
  }
  CHECK(slurp(out) == "{\"a\": 1}\n");
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("atomic file: an uncommitted file is removed and the old file kept") {
  TempDir dir;
  const fs::path out = dir.path / "trace.jsonl";
  report::write_file_atomically(out.string(), "old\n");
  {
    report::AtomicFile f(out.string());
    f.write("half a li");
  }  // destroyed without commit: as if the run failed
  CHECK(slurp(out) == "old\n");
  CHECK(entries(dir.path) == 1);
  {
    report::AtomicFile f(out.string());
    f.write("x");
    f.discard();
    CHECK_THROWS_AS(f.write("y"), report::OutputError);
  }
  CHECK(entries(dir.path) == 1);
}

TEST_CASE("atomic file: a path in a missing directory fails at once with one line naming the path") {
  TempDir dir;
  const fs::path out = dir.path / "no-such-dir" / "out.json";
  try {
    report::AtomicFile f(out.string());
    FAIL("expected OutputError");
  } catch (const report::OutputError& e) {
    const std::string what = e.what();
    CHECK(what.find(out.string()) == 0);
    CHECK(what.find("No such file or directory") != std::string::npos);
    CHECK(what.find('\n') == std::string::npos);
  }
  CHECK_FALSE(fs::exists(dir.path / "no-such-dir"));
  CHECK_THROWS_AS(report::AtomicFile(""), report::OutputError);
}

TEST_CASE("atomic file: renaming onto a directory fails and leaves no temporary") {
  TempDir dir;
  const fs::path target = dir.path / "a-directory";
  fs::create_directories(target / "inside");
  report::AtomicFile f(target.string());
  f.write("data");
  CHECK_THROWS_AS(f.commit(), report::OutputError);
  CHECK(entries(dir.path) == 1);
  CHECK(fs::is_directory(target));
}
