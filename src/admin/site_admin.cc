// SiteAdmin: construction, routes, and what the site-management screens share.
#include "admin/site_admin.h"

#include <array>
#include <charconv>
#include <utility>

#include "admin/site_internal.h"

namespace congtin::admin {
namespace {

// Notices of these screens, by code (see view.cc for why codes and not text).
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kSiteNotices{{
    {"da-them", "Đã thêm. Trang công khai đã được cập nhật."},
    {"da-luu", "Đã lưu. Trang công khai đã được cập nhật."},
    {"da-xoa", "Đã xóa. Trang công khai đã được cập nhật."},
    {"da-chuyen", "Đã đổi thứ tự."},
    {"cai-dat-trang-da-luu", "Đã lưu cài đặt trang. Trang công khai đã được cập nhật."},
}};

}  // namespace

std::function<std::string()> stored_site_name(content::Store& store) {
  return [&store]() -> std::string {
    auto settings = store.site().settings();
    return settings ? settings->name : std::string();
  };
}

SiteAdmin::SiteAdmin(std::shared_ptr<const BackOfficeDeps> back_office, SiteAdminDeps site)
    : state_(std::make_shared<State>(
          State{back_office, site.store, site.audit,
                content::SiteService(site.store, site.events, site.audit, back_office->clock)})) {}

SiteAdmin::~SiteAdmin() = default;

void SiteAdmin::add_routes(http::Router& router) const {
  add_category_routes(router, state_);
  add_block_routes(router, state_);
  add_settings_routes(router, state_);
  add_audit_routes(router, state_);
}

content::SiteActor actor_of(const AdminRequest& r) {
  return {r.who.user.id, r.who.user.username, r.client.address};
}

std::optional<content::Id> path_id(const AdminRequest& r) {
  const std::string_view s = r.params.get("id");
  content::Id id = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || p != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

http::Response site_page(const AdminRequest& r, std::string_view tmpl, nlohmann::json ctx,
                         int status) {
  if (auto code = r.http.query_param("tb")) {
    for (const auto& [c, text] : kSiteNotices)
      if (c == *code) ctx["notice"] = std::string(text);
  }
  return r.page(tmpl, std::move(ctx), status);
}

}  // namespace congtin::admin
