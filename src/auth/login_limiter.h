// LoginLimiter: flood control for the login form, after Drupal's: at most N failed logins per
// account in one window and M per client address in another (defaults 5 per 6 hours and 50
// per hour). Once a limit is reached, further attempts are refused without checking the
// password, until the oldest failure in the window ages out. A successful login clears the
// account's count (not the address's, so one good password does not reopen a scanner's door).
//
// Failures are kept through LoginAttemptRepository, so restarts and several nodes share them.
// Thread-safe if the repository is; two concurrent failures may both pass check() and be
// recorded, which lets a limit be overshot by the number of worker threads at most.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "auth/account.h"
#include "core/clock.h"

namespace congtin::auth {

struct LoginLimits {
  int account_failures = 5;
  std::chrono::seconds account_window = std::chrono::hours(6);
  int address_failures = 50;
  std::chrono::seconds address_window = std::chrono::hours(1);
};

struct LoginVerdict {
  enum Kind { kAllowed, kAccountLocked, kAddressLocked };
  Kind kind = kAllowed;
  Time retry_at{};  // when an attempt will be accepted again (locked verdicts only)

  bool allowed() const { return kind == kAllowed; }
};

class LoginLimiter {
 public:
  LoginLimiter(LoginAttemptRepository& attempts, const Clock& clock, LoginLimits limits)
      : attempts_(attempts), clock_(clock), limits_(limits) {}

  // Whether username (already lower-cased) may try to log in from address now.
  Result<LoginVerdict> check(std::string_view username, std::string_view address);
  Status record_failure(std::string_view username, std::string_view address);
  Status record_success(std::string_view username);

  // The Vietnamese message for a refused verdict, with the time left ("khoảng 5 giờ 12 phút").
  std::string message(const LoginVerdict& v) const;

  const LoginLimits& limits() const { return limits_; }

 private:
  static std::string account_key(std::string_view username) { return "u:" + std::string(username); }
  static std::string address_key(std::string_view address) { return "a:" + std::string(address); }

  LoginAttemptRepository& attempts_;
  const Clock& clock_;
  LoginLimits limits_;
};

}  // namespace congtin::auth
