// Shared helpers for the scenario tests.
#pragma once

#include <string>
#include <vector>

#include "scenario/run.h"

namespace scenario_test {

// A minimal valid scenario (one AWS project "shop", cluster "orders" on the key) plus `extra`.
inline std::string base(const std::string& extra = "", const std::string& horizon = "4h") {
  return "cmksim: 1\nname: t\nseed: 1\nhorizon: " + horizon +
         "\nprojects:\n  - name: shop\n    kms:\n      - provider: AWS\n    clusters:\n      - {name: orders, cmk: AWS}\n" + extra;
}

// Records every Record a run emits.
struct Recorder : sim::Observer {
  std::vector<sim::Record> records;
  std::vector<sim::FiredEvent> fired;
  void on_record(const sim::Record& r) override { records.push_back(r); }
  void on_fired(const sim::FiredEvent& e) override { fired.push_back(e); }
};

// One line per record, every field: for byte-for-byte comparisons and searches.
std::string dump(const std::vector<sim::Record>& records);

}  // namespace scenario_test
