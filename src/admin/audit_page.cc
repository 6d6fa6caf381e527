// The audit log: GET /admin/nhat-ky (administrators only), read-only. Newest first, 50 a
// page, filtered by kind of action, by user and by a range of days (Vietnam time); times
// shown in Asia/Ho_Chi_Minh.
#include <array>
#include <charconv>

#include "admin/site_internal.h"
#include "text/date.h"

namespace congtin::admin {
namespace {

using content::AuditEntry;
using content::AuditQuery;
using content::Id;
using nlohmann::json;

constexpr std::size_t kPageSize = 50;

// Known action codes and how the page names them; the filter accepts only these.
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kActions{{
    {"login", "Đăng nhập"},
    {"login_failed", "Đăng nhập thất bại"},
    {"logout", "Đăng xuất"},
    {"password_change", "Đổi mật khẩu"},
    {"totp_enable", "Bật xác thực hai bước"},
    {"totp_disable", "Tắt xác thực hai bước"},
    {"user_create", "Tạo người dùng"},
    {"user_role", "Đổi vai trò"},
    {"user_disable", "Khóa tài khoản"},
    {"user_enable", "Mở khóa tài khoản"},
    {"user_password_reset", "Đặt lại mật khẩu"},
    {"transition", "Quy trình bài viết"},
    {"setting_change", "Cài đặt"},
    {"menu_change", "Chuyên mục và menu"},
    {"link_change", "Liên kết"},
    {"contact_change", "Hỗ trợ trực tuyến"},
}};

std::string action_label(std::string_view code) {
  for (const auto& [c, label] : kActions)
    if (c == code) return std::string(label);
  return std::string(code);
}

std::string_view target_label(std::string_view type) {
  if (type == "article") return "Bài viết";
  if (type == "user") return "Người dùng";
  if (type == "category") return "Chuyên mục";
  if (type == "link") return "Liên kết";
  if (type == "contact") return "Hỗ trợ";
  if (type == "setting") return "Cài đặt";
  return type;
}

std::optional<std::string> target_url(const AuditEntry& e) {
  if (!e.target_id) return std::nullopt;
  const std::string id = std::to_string(*e.target_id);
  if (e.target_type == "user") return "/admin/nguoi-dung/" + id;
  if (e.target_type == "category") return "/admin/chuyen-muc/" + id;
  if (e.target_type == "link") return "/admin/lien-ket/" + id;
  if (e.target_type == "contact") return "/admin/ho-tro/" + id;
  return std::nullopt;
}

// "2026-03-02" → the first second of that day in Vietnam; nullopt if malformed.
std::optional<Seconds> local_day(std::string_view s) {
  if (s.size() != 10) return std::nullopt;
  return text::parse_iso8601(std::string(s) + "T00:00:00+07:00");
}

std::optional<int> positive(std::string_view s) {
  int n = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || p != s.data() + s.size() || n <= 0) return std::nullopt;
  return n;
}

// The filters as typed (kept in the form and the page links) and as a query.
struct Filters {
  std::string action, user, from, to;
  int page = 1;
  AuditQuery query;
  std::optional<Seconds> until_exclusive;  // the first second after the "to" day
  std::string error;

