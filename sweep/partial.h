// Partial results (`cmksim sweep --shard K/N --out part-K.json`): a SweepData as JSON, with the raw
// (run, value) samples, so `cmksim merge` can rebuild exactly what the unsharded sweep computes.
// Seeds are written as decimal strings (tools such as jq read numbers as doubles and would round a
// 64-bit seed). Version 2 records the scenario file's hash, so parts of different files, or a
// --report scenario that changed since, are refused.
//
// Reading is bounded and checked: a part is read up to kMaxPartBytes plus one byte (a device or
// pipe cannot make it read forever); its format and version, its run count (within the limit) and
// that its runs are exactly those of the shard it names, for every combination, sample and failure.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sweep/aggregate.h"

namespace sweep {

inline constexpr const char* kPartialFormat = "cmksim-sweep-partial";
inline constexpr int kPartialVersion = 2;

// "fnv1a64:<16 hex digits>" of a scenario file's bytes (FNV-1a: enough to tell files apart).
std::string scenario_hash(std::string_view text);

nlohmann::json partial_to_json(const SweepData& d, std::uint32_t shard, std::uint32_t shards);
// Throws scenario::InputError "file: message" (with line and column for JSON syntax errors).
SweepData partial_from_json(const nlohmann::json& j, const std::string& file);
// The bytes of a part file, at most kMaxPartBytes. Throws scenario::InputError.
std::string read_partial_text(const std::string& path);
// Parses the text of a part file `path`. Throws scenario::InputError.
SweepData parse_partial(const std::string& text, const std::string& path);
SweepData read_partial(const std::string& path);  // read_partial_text + parse_partial

}  // namespace sweep
