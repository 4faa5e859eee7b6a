// Blocks come straight from mmap: a mapping of the rounded size plus one huge page, trimmed at both
// ends to the aligned part, so the whole block can be backed by huge pages and nothing else shares
// its pages.
#include "sim/bulk_allocator.h"

#include <sys/mman.h>

#include <cassert>
#include <cstdint>

namespace sim::bulk {
namespace {
std::size_t rounded(std::size_t bytes) { return (bytes + kHugePage - 1) / kHugePage * kHugePage; }
}  // namespace

void* acquire(std::size_t bytes) {
  assert(bytes >= kHugePage);
  const std::size_t size = rounded(bytes);
  void* raw = ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<std::uintptr_t>(raw);
  const std::uintptr_t aligned = (start + kHugePage - 1) / kHugePage * kHugePage;
  if (aligned > start) ::munmap(raw, aligned - start);
  if (const std::size_t tail = start + size + kHugePage - (aligned + size)) ::munmap(reinterpret_cast<void*>(aligned + size), tail);
#ifdef MADV_HUGEPAGE
  ::madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);  // advice only: if refused, small pages
#endif
  return reinterpret_cast<void*>(aligned);
}

void release(void* p, std::size_t bytes) noexcept { ::munmap(p, rounded(bytes)); }

}  // namespace sim::bulk
