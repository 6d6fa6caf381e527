#include "auth/crypto.h"

#include <gtest/gtest.h>

#include <set>

namespace congtin::auth {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(init_crypto().ok()); }
};

TEST_F(CryptoTest, PasswordHashIsArgon2idAndVerifies) {
  auto h = hash_password("Mật khẩu: Đồng Đăng 2026", PasswordCost::test());
  ASSERT_TRUE(h.ok());
  EXPECT_TRUE(h->starts_with("$argon2id$")) << *h;
  EXPECT_TRUE(verify_password(*h, "Mật khẩu: Đồng Đăng 2026"));
  EXPECT_FALSE(verify_password(*h, "Mật khẩu: Dong Dang 2026"));
  EXPECT_FALSE(verify_password(*h, ""));
  EXPECT_FALSE(verify_password("not a hash", "Mật khẩu: Đồng Đăng 2026"));
  EXPECT_FALSE(verify_password("", ""));
}

TEST_F(CryptoTest, SamePasswordGetsDifferentSalts) {
  auto a = hash_password("cùng-một-mật-khẩu", PasswordCost::test());
  auto b = hash_password("cùng-một-mật-khẩu", PasswordCost::test());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b);
}

TEST_F(CryptoTest, RehashWhenCostChanges) {
  auto h = hash_password("mat-khau-dai-du", PasswordCost::test());
  ASSERT_TRUE(h.ok());
  EXPECT_FALSE(password_needs_rehash(*h, PasswordCost::test()));
  EXPECT_TRUE(password_needs_rehash(*h, PasswordCost::interactive()));
}

TEST_F(CryptoTest, PasswordPolicy) {
  struct Case {
    std::string password;
    bool ok;
  };
  const Case cases[] = {
      {"ngắn", false},
      {"123456789", false},
      {"1234567890", true},
      {"          ", false},
      {"Hà Nội mùa thu", true},
      {std::string(1025, 'a'), false},
      {std::string("abcdefghij\0k", 12), false},
  };
  for (const auto& c : cases) {
    auto s = check_password_policy(c.password);
    EXPECT_EQ(s.ok(), c.ok) << c.password.size();
    if (!s.ok()) {
      EXPECT_EQ(s.error().kind, ErrorKind::kInvalidArgument);
    }
  }
  EXPECT_EQ(check_password_policy("ngắn").error().message, "Mật khẩu phải có ít nhất 10 ký tự.");
}

TEST_F(CryptoTest, TokensAreRandom256BitUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string t = random_token();
    EXPECT_EQ(t.size(), 43u);  // 32 bytes in base64 without padding
    EXPECT_EQ(
        t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
        std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST_F(CryptoTest, TokenHashIsStableHexAndNotTheToken) {
  const std::string t = random_token();
  EXPECT_EQ(token_hash(t), token_hash(t));
  EXPECT_EQ(token_hash(t).size(), 64u);
  EXPECT_NE(token_hash(t), token_hash(t + "x"));
  EXPECT_EQ(token_hash(t).find(t), std::string::npos);
}

TEST_F(CryptoTest, ConstantTimeEquality) {
  EXPECT_TRUE(equal_constant_time("abc", "abc"));
  EXPECT_FALSE(equal_constant_time("abc", "abd"));
  EXPECT_FALSE(equal_constant_time("abc", "abcd"));
  EXPECT_FALSE(equal_constant_time("", "a"));
}

// RFC 6238 appendix B, HMAC-SHA1 rows (8 digits, the ASCII secret "12345678901234567890").
TEST_F(CryptoTest, TotpMatchesRfc6238Vectors) {
  const std::string secret = "12345678901234567890";
  struct Vector {
    std::int64_t time;
    const char* code;
  };
  const Vector vectors[] = {
      {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
      {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
  };
  for (const auto& v : vectors) {
    auto code = totp::code_at(secret, v.time, 8);
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(*code, v.code) << "T=" << v.time;
  }
}

TEST_F(CryptoTest, TotpMatchAcceptsOneStepOfDriftOnly) {
  const std::string secret = totp::new_secret();
  ASSERT_EQ(secret.size(), 20u);
  const std::int64_t now = 1772438400;  // a multiple of 30
  auto code = totp::code_at(secret, now);
  ASSERT_TRUE(code.ok());
  ASSERT_EQ(code->size(), 6u);
  auto step = totp::match(secret, *code, now);
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(*step, now / 30);
  EXPECT_EQ(totp::match(secret, *code, now + 30), now / 30);  // the code from one step ago
  EXPECT_EQ(totp::match(secret, *code, now - 30), now / 30);  // a phone one step ahead
  EXPECT_FALSE(totp::match(secret, *code, now + 90).has_value());
  EXPECT_FALSE(totp::match(secret, "12345", now).has_value());
  EXPECT_FALSE(totp::match(secret, "12a456", now).has_value());
  EXPECT_FALSE(totp::match("", *code, now).has_value());
}

TEST_F(CryptoTest, Base32AndProvisioningUri) {
  EXPECT_EQ(totp::to_base32("12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  const std::string uri = totp::provisioning_uri("Sở Ngoại vụ", "bien.tap", "12345678901234567890");
  EXPECT_TRUE(uri.starts_with("otpauth://totp/")) << uri;
  EXPECT_NE(uri.find("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), std::string::npos) << uri;
  EXPECT_NE(uri.find("algorithm=SHA1"), std::string::npos);
  EXPECT_NE(uri.find("digits=6"), std::string::npos);
  EXPECT_NE(uri.find("period=30"), std::string::npos);
  EXPECT_EQ(uri.find(' '), std::string::npos) << "the label must be percent-encoded: " << uri;
}

}  // namespace
}  // namespace congtin::auth
