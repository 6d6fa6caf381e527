// AuthService: logins, sessions, two-factor codes, password changes and user management for
// the back office. The admin handlers are thin over it; the rules live here.
//
// Sessions are server-side rows keyed by the hash of a random 256-bit token that only the
// browser holds, so revoking one (logout, password change, disabled user) takes effect on the
// very next request. A session ends after `idle_timeout` without requests or `lifetime` after
// login, whichever comes first. A user with TOTP enabled gets a *pending* session after the
// password; verify_totp() replaces it with a full one under a new token (so a token seen
// before the second factor is worth nothing after it).
//
// Errors: methods that take input from a person return kInvalidArgument, kConflict or
// kPermissionDenied with a Vietnamese message fit to show on the page; kUnavailable and the
// rest come from the store (log them, show the generic error page). Every login, failed login,
// logout and user change is appended to the AuditLog; an audit failure is logged and does not
// undo the action.
//
// Thread-safety: all methods may be called from many threads; the repositories, audit log and
// clock must be thread-safe and outlive the service.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/account.h"
#include "auth/crypto.h"
#include "auth/login_limiter.h"
#include "content/audit.h"
#include "core/clock.h"

namespace congtin::auth {

struct AuthOptions {
  LoginLimits limits;
  std::chrono::seconds idle_timeout = std::chrono::hours(8);
  std::chrono::seconds lifetime = std::chrono::days(7);
  // last_seen_at is written at most this often per session, to keep reads read-only.
  std::chrono::seconds touch_interval = std::chrono::minutes(5);
  PasswordCost password_cost = PasswordCost::interactive();
  std::string totp_issuer = "congtin";  // shown in authenticator apps
};

// Who is asking, for the audit log and the per-address limit.
struct Client {
  std::string address;
  std::string user_agent;
};

struct LoginResult {
  enum Outcome { kSignedIn, kTotpRequired, kRejected };
  Outcome outcome = kRejected;
  std::string token;       // the new session cookie value (kSignedIn, kTotpRequired)
  std::string message;     // why it was refused, in Vietnamese (kRejected)
  bool throttled = false;  // refused by the failed-login limits (not by the password)
  Time retry_at{};         // when throttled: when a try will be accepted again
};

// A request's signed-in user.
struct Authenticated {
  User user;
  Session session;
  // True for an administrator without TOTP while the site requires it: only enrolment (and
  // logout) may be used until it is done.
  bool must_enrol_totp = false;
};

struct NewUser {
  std::string username;
  std::string display_name;
  Role role = Role::kContributor;
  std::string password;
};

class AuthService {
 public:
  AuthService(UserRepository& users, SessionRepository& sessions, LoginAttemptRepository& attempts,
              AccountSettingsRepository& settings, content::AuditLog& audit, const Clock& clock,
              AuthOptions options = {});

  // --- Signing in and out ---------------------------------------------------------------
  // Checks the limits, then the password. The message of a refusal never says whether the
  // username exists. A disabled user is refused like a wrong password (and audited as such).
  Result<LoginResult> login(std::string_view username, std::string_view password,
                            const Client& client);
  // For a pending session: checks the 6-digit code (each code is accepted once) and on
  // success revokes the pending session and returns a full one. Wrong codes count as failed
  // logins of the account.
  Result<LoginResult> verify_totp(std::string_view token, std::string_view code,
                                  const Client& client);
  // The session's user. kNotFound for an unknown, expired or revoked token;
  // kPermissionDenied for a disabled user (whose sessions are then all revoked). A pending
  // session is returned with session.totp_pending set: callers must check it.
  Result<Authenticated> authenticate(std::string_view token);
  Status logout(std::string_view token, const Client& client);

  // --- One's own account ----------------------------------------------------------------
  // Ends every other session of the user.
  Status change_password(const Authenticated& a, std::string_view current,
                         std::string_view new_password, const Client& client);
  // Starts (or restarts) enrolment: stores a new secret, not yet enabled, and returns it.
  Result<std::string> begin_totp_enrolment(const Authenticated& a);
  Status confirm_totp_enrolment(const Authenticated& a, std::string_view code,
                                const Client& client);
  // Needs the password; refused for an administrator while the site requires TOTP.
  Status disable_totp(const Authenticated& a, std::string_view password, const Client& client);

  // --- User management (administrators only; others get kPermissionDenied) --------------
  Result<std::vector<User>> list_users(const Authenticated& actor);
  Result<User> user(const Authenticated& actor, Id id);
  Result<Id> create_user(const Authenticated& actor, const NewUser& u, const Client& client);
  // An administrator cannot change their own role or disable themselves, and the last
  // enabled administrator cannot be demoted or disabled: someone must be able to sign in.
  Status set_role(const Authenticated& actor, Id id, Role role, const Client& client);
  // Disabling ends the user's sessions at once.
  Status set_disabled(const Authenticated& actor, Id id, bool disabled, const Client& client);
  // Sets a new password chosen by the administrator and ends the user's sessions.
  Status reset_password(const Authenticated& actor, Id id, std::string_view new_password,
                        const Client& client);
  Result<bool> require_admin_totp();
  Status set_require_admin_totp(const Authenticated& actor, bool on, const Client& client);

  // --- Without a signed-in actor: `congtin user add` ------------------------------------
  Result<Id> create_user_from_console(const NewUser& u);

  const AuthOptions& options() const { return options_; }
  const LoginLimiter& limiter() const { return limiter_; }

 private:
  Result<LoginResult> start_session(const User& u, bool pending, const Client& client);
  Status require_admin(const Authenticated& actor) const;
  Result<Id> insert_user(const NewUser& u);
  Result<User> other_user(const Authenticated& actor, Id id);
  Result<bool> is_last_admin(const User& u);
  void audit(const std::optional<Id>& actor_id, std::string_view actor_name,
             std::string_view action, const Client& client, std::optional<Id> target_id = {},
             std::string detail = {});

  UserRepository& users_;
  SessionRepository& sessions_;
  AccountSettingsRepository& settings_;
  content::AuditLog& audit_;
  const Clock& clock_;
  AuthOptions options_;
  LoginLimiter limiter_;
  // Verified against for unknown usernames, so that they take as long as known ones. Made on
  // the first login rather than at start-up: one argon2id hash costs about a second of CPU,
  // which would count against the start-up budget of every `serve`.
  const std::string& dummy_hash();
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

}  // namespace congtin::auth
