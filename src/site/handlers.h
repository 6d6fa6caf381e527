// Internal to site/: what the handlers share, and the handlers themselves (one resource per
// file). Not part of the module's public interface; use site/site.h.
#pragma once

#include <filesystem>
#include <string_view>

#include <nlohmann/json.hpp>

#include <optional>
#include <span>

#include "content/repository.h"
#include "core/clock.h"
#include "core/result.h"
#include "http/message.h"
#include "http/router.h"
#include "render/theme.h"
#include "site/chrome_cache.h"

namespace congtin::site {

struct Deps {
  content::Store& store;
  const render::Theme& theme;
  const Clock& clock;
  std::filesystem::path media_dir;
  // Set when someone renews it on every change (PublicSite::follow); null: read the store.
  ChromeCache* cache = nullptr;
};

// The chrome, from d.cache when there is one, else from the cache followed for d.store
// (ChromeCache::followed), else read from the store.
Result<std::shared_ptr<const Chrome>> site_chrome(const Deps& d);
// The chrome prepared for rendering, from the same places (made afresh without a cache).
Result<std::shared_ptr<const ChromeLayers>> site_layers(const Deps& d);
// d.cache, else the cache followed for d.store, else null.
std::shared_ptr<ChromeCache> chrome_cache(const Deps& d);
// Published articles for q at now, newest first: cut from d.cache's lists when q fits in
// them (no offset, limit small enough), else read from the store.
Result<Summaries> published_articles(const Deps& d, const content::ArticleQuery& q, Seconds now);

inline constexpr int kPageSize = 15;        // category listing
inline constexpr int kOtherNewsCount = 10;  // "Các thông tin khác"
inline constexpr int kHomeFeaturedCount = 5;
inline constexpr int kHomeSectionCount = 5;  // per category block

// Responses shared by the handlers.
// ctx is consumed (the metadata is added to it in place). It holds every key, the chrome's
// included (chrome_context).
http::Response render_html(const Deps& d, std::string_view page_template, nlohmann::json ctx,
                           int status = 200);
// The same page from ctx = page_context(...) plus the page's own keys, with the chrome's
// keys taken from `chrome` (its common layer and the menu for `where`): the bytes of
// render_html with chrome_context, without converting the chrome on every page.
// `above` are layers of the page's own (looked up after ctx, before the chrome).
http::Response render_page(const Deps& d, const ChromeLayers& chrome, const Where& where,
                           std::string_view page_template, nlohmann::json ctx, int status = 200,
                           std::span<const render::Layer* const> above = {});
// The Vietnamese 404 page with the full layout (status 404).
http::Response not_found_page(const Deps& d, const http::Request& req);
// The Vietnamese error page (503 if the store is unavailable, else 500); logs `what` and e.
http::Response error_page(const Deps& d, std::string_view what, const Error& e);

// One log line for a failed request.
void log_error(std::string_view what, const Error& e);

// JSON for the open-data API: UTF-8 errors replaced, readable from any site (CORS *).
http::Response json_response(int status, const nlohmann::json& body);
// A whole decimal integer of at most 19 characters, or nullopt (query parameters).
std::optional<long long> parse_integer(std::string_view s);

// Handlers. Pages they answer with 200/301 carry Response::cache_tags saying what they show
// (tag names in cache/page_cache.h); 404s stay untagged, so any article event drops them.
http::Response handle_home(const Deps& d, const http::Request& req);
http::Response handle_category(const Deps& d, const http::Request& req, std::string_view slug);
http::Response handle_article(const Deps& d, const http::Request& req, std::string_view slug);
// The article page for `a`, public or not (the back office's preview uses it too): chrome,
// breadcrumbs, the article with responsive images, "Các thông tin khác". No cache tags.
Result<http::Response> article_page(const Deps& d, const content::Article& a, Seconds now);
http::Response handle_page(const Deps& d, const http::Request& req, std::string_view slug);
http::Response handle_api_articles(const Deps& d, const http::Request& req);
http::Response handle_healthz(const Deps& d);

}  // namespace congtin::site
