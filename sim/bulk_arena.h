// BulkArena: the memory resource of a model's many small nodes that live as long as the model (the
// name indexes of a fleet's entities: one hash node per cluster). On a virtual machine each 4 KiB
// page touched for the first time costs a page fault of about 10 us, and 10,000 such nodes touch
// 150 pages: a third of a fleet's setup. So:
//   - until reserve(), every request goes to operator new and back to operator delete: a small
//     model (a sweep builds about 25,000 a second) pays for no arena;
//   - reserve(bytes), before the first request, turns it into a monotonic arena whose first block
//     holds `bytes` in whole 2 MiB units from bulk::acquire (huge pages where the kernel gives
//     them); later blocks grow geometrically. It then frees nothing until it is destroyed.
// A reserve() after the first request is ignored, so no pointer is ever freed to the wrong place.
// Not thread-safe, as the model that owns it.
#pragma once

#include <cstddef>
#include <memory_resource>
#include <optional>

namespace sim {

class BulkArena final : public std::pmr::memory_resource {
 public:
  BulkArena() = default;
  BulkArena(const BulkArena&) = delete;
  BulkArena& operator=(const BulkArena&) = delete;

  // Makes this an arena whose first block holds `bytes` (whole huge pages), if nothing was
  // allocated yet; otherwise does nothing. Returns whether it is an arena now.
  bool reserve(std::size_t bytes);
  bool is_arena() const { return arena_.has_value(); }

 private:
  void* do_allocate(std::size_t bytes, std::size_t alignment) override;
  void do_deallocate(void* p, std::size_t bytes, std::size_t alignment) override;
  bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override { return this == &other; }

  bool used_ = false;  // something was allocated: the mode is fixed
  std::optional<std::pmr::monotonic_buffer_resource> arena_;
};

}  // namespace sim
