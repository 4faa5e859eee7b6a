// The one option parser of every cmksim subcommand, and the value types of the options, each with
// the Boost.Program_options validate() overload that parses it, so a bad value is a usage error
// (exit 2) with one line naming the option and listing the valid values.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/program_options.hpp>

#include "models/ids.h"

namespace cli {

namespace po = boost::program_options;

// Wrong command line: main prints "cmksim <command>: <what> (see 'cmksim <command> --help')", exit 2.
class UsageError : public std::runtime_error {
 public:
  UsageError(std::string command, const std::string& what) : std::runtime_error(what), command_(std::move(command)) {}
  const std::string& command() const { return command_; }

 private:
  std::string command_;
};

using Args = std::vector<std::string>;

// The operands of a command (FILE..., MACHINE, PART.json...): their key in the variables map and
// at most how many (-1: any number). An empty name: the command takes none.
struct Operands {
  const char* name = "";
  int max = -1;
};

// Parses `args` (the command name removed) against `options` plus `operands`; any Boost error
// becomes UsageError(command, ...). With --help it prints `help` to `out` and returns nothing, so
// the command returns 0 at once.
std::optional<po::variables_map> parse_args(const std::string& command, void (*help)(std::ostream&), const Args& args,
                                            const po::options_description& options, Operands operands, std::ostream& out);

// The operands parse_args stored under `name`, in order; empty when none were given.
std::vector<std::string> operands(const po::variables_map& vm, const char* name);

enum class Format { text, json };
// `cmksim run --clock`: timeline times as simulated offsets or as ISO 8601 instants.
enum class Clock { sim, iso };
// `cmksim run --aggregate`: the fleet report instead of the timeline always, never, or past
// report::kFleetProjects projects.
enum class Aggregate { automatic, always, never };

struct Seed {
  std::uint64_t value = 0;
};

// A count of things (runs, threads): digits only, at least 1. Boost's own unsigned parsing would
// read "-3" as 18446744073709551613.
struct Count {
  std::uint64_t value = 0;
};

struct Cloud {
  models::Provider provider = models::Provider::AWS;
};

// Throws the Boost error for a bad option value `value`, naming the option and listing what is
// valid (`valid`: "text, json", "a whole number, at least 1").
[[noreturn]] void bad_value(const std::string& value, const std::string& valid);

// A closed set of words for an option, in the order --help and the error list them.
template <class E>
using Choices = std::initializer_list<std::pair<std::string_view, E>>;

// Stores in `v` the value of `choices` whose word is the option's one argument; otherwise throws
// the Boost error (bad_value) listing the words. Every enum option parses through this, so a bad
// word reads the same for all of them.
template <class E>
void validate_choice(boost::any& v, const std::vector<std::string>& values, Choices<E> choices) {
  po::validators::check_first_occurrence(v);
  const std::string& s = po::validators::get_single_string(values);
  std::string words;
  for (const auto& [word, value] : choices) {
    if (s == word) {
      v = value;
      return;
    }
    words += (words.empty() ? "" : ", ") + std::string(word);
  }
  bad_value(s, words);
}

void validate(boost::any& v, const std::vector<std::string>& values, Format*, int);
void validate(boost::any& v, const std::vector<std::string>& values, Clock*, int);
void validate(boost::any& v, const std::vector<std::string>& values, Aggregate*, int);
void validate(boost::any& v, const std::vector<std::string>& values, Seed*, int);
void validate(boost::any& v, const std::vector<std::string>& values, Count*, int);
void validate(boost::any& v, const std::vector<std::string>& values, Cloud*, int);

}  // namespace cli