  std::string link(int to_page) const {
    // Every value was checked against a strict pattern, so none needs escaping.
    std::string q =
        "/admin/nhat-ky?hanh-dong=" + action + "&nguoi=" + user + "&tu=" + from + "&den=" + to;
    if (to_page > 1) q += "&trang=" + std::to_string(to_page);
    return q;
  }
};

Filters read_filters(const http::Request& req) {
  Filters f;
  auto param = [&](const char* name) { return req.query_param(name).value_or(std::string()); };
  const std::string action = param("hanh-dong"), user = param("nguoi"), from = param("tu"),
                    to = param("den"), page = param("trang");
  if (!action.empty()) {
    bool known = false;
    for (const auto& [c, label] : kActions) known = known || c == action;
    if (known)
      f.action = f.query.action = action;
    else
      f.error = "Loại hoạt động không có trong danh sách.";
  }
  if (!user.empty()) {
    if (auto id = positive(user)) {
      f.user = user;
      f.query.actor_id = *id;
    } else {
      f.error = "Người dùng đã chọn không hợp lệ.";
    }
  }
  if (!from.empty()) {
    if (auto t = local_day(from)) {
      f.from = from;
      f.query.since = *t;
    } else {
      f.error = "Ngày bắt đầu " + from + " không hợp lệ; hãy chọn ngày theo dạng năm-tháng-ngày.";
    }
  }
  if (!to.empty()) {
    if (auto t = local_day(to)) {
      f.to = to;
      f.until_exclusive = *t + std::chrono::days(1);
    } else {
      f.error = "Ngày kết thúc " + to + " không hợp lệ; hãy chọn ngày theo dạng năm-tháng-ngày.";
    }
  }
  if (f.query.since && f.until_exclusive && *f.query.since >= *f.until_exclusive)
    f.error = "Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.";
  if (!page.empty()) {
    if (auto n = positive(page); n && *n <= 1'000'000)
      f.page = *n;
    else
      f.error = "Số trang không hợp lệ.";
  }
  return f;
}

// The page of entries for f, plus whether there is a next page. The log is read newest first
// and AuditQuery has a lower time bound only, so entries after the "to" day — which all come
// first — are counted and skipped. TODO(audit): an AuditQuery::until would make this one
// query.
Result<std::pair<std::vector<AuditEntry>, bool>> read_page(const content::AuditLog& log,
                                                           const Filters& f) {
  std::size_t skip = 0;
  if (f.until_exclusive) {
    AuditQuery newer = f.query;
    newer.since = *f.until_exclusive;
    newer.limit = 1000;
    for (;;) {
      auto batch = log.list(newer);
      if (!batch) return batch.take_error();
      skip += batch->size();
      if (batch->size() < newer.limit) break;
      newer.offset += newer.limit;
    }
  }
  AuditQuery q = f.query;
  q.limit = kPageSize + 1;
  q.offset = skip + (static_cast<std::size_t>(f.page) - 1) * kPageSize;
  auto entries = log.list(q);
  if (!entries) return entries.take_error();
  const bool more = entries->size() > kPageSize;
  if (more) entries->resize(kPageSize);
  return std::make_pair(std::move(*entries), more);
}

http::Response get_audit(const SiteState& s, const AdminRequest& r) {
  Filters f = read_filters(r.http);
  json actions = json::array();
  for (const auto& [code, label] : kActions)
    actions.push_back({{"code", code}, {"label", label}, {"selected", code == f.action}});
  json users = json::array();
  auto people = r.deps.auth.list_users(r.who);
  if (!people) return error_page(r.deps, r.http, "audit log users", people.error());
  for (const auto& u : *people) {
    users.push_back(
        {{"id", u.id},
         {"label", u.display_name.empty() ? u.username : u.display_name + " (" + u.username + ")"},
         {"selected", f.user == std::to_string(u.id)}});
  }
  json ctx = {{"title", "Nhật ký hệ thống"},
              {"actions", std::move(actions)},
              {"users", std::move(users)},
              {"from", f.from},
              {"to", f.to},
              {"entries", json::array()}};
  if (!f.error.empty()) {
    ctx["error"] = f.error;
    return site_page(r, "audit_log", std::move(ctx), 422);
  }
  auto page = read_page(s->audit, f);
  if (!page) return error_page(r.deps, r.http, "audit log", page.error());
  for (const AuditEntry& e : page->first) {
    json row = {
        {"when", text::format_vi_datetime(e.at)},
        {"when_iso", text::format_iso8601(e.at)},
        {"actor", e.actor_name},
        {"action", action_label(e.action)},
        {"target", e.target_type.empty()
                       ? std::string()
                       : std::string(target_label(e.target_type)) +
                             (e.target_id ? " #" + std::to_string(*e.target_id) : std::string())},
        {"detail", e.detail},
        {"address", e.address}};
    if (auto url = target_url(e)) row["target_url"] = *url;
    ctx["entries"].push_back(std::move(row));
  }
  ctx["empty"] = page->first.empty();
  ctx["page"] = f.page;
  if (f.page > 1) ctx["prev_url"] = f.link(f.page - 1);
  if (page->second) ctx["next_url"] = f.link(f.page + 1);
  return site_page(r, "audit_log", std::move(ctx));
}

}  // namespace

void add_audit_routes(http::Router& router, const SiteState& s) {
  router.get("/admin/nhat-ky",
             guarded(s->deps, kAdminsOnly, [s](const AdminRequest& r) { return get_audit(s, r); }));
}

}  // namespace congtin::admin
