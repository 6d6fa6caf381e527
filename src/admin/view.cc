// What every back-office answer shares: the page frame, the 403 and error pages, redirects,
// headers, the client's address and scheme.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <utility>

#include "admin/internal.h"

namespace congtin::admin {
namespace {

// Notices are looked up by code, so a link cannot make the page say arbitrary text.
constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kNotices{{
    {"da-dang-xuat", "Bạn đã đăng xuất."},
    {"phien-het-han", "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại."},
    {"tai-khoan-bi-khoa", "Tài khoản của bạn đã bị khóa. Vui lòng liên hệ quản trị viên."},
    {"can-hai-buoc",
     "Trang quản trị yêu cầu quản trị viên bật xác thực hai bước trước khi tiếp tục."},
    {"mat-khau-da-doi", "Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc."},
    {"hai-buoc-da-bat", "Đã bật xác thực hai bước."},
    {"hai-buoc-da-tat", "Đã tắt xác thực hai bước."},
    {"da-tao", "Đã tạo người dùng."},
    {"da-doi-vai-tro", "Đã đổi vai trò."},
    {"da-khoa", "Đã khóa tài khoản; mọi phiên đăng nhập của người này đã kết thúc."},
    {"da-mo-khoa", "Đã mở khóa tài khoản."},
    {"da-dat-lai", "Đã đặt lại mật khẩu; mọi phiên đăng nhập của người này đã kết thúc."},
    {"cai-dat-da-luu", "Đã lưu cài đặt."},
    {"da-dang-nhap", "Đăng nhập thành công."},
}};

std::string_view notice_text(std::string_view code) {
  for (const auto& [c, t] : kNotices)
    if (c == code) return t;
  return {};
}

bool trusted_peer(const BackOfficeDeps& d, const http::Request& req) {
  const auto& p = d.options.trusted_proxies;
  return std::find(p.begin(), p.end(), req.remote_addr) != p.end();
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

bool request_is_https(const BackOfficeDeps& d, const http::Request& req) {
  if (d.options.force_secure_cookies) return true;
  return trusted_peer(d, req) && trim(req.header("X-Forwarded-Proto")) == "https";
}

auth::Client client_of(const BackOfficeDeps& d, const http::Request& req) {
  auth::Client c;
  c.address = req.remote_addr;
  if (trusted_peer(d, req)) {
    // The last hop is the one our proxy added; earlier ones are whatever the client claimed.
    std::string_view xff = req.header("X-Forwarded-For");
    const auto comma = xff.rfind(',');
    std::string_view last = trim(comma == std::string_view::npos ? xff : xff.substr(comma + 1));
    if (!last.empty() && last.size() <= 64) c.address = std::string(last);
  }
  c.user_agent = std::string(req.header("User-Agent").substr(0, 512));
  return c;
}

http::Response finish(http::Response r) {
  r.cacheable = false;
  bool has_cache_control = false;
  for (const auto& [n, v] : r.headers)
    if (n == "Cache-Control") has_cache_control = true;
  if (!has_cache_control) r.header("Cache-Control", "no-store");
  r.header("X-Frame-Options", "DENY");
  r.header("X-Content-Type-Options", "nosniff");
  r.header("Referrer-Policy", "same-origin");
  r.header("Content-Security-Policy",
           "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; "
           "base-uri 'none'");
  return r;
}

nlohmann::json frame_context(const BackOfficeDeps& d, const auth::Authenticated* who,
                             const http::Request& req, std::string_view title) {
  nlohmann::json ctx;
  std::string site_name = d.options.site_name ? d.options.site_name() : std::string();
  if (site_name.empty()) site_name = kDefaultSiteName;
  ctx["page_title"] = std::string(title) + " — Quản trị — " + site_name;
  ctx["site_name"] = std::move(site_name);
  ctx["title"] = std::string(title);
  if (auto code = req.query_param("tb")) {
    if (auto text = notice_text(*code); !text.empty()) ctx["notice"] = std::string(text);
  }
  if (who != nullptr && !who->session.totp_pending) {
    const auth::User& u = who->user;
    ctx["user"] = {{"id", u.id},
                   {"username", u.username},
                   {"display_name", u.display_name},
                   {"role", std::string(content::role_code(u.role))},
                   {"role_label", std::string(content::role_label_vi(u.role))}};
    ctx["csrf_token"] = who->session.csrf_token;
    nlohmann::json nav = nlohmann::json::array();
    auto item = [&](std::string_view label, std::string_view href) {
      const bool current =
          req.path == href || (href != "/admin" && req.path.starts_with(std::string(href)));
      nav.push_back({{"label", label}, {"href", href}, {"current", current}});
    };
    if (!who->must_enrol_totp) {
      item("Trang đầu", "/admin");
      // Later sessions add "Bài viết" and "Thư viện ảnh" here.
      if (u.role != content::Role::kAdmin) item("Bài viết", "/admin/bai-viet");
      item("Thư viện", "/admin/thu-vien");
      if (d.options.statistics &&
          (u.role == content::Role::kAdmin || u.role == content::Role::kChiefEditor))
        item("Thống kê", "/admin/thong-ke");
      if (u.role == content::Role::kAdmin) item("Quản lý trang", "/admin/cai-dat");
      if (u.role == content::Role::kAdmin) item("Người dùng", "/admin/nguoi-dung");
    }
    item("Tài khoản", "/admin/tai-khoan");
    ctx["nav"] = std::move(nav);
  }
  return ctx;
}

http::Response render_page(const BackOfficeDeps& d, const auth::Authenticated* who,
                           const http::Request& req, std::string_view tmpl, nlohmann::json ctx,
                           int status) {
  const std::string title = ctx.value("title", std::string("Quản trị"));
  nlohmann::json full = frame_context(d, who, req, title);
  full.update(ctx);
  http::Response r;
  r.status = status;
  r.body = d.theme.render(tmpl, full);
  return r;
}

http::Response forbidden_page(const BackOfficeDeps& d, const auth::Authenticated* who,
                              const http::Request& req, std::string message) {
  nlohmann::json ctx = {{"title", "Không được phép"}, {"message", std::move(message)}};
  if (who == nullptr) ctx["show_login"] = true;
  return render_page(d, who, req, "forbidden", std::move(ctx), 403);
}

http::Response error_page(const BackOfficeDeps& d, const http::Request& req, std::string_view what,
                          const Error& e) {
  const int status = e.kind == ErrorKind::kUnavailable ? 503 : 500;
  spdlog::error("admin: {} {}: {}: {} error: {}", req.method, req.path, what,
                error_kind_name(e.kind), e.message);
  nlohmann::json ctx = {{"title", "Lỗi hệ thống"}};
  if (status == 503) ctx["busy"] = true;
  http::Response r = render_page(d, nullptr, req, "error", std::move(ctx), status);
  if (status == 503) r.header("Retry-After", "30");
  return r;
}

http::Response see_other(std::string path, std::string_view notice) {
  if (!notice.empty()) {
    path += path.find('?') == std::string::npos ? "?tb=" : "&tb=";
    path += notice;
  }
  return http::Response::redirect(303, std::move(path));
}

std::string safe_return_path(std::string_view wanted) {
  if (wanted == "/admin") return std::string(wanted);
  if (!wanted.starts_with("/admin/") || wanted.find("//") != std::string_view::npos ||
      wanted.find('\\') != std::string_view::npos || wanted.size() > 512)
    return "/admin";
  for (char c : wanted)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "/admin";
  return std::string(wanted);
}

http::Response input_error_page(const AdminRequest& r, std::string_view tmpl, nlohmann::json ctx,
                                const Error& e) {
  switch (e.kind) {
    case ErrorKind::kInvalidArgument:
    case ErrorKind::kConflict:
      ctx["error"] = e.message;
      return r.page(tmpl, std::move(ctx), 422);
    case ErrorKind::kPermissionDenied:
      return forbidden_page(r.deps, &r.who, r.http, e.message);
    case ErrorKind::kNotFound:
      return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
    default:
      return error_page(r.deps, r.http, tmpl, e);
  }
}

}  // namespace congtin::admin
