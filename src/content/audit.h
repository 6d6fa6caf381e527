// AuditLog: the append-only record of who did what in the back office — logins, failed
// logins, logouts, workflow transitions, user and setting changes — readable by administrators.
//
// Contract: append() either stores the whole entry or returns an error; entries are never
// updated or deleted through this interface. Implementations must be thread-safe (the server
// calls append() from every worker thread). The SQLite store lives in src/store/sqlite/audit*
// (issue 3, part B); tests may use a small in-memory implementation.
//
// Callers fill `at` from their Clock; an implementation stores it as given. Text fields are
// UTF-8; `detail` is free text for a person (a comment, "vai trò: phong_vien → bien_tap_vien"),
// never a password, token or secret.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.h"
#include "core/result.h"

namespace congtin::content {

// Stable action codes (stored). Free-form codes are allowed too; these are the ones the
// accounts module and the workflow write, so that screens and queries can rely on them.
namespace audit_action {
inline constexpr std::string_view kLogin = "login";               // password (and TOTP) accepted
inline constexpr std::string_view kLoginFailed = "login_failed";  // bad password/code/locked
inline constexpr std::string_view kLogout = "logout";
inline constexpr std::string_view kPasswordChange = "password_change";
inline constexpr std::string_view kTotpEnable = "totp_enable";
inline constexpr std::string_view kTotpDisable = "totp_disable";
inline constexpr std::string_view kUserCreate = "user_create";
inline constexpr std::string_view kUserRole = "user_role";  // role changed
inline constexpr std::string_view kUserDisable = "user_disable";
inline constexpr std::string_view kUserEnable = "user_enable";
inline constexpr std::string_view kUserPasswordReset = "user_password_reset";
inline constexpr std::string_view kTransition = "transition";  // workflow: target = article
inline constexpr std::string_view kSettingChange = "setting_change";
}  // namespace audit_action

struct AuditEntry {
  Id id = 0;                   // assigned by the store; ignored by append()
  Time at{};                   // when it happened (UTC seconds)
  std::optional<Id> actor_id;  // the user who acted; nullopt for an unknown login name
  std::string actor_name;      // username as typed or as stored (kept if the user goes)
  std::string action;          // an audit_action code
  std::string target_type;     // "user", "article", "setting", or empty
  std::optional<Id> target_id;
  std::string detail;   // for a person; never secrets
  std::string address;  // client IP address as the server saw it (after proxy rules)
};

// Which entries to read, newest first.
struct AuditQuery {
  std::optional<Id> actor_id;
  std::string action;       // empty: any
  std::string target_type;  // empty: any
  std::optional<Id> target_id;
  std::optional<Time> since;  // inclusive
  std::size_t limit = 100;
  std::size_t offset = 0;
};

class AuditLog {
 public:
  virtual ~AuditLog() = default;
  virtual Status append(const AuditEntry& entry) = 0;
  virtual Result<std::vector<AuditEntry>> list(const AuditQuery& query) const = 0;
};

}  // namespace congtin::content
