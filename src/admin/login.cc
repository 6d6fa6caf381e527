// Signing in (password, then the TOTP code when enabled) and out.
#include <chrono>

#include "admin/internal.h"
#include "auth/crypto.h"

namespace congtin::admin {
namespace {

using Deps = std::shared_ptr<const BackOfficeDeps>;

http::Response with_session_cookie(const BackOfficeDeps& d, const http::Request& req,
                                   http::Response r, const std::string& token) {
  CookieOptions o;
  o.secure = request_is_https(d, req);
  r.header("Set-Cookie", set_cookie(kSessionCookie, token, o));
  return r;
}

http::Response login_form(const BackOfficeDeps& d, const http::Request& req, std::string tiep,
                          std::string username, std::string error, int status) {
  // A fresh double-submit token for each form shown; SameSite=Strict keeps it off cross-site
  // posts even in browsers that would send a Lax cookie.
  const std::string token = auth::random_token();
  nlohmann::json ctx = {{"title", "Đăng nhập"},
                        {"login_csrf", token},
                        {"tiep", std::move(tiep)},
                        {"username", std::move(username)}};
  if (!error.empty()) ctx["error"] = std::move(error);
  http::Response r = render_page(d, nullptr, req, "login", std::move(ctx), status);
  CookieOptions o;
  o.secure = request_is_https(d, req);
  o.same_site = "Strict";
  o.max_age = 3600;
  r.header("Set-Cookie", set_cookie(kLoginCookie, token, o));
  return r;
}

http::Response get_login(const BackOfficeDeps& d, const http::Request& req) {
  auto who = d.auth.authenticate(cookie_value(req, kSessionCookie));
  if (who && !who->session.totp_pending) return see_other("/admin");
  if (who) return see_other("/admin/xac-thuc");
  return login_form(d, req, req.query_param("tiep").value_or(""), "", "", 200);
}

http::Response post_login(const BackOfficeDeps& d, const http::Request& req) {
  auto form = Form::parse(req, d.options.max_form_bytes);
  if (!form) return forbidden_page(d, nullptr, req, form.error().message);
  const std::string expected = cookie_value(req, kLoginCookie);
  const std::string sent = form->value(kCsrfField);
  const std::string tiep = safe_return_path(form->value("tiep"));
  if (expected.empty() || !auth::equal_constant_time(sent, expected)) {
    return login_form(d, req, tiep, form->value("username"),
                      "Biểu mẫu đăng nhập đã cũ hoặc trình duyệt chặn cookie. Hãy nhập lại và "
                      "gửi lần nữa.",
                      403);
  }
  auto result = d.auth.login(form->value("username"), form->value("password"), client_of(d, req));
  if (!result) return error_page(d, req, "login", result.error());
  switch (result->outcome) {
    case auth::LoginResult::kSignedIn:
      return with_session_cookie(d, req, see_other(tiep), result->token);
    case auth::LoginResult::kTotpRequired:
      return with_session_cookie(d, req, see_other("/admin/xac-thuc"), result->token);
    case auth::LoginResult::kRejected:
      break;
  }
  http::Response r = login_form(d, req, tiep, form->value("username"), result->message,
                                result->throttled ? 429 : 200);
  if (result->throttled) {
    const auto wait = result->retry_at - d.clock.now();
    r.header("Retry-After", std::to_string(std::max<long long>(1, wait.count())));
  }
  return r;
}

http::Response totp_form(const BackOfficeDeps& d, const http::Request& req,
                         const auth::Authenticated& who, std::string error, int status) {
  nlohmann::json ctx = {{"title", "Xác thực hai bước"}, {"totp_csrf", who.session.csrf_token}};
  if (!error.empty()) ctx["error"] = std::move(error);
  return render_page(d, &who, req, "totp_verify", std::move(ctx), status);
}

http::Response get_totp(const BackOfficeDeps& d, const http::Request& req) {
  auto who = d.auth.authenticate(cookie_value(req, kSessionCookie));
  if (!who) return see_other(std::string(kLoginPath), "phien-het-han");
  if (!who->session.totp_pending) return see_other("/admin");
  return totp_form(d, req, *who, "", 200);
}

http::Response post_totp(const BackOfficeDeps& d, const http::Request& req) {
  const std::string token = cookie_value(req, kSessionCookie);
  auto who = d.auth.authenticate(token);
  if (!who) return see_other(std::string(kLoginPath), "phien-het-han");
  if (!who->session.totp_pending) return see_other("/admin");
  auto form = Form::parse(req, d.options.max_form_bytes);
  if (!form) return forbidden_page(d, nullptr, req, form.error().message);
  if (!auth::equal_constant_time(form->value(kCsrfField), who->session.csrf_token)) {
    return forbidden_page(d, nullptr, req,
                          "Biểu mẫu không hợp lệ hoặc đã cũ (thiếu mã bảo vệ CSRF). Hãy tải lại "
                          "trang rồi gửi lại.");
  }
  auto result = d.auth.verify_totp(token, form->value("code"), client_of(d, req));
  if (!result) return error_page(d, req, "totp verify", result.error());
  if (result->outcome == auth::LoginResult::kSignedIn)
    return with_session_cookie(d, req, see_other("/admin"), result->token);
  if (result->throttled) return login_form(d, req, "", who->user.username, result->message, 429);
  return totp_form(d, req, *who, result->message, 200);
}

http::Response post_logout(const AdminRequest& r) {
  const std::string token = cookie_value(r.http, kSessionCookie);
  if (auto s = r.deps.auth.logout(token, r.client); !s)
    return error_page(r.deps, r.http, "logout", s.error());
  http::Response resp = see_other(std::string(kLoginPath), "da-dang-xuat");
  CookieOptions o;
  o.secure = request_is_https(r.deps, r.http);
  o.max_age = 0;
  resp.header("Set-Cookie", set_cookie(kSessionCookie, "", o));
  return resp;
}

}  // namespace

void add_login_routes(http::Router& router, const Deps& d) {
  router.get(kLoginPath, [d](const http::Request& req, const http::Params&) {
    return finish(get_login(*d, req));
  });
  router.post(kLoginPath, [d](const http::Request& req, const http::Params&) {
    return finish(post_login(*d, req));
  });
  router.get("/admin/xac-thuc", [d](const http::Request& req, const http::Params&) {
    return finish(get_totp(*d, req));
  });
  router.post("/admin/xac-thuc", [d](const http::Request& req, const http::Params&) {
    return finish(post_totp(*d, req));
  });
  router.post("/admin/dang-xuat",
              guarded(d, RoleSet::all(), post_logout,
                      GuardOptions{.allow_totp_pending = true, .allow_must_enrol = true}));
}

}  // namespace congtin::admin
