// /sitemap.xml, /sitemap/N.xml and robots.txt.
#include "site/sitemap.h"

#include <algorithm>
#include <charconv>
#include <optional>
#include <vector>

#include "site/discovery.h"
#include "site/view_models.h"
#include "site/xml_text.h"
#include "text/date.h"

namespace congtin::site {
namespace {

constexpr std::string_view kUrlsetOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
constexpr std::string_view kIndexOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
constexpr int kArticleChunk = 1000;  // the store clamps a query's limit to 1000

std::string part_path(std::size_t n) {
  return std::string(kSitemapPartPrefix) + std::to_string(n) + ".xml";
}

void append_url(std::string& out, std::string_view origin, std::string_view path,
                const std::optional<Seconds>& lastmod) {
  out += "<url><loc>";
  out += xml_escape(std::string(origin) + std::string(path));
  out += "</loc>";
  if (lastmod) {
    out += "<lastmod>" + text::format_iso8601(*lastmod) + "</lastmod>";
  }
  out += "</url>\n";
}

}  // namespace

struct SitemapWriter::Entry {
  std::string path;
  std::optional<Seconds> lastmod;
};

SitemapWriter::SitemapWriter(content::Store& store, std::size_t max_urls)
    : store_(store), max_urls_(max_urls == 0 ? 1 : max_urls) {}

Result<std::vector<SitemapWriter::Entry>> SitemapWriter::fixed_entries(Seconds now) const {
  auto& articles = store_.articles();
  auto newest = [&](std::optional<content::Id> category) -> Result<std::optional<Seconds>> {
    content::ArticleQuery q;
    q.category_id = category;
    q.limit = 1;
    auto list = articles.published(q, now);
    if (!list) return list.take_error();
    if (list->empty()) return std::optional<Seconds>();
    return list->front().published_at;
  };
  std::vector<Entry> out;
  auto home = newest(std::nullopt);
  if (!home) return home.take_error();
  out.push_back({"/", *home});
  out.push_back({std::string(kSiteMapPagePath), std::nullopt});
  out.push_back({std::string(kFeedsPagePath), std::nullopt});
  out.push_back({std::string(kAccessibilityPath), std::nullopt});
  auto cats = store_.categories().list();
  if (!cats) return cats.take_error();
  for (const auto& c : *cats) {
    auto last = newest(c.id);
    if (!last) return last.take_error();
    out.push_back({category_path(c.slug), *last});
  }
  auto pages = store_.pages().list();
  if (!pages) return pages.take_error();
  for (const auto& p : *pages) {
    out.push_back({page_path(p.slug), p.updated_at.time_since_epoch().count() > 0
                                          ? std::optional<Seconds>(p.updated_at)
                                          : std::nullopt});
  }
  return out;
}

Result<std::size_t> SitemapWriter::url_count(Seconds now) const {
  auto fixed = fixed_entries(now);
  if (!fixed) return fixed.take_error();
  auto n = store_.articles().count_published(content::ArticleQuery{}, now);
  if (!n) return n.take_error();
  return fixed->size() + static_cast<std::size_t>(*n);
}

Result<std::string> SitemapWriter::urlset(std::size_t from, std::size_t to, std::string_view origin,
                                          Seconds now) const {
  auto fixed = fixed_entries(now);
  if (!fixed) return fixed.take_error();
  std::string out(kUrlsetOpen);
  for (std::size_t i = from; i < to && i < fixed->size(); ++i) {
    append_url(out, origin, (*fixed)[i].path, (*fixed)[i].lastmod);
  }
  // Articles are items fixed->size() .. ; page through them in chunks the store accepts.
  std::size_t i = std::max(from, fixed->size());
  while (i < to) {
    content::ArticleQuery q;
    q.offset = static_cast<int>(i - fixed->size());
    q.limit = static_cast<int>(std::min<std::size_t>(kArticleChunk, to - i));
    auto list = store_.articles().published(q, now);
    if (!list) return list.take_error();
    for (const auto& a : *list) append_url(out, origin, article_path(a.slug), a.published_at);
    if (list->size() < static_cast<std::size_t>(q.limit)) break;  // fewer than counted
    i += list->size();
  }
  out += "</urlset>\n";
  return out;
}

Result<std::string> SitemapWriter::root(std::string_view origin, Seconds now) const {
  auto total = url_count(now);
  if (!total) return total.take_error();
  if (*total <= max_urls_) return urlset(0, *total, origin, now);
  const std::size_t parts = (*total + max_urls_ - 1) / max_urls_;
  std::string out(kIndexOpen);
  for (std::size_t n = 1; n <= parts; ++n) {
    out += "<sitemap><loc>" + xml_escape(std::string(origin) + part_path(n)) + "</loc></sitemap>\n";
  }
  out += "</sitemapindex>\n";
  return out;
}

Result<std::string> SitemapWriter::part(std::size_t n, std::string_view origin, Seconds now) const {
  auto total = url_count(now);
  if (!total) return total.take_error();
  const std::size_t parts = *total <= max_urls_ ? 0 : (*total + max_urls_ - 1) / max_urls_;
  if (n < 1 || n > parts) return Error::not_found("no sitemap part " + std::to_string(n));
  return urlset((n - 1) * max_urls_, std::min(*total, n * max_urls_), origin, now);
}

namespace {

http::Response xml_answer(Result<std::string> body, bool from_request) {
  http::Response r;
  r.content_type = "application/xml; charset=utf-8";
  r.body = std::move(*body);
  // "feed" is dropped by every article event (cache/invalidation.cc); "sitemap" names it.
  r.cache_tags = {"sitemap", "feed"};
  if (from_request) r.cacheable = false;
  return r;
}

}  // namespace

http::Response handle_sitemap_xml(const Deps& d, const http::Request& req) {
  auto settings = d.store.site().settings();
  if (!settings) return error_page(d, "sitemap settings", settings.error());
  bool from_request = false;
  const std::string origin = public_origin(*settings, req, &from_request);
  auto body = SitemapWriter(d.store, kSitemapMaxUrls).root(origin, d.clock.now());
  if (!body) return error_page(d, "sitemap", body.error());
  return xml_answer(std::move(body), from_request);
}

http::Response handle_sitemap_part(const Deps& d, const http::Request& req,
                                   std::string_view part_file) {
  std::size_t n = 0;
  const bool numeric =
      part_file.ends_with(".xml") && part_file.size() > 4 && part_file.size() <= 10 &&
      std::from_chars(part_file.data(), part_file.data() + part_file.size() - 4, n).ptr ==
          part_file.data() + part_file.size() - 4;
  if (!numeric) return not_found_page(d, req);
  auto settings = d.store.site().settings();
  if (!settings) return error_page(d, "sitemap settings", settings.error());
  bool from_request = false;
  const std::string origin = public_origin(*settings, req, &from_request);
  auto body = SitemapWriter(d.store, kSitemapMaxUrls).part(n, origin, d.clock.now());
  if (!body) {
    if (body.error().kind == ErrorKind::kNotFound) return not_found_page(d, req);
    return error_page(d, "sitemap part", body.error());
  }
  return xml_answer(std::move(body), from_request);
}

http::Response handle_robots_txt(const Deps& d, const http::Request& req) {
  // Crawlers read a 5xx robots.txt as "crawl nothing"; with the store down, answer from the
  // Host header alone rather than shut the site out of search engines.
  auto settings = d.store.site().settings();
  if (!settings) log_error("robots.txt settings", settings.error());
  bool from_request = false;
  const std::string origin =
      public_origin(settings ? *settings : content::SiteSettings{}, req, &from_request);
  http::Response r = http::Response::text(200,
                                          "User-agent: *\n"
                                          "Allow: /\n"
                                          "Disallow: /admin/\n"
                                          "Disallow: /api/\n"
                                          "\n"
                                          "Sitemap: " +
                                              origin + std::string(kSitemapXmlPath) + "\n");
  r.header("Cache-Control", "public, max-age=3600");
  r.cache_tags = {"sitemap"};
  if (from_request || !settings) r.cacheable = false;
  return r;
}

}  // namespace congtin::site
