// A real temporary congtin database with the account repositories, an in-memory audit log
// (the SQLite one belongs to the newsroom store) and a fake clock, for auth and admin tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <mutex>
#include <vector>

#include "../store/temp_dir.h"
#include "auth/auth_service.h"
#include "content/audit.h"
#include "content/repository.h"
#include "core/clock.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/user_repository.h"

namespace congtin::auth::testing {

// Keeps entries in a vector; list() returns them newest first, filtered by action only.
class MemoryAuditLog final : public content::AuditLog {
 public:
  Status append(const content::AuditEntry& e) override {
    std::lock_guard lock(mu_);
    entries_.push_back(e);
    entries_.back().id = static_cast<content::Id>(entries_.size());
    return {};
  }
  Result<std::vector<content::AuditEntry>> list(const content::AuditQuery& q) const override {
    std::lock_guard lock(mu_);
    std::vector<content::AuditEntry> out;
    for (auto it = entries_.rbegin(); it != entries_.rend(); ++it)
      if (q.action.empty() || it->action == q.action) out.push_back(*it);
    return out;
  }
  std::size_t count(std::string_view action) const {
    std::lock_guard lock(mu_);
    std::size_t n = 0;
    for (const auto& e : entries_) n += e.action == action;
    return n;
  }

 private:
  mutable std::mutex mu_;
  std::vector<content::AuditEntry> entries_;
};

// 2026-03-02 08:00:00 UTC.
inline Seconds fixture_now() { return Seconds(std::chrono::seconds(1772438400)); }

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(init_crypto().ok());
    auto store = store::open_sqlite_store(dir_ / "congtin.db", store::OpenMode::kCreate);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    auto accounts = store::sqlite::open_accounts(dir_ / "congtin.db");
    ASSERT_TRUE(accounts.ok()) << accounts.error().message;
    accounts_ = std::move(*accounts);
    AuthOptions o;
    o.password_cost = PasswordCost::test();
    service_ =
        std::make_unique<AuthService>(*accounts_->users, *accounts_->sessions, *accounts_->attempts,
                                      *accounts_->settings, audit_, clock_, o);
  }

  // Creates a user through the console path; returns its id.
  Id add_user(const std::string& username, Role role,
              const std::string& password = "mật-khẩu-đủ-dài") {
    auto id =
        service_->create_user_from_console({username, "Người dùng " + username, role, password});
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : 0;
  }

  // Signs in (no TOTP) and returns the session token.
  std::string sign_in(const std::string& username, const std::string& password = "mật-khẩu-đủ-dài",
                      const std::string& address = "192.0.2.10") {
    auto r = service_->login(username, password, Client{address, "test"});
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return {};
    EXPECT_EQ(r->outcome, LoginResult::kSignedIn) << r->message;
    return r->token;
  }

  store::testing::TempDir dir_;
  FakeClock clock_{fixture_now()};
  MemoryAuditLog audit_;
  std::unique_ptr<content::Store> store_;
  std::unique_ptr<store::sqlite::SqliteAccounts> accounts_;
  std::unique_ptr<AuthService> service_;
};

}  // namespace congtin::auth::testing
