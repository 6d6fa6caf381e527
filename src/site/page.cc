// GET /trang/{slug} : a static page (introduction, organisation, contacts...).
#include "site/handlers.h"
#include "site/view_models.h"

namespace congtin::site {

http::Response handle_page(const Deps& d, const http::Request& req, std::string_view slug) {
  auto layers = site_layers(d);
  if (!layers) return error_page(d, "page " + std::string(slug), layers.error());
  const ChromeLayers& shown = **layers;  // shared, immutable
  const Chrome* chrome = &shown.chrome();
  // The chrome already holds every page (the menu lists them), so no second read.
  const content::Page* page = nullptr;
  for (const auto& p : chrome->pages) {
    if (p.slug == slug) page = &p;
  }
  if (!page) return not_found_page(d, req);

  Where where;
  where.page_slug = page->slug;
  auto ctx = page_context(*chrome, d.clock.now(), where, page->title, page_path(page->slug));
  ctx["has_breadcrumbs"] = true;
  ctx["breadcrumbs"] = nlohmann::json::array(
      {{{"title", "Trang chủ"}, {"url", "/"}}, {{"title", page->title}, {"url", ""}}});
  ctx["page"] = {{"title", page->title}, {"slug", page->slug}, {"body_html", page->body_html}};
  http::Response r = render_page(d, shown, where, "page", std::move(ctx));
  r.cache_tags = {"page:" + page->slug};
  return r;
}

}  // namespace congtin::site
