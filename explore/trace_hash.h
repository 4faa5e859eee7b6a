// TraceHash: a 64-bit FNV-1a digest of everything a run shows (its Records), for the determinism
// invariant: the same seed and the same commands must give the same hash. Records only, not fired
// events: a run with fast-forward fires no idle validation tick (which records nothing), so the
// hash is the same with and without it.
#pragma once

#include <cstdint>
#include <string_view>

#include "sim/observer.h"

namespace explore {

class TraceHash : public sim::Observer {
 public:
  void on_record(const sim::Record& r) override {
    mix(static_cast<std::uint64_t>(r.at.ms()));
    for (std::string_view s : {sim::record_kind_name(r.kind), std::string_view(r.entity), std::string_view(r.from),
                               std::string_view(r.to), std::string_view(r.cause), std::string_view(r.machine)})
      mix(s);
    mix(static_cast<std::uint64_t>(r.row));
    for (const auto& [k, v] : r.fields) {
      mix(k);
      mix(v);
    }
  }
  std::uint64_t value() const { return h_; }
  std::uint64_t records() const { return n_; }

 private:
  void mix(std::string_view s) {
    for (unsigned char c : s) byte(c);
    byte(0xff);  // separator: ("ab","c") and ("a","bc") differ
    ++n_;
  }
  void mix(std::uint64_t v) {
    for (int i = 0; i < 8; ++i) byte(static_cast<unsigned char>(v >> (8 * i)));
  }
  void byte(unsigned char c) {
    h_ ^= c;
    h_ *= 1099511628211ULL;
  }
  std::uint64_t h_ = 14695981039346656037ULL;
  std::uint64_t n_ = 0;
};

}  // namespace explore
