#include "auth/crypto.h"

#include <liboath/oath.h>
#include <sodium.h>

#include <boost/url/url.hpp>
#include <cstdlib>
#include <memory>

namespace congtin::auth {

Status init_crypto() {
  if (sodium_init() < 0) return Error::internal("libsodium could not be initialised");
  // oath_init is reference-counted; the matching oath_done is left to process exit.
  if (oath_init() != OATH_OK) return Error::internal("liboath could not be initialised");
  return {};
}

PasswordCost PasswordCost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}

PasswordCost PasswordCost::test() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

Result<std::string> hash_password(std::string_view password, PasswordCost cost) {
  char out[crypto_pwhash_STRBYTES];
  // crypto_pwhash_str uses argon2id in libsodium >= 1.0.15.
  if (crypto_pwhash_str(out, password.data(), password.size(), cost.opslimit, cost.memlimit) != 0)
    return Error::internal("password hashing ran out of memory");
  return std::string(out);
}

bool verify_password(std::string_view stored_hash, std::string_view password) {
  // The stored string must be NUL-terminated for libsodium; copy it to be sure.
  const std::string h(stored_hash);
  if (h.empty() || h.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(std::string_view stored_hash, PasswordCost cost) {
  const std::string h(stored_hash);
  return crypto_pwhash_str_needs_rehash(h.c_str(), cost.opslimit, cost.memlimit) != 0;
}

Status check_password_policy(std::string_view password) {
  if (password.size() < 10) return Error::invalid("Mật khẩu phải có ít nhất 10 ký tự.");
  if (password.size() > 1024) return Error::invalid("Mật khẩu dài quá 1024 ký tự.");
  if (password.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return Error::invalid("Mật khẩu không được chỉ gồm khoảng trắng.");
  if (password.find('\0') != std::string_view::npos)
    return Error::invalid("Mật khẩu chứa ký tự không hợp lệ.");
  return {};
}

std::string random_token() {
  unsigned char raw[32];
  randombytes_buf(raw, sizeof raw);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(sizeof raw, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw, sizeof raw, kVariant);
  out.resize(out.find('\0'));
  return out;
}

std::string token_hash(std::string_view token) {
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, sizeof digest * 2);
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

namespace totp {
namespace {
struct FreeDeleter {
  void operator()(char* p) const { std::free(p); }
};
}  // namespace

std::string new_secret() {
  std::string s(20, '\0');
  randombytes_buf(s.data(), s.size());
  return s;
}

std::string to_base32(std::string_view secret) {
  char* out = nullptr;
  size_t len = 0;
  if (oath_base32_encode(secret.data(), secret.size(), &out, &len) != OATH_OK) return {};
  std::unique_ptr<char, FreeDeleter> owned(out);
  std::string s(out, len);
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

Result<std::string> code_at(std::string_view secret, std::int64_t now, unsigned digits) {
  if (digits < 6 || digits > 8) return Error::invalid("TOTP codes have 6 to 8 digits");
  char otp[16] = {};
  int rc = oath_totp_generate(secret.data(), secret.size(), static_cast<time_t>(now), kStepSeconds,
                              OATH_TOTP_DEFAULT_START_TIME, digits, otp);
  if (rc != OATH_OK) return Error::internal(std::string("TOTP: ") + oath_strerror(rc));
  return std::string(otp);
}

std::optional<std::int64_t> match(std::string_view secret, std::string_view code, std::int64_t now,
                                  unsigned window) {
  if (secret.empty() || code.size() != kDigits) return std::nullopt;
  for (char c : code)
    if (c < '0' || c > '9') return std::nullopt;
  const std::string otp(code);
  int pos = 0;
  // validate2 returns the position of the match relative to now, in steps (or an error < 0).
  int rc = oath_totp_validate2(secret.data(), secret.size(), static_cast<time_t>(now), kStepSeconds,
                               OATH_TOTP_DEFAULT_START_TIME, window, &pos, otp.c_str());
  if (rc < 0) return std::nullopt;
  return now / kStepSeconds + pos;
}

std::string provisioning_uri(std::string_view issuer, std::string_view account,
                             std::string_view secret) {
  boost::urls::url u;
  u.set_scheme("otpauth");
  u.set_encoded_host("totp");
  // The label is "Issuer:account"; set_path percent-encodes what needs it.
  u.set_path("/" + std::string(issuer) + ":" + std::string(account));
  auto params = u.params();
  params.append({"secret", to_base32(secret)});
  params.append({"issuer", issuer});
  params.append({"algorithm", "SHA1"});
  params.append({"digits", std::to_string(kDigits)});
  params.append({"period", std::to_string(kStepSeconds)});
  return std::string(u.buffer());
}

}  // namespace totp
}  // namespace congtin::auth
