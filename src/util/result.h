// util::Result<T, E> — a value or an error, shaped like C++23 std::expected.
//
// Public functions across fastscim return a Result instead of throwing, so
// that every failure path is visible at the call site.  The member names
// (has_value, value, error, operator bool) match std::expected, so moving to
// C++23 means replacing this header with an alias.
//
// Thread-safety: a Result is a plain value; distinct objects may be used from
// distinct threads.
#ifndef FASTSCIM_UTIL_RESULT_H_
#define FASTSCIM_UTIL_RESULT_H_

#include <cassert>
#include <type_traits>
#include <utility>
#include <variant>

namespace fastscim::util {

// Wraps an error so that Result<T, E> can be built from it unambiguously,
// like std::unexpected.
template <typename E>
class Unexpected {
 public:
  explicit Unexpected(E error) : error_(std::move(error)) {}
  E& error() & { return error_; }
  E&& error() && { return std::move(error_); }

 private:
  E error_;
};

template <typename E>
Unexpected(E) -> Unexpected<E>;

template <typename T, typename E>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  template <typename G>
  Result(Unexpected<G> error)  // NOLINT: implicit by design
      : state_(std::in_place_index<1>, std::move(error).error()) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  // Requires: has_value().
  T& value() & {
    assert(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // Requires: !has_value().
  E& error() & {
    assert(!has_value());
    return std::get<1>(state_);
  }
  const E& error() const& {
    assert(!has_value());
    return std::get<1>(state_);
  }
  E&& error() && {
    assert(!has_value());
    return std::get<1>(std::move(state_));
  }

 private:
  std::variant<T, E> state_;
};

// Result<void, E>: success carries nothing.
template <typename E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  template <typename G>
  Result(Unexpected<G> error) : error_(std::move(error).error()), failed_(true) {}  // NOLINT

  bool has_value() const { return !failed_; }
  explicit operator bool() const { return has_value(); }
  void value() const { assert(has_value()); }

  E& error() & {
    assert(failed_);
    return error_;
  }
  const E& error() const& {
    assert(failed_);
    return error_;
  }
  E&& error() && {
    assert(failed_);
    return std::move(error_);
  }

 private:
  E error_{};
  bool failed_ = false;
};

}  // namespace fastscim::util

#endif  // FASTSCIM_UTIL_RESULT_H_
