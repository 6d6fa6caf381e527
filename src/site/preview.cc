// The back office's preview: handle_article's page (article_page) for an article that
// need not be public.
#include "site/preview.h"

#include "site/handlers.h"

namespace congtin::site {

Result<std::string> render_article_preview(content::Store& store, const render::Theme& theme,
                                           const Clock& clock,
                                           const std::filesystem::path& media_dir,
                                           const content::Article& a) {
  // No chrome cache in these Deps: the one the public site follows for this store, if any
  // (ChromeCache::followed), else the store afresh.
  const Deps d{store, theme, clock, media_dir};
  const Seconds now = clock.now();
  content::Article shown = a;
  // A draft has no publication date yet; show the date it would get if published now.
  if (!shown.published_at) shown.published_at = now;
  auto page = article_page(d, shown, now);
  if (!page) return page.take_error();
  return std::move(page->body);
}

}  // namespace congtin::site
