// SearchPages: the search page and the search API of the public site, as routes on an
// http::Router, over a search::SearchIndex.
//
// Routes (a fixed contract; the header's search box submits to the first):
//   GET /tim-kiem?q=…&chuyen-muc=SLUG&tu=YYYY-MM-DD&den=YYYY-MM-DD&trang=N
//       the results, 10 a page: title, date, category and an excerpt with the matched words
//       in <mark>, in the article's own text; without q, the search form and its help; with
//       no result, what to try instead.
//   GET /api/v1/search?q=…&limit=N (1..100, default 10)&offset=M (&chuyen-muc, tu, den)
//       200 {"total": n, "results": [{"title", "url", "published_at", "category", "snippet"}]}
//       400 {"error": …} for a limit or offset that is not a non-negative integer.
//       total counts matches up to 1,000; a broader query is ranked among its 300 newest
//       matches, and offsets past those give no results.
// Query syntax is search/query.h's; malformed syntax, an unknown category or a malformed date
// is never an error: the query falls back to plain words and a bad filter is ignored. The
// category filter includes its sub-categories; tu/den are Vietnam-time days, both included.
// Answers carry the cache tag "search", so the page cache drops them on any content event.
//
// Thread-safety: as PublicSite (site/site.h). store, theme, clock and index must outlive the
// router.
#pragma once

#include <memory>

#include "content/repository.h"
#include "core/clock.h"
#include "http/router.h"
#include "render/theme.h"
#include "search/search_index.h"

namespace congtin::site {

struct SearchDeps;

class SearchPages {
 public:
  SearchPages(content::Store& store, const render::Theme& theme, const Clock& clock,
              search::SearchIndex& index);
  ~SearchPages();

  void add_routes(http::Router& router) const;

 private:
  std::shared_ptr<const SearchDeps> deps_;
};

}  // namespace congtin::site
