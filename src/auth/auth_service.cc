// Signing in and out, sessions and one's own account. User management is in user_admin.cc.
#include "auth/auth_service.h"

#include <spdlog/spdlog.h>

namespace congtin::auth {
namespace {

constexpr std::string_view kBadCredentials = "Tên đăng nhập hoặc mật khẩu không đúng.";
constexpr std::string_view kBadCode = "Mã xác thực không đúng hoặc đã hết hạn.";

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

}  // namespace

bool is_valid_username(std::string_view s) {
  if (s.size() < 3 || s.size() > 64) return false;
  for (char c : s) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  const char first = s.front();
  return (first >= 'a' && first <= 'z') || (first >= '0' && first <= '9');
}

AuthService::AuthService(UserRepository& users, SessionRepository& sessions,
                         LoginAttemptRepository& attempts, AccountSettingsRepository& settings,
                         content::AuditLog& audit, const Clock& clock, AuthOptions options)
    : users_(users),
      sessions_(sessions),
      settings_(settings),
      audit_(audit),
      clock_(clock),
      options_(std::move(options)),
      limiter_(attempts, clock, options_.limits) {}

const std::string& AuthService::dummy_hash() {
  std::call_once(dummy_once_, [this] {
    auto h = hash_password(random_token(), options_.password_cost);
    if (h) dummy_hash_ = std::move(*h);
  });
  return dummy_hash_;
}

void AuthService::audit(const std::optional<Id>& actor_id, std::string_view actor_name,
                        std::string_view action, const Client& client, std::optional<Id> target_id,
                        std::string detail) {
  content::AuditEntry e;
  e.at = clock_.now();
  e.actor_id = actor_id;
  e.actor_name = std::string(actor_name);
  e.action = std::string(action);
  if (target_id) {
    e.target_type = "user";
    e.target_id = target_id;
  }
  e.detail = std::move(detail);
  e.address = client.address;
  if (auto s = audit_.append(e); !s) {
    spdlog::error("auth: audit log append ({}) failed: {}", e.action, s.error().message);
  }
}

Result<LoginResult> AuthService::start_session(const User& u, bool pending, const Client& client) {
  const Time now = clock_.now();
  LoginResult r;
  r.outcome = pending ? LoginResult::kTotpRequired : LoginResult::kSignedIn;
  r.token = random_token();
  Session s;
  s.token_hash = token_hash(r.token);
  s.user_id = u.id;
  s.csrf_token = random_token();
  s.totp_pending = pending;
  s.created_at = now;
  s.last_seen_at = now;
  // A pending session only has to last while the person types the code.
  s.expires_at =
      now + (pending ? std::chrono::seconds(std::chrono::minutes(10)) : options_.lifetime);
  s.address = client.address;
  s.user_agent = client.user_agent.substr(0, 512);
  if (auto st = sessions_.create(s); !st) return st.take_error();
  return r;
}

Result<LoginResult> AuthService::login(std::string_view username_in, std::string_view password,
                                       const Client& client) {
  const std::string username = lower_ascii(trim(username_in));
  LoginResult refused;
  refused.message = std::string(kBadCredentials);
  if (username.empty() || password.empty() || username.size() > 64 || password.size() > 1024) {
    refused.message = "Vui lòng nhập tên đăng nhập và mật khẩu.";
    if (username.size() > 64 || password.size() > 1024) refused.message = kBadCredentials;
    return refused;
  }

  auto verdict = limiter_.check(username, client.address);
  if (!verdict) return verdict.take_error();
  if (!verdict->allowed()) {
    refused.message = limiter_.message(*verdict);
    refused.throttled = true;
    refused.retry_at = verdict->retry_at;
    audit(std::nullopt, username, content::audit_action::kLoginFailed, client, std::nullopt,
          verdict->kind == LoginVerdict::kAccountLocked ? "tài khoản đang bị tạm khóa"
                                                        : "địa chỉ đang bị tạm khóa");
    return refused;
  }

  auto user = users_.by_username(username);
  if (!user && user.error().kind != ErrorKind::kNotFound) return user.take_error();
  // Verify even for an unknown user, against a hash of the same cost, so timing does not
  // tell which usernames exist.
  const bool known = user.ok();
  const bool password_ok = verify_password(known ? user->password_hash : dummy_hash(), password);
  if (!known || !password_ok || user->disabled) {
    if (auto s = limiter_.record_failure(username, client.address); !s) return s.take_error();
    std::string why = !known         ? "không có tài khoản này"
                      : !password_ok ? "sai mật khẩu"
                                     : "tài khoản đã bị khóa";
    audit(known ? std::optional<Id>(user->id) : std::nullopt, username,
          content::audit_action::kLoginFailed, client, std::nullopt, std::move(why));
    return refused;
  }

  if (password_needs_rehash(user->password_hash, options_.password_cost)) {
    if (auto h = hash_password(password, options_.password_cost)) {
      user->password_hash = *h;
      user->updated_at = clock_.now();
      if (auto s = users_.update(*user); !s) spdlog::warn("auth: rehash: {}", s.error().message);
    }
  }
  if (user->totp_enabled) return start_session(*user, /*pending=*/true, client);
  if (auto s = limiter_.record_success(username); !s) return s.take_error();
  auto r = start_session(*user, /*pending=*/false, client);
  if (r) audit(user->id, user->username, content::audit_action::kLogin, client);
  return r;
}

Result<LoginResult> AuthService::verify_totp(std::string_view token, std::string_view code_in,
                                             const Client& client) {
  auto a = authenticate(token);
  if (!a) return a.take_error();
  if (!a->session.totp_pending) return Error::invalid("Phiên đăng nhập này không chờ mã xác thực.");
  const User& u = a->user;
  LoginResult refused;
  refused.message = std::string(kBadCode);

  auto verdict = limiter_.check(u.username, client.address);
  if (!verdict) return verdict.take_error();
  if (!verdict->allowed()) {
    refused.message = limiter_.message(*verdict);
    refused.throttled = true;
    refused.retry_at = verdict->retry_at;
    (void)sessions_.revoke(a->session.token_hash);  // start over once the lock ends
    return refused;
  }
  std::string code;
  for (char c : code_in)
    if (c != ' ') code += c;  // apps show "123 456"
  auto step = totp::match(u.totp_secret, code, clock_.now().time_since_epoch().count());
  bool fresh = false;
  if (step) {
    auto advanced = users_.advance_totp_step(u.id, *step);
    if (!advanced) return advanced.take_error();
    fresh = *advanced;
  }
  if (!fresh) {
    if (auto s = limiter_.record_failure(u.username, client.address); !s) return s.take_error();
    audit(u.id, u.username, content::audit_action::kLoginFailed, client, std::nullopt,
          step ? "mã xác thực đã dùng" : "sai mã xác thực");
    return refused;
  }
  if (auto s = sessions_.revoke(a->session.token_hash); !s) return s.take_error();
  if (auto s = limiter_.record_success(u.username); !s) return s.take_error();
  auto r = start_session(u, /*pending=*/false, client);
  if (r) audit(u.id, u.username, content::audit_action::kLogin, client, std::nullopt, "có mã TOTP");
  return r;
}

Result<Authenticated> AuthService::authenticate(std::string_view token) {
  if (token.empty() || token.size() > 128) return Error::not_found("no session token");
  const std::string hash = token_hash(token);
  auto s = sessions_.by_token_hash(hash);
  if (!s) return s.take_error();
  const Time now = clock_.now();
  if (now >= s->expires_at || now - s->last_seen_at >= options_.idle_timeout) {
    (void)sessions_.revoke(hash);
    return Error::not_found("session expired");
  }
  auto u = users_.by_id(s->user_id);
  if (!u) {
    if (u.error().kind == ErrorKind::kNotFound) (void)sessions_.revoke(hash);
    return u.take_error();
  }
  if (u->disabled) {
    (void)sessions_.revoke_user(u->id);
    return Error{ErrorKind::kPermissionDenied, "Tài khoản của bạn đã bị khóa."};
  }
  if (now - s->last_seen_at >= options_.touch_interval) {
    if (auto t = sessions_.touch(hash, now); t) s->last_seen_at = now;
  }
  Authenticated a{std::move(*u), std::move(*s), false};
  if (a.user.role == Role::kAdmin && !a.user.totp_enabled) {
    auto required = settings_.require_admin_totp();
    if (!required) return required.take_error();
    a.must_enrol_totp = *required;
  }
  return a;
}

Status AuthService::logout(std::string_view token, const Client& client) {
  auto a = authenticate(token);
  if (auto s = sessions_.revoke(token_hash(token)); !s) return s;
  if (a) audit(a->user.id, a->user.username, content::audit_action::kLogout, client);
  return {};
}

Status AuthService::change_password(const Authenticated& a, std::string_view current,
                                    std::string_view new_password, const Client& client) {
  auto u = users_.by_id(a.user.id);
  if (!u) return u.take_error();
  if (!verify_password(u->password_hash, current))
    return Error::invalid("Mật khẩu hiện tại không đúng.");
  if (auto s = check_password_policy(new_password); !s) return s;
  if (new_password == current) return Error::invalid("Mật khẩu mới phải khác mật khẩu hiện tại.");
  auto h = hash_password(new_password, options_.password_cost);
  if (!h) return h.take_error();
  u->password_hash = *h;
  u->updated_at = clock_.now();
  if (auto s = users_.update(*u); !s) return s;
  auto n = sessions_.revoke_user(u->id, a.session.token_hash);
  if (!n) return n.take_error();
  audit(u->id, u->username, content::audit_action::kPasswordChange, client, u->id,
        "đã kết thúc " + std::to_string(*n) + " phiên khác");
  return {};
}

Result<std::string> AuthService::begin_totp_enrolment(const Authenticated& a) {
  auto u = users_.by_id(a.user.id);
  if (!u) return u.take_error();
  if (u->totp_enabled) return Error::conflict("Xác thực hai bước đã được bật cho tài khoản này.");
  u->totp_secret = totp::new_secret();
  u->updated_at = clock_.now();
  if (auto s = users_.update(*u); !s) return s.take_error();
  return u->totp_secret;
}

Status AuthService::confirm_totp_enrolment(const Authenticated& a, std::string_view code,
                                           const Client& client) {
  auto u = users_.by_id(a.user.id);
  if (!u) return u.take_error();
  if (u->totp_enabled) return Error::conflict("Xác thực hai bước đã được bật cho tài khoản này.");
  if (u->totp_secret.empty()) return Error::invalid("Hãy bắt đầu lại việc thiết lập.");
  std::string digits;
  for (char c : code)
    if (c != ' ') digits += c;
  auto step = totp::match(u->totp_secret, digits, clock_.now().time_since_epoch().count());
  if (!step) return Error::invalid(std::string(kBadCode));
  u->totp_enabled = true;
  u->totp_last_step = *step;
  u->updated_at = clock_.now();
  if (auto s = users_.update(*u); !s) return s;
  audit(u->id, u->username, content::audit_action::kTotpEnable, client, u->id);
  return {};
}

Status AuthService::disable_totp(const Authenticated& a, std::string_view password,
                                 const Client& client) {
  auto u = users_.by_id(a.user.id);
  if (!u) return u.take_error();
  if (!verify_password(u->password_hash, password))
    return Error::invalid("Mật khẩu hiện tại không đúng.");
  if (u->role == Role::kAdmin) {
    auto required = settings_.require_admin_totp();
    if (!required) return required.take_error();
    if (*required)
      return Error{ErrorKind::kPermissionDenied,
                   "Quản trị viên bắt buộc dùng xác thực hai bước trên trang này."};
  }
  u->totp_enabled = false;
  u->totp_secret.clear();
  u->updated_at = clock_.now();
  if (auto s = users_.update(*u); !s) return s;
  audit(u->id, u->username, content::audit_action::kTotpDisable, client, u->id);
  return {};
}

}  // namespace congtin::auth
