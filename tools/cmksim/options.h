// The one option parser of every cmksim subcommand, and the value types of the options, each with
// the Boost.Program_options validate() overload that parses it, so a bad value is a usage error
// (exit 2) with one line naming the option and listing the valid values.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
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

void validate(boost::any& v, const std::vector<std::string>& values, Format*, int);
void validate(boost::any& v, const std::vector<std::string>& values, Seed*, int);
void validate(boost::any& v, const std::vector<std::string>& values, Count*, int);
void validate(boost::any& v, const std::vector<std::string>& values, Cloud*, int);

}  // namespace cli
