#include "auth/login_limiter.h"

#include <algorithm>

namespace congtin::auth {
namespace {

// "5 giờ 12 phút", "45 phút", "1 phút": rounded up to the minute, so it is never too early.
std::string duration_vi(std::chrono::seconds d) {
  const long long minutes = std::max<long long>(1, (d.count() + 59) / 60);
  const long long h = minutes / 60, m = minutes % 60;
  std::string s;
  if (h > 0) s += std::to_string(h) + " giờ";
  if (m > 0) s += (s.empty() ? "" : " ") + std::to_string(m) + " phút";
  return s;
}

}  // namespace

Result<LoginVerdict> LoginLimiter::check(std::string_view username, std::string_view address) {
  const Time now = clock_.now();
  // The address limit comes first: it is what a password sprayer across many accounts hits.
  struct Rule {
    std::string key;
    int limit;
    std::chrono::seconds window;
    LoginVerdict::Kind kind;
  };
  const Rule rules[] = {
      {address_key(address), limits_.address_failures, limits_.address_window,
       LoginVerdict::kAddressLocked},
      {account_key(username), limits_.account_failures, limits_.account_window,
       LoginVerdict::kAccountLocked},
  };
  for (const Rule& r : rules) {
    if (r.limit <= 0) continue;  // 0 turns a limit off
    // Failures in (now - window, now]: at exactly oldest + window the oldest has aged out.
    const Time since = now - r.window + std::chrono::seconds(1);
    auto n = attempts_.failures_since(r.key, since);
    if (!n) return n.take_error();
    if (*n < r.limit) continue;
    auto oldest = attempts_.oldest_since(r.key, since);
    if (!oldest) return oldest.take_error();
    LoginVerdict v;
    v.kind = r.kind;
    v.retry_at = (oldest->has_value() ? **oldest : now) + r.window;
    return v;
  }
  return LoginVerdict{};
}

Status LoginLimiter::record_failure(std::string_view username, std::string_view address) {
  const Time now = clock_.now();
  if (auto s = attempts_.record_failure(address_key(address), now); !s) return s;
  return attempts_.record_failure(account_key(username), now);
}

Status LoginLimiter::record_success(std::string_view username) {
  return attempts_.clear(account_key(username));
}

std::string LoginLimiter::message(const LoginVerdict& v) const {
  const auto left = std::max(std::chrono::seconds(0), v.retry_at - clock_.now());
  switch (v.kind) {
    case LoginVerdict::kAllowed:
      return {};
    case LoginVerdict::kAccountLocked:
      return "Tài khoản này tạm thời bị khóa vì đăng nhập sai quá " +
             std::to_string(limits_.account_failures) + " lần. Vui lòng thử lại sau khoảng " +
             duration_vi(left) + ", hoặc liên hệ quản trị viên để được hỗ trợ.";
    case LoginVerdict::kAddressLocked:
      return "Có quá nhiều lần đăng nhập sai từ địa chỉ mạng của bạn. Vui lòng thử lại sau "
             "khoảng " +
             duration_vi(left) + ".";
  }
  return {};
}

}  // namespace congtin::auth
