#include "content/events.h"

namespace congtin::content {

void EventBus::subscribe(Subscriber s) {
  std::lock_guard lock(mu_);
  subscribers_.push_back(std::move(s));
}

void EventBus::publish(const Event& e) const {
  std::vector<Subscriber> copy;
  {
    std::lock_guard lock(mu_);
    copy = subscribers_;
  }
  for (const auto& s : copy) s(e);
}

}  // namespace congtin::content
