// Internal to admin/: what the handlers share. Use admin/admin.h and admin/guard.h outside.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "admin/admin.h"
#include "admin/guard.h"

namespace congtin::admin {

struct BackOfficeDeps {
  auth::AuthService& auth;
  const render::Theme& theme;
  const Clock& clock;
  AdminOptions options;
  QueueProvider queues;
};

inline constexpr std::string_view kSessionCookie = "congtin_phien";
// Double-submit token of the login form (before there is a session to tie a token to).
inline constexpr std::string_view kLoginCookie = "congtin_dang_nhap";
inline constexpr std::string_view kCsrfField = "_csrf";
inline constexpr std::string_view kLoginPath = "/admin/dang-nhap";

// True when the request reached us over HTTPS: force_secure_cookies, or a trusted proxy's
// X-Forwarded-Proto: https.
bool request_is_https(const BackOfficeDeps& d, const http::Request& req);
// The client's address (the last X-Forwarded-For hop when the peer is a trusted proxy) and
// user agent.
auth::Client client_of(const BackOfficeDeps& d, const http::Request& req);

// Makes any back-office answer uncacheable and adds the security headers.
http::Response finish(http::Response r);

// The frame context for a page: site name, user and nav (when signed in), CSRF token,
// notice text for ?tb=CODE.
nlohmann::json frame_context(const BackOfficeDeps& d, const auth::Authenticated* who,
                             const http::Request& req, std::string_view title);
http::Response render_page(const BackOfficeDeps& d, const auth::Authenticated* who,
                           const http::Request& req, std::string_view tmpl, nlohmann::json ctx,
                           int status = 200);
// The Vietnamese 403 page.
http::Response forbidden_page(const BackOfficeDeps& d, const auth::Authenticated* who,
                              const http::Request& req, std::string message);
// The Vietnamese error page (503 when the store is unavailable, else 500), with a log line.
http::Response error_page(const BackOfficeDeps& d, const http::Request& req, std::string_view what,
                          const Error& e);
// A 303 to path, with "?tb=notice" when notice is not empty.
http::Response see_other(std::string path, std::string_view notice = {});
// A safe place to go back to after login: a path under /admin/ (no scheme, no "//"), else
// "/admin" (the start page).
std::string safe_return_path(std::string_view wanted);

// For handlers: an error from the auth service as a page. Input errors (invalid, conflict,
// denied) re-render `tmpl` with ctx["error"] = message (status 422, or 403 when denied);
// store errors give the error page.
http::Response input_error_page(const AdminRequest& r, std::string_view tmpl, nlohmann::json ctx,
                                const Error& e);

// Routes, by resource.
void add_login_routes(http::Router& router, const std::shared_ptr<const BackOfficeDeps>& d);
void add_account_routes(http::Router& router, const std::shared_ptr<const BackOfficeDeps>& d);
void add_user_routes(http::Router& router, const std::shared_ptr<const BackOfficeDeps>& d);
void add_start_routes(http::Router& router, const std::shared_ptr<const BackOfficeDeps>& d);

// An SVG QR code of text (for the TOTP provisioning URI); empty on failure.
std::string qr_svg(std::string_view text);

}  // namespace congtin::admin
