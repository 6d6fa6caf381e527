// User management, for administrators (quản trị) only.
#include <charconv>

#include "admin/internal.h"
#include "text/date.h"

namespace congtin::admin {
namespace {

using Deps = std::shared_ptr<const BackOfficeDeps>;
using content::Role;

nlohmann::json role_options(std::optional<Role> selected) {
  nlohmann::json out = nlohmann::json::array();
  for (Role r : content::kAllRoles) {
    out.push_back({{"code", std::string(content::role_code(r))},
                   {"label", std::string(content::role_label_vi(r))},
                   {"selected", selected == r}});
  }
  return out;
}

nlohmann::json user_json(const auth::User& u) {
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role_label", std::string(content::role_label_vi(u.role))},
          {"disabled", u.disabled},
          {"totp_enabled", u.totp_enabled},
          {"created", text::format_vi_date(u.created_at)},
          {"url", "/admin/nguoi-dung/" + std::to_string(u.id)}};
}

Result<nlohmann::json> users_context(const AdminRequest& r) {
  auto users = r.deps.auth.list_users(r.who);
  if (!users) return users.take_error();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& u : *users) list.push_back(user_json(u));
  auto required = r.deps.auth.require_admin_totp();
  if (!required) return required.take_error();
  return nlohmann::json{{"title", "Người dùng"},
                        {"users", std::move(list)},
                        {"roles", role_options(Role::kReporter)},
                        {"require_admin_totp", *required}};
}

http::Response get_users(const AdminRequest& r) {
  auto ctx = users_context(r);
  if (!ctx) return input_error_page(r, "users", {}, ctx.error());
  return r.page("users", std::move(*ctx));
}

http::Response post_create(const AdminRequest& r) {
  auto ctx = users_context(r);
  if (!ctx) return input_error_page(r, "users", {}, ctx.error());
  auto role = content::role_from_code(r.form.value("role"));
  auth::NewUser u{r.form.value("username"), r.form.value("display_name"),
                  role.value_or(Role::kContributor), r.form.value("password")};
  (*ctx)["form"] = {{"username", u.username}, {"display_name", u.display_name}};
  (*ctx)["roles"] = role_options(role);
  if (!role)
    return input_error_page(r, "users", std::move(*ctx), Error::invalid("Hãy chọn vai trò."));
  auto id = r.deps.auth.create_user(r.who, u, r.client);
  if (!id) return input_error_page(r, "users", std::move(*ctx), id.error());
  return see_other("/admin/nguoi-dung/" + std::to_string(*id), "da-tao");
}

std::optional<auth::Id> id_param(const AdminRequest& r) {
  const std::string_view s = r.params.get("id");
  auth::Id id = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || p != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

Result<nlohmann::json> user_context(const AdminRequest& r, auth::Id id) {
  auto u = r.deps.auth.user(r.who, id);
  if (!u) return u.take_error();
  nlohmann::json ctx = {{"title", "Người dùng " + u->username},
                        {"target", user_json(*u)},
                        {"roles", role_options(u->role)},
                        {"is_self", u->id == r.who.user.id}};
  return ctx;
}

http::Response not_found(const AdminRequest& r) {
  return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
}

http::Response get_user(const AdminRequest& r) {
  auto id = id_param(r);
  if (!id) return not_found(r);
  auto ctx = user_context(r, *id);
  if (!ctx) return input_error_page(r, "user", {}, ctx.error());
  return r.page("user", std::move(*ctx));
}

// Runs an action on the user named in the path; on an input error shows the user's page with
// the message.
template <class Action>
http::Response user_action(const AdminRequest& r, Action action, std::string_view notice) {
  auto id = id_param(r);
  if (!id) return not_found(r);
  Status s = action(*id);
  if (!s) {
    auto ctx = user_context(r, *id);
    if (!ctx) return input_error_page(r, "user", {}, ctx.error());
    return input_error_page(r, "user", std::move(*ctx), s.error());
  }
  return see_other("/admin/nguoi-dung/" + std::to_string(*id), notice);
}

http::Response post_role(const AdminRequest& r) {
  return user_action(
      r,
      [&](auth::Id id) -> Status {
        auto role = content::role_from_code(r.form.value("role"));
        if (!role) return Error::invalid("Vai trò không hợp lệ.");
        return r.deps.auth.set_role(r.who, id, *role, r.client);
      },
      "da-doi-vai-tro");
}

http::Response post_disable(const AdminRequest& r) {
  return user_action(
      r, [&](auth::Id id) { return r.deps.auth.set_disabled(r.who, id, true, r.client); },
      "da-khoa");
}

http::Response post_enable(const AdminRequest& r) {
  return user_action(
      r, [&](auth::Id id) { return r.deps.auth.set_disabled(r.who, id, false, r.client); },
      "da-mo-khoa");
}

http::Response post_reset(const AdminRequest& r) {
  return user_action(
      r,
      [&](auth::Id id) -> Status {
        if (r.form.value("password") != r.form.value("password_again"))
          return Error::invalid("Hai lần nhập mật khẩu mới không khớp nhau.");
        return r.deps.auth.reset_password(r.who, id, r.form.value("password"), r.client);
      },
      "da-dat-lai");
}

http::Response post_require_totp(const AdminRequest& r) {
  const bool on = r.form.value("require_admin_totp") == "1";
  auto s = r.deps.auth.set_require_admin_totp(r.who, on, r.client);
  if (!s) {
    auto ctx = users_context(r);
    return input_error_page(r, "users", ctx ? std::move(*ctx) : nlohmann::json{}, s.error());
  }
  return see_other("/admin/nguoi-dung", "cai-dat-da-luu");
}

}  // namespace

void add_user_routes(http::Router& router, const Deps& d) {
  router.get("/admin/nguoi-dung", guarded(d, kAdminsOnly, get_users));
  router.post("/admin/nguoi-dung", guarded(d, kAdminsOnly, post_create));
  router.get("/admin/nguoi-dung/{id}", guarded(d, kAdminsOnly, get_user));
  router.post("/admin/nguoi-dung/{id}/vai-tro", guarded(d, kAdminsOnly, post_role));
  router.post("/admin/nguoi-dung/{id}/khoa", guarded(d, kAdminsOnly, post_disable));
  router.post("/admin/nguoi-dung/{id}/mo-khoa", guarded(d, kAdminsOnly, post_enable));
  router.post("/admin/nguoi-dung/{id}/dat-lai-mat-khau", guarded(d, kAdminsOnly, post_reset));
  router.post("/admin/cai-dat/hai-buoc", guarded(d, kAdminsOnly, post_require_totp));
}

}  // namespace congtin::admin
