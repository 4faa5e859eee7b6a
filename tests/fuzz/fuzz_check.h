// What both fuzz targets assert about one input, and how they stop libFuzzer when it does not
// hold: print why, then abort() so the input is saved as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "scenario/input_error.h"

namespace fuzz {

// Stops the fuzzer with `why` (one line on stderr); libFuzzer saves the input.
[[noreturn]] inline void finding(std::string_view why) {
  std::fprintf(stderr, "cmksim fuzz finding: %.*s\n", static_cast<int>(why.size()), why.data());
  std::abort();
}

// A refusal is what the CLI prints with exit 2: one line, naming the file it was given.
inline void check_refusal(const scenario::InputError& e, const std::string& file) {
  const std::string what = e.what();
  if (what.find('\n') != std::string::npos) finding("an InputError message spans lines: " + what);
  if (e.where().file != file) finding("an InputError names another file: " + what);
}

}  // namespace fuzz
