#include "cli/admin_wiring.h"

#include <spdlog/spdlog.h>

#include <optional>
#include <string>

#include "admin/admin.h"
#include "admin/site_admin.h"
#include "auth/auth_service.h"
#include "cli/articles_wiring.h"
#include "cli/media_wiring.h"
#include "core/periodic.h"
#include "render/theme.h"
#include "stats/dashboard.h"
#include "store/sqlite/audit_repository.h"
#include "store/sqlite/stats_repository.h"
#include "store/sqlite/user_repository.h"

namespace congtin::cli {
namespace {

class Wiring final : public AdminWiring {
 public:
  std::unique_ptr<store::sqlite::SqliteAccounts> accounts;
  std::unique_ptr<store::sqlite::SqliteAuditLog> audit;
  std::unique_ptr<render::Theme> theme;
  std::unique_ptr<auth::AuthService> auth;
  std::unique_ptr<admin::BackOffice> back_office;
  std::unique_ptr<admin::SiteAdmin> site_admin;
  std::optional<Periodic> housekeeping;  // last: stopped before what it uses goes
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
  ao.limits.account_failures = config.login_account_failures;
  ao.limits.account_window = std::chrono::seconds(config.login_account_window_seconds);
  ao.limits.address_failures = config.login_address_failures;
  ao.limits.address_window = std::chrono::seconds(config.login_address_window_seconds);
  w->auth = std::make_unique<auth::AuthService>(*w->accounts->users, *w->accounts->sessions,
                                                *w->accounts->attempts, *w->accounts->settings,
                                                *w->audit, clock, ao);
  // Housekeeping, at start and every hour: expired sessions and failed logins past their
  // window can go (both tables would otherwise grow for as long as the server runs).
  auto housekeeping = [&clock, accounts = w->accounts.get(),
                       oldest = std::max(ao.limits.account_window, ao.limits.address_window)] {
    const auto now = clock.now();
    if (auto n = accounts->sessions->delete_expired(now); !n)
      spdlog::warn("admin: removing expired sessions: {}", n.error().message);
    if (auto s = accounts->attempts->prune(now - oldest); !s)
      spdlog::warn("admin: pruning failed logins: {}", s.error().message);
  };
  housekeeping();
  w->housekeeping.emplace(std::chrono::hours(1), housekeeping);

  admin::AdminOptions opts;
  opts.trusted_proxies = config.trusted_proxies;
  opts.site_name = admin::stored_site_name(store);
  opts.force_secure_cookies = config.base_url.starts_with("https://") || config.secure_cookies;
  opts.static_dir = themes / "admin" / "static";
  opts.vendor_dir = themes / "default" / "static" / "vendor";
  opts.statistics = ctx.stats != nullptr;
  opts.max_form_bytes = 4 << 20;  // article bodies, percent-encoded (about 3 bytes a letter)
  w->back_office = std::make_unique<admin::BackOffice>(*w->auth, *w->theme, clock, opts);
  w->back_office->add_routes(router);
  // Site management and the audit log page (admin/site_admin.h).
  w->site_admin = std::make_unique<admin::SiteAdmin>(
      w->back_office->deps(), admin::SiteAdminDeps{store, ctx.events, *w->audit});
  w->site_admin->add_routes(router);
  if (Status s = wire_media(config, clock, *w->back_office, router); !s) return s.take_error();
  // The newsroom's article screens, the editor and the start page's queues (admin/articles.h).
  if (Status s = wire_articles(config, ctx, *w->back_office, router); !s) return s.take_error();
  // The statistics dashboard (stats/dashboard.h), reading its own connections to the file.
  if (ctx.stats != nullptr) {
    auto stats_repo = store::open_sqlite_stats(config.db_path());
    if (!stats_repo) return stats_repo.take_error();
    stats::add_dashboard_routes(router, w->back_office->deps(),
                                {*ctx.stats, std::move(*stats_repo),
                                 std::make_shared<stats::StoreArticleLookup>(store, clock)});
  }
  return std::unique_ptr<AdminWiring>(std::move(w));
}

}  // namespace congtin::cli
