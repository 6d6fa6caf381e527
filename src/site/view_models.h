// Internal to site/: content values -> JSON view models for the theme. The keys are the
// theme's contract and are listed in themes/default/README.md; change both together.
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/model.h"
#include "content/repository.h"
#include "core/clock.h"
#include "core/result.h"

namespace congtin::site {

// What every HTML page shows around its content: header, menu, sidebar, footer.
struct Chrome {
  content::SiteSettings settings;
  std::vector<content::Category> categories;  // ordered by position
  // Categories left out of the menu by the back office ("Hiện trên menu" off); their pages
  // and feeds stay, and the portal map still lists them.
  std::vector<content::Id> hidden_from_menu;
  std::vector<content::Page> pages;  // ordered by position
  std::vector<content::LinkItem> links;
  std::vector<content::ContactItem> contacts;
};

// Reads the chrome from the store (six reads); the first error is returned.
Result<Chrome> load_chrome(content::Store& store);

// Where the visitor is, so the menu can mark it.
struct Where {
  bool home = false;
  std::optional<content::Id> category;  // the category shown, or the article's category
  bool category_is_current = false;     // true on the category's own listing
  std::string page_slug;                // static page shown
};

// The view model's keys every HTML page shares, in three parts so that the first two can be
// converted once per chrome and kept (site/chrome_layers.h):
// - chrome_common_json: site, has_menu_categories, menu_categories, links, has_links,
//   contacts, has_contacts, pages, has_pages (the same wherever the visitor is);
// - chrome_menu_json: menu (it marks where the visitor is);
// - page_context: year, copyright, is_home, page_title, meta_description, canonical_url,
//   has_breadcrumbs, breadcrumbs, page_heading (= title), page_path (= path).
// chrome_context is the three merged into one object. `title` is the page's own title ("" on
// home).
nlohmann::json chrome_common_json(const Chrome& c);
nlohmann::json chrome_menu_json(const Chrome& c, const Where& where);
nlohmann::json page_context(const Chrome& c, Seconds now, const Where& where,
                            std::string_view title, std::string_view path);
nlohmann::json chrome_context(const Chrome& c, Seconds now, const Where& where,
                              std::string_view title, std::string_view path);

// URL paths of the public resources.
std::string article_path(std::string_view slug);
std::string category_path(std::string_view slug, int page = 1);
std::string page_path(std::string_view slug);
// base_url without its trailing '/' + path, or path alone when base_url is empty.
std::string absolute_url(std::string_view base_url, std::string_view path);

const content::Category* find_category(const Chrome& c, content::Id id);
const content::Category* find_category(const Chrome& c, std::string_view slug);

// Breadcrumb items for a category (home, ancestors, the category). If category_is_current, the
// last item has no url (it is the page itself).
nlohmann::json category_breadcrumbs(const Chrome& c, const content::Category& cat,
                                    bool category_is_current);

// {title, url, lead, date, date_short, iso_date, image, image_alt}
nlohmann::json summary_json(const content::ArticleSummary& a);
nlohmann::json summaries_json(const std::vector<content::ArticleSummary>& list);
// {title, lead, body_html, date, iso_date, iso_updated, author, cover{src, alt, caption} | null,
//  byline, source, tags, has_tags}
nlohmann::json article_json(const content::Article& a);

// True if the article may be shown to the public at time now.
bool is_public(const content::Article& a, Seconds now);

}  // namespace congtin::site
