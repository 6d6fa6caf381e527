// The SQL of the accounts migration (users, sessions, failed logins, account settings), kept
// beside the repositories that use it; migrations.cc lists it in order with the others.
// Never edit it once released: change the schema with a new migration.
#pragma once

#include <string_view>

namespace congtin::store::sqlite {

// Roles are the codes of content::role_code(); times are integer UTC seconds. Sessions are
// keyed by the hash of the token, never the token. Users use AUTOINCREMENT so an id is never
// reused: the audit log and the workflow history refer to users by id.
inline constexpr std::string_view kAccountsSchema = R"sql(
CREATE TABLE users (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  username       TEXT NOT NULL UNIQUE,
  display_name   TEXT NOT NULL,
  role           TEXT NOT NULL CHECK (role IN
                   ('cong_tac_vien', 'phong_vien', 'bien_tap_vien', 'truong_ban', 'quan_tri')),
  password_hash  TEXT NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  totp_secret    BLOB NOT NULL DEFAULT x'',
  totp_enabled   INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
  totp_last_step INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token   TEXT NOT NULL,
  totp_pending INTEGER NOT NULL DEFAULT 0 CHECK (totp_pending IN (0, 1)),
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  address      TEXT NOT NULL DEFAULT '',
  user_agent   TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user_id);
CREATE INDEX sessions_expires ON sessions(expires_at);

-- One row per failed login, under "u:<username>" and "a:<address>".
CREATE TABLE login_failures (
  key TEXT NOT NULL,
  at  INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(key, at);
CREATE INDEX login_failures_at ON login_failures(at);

CREATE TABLE account_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
)sql";

}  // namespace congtin::store::sqlite
