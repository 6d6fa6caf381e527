#include "site/site.h"

#include <exception>
#include <string>

#include <spdlog/spdlog.h>

#include "http/static_files.h"
#include "site/discovery.h"
#include "site/handlers.h"

namespace congtin::site {
namespace {

constexpr std::string_view kMediaCache = "public, max-age=31536000, immutable";

// Turns an exception escaping a handler (a bug) into the Vietnamese error page, so one bad
// request never shows a raw server error.
template <class Fn>
http::RouteHandler guarded(std::shared_ptr<const Deps> deps, std::string name, Fn fn) {
  return [deps = std::move(deps), name = std::move(name), fn = std::move(fn)](
             const http::Request& req, const http::Params& params) -> http::Response {
    try {
      return fn(*deps, req, params);
    } catch (const std::exception& e) {
      return error_page(*deps, name + " " + req.path, Error::internal(e.what()));
    }
  };
}

}  // namespace

// What the routes share: the handlers' dependencies and the cache they may point at, in one
// allocation so that the cache lives exactly as long as the last route.
struct PublicSite::Shared {
  Shared(content::Store& store, const render::Theme& theme, const Clock& clock,
         std::filesystem::path media_dir)
      : cache(store), deps{store, theme, clock, std::move(media_dir)} {}
  ChromeCache cache;
  Deps deps;
};

PublicSite::PublicSite(content::Store& store, const render::Theme& theme, const Clock& clock,
                       std::filesystem::path media_dir) {
  auto shared = std::make_shared<Shared>(store, theme, clock, std::move(media_dir));
  cache_ = &shared->cache;
  deps_ = std::shared_ptr<Deps>(shared, &shared->deps);
}

PublicSite::~PublicSite() = default;

void PublicSite::follow(content::EventBus& bus) {
  cache_->follow(bus);
  deps_->cache = cache_;  // before serving: handlers read it without a lock
  // The search page and the preview share it (chrome_cache.h); the alias keeps it alive
  // exactly as long as the routes.
  ChromeCache::publish(std::shared_ptr<ChromeCache>(deps_, cache_));
}

void PublicSite::renew() const { cache_->renew(); }

void PublicSite::add_routes(http::Router& router) const {
  using http::Params;
  using http::Request;
  router.get("/", guarded(deps_, "home", [](const Deps& d, const Request& req, const Params&) {
               return handle_home(d, req);
             }));
  router.get("/chuyen-muc/{slug}",
             guarded(deps_, "category", [](const Deps& d, const Request& req, const Params& p) {
               return handle_category(d, req, p.get("slug"));
             }));
  router.get("/tin-tuc/{slug}",
             guarded(deps_, "article", [](const Deps& d, const Request& req, const Params& p) {
               return handle_article(d, req, p.get("slug"));
             }));
  router.get("/trang/{slug}",
             guarded(deps_, "page", [](const Deps& d, const Request& req, const Params& p) {
               return handle_page(d, req, p.get("slug"));
             }));
  router.get("/api/v1/articles",
             guarded(deps_, "api", [](const Deps& d, const Request& req, const Params&) {
               return handle_api_articles(d, req);
             }));
  // Site map, sitemap.xml, feeds, accessibility help (site/discovery.h).
  const auto route = [&](std::string_view pattern, std::string name, auto fn) {
    router.get(pattern, guarded(deps_, std::move(name), fn));
  };
  route("/robots.txt", "robots",
        [](const Deps& d, const Request& req, const Params&) { return handle_robots_txt(d, req); });
  route(kSiteMapPagePath, "site map", [](const Deps& d, const Request& req, const Params&) {
    return handle_site_map_page(d, req);
  });
  route(kSitemapXmlPath, "sitemap", [](const Deps& d, const Request& req, const Params&) {
    return handle_sitemap_xml(d, req);
  });
  route("/sitemap/{part}", "sitemap part", [](const Deps& d, const Request& req, const Params& p) {
    return handle_sitemap_part(d, req, p.get("part"));
  });
  route(kSiteFeedPath, "feed",
        [](const Deps& d, const Request& req, const Params&) { return handle_site_feed(d, req); });
  route("/chuyen-muc/{slug}/rss.xml", "category feed",
        [](const Deps& d, const Request& req, const Params& p) {
          return handle_category_feed(d, req, p.get("slug"));
        });
  route(kFeedsPagePath, "feeds",
        [](const Deps& d, const Request& req, const Params&) { return handle_feeds_page(d, req); });
  route(kAccessibilityPath, "accessibility", [](const Deps& d, const Request& req, const Params&) {
    return handle_accessibility_page(d, req);
  });
  router.get("/healthz",
             guarded(deps_, "healthz", [](const Deps& d, const Request&, const Params&) {
               return handle_healthz(d);
             }));
  router.get("/static/{path...}",
             guarded(deps_, "static", [](const Deps& d, const Request& req, const Params& p) {
               // serve_static's own short 404: asset probes should not cost database reads.
               return http::serve_static(d.theme.static_dir(), p.get("path"), req);
             }));
  router.get("/media/{path...}",
             guarded(deps_, "media", [](const Deps& d, const Request& req, const Params& p) {
               return http::serve_static(d.media_dir, p.get("path"), req, kMediaCache);
             }));
  router.set_not_found(guarded(
      deps_, "not found",
      [](const Deps& d, const Request& req, const Params&) { return not_found_page(d, req); }));
}

}  // namespace congtin::site
