// Clock: where the time comes from, so that tests can move it.
// SystemClock reads the real time; FakeClock holds a time that tests set and advance.
// Both are thread-safe.
#pragma once

#include <atomic>
#include <chrono>

namespace congtin {

using Seconds = std::chrono::sys_seconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Seconds now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Seconds now() const override {
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Seconds t) : t_(t.time_since_epoch().count()) {}
  Seconds now() const override { return Seconds(std::chrono::seconds(t_.load())); }
  void set(Seconds t) { t_ = t.time_since_epoch().count(); }
  void advance(std::chrono::seconds d) { t_ += d.count(); }

 private:
  std::atomic<long long> t_;
};

}  // namespace congtin
