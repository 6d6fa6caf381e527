// The start page and the back office's static files.
#include "admin/internal.h"
#include "http/static_files.h"

namespace congtin::admin {
namespace {

using Deps = std::shared_ptr<const BackOfficeDeps>;

http::Response get_start(const AdminRequest& r) {
  nlohmann::json ctx = {{"title", "Trang đầu"}};
  if (r.deps.queues) {
    auto queues = r.deps.queues(r.who.user);
    if (!queues) return error_page(r.deps, r.http, "start page queues", queues.error());
    ctx["queues"] = std::move(*queues);
    ctx["has_queue_provider"] = true;
  }
  ctx["is_admin"] = r.who.user.role == content::Role::kAdmin;
  return r.page("home", std::move(ctx));
}

}  // namespace

void add_start_routes(http::Router& router, const Deps& d) {
  // "/admin", not "/admin/": http::Router cannot match a path that ends with a slash.
  router.get("/admin", guarded(d, RoleSet::all(), get_start));
  // Static files need no session: the login page uses them. They are the same for everyone,
  // so they may be cached like the public site's.
  router.get("/admin/static/vendor/{path...}",
             [d](const http::Request& req, const http::Params& p) {
               return http::serve_static(d->options.vendor_dir, p.get("path"), req);
             });
  router.get("/admin/static/{path...}", [d](const http::Request& req, const http::Params& p) {
    return http::serve_static(d->options.static_dir, p.get("path"), req);
  });
}

}  // namespace congtin::admin
