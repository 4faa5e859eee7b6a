#include "sim/bulk_allocator.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace {
bool huge_aligned(const void* p) { return reinterpret_cast<std::uintptr_t>(p) % sim::bulk::kHugePage == 0; }
}  // namespace

TEST_CASE("bulk allocator: a table of 2 MiB or more starts on a huge-page boundary, a smaller one does not need to") {
  std::vector<std::uint64_t, sim::BulkAllocator<std::uint64_t>> big;
  big.reserve(sim::bulk::kHugePage / sizeof(std::uint64_t) + 1);  // just over one huge page: two units
  CHECK(huge_aligned(big.data()));
  std::vector<std::uint64_t, sim::BulkAllocator<std::uint64_t>> small(16, 7);
  CHECK(small[15] == 7);
}

TEST_CASE("bulk allocator: growing from small blocks into bulk ones keeps every element, strings included") {
  std::vector<std::string, sim::BulkAllocator<std::string>> names;
  const std::size_t n = 3 * sim::bulk::kHugePage / sizeof(std::string);  // crosses from operator new into bulk blocks
  for (std::size_t i = 0; i < n; ++i) names.push_back("entity-with-a-long-name-" + std::to_string(i));
  CHECK(huge_aligned(names.data()));
  CHECK(names.front() == "entity-with-a-long-name-0");
  CHECK(names[n / 2] == "entity-with-a-long-name-" + std::to_string(n / 2));
  CHECK(names.back() == "entity-with-a-long-name-" + std::to_string(n - 1));
  names.shrink_to_fit();  // gives the bulk block back (to munmap) and copies into a fitted one
  CHECK(names.back() == "entity-with-a-long-name-" + std::to_string(n - 1));
}
