#include "admin/admin.h"

#include "admin/internal.h"

namespace congtin::admin {

BackOffice::BackOffice(auth::AuthService& auth, const render::Theme& theme, const Clock& clock,
                       AdminOptions options)
    : deps_(std::make_shared<BackOfficeDeps>(
          BackOfficeDeps{auth, theme, clock, std::move(options), nullptr})) {}

BackOffice::~BackOffice() = default;

void BackOffice::set_queue_provider(QueueProvider p) { deps_->queues = std::move(p); }

void BackOffice::add_routes(http::Router& router) const {
  add_start_routes(router, deps_);
  add_login_routes(router, deps_);
  add_account_routes(router, deps_);
  add_user_routes(router, deps_);
  // Anything else under /admin/ for a signed-in user: the back office's own 404 page.
  router.get("/admin/{rest...}", guarded(deps_, RoleSet::all(), [](const AdminRequest& r) {
               return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
             }));
}

}  // namespace congtin::admin
