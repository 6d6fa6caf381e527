// GET /tin-tuc/{slug} : one published article with "Các thông tin khác" (other news of its
// category). Drafts, scheduled and taken-down articles are 404 as if they did not exist; a
// slug the article had before answers 301 to its current address.
#include "media/responsive.h"
#include "site/handlers.h"
#include "site/view_models.h"

namespace congtin::site {

Result<http::Response> article_page(const Deps& d, const content::Article& a, Seconds now) {
  auto layers = site_layers(d);
  if (!layers) return layers.take_error();
  const ChromeLayers& shown = **layers;  // shared, immutable
  const Chrome& chrome = shown.chrome();
  // "Các thông tin khác": kept as a layer with the category's latest list when there is a
  // cache, else read and converted here.
  std::shared_ptr<const render::Layer> others_layer;
  std::optional<Summaries> others;
  if (auto cache = chrome_cache(d)) {
    auto layer = cache->others_layer(a.category_id, a.id, kOtherNewsCount, now);
    if (!layer) return layer.take_error();
    others_layer = std::move(*layer);
  } else {
    content::ArticleQuery q;
    q.category_id = a.category_id;
    q.exclude_id = a.id;
    q.limit = kOtherNewsCount;
    auto read = published_articles(d, q, now);
    if (!read) return read.take_error();
    others = std::move(*read);
  }

  Where where;
  where.category = a.category_id;
  auto ctx = page_context(chrome, now, where, a.title, article_path(a.slug));
  if (!a.lead.empty()) ctx["meta_description"] = a.lead;
  if (const auto* cat = find_category(chrome, a.category_id)) {
    ctx["has_breadcrumbs"] = true;
    ctx["breadcrumbs"] = category_breadcrumbs(chrome, *cat, false);
    ctx["category"] = {{"name", cat->name}, {"url", category_path(cat->slug)}};
  }
  ctx["article"] =
      media::with_responsive_images(article_json(a), media::image_set_lookup(d.media_dir));
  if (others) {
    ctx["others"] = summaries_json(*others);
    ctx["has_others"] = !others->empty();
  }
  const render::Layer* above[] = {others_layer.get()};
  return render_page(d, shown, where, "article", std::move(ctx), 200,
                     std::span(above, others_layer ? 1 : 0));
}

http::Response handle_article(const Deps& d, const http::Request& req, std::string_view slug) {
  const Seconds now = d.clock.now();
  auto& articles = d.store.articles();
  auto found = articles.by_slug(slug);
  if (!found) {
    if (found.error().kind != ErrorKind::kNotFound) {
      return error_page(d, "article " + std::string(slug), found.error());
    }
    auto moved = articles.by_old_slug(slug);
    if (moved && is_public(*moved, now)) {
      http::Response r = http::Response::redirect(301, article_path(moved->slug));
      r.cache_tags = {"article:" + std::to_string(moved->id)};
      return r;
    }
    if (!moved && moved.error().kind != ErrorKind::kNotFound) {
      return error_page(d, "article old slug " + std::string(slug), moved.error());
    }
    return not_found_page(d, req);
  }
  const content::Article& a = *found;
  if (!is_public(a, now)) return not_found_page(d, req);

  auto page = article_page(d, a, now);
  if (!page) return error_page(d, "article " + a.slug, page.error());
  http::Response r = std::move(*page);
  // Its own tag, and its category's: "other news" changes with the category's articles.
  r.cache_tags = {"article:" + std::to_string(a.id), "category:" + std::to_string(a.category_id)};
  return r;
}

}  // namespace congtin::site
