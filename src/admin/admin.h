// BackOffice: the newsroom's back office under /admin/, server-rendered in Vietnamese with the
// admin theme (themes/admin/).
//
// Routes (a fixed contract):
//   GET  /admin                       start page: the signed-in user's queues (see QueueProvider)
//   GET  /admin/dang-nhap             login form; POST: sign in (?tiep=/admin/... to go back)
//   (http::Router cannot match "/admin/" with its trailing slash: that path gets the 404 page)
//   POST /admin/dang-xuat             sign out
//   GET  /admin/xac-thuc              second-factor form after the password; POST: check code
//   GET  /admin/tai-khoan             own account: change password, two-factor status
//   POST /admin/tai-khoan/mat-khau    change password
//   GET  /admin/tai-khoan/hai-buoc    two-factor enrolment (secret, QR code); POST: confirm
//   POST /admin/tai-khoan/tat-hai-buoc  turn two-factor off (needs the password)
//   GET  /admin/nguoi-dung            users (quản trị only); POST /admin/nguoi-dung: create
//   GET  /admin/nguoi-dung/{id}       one user; POST .../vai-tro, .../khoa, .../mo-khoa,
//                                     .../dat-lai-mat-khau
//   POST /admin/cai-dat/hai-buoc      site setting: two-factor required for administrators
//   GET  /admin/static/{path...}      the admin theme's CSS; /admin/static/vendor/... fonts
//   /admin/bai-viet...                the newsroom's article screens and editor (admin/articles.h)
// Every page goes through the guard (admin/guard.h): no session → the login page, wrong role
// → 403 page, POST without the session's CSRF token → 403 page. Every answer is
// uncacheable (Response::cacheable = false, Cache-Control: no-store).
//
// Thread-safety: after add_routes() the handlers may run on many threads; the AuthService,
// theme and clock must outlive the router.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/auth_service.h"
#include "core/clock.h"
#include "http/router.h"
#include "render/theme.h"

namespace congtin::admin {

inline constexpr std::string_view kDefaultSiteName = "Cổng thông tin";

struct AdminOptions {
  // The site's name in the header and the page titles, asked for each page, so that a name
  // saved in Cài đặt trang shows at once (SiteAdmin's stored_site_name()); without it, or when
  // it gives nothing, kDefaultSiteName.
  std::function<std::string()> site_name;
  // Mark cookies Secure on every answer (the site is served over HTTPS by a proxy that does
  // not send X-Forwarded-Proto, or directly).
  bool force_secure_cookies = false;
  // Peer addresses whose X-Forwarded-For and X-Forwarded-Proto are believed (nginx in front).
  std::vector<std::string> trusted_proxies;
  std::filesystem::path static_dir;  // themes/admin/static
  std::filesystem::path vendor_dir;  // themes/default/static/vendor (the self-hosted font)
  std::size_t max_form_bytes = 64 * 1024;
  // Visitor statistics are counted (the dashboard /admin/thong-ke exists and gets a nav entry).
  bool statistics = false;
};

// What the start page shows in its "Công việc của tôi" section: a list of queues, each
// {"title": "...", "empty_text": "...", "items": [{"title","url","status","updated"}...]}.
// Set by the workflow (issue 3, part B); without one the page says the queues come later.
using QueueProvider = std::function<Result<nlohmann::json>(const auth::User&)>;

struct BackOfficeDeps;

class BackOffice {
 public:
  BackOffice(auth::AuthService& auth, const render::Theme& theme, const Clock& clock,
             AdminOptions options);
  ~BackOffice();

  void set_queue_provider(QueueProvider p);

  // Registers every route above.
  void add_routes(http::Router& router) const;

  // For modules that add their own back-office pages (the editor, media): the dependencies
  // the guard needs (admin/guard.h).
  std::shared_ptr<const BackOfficeDeps> deps() const { return deps_; }

 private:
  std::shared_ptr<BackOfficeDeps> deps_;
};

}  // namespace congtin::admin
