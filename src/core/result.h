// Result<T>: the value of an operation that can fail in an expected way.
//
// Expected failures (a missing row, invalid input, a busy database) are values with a named
// kind and a message a person can act on; exceptions are kept for bugs and start-up failures.
// A Result is either ok() and holds a T, or holds an Error. Thread-compatible, like any value.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace congtin {

enum class ErrorKind {
  kInvalidArgument,  // the caller's input is wrong; message says which part and why
  kNotFound,         // the thing asked for does not exist
  kConflict,         // a uniqueness or concurrent-edit conflict
  kPermissionDenied,
  kUnavailable,      // a dependency (database, port, file) cannot be reached now
  kCorruption,       // stored data is not what it should be
  kIo,               // the operating system refused a read or write
  kInternal,         // a bug or an unexpected state
};

const char* error_kind_name(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;

  static Error invalid(std::string m) { return {ErrorKind::kInvalidArgument, std::move(m)}; }
  static Error not_found(std::string m) { return {ErrorKind::kNotFound, std::move(m)}; }
  static Error conflict(std::string m) { return {ErrorKind::kConflict, std::move(m)}; }
  static Error unavailable(std::string m) { return {ErrorKind::kUnavailable, std::move(m)}; }
  static Error corruption(std::string m) { return {ErrorKind::kCorruption, std::move(m)}; }
  static Error io(std::string m) { return {ErrorKind::kIo, std::move(m)}; }
  static Error internal(std::string m) { return {ErrorKind::kInternal, std::move(m)}; }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { assert(ok()); return std::get<0>(v_); }
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const { assert(!ok()); return std::get<1>(v_); }
  Error&& take_error() { assert(!ok()); return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool ok() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const { assert(!ok_); return error_; }
  Error&& take_error() { assert(!ok_); return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace congtin
