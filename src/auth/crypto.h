// The cryptographic pieces of accounts, each a thin layer over a well-kept library:
// argon2id password hashing (libsodium crypto_pwhash_str), random tokens and their hashes
// (libsodium randombytes and BLAKE2b), and TOTP codes (RFC 6238, HMAC-SHA1, liboath).
//
// Thread-safety: every function is safe to call from many threads once init_crypto() has
// returned (the server calls it at start; calling it again is harmless).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace congtin::auth {

// Initialises libsodium and liboath. kInternal if either cannot start (no entropy source).
Status init_crypto();

// Cost of argon2id. kInteractive is libsodium's interactive limit (64 MiB, 2 passes), about
// 0.1 s on a small server; kTest is the minimum, for unit tests only.
struct PasswordCost {
  unsigned long long opslimit;
  std::size_t memlimit;
  static PasswordCost interactive();
  static PasswordCost test();
};

// The storable hash ("$argon2id$v=19$m=...") of password. kInternal only when memory runs out.
Result<std::string> hash_password(std::string_view password, PasswordCost cost);
// True when password matches the stored hash; false for a wrong password or a malformed hash.
bool verify_password(std::string_view stored_hash, std::string_view password);
// True when the hash was made with other parameters than `cost` (rehash after a login).
bool password_needs_rehash(std::string_view stored_hash, PasswordCost cost);

// Checks a new password against the policy (10 to 1024 bytes, not all white space) and
// returns kInvalidArgument with a Vietnamese message a person can act on.
Status check_password_policy(std::string_view password);

// A fresh random token of 256 bits, URL-safe base64 without padding (43 characters).
std::string random_token();
// The hex BLAKE2b-256 of a token: what the database stores instead of the token.
std::string token_hash(std::string_view token);
// Constant-time comparison of two strings (different lengths compare unequal at once).
bool equal_constant_time(std::string_view a, std::string_view b);

// TOTP (RFC 6238) with HMAC-SHA1, the algorithm every authenticator app supports.
namespace totp {
inline constexpr unsigned kStepSeconds = 30;
inline constexpr unsigned kDigits = 6;

// 20 random bytes (160 bits, RFC 4226's recommended secret length).
std::string new_secret();
// Base32 without padding, as authenticator apps take it ("JBSWY3DPEHPK3PXP").
std::string to_base32(std::string_view secret);
// The code at unix time `now` with `digits` (6 to 8) digits.
Result<std::string> code_at(std::string_view secret, std::int64_t now, unsigned digits = kDigits);
// The time step of an accepted code, trying now and `window` steps either side (clock drift);
// nullopt when the code matches none. Codes must be exactly kDigits ASCII digits.
std::optional<std::int64_t> match(std::string_view secret, std::string_view code, std::int64_t now,
                                  unsigned window = 1);
// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string provisioning_uri(std::string_view issuer, std::string_view account,
                             std::string_view secret);
}  // namespace totp

}  // namespace congtin::auth
