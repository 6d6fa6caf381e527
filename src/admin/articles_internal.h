// Internal to the article screens (admin/articles*.cc): their dependencies and the helpers
// the handlers share. Use admin/articles.h outside.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "admin/articles.h"
#include "admin/internal.h"

namespace congtin::admin {

struct ArticleScreensDeps {
  std::shared_ptr<const BackOfficeDeps> office;
  content::NewsroomService& newsroom;
  std::shared_ptr<content::WorkflowRepository> workflow;
  content::Store& store;
  std::shared_ptr<const render::Theme> public_theme;
  ArticleScreensOptions options;
};

// The newsroom roles: everyone but quản trị, who takes no part in the workflow.
inline constexpr RoleSet kNewsroomRoles = {content::Role::kContributor, content::Role::kReporter,
                                           content::Role::kEditor, content::Role::kChiefEditor};

inline constexpr std::string_view kArticlesPath = "/admin/bai-viet";
std::string article_admin_path(content::Id id);

content::Actor newsroom_actor(const AdminRequest& r);
// The {id} placeholder as a positive integer, or nullopt.
std::optional<content::Id> id_param(const AdminRequest& r, std::string_view name = "id");
std::optional<content::Id> parse_id(std::string_view s);
// "Thứ Hai, 02/03/2026 15:00" in Vietnam time.
std::string vi_time(content::Time t);

// A service error as a page, for screens without a form to show again:
// 403 / 404 / 409 (the page template "article_message") / error page.
http::Response article_error(const AdminRequest& r, std::string_view what, const Error& e);

// The article form's fields (names as in article_form.mustache) and back.
content::ArticleContent content_from_form(const Form& f);
nlohmann::json content_json(const content::ArticleContent& c);
// Every <img> in the body has a non-empty alt text; kInvalidArgument naming the image
// otherwise. Checked on the sanitised body, whose markup is canonical.
Status check_image_alts(std::string_view body_html);
// Categories for a <select>, with `selected` marked.
Result<nlohmann::json> categories_json(content::Store& store, content::Id selected);

// The edit page of an article. `shown` replaces the head revision's content in the form
// (the person's own text after a refused or conflicting save) and `base` the revision the
// form is based on; `extra` is merged into the context (error, conflict...).
http::Response edit_page(const AdminRequest& r, const ArticleScreensDeps& d, content::Id id,
                         nlohmann::json extra = nlohmann::json::object(), int status = 200,
                         const content::ArticleContent* shown = nullptr,
                         std::optional<content::Id> base = std::nullopt);

// Wraps a guarded route whose page runs the editor: its answers get a Content-Security-Policy
// that allows what TinyMCE needs — inline styles (formatting, its UI) and blob:/data: images
// (pasted pictures before upload) — instead of the back office's stricter one.
http::RouteHandler with_editor_csp(http::RouteHandler h);

// Route registration, by file.
void add_article_edit_routes(http::Router& router,
                             const std::shared_ptr<const ArticleScreensDeps>& d);
void add_article_action_routes(http::Router& router,
                               const std::shared_ptr<const ArticleScreensDeps>& d);

}  // namespace congtin::admin
