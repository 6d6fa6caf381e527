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
  assert(!timer_);
  auto first = publish_due(clock_.now());
  log_pass(first);
  timer_.emplace(interval_, [this] { log_pass(publish_due(clock_.now())); });
  return first;
}

void Scheduler::stop() { timer_.reset(); }

}  // namespace congtin::content
