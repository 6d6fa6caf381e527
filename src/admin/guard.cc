#include "admin/guard.h"

#include <boost/url/url.hpp>

#include "admin/internal.h"
#include "auth/crypto.h"

namespace congtin::admin {
namespace {

bool is_safe_method(std::string_view m) { return m == "GET" || m == "HEAD"; }

std::string login_redirect_target(const http::Request& req) {
  boost::urls::url u(kLoginPath);
  if (req.method == "GET" && req.path != "/admin") u.params().append({"tiep", req.target});
  return std::string(u.buffer());
}

http::Response clear_session_cookie(http::Response r, bool secure) {
  CookieOptions o;
  o.secure = secure;
  o.max_age = 0;
  r.header("Set-Cookie", set_cookie(kSessionCookie, "", o));
  return r;
}

}  // namespace

http::Response AdminRequest::page(std::string_view tmpl, nlohmann::json ctx, int status) const {
  return render_page(deps, &who, http, tmpl, std::move(ctx), status);
}

http::Response AdminRequest::see_other(std::string path) const {
  return admin::see_other(std::move(path));
}

http::RouteHandler guarded(std::shared_ptr<const BackOfficeDeps> deps, RoleSet roles,
                           AdminHandler handler, GuardOptions options) {
  return [deps = std::move(deps), roles, handler = std::move(handler), options](
             const http::Request& req, const http::Params& params) -> http::Response {
    const BackOfficeDeps& d = *deps;
    const bool https = request_is_https(d, req);
    const std::string token = cookie_value(req, kSessionCookie);
    auto who = d.auth.authenticate(token);
    if (!who) {
      const Error& e = who.error();
      if (e.kind == ErrorKind::kPermissionDenied) {
        return finish(
            clear_session_cookie(see_other(std::string(kLoginPath), "tai-khoan-bi-khoa"), https));
      }
      if (e.kind != ErrorKind::kNotFound) return finish(error_page(d, req, "session lookup", e));
      if (is_safe_method(req.method)) {
        http::Response r = see_other(login_redirect_target(req));
        return finish(token.empty() ? r : clear_session_cookie(std::move(r), https));
      }
      return finish(forbidden_page(
          d, nullptr, req,
          "Phiên đăng nhập đã hết hạn hoặc không còn hiệu lực, nên thao tác chưa được thực "
          "hiện. Vui lòng đăng nhập lại rồi thử lại."));
    }
    if (who->session.totp_pending && !options.allow_totp_pending)
      return finish(see_other("/admin/xac-thuc"));
    if (who->must_enrol_totp && !options.allow_must_enrol)
      return finish(see_other("/admin/tai-khoan/hai-buoc", "can-hai-buoc"));
    if (!roles.contains(who->user.role)) {
      return finish(forbidden_page(d, &*who, req,
                                   "Vai trò " +
                                       std::string(content::role_label_vi(who->user.role)) +
                                       " của bạn không được phép dùng chức năng này."));
    }

    Form form;
    if (!is_safe_method(req.method)) {
      std::string sent(req.header("X-CSRF-Token"));
      const std::string_view type = req.header("Content-Type");
      if (type.find("application/x-www-form-urlencoded") != std::string_view::npos) {
        auto parsed = Form::parse(req, d.options.max_form_bytes);
        if (!parsed) return finish(forbidden_page(d, &*who, req, parsed.error().message));
        form = std::move(*parsed);
        if (sent.empty()) sent = form.value(kCsrfField);
      }
      if (sent.empty() || !auth::equal_constant_time(sent, who->session.csrf_token)) {
        return finish(forbidden_page(
            d, &*who, req,
            "Biểu mẫu không hợp lệ hoặc đã cũ (thiếu mã bảo vệ CSRF), nên thao tác chưa được "
            "thực hiện. Hãy tải lại trang rồi gửi lại."));
      }
    }
    const auth::Client client = client_of(d, req);
    AdminRequest ar{req, params, *who, form, client, d};
    return finish(handler(ar));
  };
}

}  // namespace congtin::admin
