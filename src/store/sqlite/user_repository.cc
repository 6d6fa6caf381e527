#include "store/sqlite/user_repository.h"

#include <cstddef>
#include <span>

#include "store/sqlite/repositories.h"
#include "store/sqlite/session_repository.h"

namespace congtin::store::sqlite {

using auth::Id;
using auth::User;

namespace {

constexpr std::string_view kColumns =
    "id, username, display_name, role, password_hash, disabled, totp_secret, totp_enabled, "
    "totp_last_step, created_at, updated_at";

Result<User> read_user(const Statement& st) {
  User u;
  u.id = st.column_int64(0);
  u.username = st.column_string(1);
  u.display_name = st.column_string(2);
  auto role = content::role_from_code(st.column_text(3));
  if (!role) {
    return Error::corruption("user " + std::to_string(u.id) + " has an unknown role \"" +
                             st.column_string(3) + "\"");
  }
  u.role = *role;
  u.password_hash = st.column_string(4);
  u.disabled = st.column_int64(5) != 0;
  auto secret = st.column_blob(6);
  u.totp_secret.assign(reinterpret_cast<const char*>(secret.data()), secret.size());
  u.totp_enabled = st.column_int64(7) != 0;
  u.totp_last_step = st.column_int64(8);
  u.created_at = from_unix(st.column_int64(9));
  u.updated_at = from_unix(st.column_int64(10));
  return u;
}

std::span<const std::byte> bytes(const std::string& s) {
  return {reinterpret_cast<const std::byte*>(s.data()), s.size()};
}

Result<User> one_user(ConnectionPool& pool, std::string_view where, auto bind_key,
                      std::string_view what) {
  auto conn = pool.this_thread();
  if (!conn) return conn.take_error();
  auto st = (*conn)->prepare("SELECT " + std::string(kColumns) + " FROM users WHERE " +
                             std::string(where));
  if (!st) return st.take_error();
  bind_key(*st);
  auto row = st->step();
  if (!row) return row.take_error();
  if (!*row) return Error::not_found("no user " + std::string(what));
  return read_user(*st);
}

// Parameters ?2 to ?8, shared by INSERT and UPDATE.
void bind_fields(Statement& st, const User& u) {
  st.bind(2, u.display_name)
      .bind(3, content::role_code(u.role))
      .bind(4, u.password_hash)
      .bind(5, u.disabled)
      .bind_blob(6, bytes(u.totp_secret))
      .bind(7, u.totp_enabled)
      .bind(8, u.totp_last_step);
}

}  // namespace

Result<Id> SqliteUserRepository::create(const User& u) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto st = (*conn)->prepare(
      "INSERT INTO users (username, display_name, role, password_hash, disabled, totp_secret, "
      "totp_enabled, totp_last_step, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!st) return st.take_error();
  bind_fields(*st, u);
  st->bind(1, u.username).bind(9, to_unix(u.created_at)).bind(10, to_unix(u.updated_at));
  if (auto s = st->run(); !s) return s.take_error();
  return (*conn)->last_insert_id();
}

Result<User> SqliteUserRepository::by_id(Id id) {
  return one_user(
      pool_, "id = ?1", [&](Statement& s) { s.bind(1, id); }, "with id " + std::to_string(id));
}

Result<User> SqliteUserRepository::by_username(std::string_view username) {
  return one_user(
      pool_, "username = ?1", [&](Statement& s) { s.bind(1, username); },
      "named " + std::string(username));
}

Result<std::vector<User>> SqliteUserRepository::list() {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto st = (*conn)->prepare("SELECT " + std::string(kColumns) + " FROM users ORDER BY username");
  if (!st) return st.take_error();
  std::vector<User> out;
  for (;;) {
    auto row = st->step();
    if (!row) return row.take_error();
    if (!*row) break;
    auto u = read_user(*st);
    if (!u) return u.take_error();
    out.push_back(std::move(*u));
  }
  return out;
}

Result<std::int64_t> SqliteUserRepository::count() {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto st = (*conn)->prepare("SELECT count(*) FROM users");
  if (!st) return st.take_error();
  auto row = st->step();
  if (!row) return row.take_error();
  return st->column_int64(0);
}

Status SqliteUserRepository::update(const User& u) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto st = (*conn)->prepare(
      "UPDATE users SET display_name = ?2, role = ?3, password_hash = ?4, disabled = ?5, "
      "totp_secret = ?6, totp_enabled = ?7, totp_last_step = ?8, updated_at = ?9 WHERE id = ?1");
  if (!st) return st.take_error();
  bind_fields(*st, u);
  st->bind(1, u.id).bind(9, to_unix(u.updated_at));
  if (auto s = st->run(); !s) return s;
  if ((*conn)->changes() == 0) return Error::not_found("no user with id " + std::to_string(u.id));
  return {};
}

Result<bool> SqliteUserRepository::advance_totp_step(Id id, std::int64_t step) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  // One statement, so two requests with the same code cannot both see the old step.
  auto st = (*conn)->prepare(
      "UPDATE users SET totp_last_step = ?2 WHERE id = ?1 AND totp_last_step < ?2");
  if (!st) return st.take_error();
  st->bind(1, id).bind(2, step);
  if (auto s = st->run(); !s) return s.take_error();
  return (*conn)->changes() > 0;
}

Result<bool> SqliteAccountSettingsRepository::require_admin_totp() {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto st = (*conn)->prepare("SELECT value FROM account_settings WHERE key = 'require_admin_totp'");
  if (!st) return st.take_error();
  auto row = st->step();
  if (!row) return row.take_error();
  return *row && st->column_text(0) == "1";
}

Status SqliteAccountSettingsRepository::set_require_admin_totp(bool on) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto st = (*conn)->prepare(
      "INSERT INTO account_settings (key, value) VALUES ('require_admin_totp', ?1) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!st) return st.take_error();
  st->bind(1, on ? "1" : "0");
  return st->run();
}

SqliteAccounts::~SqliteAccounts() = default;

Result<std::unique_ptr<SqliteAccounts>> open_accounts(const std::filesystem::path& file) {
  auto pool = sqlite::open_existing_pool(file);
  if (!pool) return pool.take_error();
  if (Status s = sqlite::require_tables(
          **pool, {"users", "sessions", "login_failures", "account_settings"}, "account");
      !s)
    return s.take_error();
  auto a = std::make_unique<SqliteAccounts>();
  a->pool = std::move(*pool);
  a->users = std::make_unique<SqliteUserRepository>(*a->pool);
  a->sessions = std::make_unique<SqliteSessionRepository>(*a->pool);
  a->attempts = std::make_unique<SqliteLoginAttemptRepository>(*a->pool);
  a->settings = std::make_unique<SqliteAccountSettingsRepository>(*a->pool);
  return a;
}

}  // namespace congtin::store::sqlite
