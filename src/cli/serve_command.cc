// `congtin serve`: open the store, load the theme, wire the public site and serve until
// SIGINT or SIGTERM, then finish what is in flight and exit 0.
#include <spdlog/spdlog.h>

#include "cli/commands.h"
#include "core/clock.h"
#include "http/router.h"
#include "http/server.h"
#include "render/theme.h"
#include "site/site.h"
#include "store/sqlite/sqlite_store.h"

namespace congtin::cli {

int serve(const Config& config) {
  auto store = store::open_sqlite_store(config.db_path(), store::OpenMode::kOpenExisting);
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
  http::Server server(options, router.handler());
  if (auto s = server.start(); !s) return fail(s.error().message);
  spdlog::info("serving {} on http://{}:{}", config.data_dir.string(), config.listen_host,
               server.port());
  if (auto s = server.run_until_signal(); !s) return fail(s.error().message);
  spdlog::info("stopped");
  return 0;
}

}  // namespace congtin::cli
