// `congtin serve`: open the store, load the theme, wire the public site and serve until
// SIGINT or SIGTERM, then finish what is in flight and exit 0.
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <optional>

#include "cache/cached_handler.h"
#include "cache/invalidation.h"
#include "cli/admin_wiring.h"
#include "cli/commands.h"
#include "content/events.h"
#include "content/site_service.h"
#include "content/newsroom_service.h"
#include "content/scheduler.h"
#include "core/clock.h"
#include "http/router.h"
#include "http/server.h"
#include "render/theme.h"
#include "search/indexer.h"
#include "site/search.h"
#include "site/site.h"
#include "stats/article_lookup.h"
#include "stats/handlers.h"
#include "stats/service.h"
#include "store/sqlite/newsroom_store.h"
#include "store/sqlite/search_index.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/stats_repository.h"

namespace congtin::cli {

int serve(const Config& config) {
  auto store = store::open_sqlite_store(config.db_path(), store::OpenMode::kOpenExisting);
  if (!store) return fail(store.error().message);

  const auto theme_dir =
      config.theme_dir.empty() ? install_dir() / "themes" / "default" : config.theme_dir;
  auto theme = render::Theme::load(theme_dir);
  if (!theme) return fail("theme " + theme_dir.string() + ": " + theme.error().message);

  // base_url from the configuration is the site's public origin: pages build their absolute
  // links (feeds, sitemaps, API) from the stored settings, so keep them in step.
  if (!config.base_url.empty()) {
    auto settings = (**store).site().settings();
    if (!settings) return fail(settings.error().message);
    if (settings->base_url != config.base_url) {
      settings->base_url = config.base_url;
      if (auto s = content::SiteService(**store).save_settings(*settings); !s)
        return fail("base_url: " + s.error().message);
    }
  }
  SystemClock clock;
  site::PublicSite site(**store, **theme, clock, config.media_dir());
  http::Router router;
  site.add_routes(router);
  store::SqliteSearchOptions search_options;
  search_options.report = [](const std::string& m) { spdlog::info("{}", m); };
  auto search_index = store::open_sqlite_search_index(config.db_path(), search_options);
  if (!search_index) return fail(search_index.error().message);
  site::SearchPages search_pages(**store, **theme, clock, **search_index);
  search_pages.add_routes(router);
  // Visitor statistics: counted in memory, written every few seconds and at shutdown.
  std::unique_ptr<stats::StatsRepository> stats_repo;
  std::optional<stats::StoreArticleLookup> stats_lookup;
  std::optional<stats::StatsService> stats_service;
  if (config.stats) {
    auto repo = store::open_sqlite_stats(config.db_path());
    if (!repo) return fail(repo.error().message);
    stats_repo = std::move(*repo);
    stats_lookup.emplace(**store, clock);
    stats::StatsOptions so;
    so.flush_interval = std::chrono::seconds(config.stats_flush_seconds);
    so.trusted_proxies = config.trusted_proxies;
    stats_service.emplace(*stats_repo, *stats_lookup, clock, std::move(so));
    if (auto s = stats_service->load(); !s) return fail("statistics: " + s.error().message);
    stats::add_routes(router, *stats_service);
  }
  // Content events: what the newsroom, the back office and the scheduler change reaches the
  // search index and the page cache (subscribed below, before the server starts).
  content::EventBus events;
  // First subscriber: the site's in-memory chrome is renewed before anything that caches
  // pages built from it hears of the change.
  site.follow(events);
  auto newsroom = store::open_newsroom(config.db_path());
  if (!newsroom) return fail(newsroom.error().message);
  content::NewsroomService newsroom_service(**newsroom, events, clock);
  // The back office under /admin/ (accounts, newsroom, media, site management, statistics;
  // cli/admin_wiring.h).
  AdminContext admin_context{**store, events, newsroom_service,
                             stats_service ? &*stats_service : nullptr};
  auto admin_wiring = wire_admin(config, admin_context, clock, router);
  if (!admin_wiring) return fail("back office: " + admin_wiring.error().message);

  http::ServerOptions options;
  options.host = config.listen_host;
  options.port = config.listen_port;
  options.threads = config.threads;
  options.max_header_bytes = config.max_header_bytes;
  options.max_body_bytes = config.max_body_bytes;
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  options.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  options.access_log = config.access_log;
  // The page cache sits between the server and the router; content events (published by
  // the services of this process) drop exactly the pages they touch.
  // The index first: the page cache must drop "search" answers only once the index changed.
  search::Indexer indexer(**store, **search_index);
  // An upgrade whose migration recreated the index's tables leaves it empty: rebuild before
  // serving (about 1,700 articles a second here), so search never answers from half an index.
  if (auto rebuilt = indexer.rebuild_if_empty(nullptr); !rebuilt) {
    return fail("search index: " + rebuilt.error().message);
  } else if (*rebuilt > 0) {
    spdlog::info("search index was empty: rebuilt from {} published articles", *rebuilt);
  }
  indexer.subscribe(events);
  (*search_index)->warm_up();
  std::optional<cache::PageCache> page_cache;
  http::Handler handler = router.handler();
  if (const auto mb = static_cast<std::size_t>(config.page_cache_mb); mb > 0) {
    cache::PageCacheOptions co;
    co.max_bytes = mb << 20;
    page_cache.emplace(co);
    cache::invalidate_on_events(*page_cache, events,
                                cache::ancestors_from((**store).categories()));
    handler = cache::cached(*page_cache, std::move(handler));
    spdlog::info("page cache: {} MiB", mb);
  } else {
    spdlog::info("page cache: off");
  }
  // Writes by other processes (congtin import while serving) come without events: renew the
  // chrome, then the pages. This process's own commits (statistics, sessions) are ignored.
  auto outside_writes = store::OutsideWrites::open(config.db_path());
  if (!outside_writes) return fail(outside_writes.error().message);
  cache::ExternalChangeWatcher watcher([&o = **outside_writes] { return o.poll(); },
                                       [&site, &page_cache] {
                                         site.renew();
                                         if (page_cache) page_cache->clear();
                                       });
  // Counting wraps the page cache, so pages served from the cache are counted too.
  if (stats_service) {
    handler = stats::counted(*stats_service, std::move(handler));
    stats_service->start();
    spdlog::info("statistics: on, flushed every {} s", config.stats_flush_seconds);
  } else {
    spdlog::info("statistics: off");
  }
  // Scheduled articles: those whose time passed while the server was down go live now, the
  // others within 30 s of their time; their events reach the index and the cache above.
  content::Scheduler scheduler(newsroom_service, clock);
  (void)scheduler.start();  // logs what it did; a failed pass is retried by the timer
  http::Server server(options, std::move(handler));
  if (auto s = server.start(); !s) return fail(s.error().message);
  spdlog::info("serving {} on http://{}:{}", config.data_dir.string(), config.listen_host,
               server.port());
  if (auto s = server.run_until_signal(); !s) return fail(s.error().message);
  if (stats_service) stats_service->stop();  // the last batch
  spdlog::info("stopped");
  return 0;
}

}  // namespace congtin::cli
