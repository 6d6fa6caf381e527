// Internal to site/: the answers that help people and machines find their way around the
// portal (issue 7) — the "Sơ đồ cổng" page, /sitemap.xml, RSS feeds and the page listing them,
// the accessibility help page and robots.txt — and the metadata every HTML page carries.
// Not part of the module's public interface; routes are registered by site.cc.
//
// Absolute URLs. Feeds, sitemaps and robots.txt must name absolute URLs. They are built from
// settings.base_url when it is set (the production case: "https://songoaivu.example.gov.vn").
// Without it they fall back to the request's Host header ("http://" + host, or "https://"
// when X-Forwarded-Proto says so), and such answers are marked not cacheable, because the
// page cache keys by path alone and must not hand one visitor's Host to another. A request
// without a usable Host gets root-relative paths. HTML pages never use the Host header: their
// canonical and OpenGraph URLs are root-relative until base_url is set.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "content/model.h"
#include "http/message.h"
#include "site/handlers.h"

namespace congtin::site {

// Routes (a contract, like site.h's).
inline constexpr std::string_view kSiteMapPagePath = "/so-do-cong";
inline constexpr std::string_view kSitemapXmlPath = "/sitemap.xml";
inline constexpr std::string_view kSitemapPartPrefix = "/sitemap/";  // + "N.xml", N from 1
inline constexpr std::string_view kSiteFeedPath = "/rss.xml";
inline constexpr std::string_view kFeedsPagePath = "/rss";
inline constexpr std::string_view kAccessibilityPath = "/tro-giup-tiep-can";
inline constexpr std::string_view kSearchPath = "/tim-kiem";
// A category's feed: category_path(slug) + kCategoryFeedSuffix.
inline constexpr std::string_view kCategoryFeedSuffix = "/rss.xml";

inline constexpr int kFeedItemCount = 30;
// The sitemaps.org limit of URLs per file; past it /sitemap.xml becomes a sitemap index.
inline constexpr std::size_t kSitemapMaxUrls = 50000;

// The origin absolute URLs start with (see above); empty when only paths can be given.
// *from_request is set to true when the Host header was used.
std::string public_origin(const content::SiteSettings& s, const http::Request& req,
                          bool* from_request);

// Adds ctx["meta"] (title, description, canonical, OpenGraph, Twitter card, Dublin Core,
// JSON-LD, feed links) and, on article pages, ctx["share"] (print and e-mail), derived from
// the keys the page's view model already holds and site (ctx["site"] of chrome_context, which
// may be a reference into ctx). page_template names the page kind.
void add_metadata(nlohmann::json& ctx, const nlohmann::json& site, std::string_view page_template);

http::Response handle_site_map_page(const Deps& d, const http::Request& req);
http::Response handle_sitemap_xml(const Deps& d, const http::Request& req);
// part_file is "N.xml".
http::Response handle_sitemap_part(const Deps& d, const http::Request& req,
                                   std::string_view part_file);
http::Response handle_site_feed(const Deps& d, const http::Request& req);
http::Response handle_category_feed(const Deps& d, const http::Request& req, std::string_view slug);
http::Response handle_feeds_page(const Deps& d, const http::Request& req);
http::Response handle_accessibility_page(const Deps& d, const http::Request& req);
http::Response handle_robots_txt(const Deps& d, const http::Request& req);

}  // namespace congtin::site
