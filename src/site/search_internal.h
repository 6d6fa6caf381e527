// Internal to site/: what the search page and the search API share. Use site/search.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/message.h"
#include "search/search_index.h"
#include "site/handlers.h"
#include "site/view_models.h"

namespace congtin::site {

struct SearchDeps {
  Deps base;
  search::SearchIndex& index;
};

// The query and filters of a search request, as understood. Filters that do not parse are
// left out (and their text kept empty), never reported as errors.
struct SearchParams {
  search::Query query;
  const content::Category* category = nullptr;  // chuyen-muc, if it names a category
  std::string from_text, to_text;               // tu, den as accepted ("2017-06-23"), or ""
  search::SearchRequest request;                // query, categories and dates filled in
};

SearchParams read_search_params(const http::Request& req, const Chrome& chrome, Seconds now);

// Title and snippet of a hit with the query's words marked (HTML, escaped but for <mark>).
std::string hit_title_html(const search::Hit& h, const search::Query& q);
std::string hit_snippet_html(const search::Hit& h, const search::Query& q);

http::Response handle_search_page(const SearchDeps& d, const http::Request& req);
http::Response handle_search_api(const SearchDeps& d, const http::Request& req);

}  // namespace congtin::site
