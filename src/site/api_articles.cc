// GET /api/v1/articles?category=SLUG&limit=N&offset=M : published articles as JSON, newest
// first, for open data and for other portals.
//   200 {"total": n, "results": [{"id", "title", "url", "published_at", "category",
//        "category_slug", "lead"}]}
//   400 {"error": ...} for a limit or offset that is not an integer, or a negative offset
//   404 {"error": ...} for an unknown category
// limit defaults to 20 and is clamped to 1..100.
#include <limits>
#include <optional>
#include <unordered_map>

#include "site/handlers.h"
#include "site/view_models.h"
#include "text/date.h"

namespace congtin::site {
namespace {

constexpr int kDefaultLimit = 20;
constexpr int kMaxLimit = 100;

http::Response json_error(int status, std::string message) {
  return json_response(status, {{"error", std::move(message)}});
}

http::Response store_failure(std::string_view what, const Error& e) {
  log_error(what, e);
  return json_error(e.kind == ErrorKind::kUnavailable ? 503 : 500,
                    "Hệ thống đang tạm thời gián đoạn, xin thử lại sau.");
}

}  // namespace

http::Response handle_api_articles(const Deps& d, const http::Request& req) {
  content::ArticleQuery q;
  q.limit = kDefaultLimit;
  if (const auto raw = req.query_param("limit")) {
    const auto v = parse_integer(*raw);
    if (!v) return json_error(400, "Tham số limit phải là một số nguyên (1 đến 100).");
    q.limit = static_cast<int>(std::clamp<long long>(*v, 1, kMaxLimit));
  }
  if (const auto raw = req.query_param("offset")) {
    const auto v = parse_integer(*raw);
    if (!v || *v < 0 || *v > std::numeric_limits<int>::max()) {
      return json_error(400, "Tham số offset phải là một số nguyên không âm.");
    }
    q.offset = static_cast<int>(*v);
  }

  auto cats = d.store.categories().list();
  if (!cats) return store_failure("api categories", cats.error());
  std::unordered_map<content::Id, const content::Category*> by_id;
  for (const auto& c : *cats) by_id.emplace(c.id, &c);
  if (const auto slug = req.query_param("category")) {
    const content::Category* found = nullptr;
    for (const auto& c : *cats) {
      if (c.slug == *slug) found = &c;
    }
    if (!found) return json_error(404, "Không có chuyên mục \"" + *slug + "\".");
    q.category_id = found->id;
  }

  const Seconds now = d.clock.now();
  auto settings = d.store.site().settings();
  if (!settings) return store_failure("api settings", settings.error());
  auto total = d.store.articles().count_published(q, now);
  if (!total) return store_failure("api count", total.error());
  auto list = d.store.articles().published(q, now);
  if (!list) return store_failure("api articles", list.error());

  nlohmann::json results = nlohmann::json::array();
  for (const auto& a : *list) {
    const auto cat = by_id.find(a.category_id);
    const bool known = cat != by_id.end();
    results.push_back({
        {"id", a.id},
        {"title", a.title},
        {"url", absolute_url(settings->base_url, article_path(a.slug))},
        {"published_at", a.published_at ? text::format_iso8601(*a.published_at) : ""},
        {"category", known ? cat->second->name : ""},
        {"category_slug", known ? cat->second->slug : ""},
        {"lead", a.lead},
    });
  }
  http::Response r = json_response(200, {{"total", *total}, {"results", std::move(results)}});
  // Unfiltered lists stay untagged: every article event drops untagged answers.
  if (q.category_id) r.cache_tags = {"category:" + std::to_string(*q.category_id)};
  return r;
}

}  // namespace congtin::site
