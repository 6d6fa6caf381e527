#include "content/scheduler.h"

#include <spdlog/spdlog.h>

#include <cassert>

namespace congtin::content {

namespace {
void log_pass(const Result<int>& r) {
  if (!r) {
    spdlog::error("scheduler: {}", r.error().message);
  } else if (*r > 0) {
    spdlog::info("scheduler: {} scheduled article(s) published", *r);
  }
}
}  // namespace

Result<int> Scheduler::start() {
  assert(!thread_.joinable());
  auto first = publish_due(clock_.now());
  log_pass(first);
  {
    std::lock_guard lock(mu_);
    stopping_ = false;
  }
  thread_ = std::thread([this] { loop(); });
  return first;
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Scheduler::loop() {
  std::unique_lock lock(mu_);
  while (!stopping_) {
    if (wake_.wait_for(lock, interval_, [this] { return stopping_; })) break;
    lock.unlock();
    log_pass(publish_due(clock_.now()));
    lock.lock();
  }
}

}  // namespace congtin::content
