// User management by administrators, and the console's `congtin user add`.
#include "auth/auth_service.h"
#include "text/vietnamese.h"

namespace congtin::auth {
namespace {

Error denied(std::string m) { return Error{ErrorKind::kPermissionDenied, std::move(m)}; }

}  // namespace

Status AuthService::require_admin(const Authenticated& actor) const {
  if (actor.user.role != Role::kAdmin || actor.user.disabled || actor.session.totp_pending ||
      actor.must_enrol_totp)
    return denied("Chỉ quản trị viên mới được quản lý người dùng.");
  return {};
}

Result<Id> AuthService::insert_user(const NewUser& in) {
  NewUser u = in;
  for (char& c : u.username)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  if (!is_valid_username(u.username))
    return Error::invalid(
        "Tên đăng nhập phải dài 3–64 ký tự, chỉ gồm chữ thường không dấu (a–z), chữ số và các "
        "dấu . _ -, bắt đầu bằng chữ hoặc số.");
  if (!text::is_valid_utf8(u.display_name)) return Error::invalid("Họ tên không hợp lệ.");
  u.display_name = text::squash_spaces(text::to_nfc(u.display_name));
  if (u.display_name.empty()) u.display_name = u.username;
  if (u.display_name.size() > 200) return Error::invalid("Họ tên dài quá 200 byte.");
  if (auto s = check_password_policy(u.password); !s) return s.take_error();
  auto h = hash_password(u.password, options_.password_cost);
  if (!h) return h.take_error();
  User row;
  row.username = u.username;
  row.display_name = u.display_name;
  row.role = u.role;
  row.password_hash = *h;
  row.created_at = row.updated_at = clock_.now();
  auto id = users_.create(row);
  if (!id && id.error().kind == ErrorKind::kConflict)
    return Error::conflict("Tên đăng nhập \"" + u.username + "\" đã có người dùng.");
  return id;
}

Result<Id> AuthService::create_user_from_console(const NewUser& u) {
  auto id = insert_user(u);
  if (id) {
    audit(std::nullopt, "console", content::audit_action::kUserCreate, Client{"console", ""}, *id,
          "vai trò: " + std::string(content::role_code(u.role)));
  }
  return id;
}

Result<std::vector<User>> AuthService::list_users(const Authenticated& actor) {
  if (auto s = require_admin(actor); !s) return s.take_error();
  return users_.list();
}

Result<User> AuthService::user(const Authenticated& actor, Id id) {
  if (auto s = require_admin(actor); !s) return s.take_error();
  return users_.by_id(id);
}

Result<Id> AuthService::create_user(const Authenticated& actor, const NewUser& u,
                                    const Client& client) {
  if (auto s = require_admin(actor); !s) return s.take_error();
  auto id = insert_user(u);
  if (id) {
    audit(actor.user.id, actor.user.username, content::audit_action::kUserCreate, client, *id,
          "vai trò: " + std::string(content::role_code(u.role)));
  }
  return id;
}

Result<User> AuthService::other_user(const Authenticated& actor, Id id) {
  if (auto s = require_admin(actor); !s) return s.take_error();
  return users_.by_id(id);
}

Result<bool> AuthService::is_last_admin(const User& u) {
  if (u.role != Role::kAdmin || u.disabled) return false;
  auto all = users_.list();
  if (!all) return all.take_error();
  for (const User& o : *all)
    if (o.id != u.id && o.role == Role::kAdmin && !o.disabled) return false;
  return true;
}

Status AuthService::set_role(const Authenticated& actor, Id id, Role role, const Client& client) {
  auto u = other_user(actor, id);
  if (!u) return u.take_error();
  if (u->role == role) return {};
  if (u->id == actor.user.id) return denied("Bạn không thể tự đổi vai trò của chính mình.");
  auto last = is_last_admin(*u);
  if (!last) return last.take_error();
  if (*last) return denied("Không thể đổi vai trò của quản trị viên cuối cùng.");
  const Role old = u->role;
  u->role = role;
  u->updated_at = clock_.now();
  if (auto s = users_.update(*u); !s) return s;
  audit(actor.user.id, actor.user.username, content::audit_action::kUserRole, client, u->id,
        u->username + ": " + std::string(content::role_code(old)) + " → " +
            std::string(content::role_code(role)));
  return {};
}

Status AuthService::set_disabled(const Authenticated& actor, Id id, bool disabled,
                                 const Client& client) {
  auto u = other_user(actor, id);
  if (!u) return u.take_error();
  if (u->disabled == disabled) return {};
  if (disabled) {
    if (u->id == actor.user.id) return denied("Bạn không thể tự khóa tài khoản của chính mình.");
    auto last = is_last_admin(*u);
    if (!last) return last.take_error();
    if (*last) return denied("Không thể khóa quản trị viên cuối cùng.");
  }
  u->disabled = disabled;
  u->updated_at = clock_.now();
  if (auto s = users_.update(*u); !s) return s;
  if (disabled) {
    if (auto n = sessions_.revoke_user(u->id); !n) return n.take_error();
  }
  audit(actor.user.id, actor.user.username,
        disabled ? content::audit_action::kUserDisable : content::audit_action::kUserEnable, client,
        u->id, u->username);
  return {};
}

Status AuthService::reset_password(const Authenticated& actor, Id id, std::string_view new_password,
                                   const Client& client) {
  auto u = other_user(actor, id);
  if (!u) return u.take_error();
  if (auto s = check_password_policy(new_password); !s) return s;
  auto h = hash_password(new_password, options_.password_cost);
  if (!h) return h.take_error();
  u->password_hash = *h;
  u->updated_at = clock_.now();
  if (auto s = users_.update(*u); !s) return s;
  // The actor's own session survives a reset of their own password.
  auto n = sessions_.revoke_user(u->id, u->id == actor.user.id ? actor.session.token_hash : "");
  if (!n) return n.take_error();
  audit(actor.user.id, actor.user.username, content::audit_action::kUserPasswordReset, client,
        u->id, u->username);
  return {};
}

Result<bool> AuthService::require_admin_totp() { return settings_.require_admin_totp(); }

Status AuthService::set_require_admin_totp(const Authenticated& actor, bool on,
                                           const Client& client) {
  if (auto s = require_admin(actor); !s) return s;
  if (auto s = settings_.set_require_admin_totp(on); !s) return s;
  audit(actor.user.id, actor.user.username, content::audit_action::kSettingChange, client,
        std::nullopt,
        on ? "bắt buộc xác thực hai bước cho quản trị: bật"
           : "bắt buộc xác thực hai bước cho quản trị: tắt");
  return {};
}

}  // namespace congtin::auth
