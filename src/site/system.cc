// GET /healthz: an answer for machines, no theme involved (robots.txt is in sitemap.cc).
#include <spdlog/spdlog.h>

#include "site/handlers.h"

namespace congtin::site {

http::Response handle_healthz(const Deps& d) {
  const Status s = d.store.ping();
  http::Response r = s ? http::Response::text(200, "ok") : http::Response::text(503, "unavailable");
  if (!s) spdlog::warn("healthz: store ping failed: {}", s.error().message);
  r.header("Cache-Control", "no-store");
  return r;
}

}  // namespace congtin::site
