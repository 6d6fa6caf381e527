// SQLite implementations of the session and failed-login repositories (auth/account.h).
// See user_repository.h for how they are opened. Thread-safe.
#pragma once

#include "auth/account.h"
#include "store/sqlite/connection_pool.h"

namespace congtin::store::sqlite {

class SqliteSessionRepository final : public auth::SessionRepository {
 public:
  explicit SqliteSessionRepository(ConnectionPool& pool) : pool_(pool) {}
  Status create(const auth::Session& s) override;
  Result<auth::Session> by_token_hash(std::string_view token_hash) override;
  Status touch(std::string_view token_hash, auth::Time seen_at) override;
  Status revoke(std::string_view token_hash) override;
  Result<std::int64_t> revoke_user(auth::Id user_id, std::string_view keep_token_hash) override;
  Result<std::int64_t> delete_expired(auth::Time now) override;

 private:
  ConnectionPool& pool_;
};

class SqliteLoginAttemptRepository final : public auth::LoginAttemptRepository {
 public:
  explicit SqliteLoginAttemptRepository(ConnectionPool& pool) : pool_(pool) {}
  Status record_failure(std::string_view key, auth::Time at) override;
  Result<std::int64_t> failures_since(std::string_view key, auth::Time since) override;
  Result<std::optional<auth::Time>> oldest_since(std::string_view key, auth::Time since) override;
  Status clear(std::string_view key) override;
  Status prune(auth::Time before) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace congtin::store::sqlite
