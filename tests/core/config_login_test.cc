// Login limits, Secure cookies and media limits in Config: defaults, TOML keys, the environment variables
// they had before Config knew them, and validation that names the key.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/config.h"

namespace congtin {
namespace {

constexpr const char* kVars[] = {"CONGTIN_LOGIN_ACCOUNT_FAILURES", "CONGTIN_LOGIN_ACCOUNT_WINDOW",
                                 "CONGTIN_LOGIN_ADDRESS_FAILURES", "CONGTIN_LOGIN_ADDRESS_WINDOW",
                                 "CONGTIN_SECURE_COOKIES",         "CONGTIN_CONFIG",
                                 "CONGTIN_MEDIA_MAX_MIB",          "CONGTIN_MEDIA_MAX_MEGAPIXELS"};

class LoginConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* v : kVars) ::unsetenv(v);
    dir_ = std::filesystem::temp_directory_path() /
           ("congtin-config-login-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    for (const char* v : kVars) ::unsetenv(v);
    std::filesystem::remove_all(dir_);
  }
  void write(const std::string& text) { std::ofstream(dir_ / "congtin.toml") << text; }
  Result<Config> load() {
    Config c;
    c.data_dir = dir_;
    if (auto s = load_config(c); !s) return s.take_error();
    return c;
  }
  std::filesystem::path dir_;
};

TEST_F(LoginConfigTest, DefaultsAreDrupals) {
  auto c = load();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->login_account_failures, 5);
  EXPECT_EQ(c->login_account_window_seconds, 6 * 3600);
  EXPECT_EQ(c->login_address_failures, 50);
  EXPECT_EQ(c->login_address_window_seconds, 3600);
  EXPECT_FALSE(c->secure_cookies);
}

TEST_F(LoginConfigTest, TomlThenEnvironment) {
  write(
      "login_account_failures = 3\nlogin_account_window_seconds = 600\n"
      "login_address_failures = 0\nlogin_address_window_seconds = 120\nsecure_cookies = true\n");
  auto c = load();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->login_account_failures, 3);
  EXPECT_EQ(c->login_account_window_seconds, 600);
  EXPECT_EQ(c->login_address_failures, 0);  // 0 turns the limit off
  EXPECT_EQ(c->login_address_window_seconds, 120);
  EXPECT_TRUE(c->secure_cookies);

  // The environment names used before these settings moved into Config still work.
  ::setenv("CONGTIN_LOGIN_ACCOUNT_FAILURES", "10", 1);
  ::setenv("CONGTIN_LOGIN_ACCOUNT_WINDOW", "7200", 1);
  ::setenv("CONGTIN_LOGIN_ADDRESS_FAILURES", "100", 1);
  ::setenv("CONGTIN_LOGIN_ADDRESS_WINDOW", "1800", 1);
  ::setenv("CONGTIN_SECURE_COOKIES", "0", 1);
  c = load();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->login_account_failures, 10);
  EXPECT_EQ(c->login_account_window_seconds, 7200);
  EXPECT_EQ(c->login_address_failures, 100);
  EXPECT_EQ(c->login_address_window_seconds, 1800);
  EXPECT_FALSE(c->secure_cookies);
  ::setenv("CONGTIN_SECURE_COOKIES", "1", 1);
  EXPECT_TRUE(load()->secure_cookies);
}

TEST_F(LoginConfigTest, MediaLimits) {
  auto c = load();
  ASSERT_TRUE(c);
  EXPECT_EQ(c->media_max_mib, 20);
  EXPECT_EQ(c->media_max_megapixels, 40);
  write("media_max_mib = 5\nmedia_max_megapixels = 100\n");
  c = load();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->media_max_mib, 5);
  EXPECT_EQ(c->media_max_megapixels, 100);
  ::setenv("CONGTIN_MEDIA_MAX_MIB", "24", 1);
  ::setenv("CONGTIN_MEDIA_MAX_MEGAPIXELS", "1", 1);
  c = load();
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->media_max_mib, 24);
  EXPECT_EQ(c->media_max_megapixels, 1);
}

TEST_F(LoginConfigTest, BadValuesNameTheKey) {
  struct Case {
    std::string toml;
    std::string key;
  };
  const std::vector<Case> cases = {
      {"login_account_failures = -1\n", "login_account_failures"},
      {"login_account_failures = 1001\n", "login_account_failures"},
      {"login_account_window_seconds = 0\n", "login_account_window_seconds"},
      {"login_address_failures = \"50\"\n", "login_address_failures"},
      {"login_address_window_seconds = 2592001\n", "login_address_window_seconds"},
      {"secure_cookies = \"yes\"\n", "secure_cookies"},
      {"media_max_mib = 25\n", "media_max_mib"},
      {"media_max_megapixels = 0\n", "media_max_megapixels"},
  };
  for (const auto& c : cases) {
    write(c.toml);
    auto r = load();
    ASSERT_FALSE(r) << c.toml;
    EXPECT_NE(r.error().message.find(c.key), std::string::npos) << r.error().message;
  }
  write("");
  for (const auto& [var, value] :
       std::vector<std::pair<const char*, const char*>>{{"CONGTIN_LOGIN_ACCOUNT_FAILURES", "năm"},
                                                        {"CONGTIN_LOGIN_ADDRESS_WINDOW", "0"},
                                                        {"CONGTIN_SECURE_COOKIES", "có"},
                                                        {"CONGTIN_MEDIA_MAX_MIB", "0"}}) {
    ::setenv(var, value, 1);
    auto r = load();
    ASSERT_FALSE(r) << var;
    EXPECT_NE(r.error().message.find(var), std::string::npos) << r.error().message;
    ::unsetenv(var);
  }
}

}  // namespace
}  // namespace congtin
