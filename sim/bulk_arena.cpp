#include "sim/bulk_arena.h"

#include <new>

#include "sim/bulk_allocator.h"

namespace sim {
namespace {

// The arena's upstream: blocks of a huge page or more from bulk::acquire, smaller ones from
// operator new (the monotonic resource asks for its later blocks in growing sizes).
class HugeBlocks final : public std::pmr::memory_resource {
  void* do_allocate(std::size_t bytes, std::size_t alignment) override {
    if (bytes < bulk::kHugePage) return ::operator new(bytes, std::align_val_t{alignment});
    return bulk::acquire(bytes);  // 2 MiB aligned: any alignment a node asks for
  }
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override {
    if (bytes < bulk::kHugePage) return ::operator delete(p, std::align_val_t{alignment});
    bulk::release(p, bytes);
  }
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }
};

HugeBlocks& huge_blocks() {
  static HugeBlocks blocks;  // stateless: one serves every arena and thread
  return blocks;
}

}  // namespace

bool BulkArena::reserve(std::size_t bytes) {
  if (used_ || arena_) return arena_.has_value();
  // Whole huge pages, less room for the monotonic resource's own block header, so the block it
  // asks for still rounds to the same units.
  const std::size_t units = bytes == 0 ? 1 : (bytes + bulk::kHugePage - 1) / bulk::kHugePage;
  arena_.emplace(units * bulk::kHugePage - 64, &huge_blocks());
  return true;
}

void* BulkArena::do_allocate(std::size_t bytes, std::size_t alignment) {
  used_ = true;
  if (arena_) return arena_->allocate(bytes, alignment);
  return ::operator new(bytes, std::align_val_t{alignment});
}

void BulkArena::do_deallocate(void* p, std::size_t /*bytes*/, std::size_t alignment) {
  if (arena_) return;  // monotonic: given back when the arena goes
  ::operator delete(p, std::align_val_t{alignment});
}

}  // namespace sim
