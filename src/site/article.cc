// GET /tin-tuc/{slug} : one published article with "Các thông tin khác" (other news of its
// category). Drafts, scheduled and taken-down articles are 404 as if they did not exist; a
// slug the article had before answers 301 to its current address.
#include "media/responsive.h"
#include "site/handlers.h"
#include "site/view_models.h"

namespace congtin::site {

Result<nlohmann::json> article_context(const Deps& d, const content::Article& a, Seconds now) {
  auto chrome_or = site_chrome(d);
  if (!chrome_or) return chrome_or.take_error();
  const auto& chrome = *chrome_or;  // shared, immutable
  content::ArticleQuery q;
  q.category_id = a.category_id;
  q.exclude_id = a.id;
  q.limit = kOtherNewsCount;
  auto others = published_articles(d, q, now);
  if (!others) return others.take_error();

  Where where;
  where.category = a.category_id;
  auto ctx = chrome_context(*chrome, now, where, a.title, article_path(a.slug));
  if (!a.lead.empty()) ctx["meta_description"] = a.lead;
  if (const auto* cat = find_category(*chrome, a.category_id)) {
    ctx["has_breadcrumbs"] = true;
    ctx["breadcrumbs"] = category_breadcrumbs(*chrome, *cat, false);
    ctx["category"] = {{"name", cat->name}, {"url", category_path(cat->slug)}};
  }
  ctx["article"] =
      media::with_responsive_images(article_json(a), media::image_set_lookup(d.media_dir));
  ctx["others"] = summaries_json(*others);
  ctx["has_others"] = !others->empty();
  return ctx;
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

  auto ctx = article_context(d, a, now);
  if (!ctx) return error_page(d, "article " + a.slug, ctx.error());
  http::Response r = render_html(d, "article", std::move(*ctx));
  // Its own tag, and its category's: "other news" changes with the category's articles.
  r.cache_tags = {"article:" + std::to_string(a.id), "category:" + std::to_string(a.category_id)};
  return r;
}

}  // namespace congtin::site
