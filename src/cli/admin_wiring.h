// The back office's part of `congtin serve`: opens the account repositories and the audit
// log, builds the AuthService and mounts /admin/ on the router. Kept out of serve_command.cc so
// that the shared file only gains a call.
#pragma once

#include <memory>

#include "content/events.h"
#include "content/newsroom_service.h"
#include "content/repository.h"
#include "core/clock.h"
#include "core/config.h"
#include "core/result.h"
#include "http/router.h"

namespace congtin::stats {
class StatsService;
}

namespace congtin::cli {

// What the back office works on, owned by `serve`; everything outlives the router's use.
struct AdminContext {
  content::Store& store;
  content::EventBus& events;  // back-office changes are announced here (cache, search)
  content::NewsroomService& newsroom;
  stats::StatsService* stats = nullptr;  // null when statistics are off
};

class AdminWiring {
 public:
  virtual ~AdminWiring() = default;
};

// Login limits and Secure cookies come from Config (login_*, secure_cookies).
// X-Forwarded-For/-Proto are believed from config.trusted_proxies only. The returned object
// owns what the routes use and must outlive the router's use.
Result<std::unique_ptr<AdminWiring>> wire_admin(const Config& config, const AdminContext& ctx,
                                                const Clock& clock, http::Router& router);

}  // namespace congtin::cli
