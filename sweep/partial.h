// Partial results (`cmksim sweep --shard K/N --out part-K.json`): a SweepData as JSON, with the raw
// (run, value) samples, so `cmksim merge` can rebuild exactly what the unsharded sweep computes.
// Seeds are written as decimal strings (tools such as jq read numbers as doubles and would round a
// 64-bit seed).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sweep/aggregate.h"

namespace sweep {

inline constexpr const char* kPartialFormat = "cmksim-sweep-partial";
inline constexpr int kPartialVersion = 1;

nlohmann::json partial_to_json(const SweepData& d, std::uint32_t shard, std::uint32_t shards);
// Throws scenario::InputError "file: message" (with line and column for JSON syntax errors).
SweepData partial_from_json(const nlohmann::json& j, const std::string& file);
SweepData read_partial(const std::string& path);

}  // namespace sweep
