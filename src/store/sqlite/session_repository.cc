#include "store/sqlite/session_repository.h"

#include "store/sqlite/repositories.h"

namespace congtin::store::sqlite {

using auth::Id;
using auth::Session;
using auth::Time;

namespace {

// Runs a write with its bindings; returns the number of rows changed.
template <class Bind>
Result<std::int64_t> write(ConnectionPool& pool, std::string_view sql, Bind bind) {
  auto conn = pool.this_thread();
  if (!conn) return conn.take_error();
  auto st = (*conn)->prepare(sql);
  if (!st) return st.take_error();
  bind(*st);
  if (auto s = st->run(); !s) return s.take_error();
  return (*conn)->changes();
}

}  // namespace

Status SqliteSessionRepository::create(const Session& s) {
  auto n = write(pool_,
                 "INSERT INTO sessions (token_hash, user_id, csrf_token, totp_pending, created_at, "
                 "last_seen_at, expires_at, address, user_agent) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                 [&](Statement& st) {
                   st.bind(1, s.token_hash)
                       .bind(2, s.user_id)
                       .bind(3, s.csrf_token)
                       .bind(4, s.totp_pending)
                       .bind(5, to_unix(s.created_at))
                       .bind(6, to_unix(s.last_seen_at))
                       .bind(7, to_unix(s.expires_at))
                       .bind(8, s.address)
                       .bind(9, s.user_agent);
                 });
  if (!n) return n.take_error();
  return {};
}

Result<Session> SqliteSessionRepository::by_token_hash(std::string_view token_hash) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto st = (*conn)->prepare(
      "SELECT token_hash, user_id, csrf_token, totp_pending, created_at, last_seen_at, "
      "expires_at, address, user_agent FROM sessions WHERE token_hash = ?1");
  if (!st) return st.take_error();
  st->bind(1, token_hash);
  auto row = st->step();
  if (!row) return row.take_error();
  if (!*row) return Error::not_found("no such session");
  Session s;
  s.token_hash = st->column_string(0);
  s.user_id = st->column_int64(1);
  s.csrf_token = st->column_string(2);
  s.totp_pending = st->column_int64(3) != 0;
  s.created_at = from_unix(st->column_int64(4));
  s.last_seen_at = from_unix(st->column_int64(5));
  s.expires_at = from_unix(st->column_int64(6));
  s.address = st->column_string(7);
  s.user_agent = st->column_string(8);
  return s;
}

Status SqliteSessionRepository::touch(std::string_view token_hash, Time seen_at) {
  auto n = write(pool_, "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
                 [&](Statement& st) { st.bind(1, token_hash).bind(2, to_unix(seen_at)); });
  if (!n) return n.take_error();
  return {};
}

Status SqliteSessionRepository::revoke(std::string_view token_hash) {
  auto n = write(pool_, "DELETE FROM sessions WHERE token_hash = ?1",
                 [&](Statement& st) { st.bind(1, token_hash); });
  if (!n) return n.take_error();
  return {};
}

Result<std::int64_t> SqliteSessionRepository::revoke_user(Id user_id,
                                                          std::string_view keep_token_hash) {
  return write(pool_, "DELETE FROM sessions WHERE user_id = ?1 AND token_hash <> ?2",
               [&](Statement& st) { st.bind(1, user_id).bind(2, keep_token_hash); });
}

Result<std::int64_t> SqliteSessionRepository::delete_expired(Time now) {
  return write(pool_, "DELETE FROM sessions WHERE expires_at < ?1",
               [&](Statement& st) { st.bind(1, to_unix(now)); });
}

Status SqliteLoginAttemptRepository::record_failure(std::string_view key, Time at) {
  auto n = write(pool_, "INSERT INTO login_failures (key, at) VALUES (?1, ?2)",
                 [&](Statement& st) { st.bind(1, key).bind(2, to_unix(at)); });
  if (!n) return n.take_error();
  return {};
}

Result<std::int64_t> SqliteLoginAttemptRepository::failures_since(std::string_view key,
                                                                  Time since) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto st = (*conn)->prepare("SELECT count(*) FROM login_failures WHERE key = ?1 AND at >= ?2");
  if (!st) return st.take_error();
  st->bind(1, key).bind(2, to_unix(since));
  auto row = st->step();
  if (!row) return row.take_error();
  return st->column_int64(0);
}

Result<std::optional<Time>> SqliteLoginAttemptRepository::oldest_since(std::string_view key,
                                                                       Time since) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto st = (*conn)->prepare("SELECT min(at) FROM login_failures WHERE key = ?1 AND at >= ?2");
  if (!st) return st.take_error();
  st->bind(1, key).bind(2, to_unix(since));
  auto row = st->step();
  if (!row) return row.take_error();
  if (!*row || st->column_is_null(0)) return std::optional<Time>();
  return std::optional<Time>(from_unix(st->column_int64(0)));
}

Status SqliteLoginAttemptRepository::clear(std::string_view key) {
  auto n = write(pool_, "DELETE FROM login_failures WHERE key = ?1",
                 [&](Statement& st) { st.bind(1, key); });
  if (!n) return n.take_error();
  return {};
}

Status SqliteLoginAttemptRepository::prune(Time before) {
  auto n = write(pool_, "DELETE FROM login_failures WHERE at < ?1",
                 [&](Statement& st) { st.bind(1, to_unix(before)); });
  if (!n) return n.take_error();
  return {};
}

}  // namespace congtin::store::sqlite
