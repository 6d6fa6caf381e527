// The failed-login limits over the real SQLite repository, with a fake clock.
#include "auth/login_limiter.h"

#include "accounts_fixture.h"

namespace congtin::auth {
namespace {

using testing::AccountsTest;
using testing::fixture_now;

class LimiterTest : public AccountsTest {
 protected:
  LoginLimiter limiter(LoginLimits l = {}) { return LoginLimiter(*accounts_->attempts, clock_, l); }
};

TEST_F(LimiterTest, DefaultsAreDrupals) {
  const LoginLimits l;
  EXPECT_EQ(l.account_failures, 5);
  EXPECT_EQ(l.account_window, std::chrono::hours(6));
  EXPECT_EQ(l.address_failures, 50);
  EXPECT_EQ(l.address_window, std::chrono::hours(1));
}

TEST_F(LimiterTest, AccountLockedAfterFiveFailuresForSixHours) {
  auto l = limiter();
  for (int i = 0; i < 5; ++i) {
    auto v = l.check("phong.vien", "192.0.2.1");
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->allowed()) << "attempt " << i + 1;
    ASSERT_TRUE(l.record_failure("phong.vien", "192.0.2." + std::to_string(i + 1)).ok());
    clock_.advance(std::chrono::minutes(10));
  }
  auto v = l.check("phong.vien", "198.51.100.7");  // from anywhere
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->kind, LoginVerdict::kAccountLocked);
  // The first failure was 50 minutes ago: the lock lasts until it is 6 hours old.
  EXPECT_EQ(v->retry_at, fixture_now() + std::chrono::hours(6));
  const std::string msg = l.message(*v);
  EXPECT_NE(msg.find("Tài khoản này tạm thời bị khóa vì đăng nhập sai quá 5 lần"),
            std::string::npos)
      << msg;
  EXPECT_NE(msg.find("5 giờ 10 phút"), std::string::npos) << msg;

  // Another account is not affected.
  EXPECT_TRUE(l.check("bien.tap", "192.0.2.1")->allowed());

  clock_.set(fixture_now() + std::chrono::hours(6) - std::chrono::seconds(1));
  EXPECT_FALSE(l.check("phong.vien", "192.0.2.1")->allowed());
  clock_.set(fixture_now() + std::chrono::hours(6));
  EXPECT_TRUE(l.check("phong.vien", "192.0.2.1")->allowed());  // the oldest aged out
}

TEST_F(LimiterTest, SuccessClearsTheAccountButNotTheAddress) {
  auto l = limiter(LoginLimits{5, std::chrono::hours(6), 6, std::chrono::hours(1)});
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(l.record_failure("truong.ban", "203.0.113.9").ok());
  ASSERT_TRUE(l.record_success("truong.ban").ok());
  ASSERT_TRUE(l.record_failure("truong.ban", "203.0.113.9").ok());
  EXPECT_TRUE(l.check("truong.ban", "198.51.100.1")->allowed());  // 1 account failure left
  ASSERT_TRUE(l.record_failure("truong.ban", "203.0.113.9").ok());
  auto v = l.check("truong.ban", "203.0.113.9");  // address: 6 failures in the hour
  EXPECT_EQ(v->kind, LoginVerdict::kAddressLocked);
  EXPECT_NE(l.message(*v).find("địa chỉ mạng của bạn"), std::string::npos);
}

TEST_F(LimiterTest, AddressLockedAfterFiftyFailuresAcrossAccounts) {
  auto l = limiter();
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(l.record_failure("user" + std::to_string(i), "203.0.113.50").ok());
  auto v = l.check("someone-new", "203.0.113.50");
  EXPECT_EQ(v->kind, LoginVerdict::kAddressLocked);
  EXPECT_TRUE(l.check("someone-new", "203.0.113.51")->allowed());
  clock_.advance(std::chrono::hours(1));
  EXPECT_TRUE(l.check("someone-new", "203.0.113.50")->allowed());
}

TEST_F(LimiterTest, ZeroTurnsALimitOff) {
  auto l = limiter(LoginLimits{0, std::chrono::hours(6), 0, std::chrono::hours(1)});
  for (int i = 0; i < 20; ++i) ASSERT_TRUE(l.record_failure("a", "192.0.2.1").ok());
  EXPECT_TRUE(l.check("a", "192.0.2.1")->allowed());
}

}  // namespace
}  // namespace congtin::auth
