// The stored shapes of newsroom accounts and what the accounts module keeps about them:
// users, server-side sessions and failed login attempts, and the repository interfaces that
// store them (SQLite implementations in store/sqlite/{user,session}_repository.*).
//
// Repositories are thread-safe. Every method returns kNotFound for a missing row, kConflict
// for a taken username, kUnavailable when the database is busy; messages are for logs and
// operators (English). Secrets never leave a repository in a form that grants access: session
// tokens are stored as their BLAKE2b hash, passwords as argon2id strings, and only the TOTP
// secret is stored as given (it must be, to compute codes).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.h"
#include "content/roles.h"
#include "core/result.h"

namespace congtin::auth {

using content::Id;
using content::Role;
using content::Time;

struct User {
  Id id = 0;
  std::string username;      // login name: a-z 0-9 . _ -, 3 to 64 characters, unique
  std::string display_name;  // "Phùng Anh Văn" (NFC)
  Role role = Role::kContributor;
  std::string password_hash;  // crypto_pwhash_str output (argon2id)
  bool disabled = false;
  std::string totp_secret;          // raw bytes of the shared secret; empty: never enrolled
  bool totp_enabled = false;        // true once a code from totp_secret was confirmed
  std::int64_t totp_last_step = 0;  // last accepted time step, so a code works only once
  Time created_at{};
  Time updated_at{};
};

// A login. The token the browser holds is never stored, only token_hash.
struct Session {
  std::string token_hash;  // hex BLAKE2b-256 of the cookie token; the primary key
  Id user_id = 0;
  std::string csrf_token;     // the synchroniser token for this session's forms
  bool totp_pending = false;  // password accepted, second factor not yet
  Time created_at{};
  Time last_seen_at{};
  Time expires_at{};  // absolute end, whatever the activity
  std::string address;
  std::string user_agent;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  // Inserts u (id ignored) and returns the new id; kConflict if the username is taken
  // (usernames compare exactly; callers normalise to lower case first).
  virtual Result<Id> create(const User& u) = 0;
  virtual Result<User> by_id(Id id) = 0;
  virtual Result<User> by_username(std::string_view username) = 0;
  // Every user, by username.
  virtual Result<std::vector<User>> list() = 0;
  virtual Result<std::int64_t> count() = 0;
  // Writes every field of u except id, username and created_at; kNotFound if u.id is absent.
  virtual Status update(const User& u) = 0;
  // Sets totp_last_step only if `step` is greater than the stored one: true if it was (the
  // code is fresh), false if the step was already used (a replay). Atomic.
  virtual Result<bool> advance_totp_step(Id id, std::int64_t step) = 0;
};

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Status create(const Session& s) = 0;
  virtual Result<Session> by_token_hash(std::string_view token_hash) = 0;
  virtual Status touch(std::string_view token_hash, Time seen_at) = 0;
  // Removing a missing session is not an error (logout twice is fine).
  virtual Status revoke(std::string_view token_hash) = 0;
  // Ends every session of the user except `keep_token_hash` (empty: all); returns how many.
  virtual Result<std::int64_t> revoke_user(Id user_id, std::string_view keep_token_hash = {}) = 0;
  // Deletes sessions whose expires_at is before `now`; returns how many.
  virtual Result<std::int64_t> delete_expired(Time now) = 0;
};

// Failed logins, counted per key ("u:<username>" or "a:<address>") in a time window. Kept in
// the database rather than in memory so that every node of a scaled-out site counts alike.
class LoginAttemptRepository {
 public:
  virtual ~LoginAttemptRepository() = default;
  virtual Status record_failure(std::string_view key, Time at) = 0;
  virtual Result<std::int64_t> failures_since(std::string_view key, Time since) = 0;
  // The earliest failure at or after `since`, to tell a person when the lock ends.
  virtual Result<std::optional<Time>> oldest_since(std::string_view key, Time since) = 0;
  virtual Status clear(std::string_view key) = 0;
  // Drops failures older than `before` (housekeeping).
  virtual Status prune(Time before) = 0;
};

// Site-wide account settings kept in the database, changed by administrators.
class AccountSettingsRepository {
 public:
  virtual ~AccountSettingsRepository() = default;
  // Whether administrators must use two-factor login; false when never set.
  virtual Result<bool> require_admin_totp() = 0;
  virtual Status set_require_admin_totp(bool on) = 0;
};

// True for a valid username: 3 to 64 of a-z 0-9 . _ - (lower case), starting with a letter
// or digit.
bool is_valid_username(std::string_view s);

}  // namespace congtin::auth
