#include "cli/admin_wiring.h"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <string>

#include "admin/admin.h"
#include "auth/auth_service.h"
#include "render/theme.h"
#include "store/sqlite/audit_repository.h"
#include "store/sqlite/user_repository.h"

namespace congtin::cli {
namespace {

// An integer from the environment within [lo, hi], else `fallback` (with a warning).
long long env_int(const char* name, long long fallback, long long lo, long long hi) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return fallback;
  char* end = nullptr;
  const long long n = std::strtoll(v, &end, 10);
  if (*end != '\0' || n < lo || n > hi) {
    spdlog::warn("{}={} is not an integer from {} to {}; using {}", name, v, lo, hi, fallback);
    return fallback;
  }
  return n;
}

class Wiring final : public AdminWiring {
 public:
  std::unique_ptr<store::sqlite::SqliteAccounts> accounts;
  std::unique_ptr<store::sqlite::SqliteAuditLog> audit;
  std::unique_ptr<render::Theme> theme;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<admin::BackOffice> back_office;
};

}  // namespace

Result<std::unique_ptr<AdminWiring>> wire_admin(const Config& config, const AdminContext& ctx,
                                                const Clock& clock, http::Router& router) {
  content::Store& store = ctx.store;
  auto w = std::make_unique<Wiring>();
  if (auto s = auth::init_crypto(); !s) return s.take_error();
  auto accounts = store::sqlite::open_accounts(config.db_path());
  if (!accounts) return accounts.take_error();
  w->accounts = std::move(*accounts);
  w->audit = std::make_unique<store::sqlite::SqliteAuditLog>(*w->accounts->pool);

  const auto themes = install_dir() / "themes";
  auto theme = render::Theme::load(themes / "admin");
  if (!theme) return Error{theme.error().kind, "admin theme: " + theme.error().message};
  w->theme = std::move(*theme);

  auth::AuthOptions ao;
  ao.limits.account_failures =
      static_cast<int>(env_int("CONGTIN_LOGIN_ACCOUNT_FAILURES", 5, 0, 1000));
  ao.limits.account_window =
      std::chrono::seconds(env_int("CONGTIN_LOGIN_ACCOUNT_WINDOW", 6 * 3600, 1, 30 * 86400));
  ao.limits.address_failures =
      static_cast<int>(env_int("CONGTIN_LOGIN_ADDRESS_FAILURES", 50, 0, 100000));
  ao.limits.address_window =
      std::chrono::seconds(env_int("CONGTIN_LOGIN_ADDRESS_WINDOW", 3600, 1, 30 * 86400));
  w->auth = std::make_unique<auth::AuthService>(*w->accounts->users, *w->accounts->sessions,
                                                *w->accounts->attempts, *w->accounts->settings,
                                                *w->audit, clock, ao);
  // Housekeeping at start: what is past its window can go.
  const auto now = clock.now();
  if (auto n = w->accounts->sessions->delete_expired(now); !n)
    spdlog::warn("admin: removing expired sessions: {}", n.error().message);
  const auto oldest = std::max(ao.limits.account_window, ao.limits.address_window);
  if (auto s = w->accounts->attempts->prune(now - oldest); !s)
    spdlog::warn("admin: pruning failed logins: {}", s.error().message);

  admin::AdminOptions opts;
  opts.trusted_proxies = config.trusted_proxies;
  if (auto site = store.site().settings(); site && !site->name.empty()) opts.site_name = site->name;
  const char* secure = std::getenv("CONGTIN_SECURE_COOKIES");
  opts.force_secure_cookies =
      config.base_url.starts_with("https://") || (secure != nullptr && std::string(secure) == "1");
  opts.static_dir = themes / "admin" / "static";
  opts.vendor_dir = themes / "default" / "static" / "vendor";
  w->back_office = std::make_unique<admin::BackOffice>(*w->auth, *w->theme, clock, opts);
  w->back_office->add_routes(router);
  return std::unique_ptr<AdminWiring>(std::move(w));
}

}  // namespace congtin::cli
