// BulkAllocator: the allocator of a model's long-lived per-entity tables (one element per project,
// cluster, ...). A block of 2 MiB or more is placed on a 2 MiB boundary, rounded up to whole
// 2 MiB units, and advised as transparent huge pages (madvise MADV_HUGEPAGE): building a fleet
// then faults a few huge pages instead of one small page per 4 KiB touched, which on a virtual
// machine is most of the cost of setting a fleet up. Smaller blocks come from operator new.
// Where the kernel has no huge page to give (THP off, memory fragmented) the advice is ignored
// and the block behaves as any other: the allocator changes time, never contents.
//
// Stateless, so any two compare equal and containers move and swap storage freely.
#pragma once

#include <cstddef>
#include <new>

namespace sim {

namespace bulk {
inline constexpr std::size_t kHugePage = std::size_t{2} << 20;
// Allocates bytes (>= kHugePage) aligned to kHugePage and advises huge pages; throws
// std::bad_alloc. release() frees what acquire() returned, with the same byte count.
void* acquire(std::size_t bytes);
void release(void* p, std::size_t bytes) noexcept;
}  // namespace bulk

template <class T>
struct BulkAllocator {
  using value_type = T;
  BulkAllocator() = default;
  template <class U>
  BulkAllocator(const BulkAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (n > static_cast<std::size_t>(-1) / sizeof(T)) throw std::bad_array_new_length();
    const std::size_t bytes = n * sizeof(T);
    if (bytes < bulk::kHugePage) return static_cast<T*>(::operator new(bytes, std::align_val_t{alignof(T)}));
    return static_cast<T*>(bulk::acquire(bytes));
  }
  void deallocate(T* p, std::size_t n) noexcept {
    const std::size_t bytes = n * sizeof(T);
    if (bytes < bulk::kHugePage) return ::operator delete(p, std::align_val_t{alignof(T)});
    bulk::release(p, bytes);
  }
  template <class U>
  friend bool operator==(const BulkAllocator&, const BulkAllocator<U>&) noexcept { return true; }
};

}  // namespace sim
