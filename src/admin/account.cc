// One's own account: password change and two-factor enrolment.
#include "admin/internal.h"
#include "auth/crypto.h"

namespace congtin::admin {
namespace {

using Deps = std::shared_ptr<const BackOfficeDeps>;

nlohmann::json account_context(const AdminRequest& r) {
  nlohmann::json ctx = {{"title", "Tài khoản của tôi"}, {"totp_enabled", r.who.user.totp_enabled}};
  if (r.who.user.role == content::Role::kAdmin) {
    auto required = r.deps.auth.require_admin_totp();
    ctx["totp_required"] = required && *required;
  }
  return ctx;
}

http::Response get_account(const AdminRequest& r) { return r.page("account", account_context(r)); }

http::Response post_password(const AdminRequest& r) {
  const std::string fresh = r.form.value("new_password");
  if (fresh != r.form.value("new_password_again")) {
    return input_error_page(r, "account", account_context(r),
                            Error::invalid("Hai lần nhập mật khẩu mới không khớp nhau."));
  }
  auto s = r.deps.auth.change_password(r.who, r.form.value("current_password"), fresh, r.client);
  if (!s) return input_error_page(r, "account", account_context(r), s.error());
  return see_other("/admin/tai-khoan", "mat-khau-da-doi");
}

nlohmann::json enrol_context(const AdminRequest& r, const std::string& secret) {
  const std::string uri =
      auth::totp::provisioning_uri(r.deps.auth.options().totp_issuer, r.who.user.username, secret);
  std::string grouped;  // "ABCD EFGH ..." is easier to type
  const std::string b32 = auth::totp::to_base32(secret);
  for (std::size_t i = 0; i < b32.size(); ++i) {
    if (i > 0 && i % 4 == 0) grouped += ' ';
    grouped += b32[i];
  }
  return {{"title", "Xác thực hai bước"},
          {"secret", grouped},
          {"otpauth_uri", uri},
          {"qr_svg", qr_svg(uri)},
          {"must_enrol", r.who.must_enrol_totp}};
}

http::Response get_enrol(const AdminRequest& r) {
  if (r.who.user.totp_enabled) return see_other("/admin/tai-khoan");
  // The secret is kept, unconfirmed, until a code from it is entered; reloading the page
  // shows the same one so that a scanned code stays valid.
  std::string secret = r.who.user.totp_secret;
  if (secret.empty()) {
    auto fresh = r.deps.auth.begin_totp_enrolment(r.who);
    if (!fresh) return input_error_page(r, "account", account_context(r), fresh.error());
    secret = std::move(*fresh);
  }
  return r.page("totp_setup", enrol_context(r, secret));
}

http::Response post_enrol(const AdminRequest& r) {
  auto s = r.deps.auth.confirm_totp_enrolment(r.who, r.form.value("code"), r.client);
  if (!s) {
    auto u = r.who.user;
    return input_error_page(r, "totp_setup", enrol_context(r, u.totp_secret), s.error());
  }
  return see_other("/admin/tai-khoan", "hai-buoc-da-bat");
}

http::Response post_disable(const AdminRequest& r) {
  auto s = r.deps.auth.disable_totp(r.who, r.form.value("password"), r.client);
  if (!s) return input_error_page(r, "account", account_context(r), s.error());
  return see_other("/admin/tai-khoan", "hai-buoc-da-tat");
}

}  // namespace

void add_account_routes(http::Router& router, const Deps& d) {
  const GuardOptions enrol{.allow_totp_pending = false, .allow_must_enrol = true};
  router.get("/admin/tai-khoan", guarded(d, RoleSet::all(), get_account, enrol));
  router.post("/admin/tai-khoan/mat-khau", guarded(d, RoleSet::all(), post_password, enrol));
  router.get("/admin/tai-khoan/hai-buoc", guarded(d, RoleSet::all(), get_enrol, enrol));
  router.post("/admin/tai-khoan/hai-buoc", guarded(d, RoleSet::all(), post_enrol, enrol));
  router.post("/admin/tai-khoan/tat-hai-buoc", guarded(d, RoleSet::all(), post_disable));
}

}  // namespace congtin::admin
