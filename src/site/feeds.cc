// RSS 2.0: /rss.xml (the whole site), /chuyen-muc/{slug}/rss.xml (one category with its
// descendants), and the HTML page /rss that lists them.
#include <map>
#include <vector>

#include "site/discovery.h"
#include "site/view_models.h"
#include "site/xml_text.h"
#include "text/date.h"

namespace congtin::site {
namespace {

struct Channel {
  std::string title;
  std::string link_path;  // the HTML page the feed mirrors
  std::string self_path;  // the feed itself
  std::string description;
};

void element(std::string& out, std::string_view name, std::string_view value) {
  out += '<';
  out += name;
  out += '>';
  out += xml_escape(value);
  out += "</";
  out += name;
  out += ">\n";
}

std::string rss_xml(const Chrome& c, const Channel& ch, std::string_view origin,
                    const std::vector<content::ArticleSummary>& items) {
  const std::string o(origin);
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n";
  element(out, "title", ch.title);
  element(out, "link", o + ch.link_path);
  element(out, "description", ch.description);
  element(out, "language", "vi");
  if (!c.settings.copyright.empty()) element(out, "copyright", c.settings.copyright);
  if (!items.empty() && items.front().published_at) {
    element(out, "lastBuildDate", text::format_rfc1123(*items.front().published_at));
  }
  element(out, "generator", "congtin");
  out += "<atom:link href=\"" + xml_escape(o + ch.self_path) +
         "\" rel=\"self\" type=\"application/rss+xml\"/>\n";
  std::map<content::Id, std::string> names;
  for (const auto& cat : c.categories) names[cat.id] = cat.name;
  for (const auto& a : items) {
    const std::string url = o + article_path(a.slug);
    out += "<item>\n";
    element(out, "title", a.title);
    element(out, "link", url);
    if (!a.lead.empty()) element(out, "description", a.lead);
    if (a.published_at) element(out, "pubDate", text::format_rfc1123(*a.published_at));
    out += "<guid isPermaLink=\"true\">" + xml_escape(url) + "</guid>\n";
    if (auto it = names.find(a.category_id); it != names.end()) {
      element(out, "category", it->second);
    }
    out += "</item>\n";
  }
  out += "</channel>\n</rss>\n";
  return out;
}

std::string site_name(const Chrome& c) {
  return c.settings.name.empty() ? "Cổng thông tin điện tử" : c.settings.name;
}

http::Response feed_answer(std::string body, bool from_request) {
  http::Response r;
  r.content_type = "application/rss+xml; charset=utf-8";
  r.body = std::move(body);
  if (from_request) r.cacheable = false;
  return r;
}

}  // namespace

http::Response handle_site_feed(const Deps& d, const http::Request& req) {
  const Seconds now = d.clock.now();
  auto chrome_or = site_chrome(d);
  if (!chrome_or) return error_page(d, "feed", chrome_or.error());
  const auto& chrome = *chrome_or;  // shared, immutable
  content::ArticleQuery q;
  q.limit = kFeedItemCount;
  auto items = d.store.articles().published(q, now);
  if (!items) return error_page(d, "feed items", items.error());
  bool from_request = false;
  const std::string origin = public_origin(chrome->settings, req, &from_request);
  Channel ch{site_name(*chrome), "/", std::string(kSiteFeedPath),
             chrome->settings.description.empty() ? "Tin mới nhất của " + site_name(*chrome)
                                                  : chrome->settings.description};
  http::Response r = feed_answer(rss_xml(*chrome, ch, origin, *items), from_request);
  r.cache_tags = {"feed"};
  return r;
}

http::Response handle_category_feed(const Deps& d, const http::Request& req,
                                    std::string_view slug) {
  const Seconds now = d.clock.now();
  auto chrome_or = site_chrome(d);
  if (!chrome_or) return error_page(d, "category feed", chrome_or.error());
  const auto& chrome = *chrome_or;  // shared, immutable
  const content::Category* cat = find_category(*chrome, slug);
  if (!cat) return not_found_page(d, req);
  content::ArticleQuery q;
  q.category_id = cat->id;
  q.limit = kFeedItemCount;
  auto items = d.store.articles().published(q, now);
  if (!items) return error_page(d, "category feed items", items.error());
  bool from_request = false;
  const std::string origin = public_origin(chrome->settings, req, &from_request);
  Channel ch{cat->name + " - " + site_name(*chrome), category_path(cat->slug),
             category_path(cat->slug) + std::string(kCategoryFeedSuffix),
             cat->description.empty() ? "Tin mới nhất chuyên mục " + cat->name : cat->description};
  http::Response r = feed_answer(rss_xml(*chrome, ch, origin, *items), from_request);
  r.cache_tags = {"feed", "category:" + std::to_string(cat->id)};
  return r;
}

http::Response handle_feeds_page(const Deps& d, const http::Request& /*req*/) {
  auto chrome_or = site_chrome(d);
  if (!chrome_or) return error_page(d, "feeds page", chrome_or.error());
  const auto& chrome = *chrome_or;  // shared, immutable
  auto ctx = chrome_context(*chrome, d.clock.now(), Where{}, "Kênh RSS", kFeedsPagePath);
  ctx["has_breadcrumbs"] = true;
  ctx["breadcrumbs"] = nlohmann::json::array(
      {{{"title", "Trang chủ"}, {"url", "/"}}, {{"title", "Kênh RSS"}, {"url", ""}}});
  nlohmann::json feeds = nlohmann::json::array();
  // Nested like the menu: a child category is indented under its parent.
  for (const auto& top : chrome->categories) {
    if (top.parent_id && find_category(*chrome, *top.parent_id)) continue;
    nlohmann::json children = nlohmann::json::array();
    for (const auto& child : chrome->categories) {
      if (child.parent_id != top.id) continue;
      children.push_back({{"title", child.name},
                          {"url", category_path(child.slug) + std::string(kCategoryFeedSuffix)}});
    }
    feeds.push_back({{"title", top.name},
                     {"url", category_path(top.slug) + std::string(kCategoryFeedSuffix)},
                     {"has_children", !children.empty()},
                     {"children", std::move(children)}});
  }
  ctx["site_feed_url"] = std::string(kSiteFeedPath);
  ctx["category_feeds"] = std::move(feeds);
  http::Response r = render_html(d, "rss", std::move(ctx));
  r.cache_tags = {"feed"};
  return r;
}

}  // namespace congtin::site
