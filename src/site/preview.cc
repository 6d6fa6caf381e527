// The back office's preview: handle_article's page for an article that need not be public.
// Kept beside article.cc so both build the page from the same view-model functions; if one
// changes what the article page shows, the other must follow (the admin tests compare them).
#include "site/preview.h"

#include "media/responsive.h"
#include "site/handlers.h"
#include "site/view_models.h"

namespace congtin::site {

Result<std::string> render_article_preview(content::Store& store, const render::Theme& theme,
                                           const Clock& clock,
                                           const std::filesystem::path& media_dir,
                                           const content::Article& a) {
  const Deps d{store, theme, clock, media_dir};
  const Seconds now = clock.now();
  auto chrome = load_chrome(store);  // fresh, not the site's chrome cache
  if (!chrome) return chrome.take_error();
  content::ArticleQuery q;
  q.category_id = a.category_id;
  q.exclude_id = a.id;
  q.limit = kOtherNewsCount;
  auto others = store.articles().published(q, now);
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
  content::Article shown = a;
  // A draft has no publication date yet; show the date it would get if published now.
  if (!shown.published_at) shown.published_at = now;
  ctx["article"] =
      media::with_responsive_images(article_json(shown), media::image_set_lookup(media_dir));
  ctx["others"] = summaries_json(*others);
  ctx["has_others"] = !others->empty();
  return render_html(d, "article", std::move(ctx)).body;
}

}  // namespace congtin::site
