// Internal to the site-management screens (admin/site_*.cc, admin/audit_page.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "admin/internal.h"
#include "admin/site_admin.h"
#include "content/site_service.h"

namespace congtin::admin {

struct SiteAdmin::State {
  std::shared_ptr<const BackOfficeDeps> deps;
  content::Store& store;
  content::AuditLog& audit;
  content::SiteService service;
};

using SiteState = std::shared_ptr<SiteAdmin::State>;

// The signed-in administrator as the audit log records them.
content::SiteActor actor_of(const AdminRequest& r);
// The {id} of the path: a positive integer, else nullopt.
std::optional<content::Id> path_id(const AdminRequest& r);
// Renders a page of these screens; ?tb=CODE notices of these screens are added here (the
// frame knows only its own).
http::Response site_page(const AdminRequest& r, std::string_view tmpl, nlohmann::json ctx,
                         int status = 200);
// Failed writes use input_error_page() (admin/internal.h): 422 with the message, 404, or
// the error page.

void add_category_routes(http::Router& router, const SiteState& s);
void add_block_routes(http::Router& router, const SiteState& s);
void add_settings_routes(http::Router& router, const SiteState& s);
void add_audit_routes(http::Router& router, const SiteState& s);

}  // namespace congtin::admin
