// Responses shared by the public handlers: rendered pages, the 404 page, the error page, and
// the JSON answers of the API.
#include <spdlog/spdlog.h>

#include <charconv>

#include "site/discovery.h"
#include "site/handlers.h"
#include "site/view_models.h"

namespace congtin::site {

std::shared_ptr<ChromeCache> chrome_cache(const Deps& d) {
  // Not owned: Deps::cache lives as long as the routes that hold d.
  if (d.cache) return std::shared_ptr<ChromeCache>(std::shared_ptr<void>(), d.cache);
  return ChromeCache::followed(d.store);
}

Result<std::shared_ptr<const Chrome>> site_chrome(const Deps& d) {
  if (d.cache) return d.cache->chrome();
  if (auto followed = ChromeCache::followed(d.store)) return followed->chrome();
  auto loaded = load_chrome(d.store);
  if (!loaded) return loaded.take_error();
  return std::make_shared<const Chrome>(std::move(*loaded));
}

Result<std::shared_ptr<const ChromeLayers>> site_layers(const Deps& d) {
  if (d.cache) return d.cache->layers();
  if (auto followed = ChromeCache::followed(d.store)) return followed->layers();
  auto loaded = load_chrome(d.store);
  if (!loaded) return loaded.take_error();
  return std::make_shared<const ChromeLayers>(std::make_shared<const Chrome>(std::move(*loaded)));
}

Result<Summaries> published_articles(const Deps& d, const content::ArticleQuery& q, Seconds now) {
  const int wanted = q.limit + (q.exclude_id ? 1 : 0);
  if (!d.cache || q.offset != 0 || q.limit < 0 || wanted > ChromeCache::kLatestDepth) {
    return d.store.articles().published(q, now);
  }
  auto list = d.cache->latest(q.category_id, q.featured_only, now);
  if (!list) return list.take_error();
  Summaries out;
  out.reserve(static_cast<std::size_t>(q.limit));
  for (const auto& a : **list) {
    if (static_cast<int>(out.size()) == q.limit) break;
    if (q.exclude_id != a.id) out.push_back(a);
  }
  return out;
}

http::Response render_html(const Deps& d, std::string_view page_template, nlohmann::json ctx,
                           int status) {
  http::Response r;
  r.status = status;
  add_metadata(ctx, ctx["site"], page_template);  // site/metadata.cc
  r.body = d.theme.render(page_template, ctx);
  return r;
}

http::Response render_page(const Deps& d, const ChromeLayers& chrome, const Where& where,
                           std::string_view page_template, nlohmann::json ctx, int status,
                           std::span<const render::Layer* const> above) {
  http::Response r;
  r.status = status;
  add_metadata(ctx, chrome.site(), page_template);
  const auto menu = chrome.menu(where);
  std::vector<const render::Layer*> below(above.begin(), above.end());
  below.push_back(menu.get());
  below.push_back(&chrome.common());
  r.body = d.theme.render(page_template, ctx, below);
  return r;
}

http::Response not_found_page(const Deps& d, const http::Request& req) {
  auto layers = site_layers(d);
  if (!layers) return error_page(d, "404 page for " + req.path, layers.error());
  const ChromeLayers& chrome = **layers;  // shared, immutable
  auto ctx =
      page_context(chrome.chrome(), d.clock.now(), Where{}, "Không tìm thấy trang", req.path);
  ctx["canonical_url"] = "";  // a missing page has no canonical address
  return render_page(d, chrome, Where{}, "not_found", std::move(ctx), 404);
}

void log_error(std::string_view what, const Error& e) {
  spdlog::error("site: {}: {} error: {}", what, error_kind_name(e.kind), e.message);
}

http::Response error_page(const Deps& d, std::string_view what, const Error& e) {
  const int status = e.kind == ErrorKind::kUnavailable ? 503 : 500;
  log_error(what, e);
  // The store may be what failed, so the page is rendered from defaults only.
  auto ctx = chrome_context(Chrome{}, d.clock.now(), Where{}, "Lỗi hệ thống", "");
  http::Response r = render_html(d, "error", std::move(ctx), status);
  r.header("Cache-Control", "no-store");
  if (status == 503) r.header("Retry-After", "60");
  return r;
}

http::Response json_response(int status, const nlohmann::json& body) {
  http::Response r = http::Response::json(
      status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
  r.header("Access-Control-Allow-Origin", "*");  // open data: any site may read it
  return r;
}

std::optional<long long> parse_integer(std::string_view s) {
  if (s.empty() || s.size() > 19) return std::nullopt;
  long long v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace congtin::site
