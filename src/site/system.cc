// GET /robots.txt and GET /healthz: answers for machines, no theme involved.
#include <spdlog/spdlog.h>

#include "site/handlers.h"

namespace congtin::site {

http::Response handle_robots() {
  // The sitemap line is added with the sitemap.
  http::Response r = http::Response::text(200,
                                          "User-agent: *\n"
                                          "Allow: /\n"
                                          "Disallow: /admin/\n"
                                          "Disallow: /api/\n");
  r.header("Cache-Control", "public, max-age=3600");
  return r;
}

http::Response handle_healthz(const Deps& d) {
  const Status s = d.store.ping();
  http::Response r = s ? http::Response::text(200, "ok") : http::Response::text(503, "unavailable");
  if (!s) spdlog::warn("healthz: store ping failed: {}", s.error().message);
  r.header("Cache-Control", "no-store");
  return r;
}

}  // namespace congtin::site
