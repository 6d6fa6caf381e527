// SQLite implementations of the account repositories (auth/account.h), and open_accounts(),
// which gives the composition root all four over one connection pool.
//
// They run on their own ConnectionPool over the same database file as the content store
// (congtin.db, WAL): account writes are independent of content transactions. The content
// store's open must have run first, since it applies the migrations (the accounts schema is
// migration 2). Thread-safe: the objects hold no mutable state of their own.
#pragma once

#include <filesystem>
#include <memory>

#include "auth/account.h"
#include "store/sqlite/connection_pool.h"

namespace congtin::store::sqlite {

class SqliteUserRepository final : public auth::UserRepository {
 public:
  explicit SqliteUserRepository(ConnectionPool& pool) : pool_(pool) {}
  Result<auth::Id> create(const auth::User& u) override;
  Result<auth::User> by_id(auth::Id id) override;
  Result<auth::User> by_username(std::string_view username) override;
  Result<std::vector<auth::User>> list() override;
  Result<std::int64_t> count() override;
  Status update(const auth::User& u) override;
  Result<bool> advance_totp_step(auth::Id id, std::int64_t step) override;

 private:
  ConnectionPool& pool_;
};

class SqliteAccountSettingsRepository final : public auth::AccountSettingsRepository {
 public:
  explicit SqliteAccountSettingsRepository(ConnectionPool& pool) : pool_(pool) {}
  Result<bool> require_admin_totp() override;
  Status set_require_admin_totp(bool on) override;

 private:
  ConnectionPool& pool_;
};

class SqliteSessionRepository;
class SqliteLoginAttemptRepository;

// Everything the accounts module stores, over one pool. Members borrow pool, declared first.
struct SqliteAccounts {
  std::shared_ptr<ConnectionPool> pool;
  std::unique_ptr<auth::UserRepository> users;
  std::unique_ptr<auth::SessionRepository> sessions;
  std::unique_ptr<auth::LoginAttemptRepository> attempts;
  std::unique_ptr<auth::AccountSettingsRepository> settings;
  ~SqliteAccounts();  // repositories first, then the pool
};

// Opens the account repositories on `file`, which must be a migrated congtin database.
// kNotFound if the file is missing; kCorruption if it lacks the accounts tables (a database
// from before migration 2 that was not opened by this congtin yet); kUnavailable if busy.
Result<std::unique_ptr<SqliteAccounts>> open_accounts(const std::filesystem::path& file);

}  // namespace congtin::store::sqlite
