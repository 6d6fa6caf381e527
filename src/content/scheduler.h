// Scheduler: puts scheduled articles online when their time comes.
//
// publish_due(now) does one pass (NewsroomService::publish_due). start() makes one pass at
// once — so articles whose time passed while the server was down go live at start-up — and
// then one pass every `interval` on a thread of its own, until stop() or destruction. With
// the default 30 s interval a scheduled article is online within the minute.
//
// Thread-safety: publish_due() may be called from any thread; start() and stop() from one
// owner thread. The service and clock must outlive the Scheduler.
#pragma once

#include <chrono>
#include <optional>

#include "content/newsroom_service.h"
#include "core/clock.h"
#include "core/periodic.h"

namespace congtin::content {

class Scheduler {
 public:
  Scheduler(NewsroomService& service, const Clock& clock,
            std::chrono::milliseconds interval = std::chrono::seconds(30))
      : service_(service), clock_(clock), interval_(interval) {}
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;
  ~Scheduler() { stop(); }

  // Articles published by this pass; errors are those of NewsroomService::publish_due.
  Result<int> publish_due(Time now) { return service_.publish_due(now); }

  // One pass now (its result returned), then the timer thread. Calling start() twice is a bug.
  Result<int> start();
  // Wakes the thread and joins it; a pass in progress finishes first. Idempotent.
  void stop();

 private:
  NewsroomService& service_;
  const Clock& clock_;
  const std::chrono::milliseconds interval_;
  std::optional<Periodic> timer_;
};

}  // namespace congtin::content
