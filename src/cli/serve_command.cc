// `congtin serve`: open the store, load the theme, wire the public site and serve until
// SIGINT or SIGTERM, then finish what is in flight and exit 0.
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <optional>
#include <system_error>

#include "cache/cached_handler.h"
#include "cache/invalidation.h"
#include "cli/commands.h"
#include "content/events.h"
#include "core/clock.h"
#include "http/router.h"
#include "http/server.h"
#include "render/theme.h"
#include "site/site.h"
#include "store/sqlite/sqlite_store.h"

namespace congtin::cli {
namespace {

// CONGTIN_PAGE_CACHE_MB: the page cache's cap in MiB; 0 turns the cache off (benchmarks of
// the full render). TODO(lead): move into Config with a TOML key beside the others.
std::size_t page_cache_mb() {
  const char* v = std::getenv("CONGTIN_PAGE_CACHE_MB");
  if (v == nullptr || *v == '\0') return 64;
  char* end = nullptr;
  long n = std::strtol(v, &end, 10);
  if (*end != '\0' || n < 0 || n > 65536) {
    spdlog::warn("CONGTIN_PAGE_CACHE_MB={} is not a size in MiB (0..65536); using 64", v);
    return 64;
  }
  return static_cast<std::size_t>(n);
}

// Changes when the database files change. Until the store offers a version that ignores this
// process's own commits (see the note in bench/RESULTS.md), this is right only because serve
// itself writes nothing yet: every change comes from another process (congtin import).
cache::ExternalChangeWatcher::VersionFn file_version(std::filesystem::path db) {
  return [db = std::move(db)]() -> Result<std::uint64_t> {
    std::uint64_t v = 0;
    for (const auto& p : {db, std::filesystem::path(db.string() + "-wal")}) {
      std::error_code ec;
      auto t = std::filesystem::last_write_time(p, ec);
      if (ec) continue;  // no -wal file right after a checkpoint
      auto size = std::filesystem::file_size(p, ec);
      v = v * 1000003 + static_cast<std::uint64_t>(t.time_since_epoch().count()) + (ec ? 0 : size);
    }
    return v;
  };
}

}  // namespace

int serve(const Config& config) {
  auto store = store::open_sqlite_store(config.db_path(),
                                                store::OpenMode::kOpenExisting);
  if (!store) return fail(store.error().message);

  const auto theme_dir =
      config.theme_dir.empty() ? install_dir() / "themes" / "default" : config.theme_dir;
  auto theme = render::Theme::load(theme_dir);
  if (!theme) return fail("theme " + theme_dir.string() + ": " + theme.error().message);

  SystemClock clock;
  site::PublicSite site(**store, **theme, clock, config.media_dir());
  http::Router router;
  site.add_routes(router);

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
  content::EventBus events;
  std::optional<cache::PageCache> page_cache;
  std::optional<cache::ExternalChangeWatcher> watcher;
  http::Handler handler = router.handler();
  if (const std::size_t mb = page_cache_mb(); mb > 0) {
    cache::PageCacheOptions co;
    co.max_bytes = mb << 20;
    page_cache.emplace(co);
    cache::invalidate_on_events(*page_cache, events,
                                cache::ancestors_from((**store).categories()));
    watcher.emplace(*page_cache, file_version(config.db_path()));
    handler = cache::cached(*page_cache, std::move(handler));
    spdlog::info("page cache: {} MiB", mb);
  } else {
    spdlog::info("page cache: off");
  }
  http::Server server(options, std::move(handler));
  if (auto s = server.start(); !s) return fail(s.error().message);
  spdlog::info("serving {} on http://{}:{}", config.data_dir.string(), config.listen_host,
               server.port());
  if (auto s = server.run_until_signal(); !s) return fail(s.error().message);
  spdlog::info("stopped");
  return 0;
}

}  // namespace congtin::cli
