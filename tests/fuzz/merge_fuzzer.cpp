// libFuzzer target: one `cmksim merge` input (a partial result of `cmksim sweep --out`) through
// the part reader, merged with itself as run_merge merges parts, and printed in every output format. A part must either be
// refused with an InputError (exit 2) or merge and print; any other exception is what the CLI
// reports as exit 3 "internal error", so it is a finding.
#include <cstdint>
#include <exception>
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_check.h"
#include "sweep/output.h"
#include "sweep/partial.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string file = "part.json";
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(reinterpret_cast<const char*>(data), reinterpret_cast<const char*>(data) + size);
  } catch (const nlohmann::json::exception&) {
    return 0;  // parse_partial turns any parse failure into an InputError (exit 2)
  }
  try {
    // As run_merge does: read, merge (here the part with itself), look for missing runs, print.
    sweep::SweepData d = sweep::partial_from_json(j, file);
    try {
      d.merge(sweep::partial_from_json(j, file));
    } catch (const std::invalid_argument&) {
      // the CLI reports this as an InputError naming the second part
    }
    if (!d.missing_runs().empty()) return 0;
    (void)sweep::format_table(d);
    (void)sweep::format_csv(d);
    (void)sweep::format_json(d);
    (void)sweep::partial_to_json(d, 1, 1).dump();
  } catch (const scenario::InputError& e) {
    fuzz::check_refusal(e, file);
  } catch (const std::exception& e) {
    fuzz::finding(std::string("internal error (exit 3): ") + e.what());
  }
  return 0;
}
