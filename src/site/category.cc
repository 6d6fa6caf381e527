// GET /chuyen-muc/{slug}?trang=N : one category's published articles (descendants included),
// newest first, kPageSize per page. A malformed or too-large page number is a 404, so that
// every listing URL that answers 200 has content behind it.
#include <charconv>
#include <optional>

#include "site/handlers.h"
#include "site/view_models.h"

namespace congtin::site {
namespace {

// "trang" absent -> 1; digits only, 1..99999999; anything else -> nullopt.
std::optional<int> parse_page(const http::Request& req) {
  const auto raw = req.query_param("trang");
  if (!raw) return 1;
  const std::string& s = *raw;
  if (s.empty() || s.size() > 8 || s.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  int n = 0;
  std::from_chars(s.data(), s.data() + s.size(), n);
  if (n < 1) return std::nullopt;
  return n;
}

nlohmann::json pagination_json(std::string_view slug, int page, int total_pages) {
  if (total_pages <= 1) return nullptr;
  nlohmann::json pages = nlohmann::json::array();
  // First, last, and two either side of the current page; gaps shown as an ellipsis.
  int last_shown = 0;
  for (int n = 1; n <= total_pages; ++n) {
    if (n != 1 && n != total_pages && (n < page - 2 || n > page + 2)) continue;
    if (last_shown && n > last_shown + 1) {
      pages.push_back({{"gap", true}, {"number", ""}, {"url", ""}, {"current", false}});
    }
    pages.push_back(
        {{"gap", false}, {"number", n}, {"url", category_path(slug, n)}, {"current", n == page}});
    last_shown = n;
  }
  return {{"pages", std::move(pages)},
          {"prev_url", page > 1 ? category_path(slug, page - 1) : ""},
          {"next_url", page < total_pages ? category_path(slug, page + 1) : ""}};
}

}  // namespace

http::Response handle_category(const Deps& d, const http::Request& req, std::string_view slug) {
  const Seconds now = d.clock.now();
  const auto page = parse_page(req);
  if (!page) return not_found_page(d, req);
  auto layers = site_layers(d);
  if (!layers) return error_page(d, "category " + std::string(slug), layers.error());
  const ChromeLayers& shown = **layers;  // shared, immutable
  const Chrome* chrome = &shown.chrome();
  const content::Category* cat = find_category(*chrome, slug);
  if (!cat) return not_found_page(d, req);

  content::ArticleQuery q;
  q.category_id = cat->id;
  auto total = d.store.articles().count_published(q, now);
  if (!total) return error_page(d, "category count " + cat->slug, total.error());
  const int total_pages =
      static_cast<int>(std::max<std::int64_t>(1, (*total + kPageSize - 1) / kPageSize));
  if (*page > total_pages) return not_found_page(d, req);
  q.limit = kPageSize;
  q.offset = (*page - 1) * kPageSize;
  auto list = d.store.articles().published(q, now);
  if (!list) return error_page(d, "category list " + cat->slug, list.error());

  Where where;
  where.category = cat->id;
  where.category_is_current = true;
  std::string title = cat->name;
  if (*page > 1) title += " - Trang " + std::to_string(*page);
  auto ctx = page_context(*chrome, now, where, title, category_path(cat->slug, *page));
  if (!cat->description.empty()) ctx["meta_description"] = cat->description;
  ctx["has_breadcrumbs"] = true;
  ctx["breadcrumbs"] = category_breadcrumbs(*chrome, *cat, true);
  ctx["category"] = {{"name", cat->name},
                     {"slug", cat->slug},
                     {"url", category_path(cat->slug)},
                     {"description", cat->description}};
  ctx["articles"] = summaries_json(*list);
  ctx["has_articles"] = !list->empty();
  ctx["page_number"] = *page;
  ctx["total_pages"] = total_pages;
  ctx["total"] = *total;
  ctx["pagination"] = pagination_json(cat->slug, *page, total_pages);
  http::Response r = render_page(d, shown, where, "category", std::move(ctx));
  r.cache_tags = {"category:" + std::to_string(cat->id)};
  return r;
}

}  // namespace congtin::site
