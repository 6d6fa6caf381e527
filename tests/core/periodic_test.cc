// Periodic runs its task every interval on its own thread, and never again once stopped.
#include "core/periodic.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace congtin {
namespace {

using namespace std::chrono_literals;

TEST(Periodic, RunsEveryIntervalUntilStopped) {
  std::atomic<int> runs{0};
  Periodic p(10ms, [&] { ++runs; });
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (runs < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(1ms);
  EXPECT_GE(runs, 3);
  p.stop();
  const int stopped_at = runs;
  std::this_thread::sleep_for(50ms);
  EXPECT_EQ(runs, stopped_at);
  p.stop();  // idempotent
}

TEST(Periodic, FirstRunWaitsOneIntervalAndStopDoesNotWaitForIt) {
  std::atomic<int> runs{0};
  const auto start = std::chrono::steady_clock::now();
  {
    Periodic p(1h, [&] { ++runs; });
  }  // the destructor stops it at once, not after an hour
  EXPECT_EQ(runs, 0);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(Periodic, StopWaitsForARunInProgress) {
  std::atomic<bool> inside{false}, finished{false};
  Periodic p(1ms, [&] {
    if (finished) return;
    inside = true;
    std::this_thread::sleep_for(50ms);
    finished = true;
  });
  while (!inside) std::this_thread::sleep_for(1ms);
  p.stop();
  EXPECT_TRUE(finished);
}

}  // namespace
}  // namespace congtin
