// The catalogue of every error the model can answer: one row per code with its HTTP status, its
// message template and its source. The factories of models/errors.cpp build every AtlasError from
// a row, so a code, its status and its text are written once. `cmksim errors`, FORMAT.md's table
// and the schema's expect_error enum list the same rows (tests check all three).
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace models {

struct ErrorInfo {
  std::string_view code;     // errorCode, e.g. "CANNOT_ASSUME_ROLE"
  int httpStatus = 400;
  // The detail text; %s / %d stand for the values the factory fills in, in order, as the Atlas
  // error-code list writes them. Documented codes carry that list's text, observed ones the text
  // seen on Atlas; SIM_ codes are the model's own stand-ins (spec §3.2 last paragraph).
  std::string_view message;
  std::string_view source;   // citation: "api-errors", "CIREP", "spec §3.2 [inferred]"
  bool transient = false;    // a server-side answer inject_api_error can give to any request
};

// Every row, ordered by code.
std::span<const ErrorInfo> error_catalogue();

// The row of `code`, or nullptr.
const ErrorInfo* find_error(std::string_view code);

// `message` with each %s / %d replaced by the next of `values` (missing values leave the
// placeholder as it is, so a mistake shows in the text).
std::string fill_message(std::string_view message, const std::vector<std::string>& values);

}  // namespace models
