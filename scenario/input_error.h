// InputError: bad input (a scenario file, a command-line value). The CLI prints what() and exits 2.
// The message never shows text shaped like a credential (scenario/secrets.h), wherever in the file
// it was found: messages quote what they found, and a secret may be put in the wrong place.
#pragma once

#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "scenario/secrets.h"

namespace scenario {

struct SourceLocation {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
};

// what() is "file:line:column: message" (line and column left out when unknown), one line.
class InputError : public std::runtime_error {
 public:
  InputError(SourceLocation where, const std::string& message) : InputError(std::move(where), hide_secret_shapes(message), 0) {}
  const SourceLocation& where() const { return where_; }
  const std::string& message() const { return message_; }

 private:
  InputError(SourceLocation where, std::string message, int)
      : std::runtime_error(format(where, message)), where_(std::move(where)), message_(std::move(message)) {}
  static std::string format(const SourceLocation& w, const std::string& m) {
    if (w.line <= 0) return fmt::format("{}: {}", w.file, m);
    if (w.column <= 0) return fmt::format("{}:{}: {}", w.file, w.line, m);
    return fmt::format("{}:{}:{}: {}", w.file, w.line, w.column, m);
  }
  SourceLocation where_;
  std::string message_;
};

}  // namespace scenario
