// PublicSite: the public pages of the portal (what citizens read) and the open-data article
// list, as routes on an http::Router.
//
// Routes (a fixed contract; other parts link to these URLs):
//   GET /                        home: featured and latest per top-level category
//   GET /chuyen-muc/{slug}       category listing, ?trang=N (15 per page, descendants included)
//   GET /tin-tuc/{slug}          published article; an old slug answers 301 to the current one
//   GET /trang/{slug}            static page
//   GET /robots.txt, /healthz      robots.txt names the sitemap
//   GET /so-do-cong              "Sơ đồ cổng": the tree of menus, categories and pages
//   GET /sitemap.xml             sitemaps.org XML; a sitemap index of /sitemap/N.xml when split
//   GET /rss.xml                 RSS 2.0 of the whole site; /chuyen-muc/{slug}/rss.xml per category
//   GET /rss                     the page listing the feeds
//   GET /tro-giup-tiep-can       accessibility help (shortcuts, text size)
//   GET /api/v1/articles         JSON list: ?category=SLUG&limit=N (1..100, default 20)&offset=M
//   GET /static/{path...}        the theme's static files
//   GET /media/{path...}         uploaded media (long cache)
//   anything else                the Vietnamese 404 page
// Handlers are pure functions of (request, store state, clock): they read, build a view model
// and render, so a page cache can sit in front of them. A store failure gives a Vietnamese
// error page (503 when the database is unavailable, else 500) and a log line, never a crash.
//
// Thread-safety: after add_routes() the handlers may run on many threads at once; they only
// read the theme and the clock and call the store, whose repositories are thread-safe. The
// store, theme and clock must outlive the router; the PublicSite object itself need not.
#pragma once

#include <filesystem>
#include <memory>

#include "content/events.h"
#include "content/repository.h"
#include "core/clock.h"
#include "http/router.h"
#include "render/theme.h"

namespace congtin::site {

struct Deps;
class ChromeCache;

class PublicSite {
 public:
  PublicSite(content::Store& store, const render::Theme& theme, const Clock& clock,
             std::filesystem::path media_dir);
  ~PublicSite();

  // Registers every route above and the not-found handler.
  void add_routes(http::Router& router) const;

  // Keeps the chrome and the short "latest" lists in memory (site/chrome_cache.h), renewed
  // by every event of bus. Without follow() every page reads them from the store, which is
  // right when nothing announces changes (tests that write to the store directly). Call
  // during start-up, before the page cache subscribes to bus, so that a page rendered after
  // an event never sees the chrome from before it. Also call renew() whenever another
  // process may have written to the database. The cache is then also used by the search
  // page and the back office's preview of the same store (ChromeCache::followed).
  void follow(content::EventBus& bus);
  // Drops what follow() keeps; the next page reads the store again. Any thread.
  void renew() const;

 private:
  struct Shared;
  std::shared_ptr<Deps> deps_;  // shared with the routes; keeps cache_ alive with them
  ChromeCache* cache_;
};

}  // namespace congtin::site
