// Site settings: /admin/cai-dat (administrators only). The two-factor switch stays at
// POST /admin/cai-dat/hai-buoc (users.cc); this page links to it.
#include <array>

#include "admin/site_internal.h"

namespace congtin::admin {
namespace {

using content::SiteSettings;
using nlohmann::json;

// The form's fields, in the order of the page.
constexpr std::array<std::pair<std::string_view, std::string SiteSettings::*>, 13> kFields{{
    {"name", &SiteSettings::name},
    {"parent_name", &SiteSettings::parent_name},
    {"slogan", &SiteSettings::slogan},
    {"logo_url", &SiteSettings::logo_url},
    {"description", &SiteSettings::description},
    {"owner", &SiteSettings::owner},
    {"responsible_person", &SiteSettings::responsible_person},
    {"license", &SiteSettings::license},
    {"address", &SiteSettings::address},
    {"phone", &SiteSettings::phone},
    {"fax", &SiteSettings::fax},
    {"email", &SiteSettings::email},
    {"copyright", &SiteSettings::copyright},
}};

json to_form(const SiteSettings& s) {
  json f = json::object();
  for (const auto& [name, field] : kFields) f[std::string(name)] = s.*field;
  return f;
}

json context(json form) { return {{"title", "Cài đặt trang"}, {"form", std::move(form)}}; }

http::Response get_settings(const SiteState& s, const AdminRequest& r) {
  auto settings = s->store.site().settings();
  if (!settings) return input_error_page(r, "site_settings", {}, settings.error());
  return site_page(r, "site_settings", context(to_form(*settings)));
}

http::Response post_settings(const SiteState& s, const AdminRequest& r) {
  SiteSettings typed;
  for (const auto& [name, field] : kFields) typed.*field = r.form.value(name);
  Status done = s->service.update_settings(actor_of(r), typed);
  if (!done) return input_error_page(r, "site_settings", context(to_form(typed)), done.error());
  return see_other("/admin/cai-dat", "cai-dat-trang-da-luu");
}

}  // namespace

void add_settings_routes(http::Router& router, const SiteState& s) {
  router.get("/admin/cai-dat", guarded(s->deps, kAdminsOnly,
                                       [s](const AdminRequest& r) { return get_settings(s, r); }));
  router.post("/admin/cai-dat", guarded(s->deps, kAdminsOnly, [s](const AdminRequest& r) {
                return post_settings(s, r);
              }));
}

}  // namespace congtin::admin
