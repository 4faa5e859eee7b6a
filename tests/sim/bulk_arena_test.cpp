#include "sim/bulk_arena.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <memory_resource>
#include <string>
#include <unordered_map>

#include "sim/bulk_allocator.h"

namespace {
std::uintptr_t huge_page_of(const void* p) { return reinterpret_cast<std::uintptr_t>(p) / sim::bulk::kHugePage; }
}  // namespace

TEST_CASE("bulk arena: without reserve it is operator new, and a reserve after the first request is refused") {
  sim::BulkArena names;
  CHECK_FALSE(names.is_arena());
  void* p = names.allocate(56, alignof(std::max_align_t));
  CHECK_FALSE(names.reserve(1 << 20));  // p came from operator new: it must go back there
  CHECK_FALSE(names.is_arena());
  names.deallocate(p, 56, alignof(std::max_align_t));  // to operator delete (ASan would see a wrong free)
}

TEST_CASE("bulk arena: reserved, a fleet's nodes share the huge pages of one block") {
  sim::BulkArena names;
  CHECK(names.reserve(10'000 * 72));  // 10,000 names of a node and a bucket each: one 2 MiB unit
  CHECK(names.is_arena());
  CHECK(names.reserve(1));  // already an arena: still one
  const void* first = names.allocate(56, 8);
  CHECK(reinterpret_cast<std::uintptr_t>(first) % sim::bulk::kHugePage == 0);  // the block starts on a huge page
  std::size_t elsewhere = 0;
  for (int i = 1; i < 10'000; ++i)
    if (huge_page_of(names.allocate(56, 8)) != huge_page_of(first)) ++elsewhere;
  CHECK(elsewhere == 0);  // 560,000 bytes in the first 2 MiB block
}

TEST_CASE("bulk arena: a name index on it finds every name, past its reserve and through rehashes") {
  for (const bool arena : {false, true}) {
    sim::BulkArena names;
    if (arena) CHECK(names.reserve(1'000 * 72));
    std::pmr::unordered_map<std::string, std::uint32_t> index{&names};
    index.reserve(1'000);
    for (std::uint32_t i = 0; i < 20'000; ++i) CHECK(index.try_emplace("project-" + std::to_string(i) + '\0' + "cluster", i).second);
    CHECK(index.size() == 20'000);
    CHECK(index.at("project-0" + std::string(1, '\0') + "cluster") == 0);
    CHECK(index.at("project-19999" + std::string(1, '\0') + "cluster") == 19'999);
    CHECK(index.erase("project-7" + std::string(1, '\0') + "cluster") == 1);  // freed to nothing (arena) or to delete
    CHECK(index.count("project-7" + std::string(1, '\0') + "cluster") == 0);
  }
}
