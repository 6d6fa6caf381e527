// GET /api/v1/search?q=…&limit=N&offset=M : search results as JSON (see site/search.h).
#include <limits>

#include "site/search_internal.h"
#include "text/date.h"

namespace congtin::site {
namespace {

constexpr int kDefaultLimit = 10;
constexpr int kMaxLimit = 100;

http::Response failure(std::string_view what, const Error& e) {
  log_error(what, e);
  http::Response r =
      json_response(e.kind == ErrorKind::kUnavailable ? 503 : 500,
                    {{"error", "Hệ thống đang tạm thời gián đoạn, xin thử lại sau."}});
  r.header("Cache-Control", "no-store");
  return r;
}

}  // namespace

http::Response handle_search_api(const SearchDeps& d, const http::Request& req) {
  int limit = kDefaultLimit, offset = 0;
  if (const auto raw = req.query_param("limit")) {
    const auto v = parse_integer(*raw);
    if (!v)
      return json_response(400, {{"error", "Tham số limit phải là một số nguyên (1 đến 100)."}});
    limit = static_cast<int>(std::clamp<long long>(*v, 1, kMaxLimit));
  }
  if (const auto raw = req.query_param("offset")) {
    const auto v = parse_integer(*raw);
    if (!v || *v < 0)
      return json_response(400, {{"error", "Tham số offset phải là một số nguyên không âm."}});
    offset = static_cast<int>(std::min<long long>(*v, std::numeric_limits<int>::max()));
  }

  const Seconds now = d.base.clock.now();
  auto shared_chrome = site_chrome(d.base);  // the public site's chrome cache when it has one
  if (!shared_chrome) return failure("search api", shared_chrome.error());
  const Chrome* chrome = shared_chrome->get();
  SearchParams p = read_search_params(req, *chrome, now);
  p.request.limit = limit;
  p.request.offset = offset;
  auto found = d.index.search(p.request);
  if (!found) return failure("search api \"" + p.query.text + "\"", found.error());

  nlohmann::json results = nlohmann::json::array();
  for (const auto& h : found->hits) {
    const content::Category* cat = find_category(*chrome, h.category_id);
    results.push_back({
        {"title", h.title},
        {"url", absolute_url(chrome->settings.base_url, article_path(h.slug))},
        {"published_at", text::format_iso8601(h.published_at)},
        {"category", cat ? cat->name : ""},
        {"snippet", hit_snippet_html(h, p.query)},
    });
  }
  http::Response r = json_response(200, {{"total", found->total}, {"results", std::move(results)}});
  r.cache_tags = {"search"};
  return r;
}

}  // namespace congtin::site
