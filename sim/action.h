// Action: the callable an event runs when it fires. Small trivially-copyable callables (a lambda
// capturing `this` and an id or two, up to 16 bytes) live inline with no allocation; anything else
// is boxed on the heap. Either way an Action moves by copying its bytes, which keeps event slots
// small and the hot path free of virtual calls.
#pragma once

#include <cstring>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>

namespace sim {

class Action {
 public:
  static constexpr std::size_t kInlineBytes = 16;

  Action() = default;

  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Action>>>
  Action(F&& f) {  // NOLINT(google-explicit-constructor): lambdas convert implicitly by design
    using Fn = std::decay_t<F>;
    if constexpr (sizeof(Fn) <= kInlineBytes && alignof(Fn) <= alignof(void*) &&
                  std::is_trivially_copyable_v<Fn> && std::is_trivially_destructible_v<Fn>) {
      ::new (static_cast<void*>(buf_)) Fn(std::forward<F>(f));
      op_ = &inline_op<Fn>;
    } else {
      Fn* boxed = new Fn(std::forward<F>(f));
      std::memcpy(buf_, &boxed, sizeof boxed);
      op_ = &boxed_op<Fn>;
    }
  }

  Action(Action&& o) noexcept { steal(o); }
  Action& operator=(Action&& o) noexcept {
    if (this != &o) {
      reset();
      steal(o);
    }
    return *this;
  }
  Action(const Action&) = delete;
  Action& operator=(const Action&) = delete;
  ~Action() { reset(); }

  // Moves `o` into this Action, which is empty: a move-assignment without its self-check and
  // reset, for the event set's slots (always empty when reused). Precondition: !*this.
  void fill(Action&& o) noexcept { steal(o); }

  explicit operator bool() const { return op_ != nullptr; }
  void operator()() { op_(Op::Invoke, buf_); }
  // Runs the callable and destroys it in one call (the kernel fires each event once); the Action
  // is empty afterwards. Saves the second indirect call a fired event would cost.
  void run_once() {
    const OpFn op = op_;
    op_ = nullptr;
    op(Op::InvokeOnce, buf_);
  }
  void reset() {
    if (op_) op_(Op::Destroy, buf_);
    op_ = nullptr;
  }

 private:
  enum class Op { Invoke, InvokeOnce, Destroy };
  using OpFn = void (*)(Op, void*);

  template <class Fn>
  static void inline_op(Op op, void* buf) {
    if (op != Op::Destroy) (*std::launder(static_cast<Fn*>(buf)))();  // trivially destructible: nothing to destroy
  }
  template <class Fn>
  static void boxed_op(Op op, void* buf) {
    Fn* f;
    std::memcpy(&f, buf, sizeof f);
    if (op == Op::Invoke) {
      (*f)();
    } else if (op == Op::InvokeOnce) {
      const std::unique_ptr<Fn> owner(f);  // deleted even if the call throws
      (*f)();
    } else {
      delete f;
    }
  }
  void steal(Action& o) {
    std::memcpy(buf_, o.buf_, kInlineBytes);
    op_ = o.op_;
    o.op_ = nullptr;
  }

  OpFn op_ = nullptr;
  alignas(void*) unsigned char buf_[kInlineBytes]{};
};

}  // namespace sim
