// GET / : featured news, then the latest of each top-level category (with its descendants).
#include "site/handlers.h"
#include "site/view_models.h"

namespace congtin::site {

http::Response handle_home(const Deps& d, const http::Request& req) {
  const Seconds now = d.clock.now();
  auto layers = site_layers(d);
  if (!layers) return error_page(d, "home", layers.error());
  const ChromeLayers& shown = **layers;  // shared, immutable
  const Chrome* chrome = &shown.chrome();

  content::ArticleQuery fq;
  fq.featured_only = true;
  fq.limit = kHomeFeaturedCount;
  auto featured = published_articles(d, fq, now);
  if (!featured) return error_page(d, "home featured", featured.error());
  std::string featured_title = "Tin nổi bật";
  if (featured->empty()) {  // no article marked featured: lead with the newest
    fq.featured_only = false;
    featured = published_articles(d, fq, now);
    if (!featured) return error_page(d, "home latest", featured.error());
    featured_title = "Tin mới nhất";
  }

  nlohmann::json sections = nlohmann::json::array();
  for (const auto& cat : chrome->categories) {
    if (cat.parent_id && find_category(*chrome, *cat.parent_id)) continue;
    content::ArticleQuery q;
    q.category_id = cat.id;
    q.limit = kHomeSectionCount;
    auto list = published_articles(d, q, now);
    if (!list) return error_page(d, "home category " + cat.slug, list.error());
    if (list->empty()) continue;
    nlohmann::json rest = nlohmann::json::array();
    for (std::size_t i = 1; i < list->size(); ++i) rest.push_back(summary_json((*list)[i]));
    sections.push_back({{"name", cat.name},
                        {"slug", cat.slug},
                        {"url", category_path(cat.slug)},
                        {"first", summary_json(list->front())},
                        {"has_rest", !rest.empty()},
                        {"rest", std::move(rest)}});
  }

  Where where;
  where.home = true;
  auto ctx = page_context(*chrome, now, where, "", req.path);
  ctx["featured_title"] = featured_title;
  ctx["featured_top"] =
      featured->empty() ? nlohmann::json(nullptr) : summary_json(featured->front());
  nlohmann::json more = nlohmann::json::array();
  for (std::size_t i = 1; i < featured->size(); ++i) more.push_back(summary_json((*featured)[i]));
  ctx["has_featured_more"] = !more.empty();
  ctx["featured_more"] = std::move(more);
  ctx["sections"] = std::move(sections);
  http::Response r = render_page(d, shown, where, "home", std::move(ctx));
  r.cache_tags = {"home"};  // article events drop it; see cache/page_cache.h
  return r;
}

}  // namespace congtin::site
