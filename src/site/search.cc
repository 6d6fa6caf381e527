// GET /tim-kiem: the search page (see site/search.h), and the routes of both search answers.
#include "site/search.h"

#include <boost/url.hpp>
#include <fmt/format.h>

#include <chrono>
#include <exception>
#include <string>

#include "search/snippet.h"
#include "site/search_internal.h"
#include "text/date.h"

namespace congtin::site {
namespace {

constexpr int kResultsPerPage = 10;
constexpr std::string_view kSearchPath = "/tim-kiem";

// "2017-06-23" -> the first second of that day in Vietnam; nullopt for anything else.
std::optional<Seconds> parse_day(const std::optional<std::string>& s) {
  if (!s || s->size() != 10) return std::nullopt;
  return text::parse_iso8601(*s + "T00:00:00+07:00");
}

// Page number from ?trang=: digits only, at least 1; anything else is page 1.
int parse_page(const http::Request& req) {
  const auto raw = req.query_param("trang");
  if (!raw || raw->empty() || raw->size() > 6 ||
      raw->find_first_not_of("0123456789") != std::string::npos)
    return 1;
  return std::max(1, std::stoi(*raw));
}

void add_descendants(const Chrome& c, content::Id id, std::vector<content::Id>& out) {
  out.push_back(id);
  for (const auto& cat : c.categories) {
    // Menus are shallow; the depth bound guards against a (corrupt) cycle.
    if (cat.parent_id == id && out.size() < 1000 &&
        std::find(out.begin(), out.end(), cat.id) == out.end())
      add_descendants(c, cat.id, out);
  }
}

std::string search_url(const SearchParams& p, int page) {
  boost::urls::url u(kSearchPath);
  u.params().append({"q", p.query.text});
  if (p.category) u.params().append({"chuyen-muc", p.category->slug});
  if (!p.from_text.empty()) u.params().append({"tu", p.from_text});
  if (!p.to_text.empty()) u.params().append({"den", p.to_text});
  if (page > 1) u.params().append({"trang", std::to_string(page)});
  return std::string(u.buffer());
}

nlohmann::json pagination_json(const SearchParams& p, int page, int total_pages) {
  if (total_pages <= 1) return nullptr;
  nlohmann::json pages = nlohmann::json::array();
  int last_shown = 0;
  for (int n = 1; n <= total_pages; ++n) {
    if (n != 1 && n != total_pages && (n < page - 2 || n > page + 2)) continue;
    if (last_shown && n > last_shown + 1)
      pages.push_back({{"gap", true}, {"number", ""}, {"url", ""}, {"current", false}});
    pages.push_back(
        {{"gap", false}, {"number", n}, {"url", search_url(p, n)}, {"current", n == page}});
    last_shown = n;
  }
  return {{"pages", std::move(pages)},
          {"prev_url", page > 1 ? search_url(p, page - 1) : ""},
          {"next_url", page < total_pages ? search_url(p, page + 1) : ""}};
}

// What to try when nothing matched, most likely cause first.
nlohmann::json suggestions(const SearchParams& p) {
  nlohmann::json out = nlohmann::json::array();
  bool phrase = false, excluded = false;
  for (const auto& t : p.query.terms) {
    phrase |= t.kind == search::TermKind::kPhrase;
    excluded |= t.excluded;
  }
  if (p.category || !p.from_text.empty() || !p.to_text.empty())
    out.push_back("Bỏ bớt bộ lọc chuyên mục hoặc thời gian để tìm trong toàn bộ tin bài.");
  if (phrase) out.push_back("Bỏ dấu ngoặc kép để tìm các từ không cần đứng liền nhau.");
  if (excluded) out.push_back("Bỏ các từ loại trừ (từ có dấu “-” phía trước).");
  out.push_back("Kiểm tra lại chính tả, hoặc dùng ít từ hơn, từ khóa chung hơn.");
  out.push_back("Có thể gõ không dấu: “ngoai vu” cũng tìm được “Ngoại vụ”.");
  out.push_back("Tìm theo đầu từ bằng dấu sao, ví dụ “hợp tác*”.");
  return out;
}

}  // namespace

SearchParams read_search_params(const http::Request& req, const Chrome& chrome, Seconds now) {
  SearchParams p;
  p.query = search::parse_query(req.query_param("q").value_or(""));
  if (const auto slug = req.query_param("chuyen-muc"); slug && !slug->empty()) {
    p.category = find_category(chrome, std::string_view(*slug));
    if (p.category) add_descendants(chrome, p.category->id, p.request.category_ids);
  }
  if (const auto from = parse_day(req.query_param("tu"))) {
    p.request.from = *from;
    p.from_text = *req.query_param("tu");
  }
  if (const auto to = parse_day(req.query_param("den"))) {
    p.request.until = *to + std::chrono::days(1);
    p.to_text = *req.query_param("den");
  }
  p.request.query = p.query;
  p.request.now = now;
  return p;
}

std::string hit_title_html(const search::Hit& h, const search::Query& q) {
  return search::highlight_html(h.title, q.highlight_words());
}

std::string hit_snippet_html(const search::Hit& h, const search::Query& q) {
  const std::string text = h.lead.empty() ? h.body_text : h.lead + "\n" + h.body_text;
  // fold() keeps the newline and folds each side on its own, so the folded forms join alike.
  // Empty when the index does not keep them: snippet_html folds the text itself then.
  const std::string folded = h.folded_lead.empty() && h.folded_body.empty() ? std::string()
                             : h.lead.empty() ? h.folded_body
                                              : h.folded_lead + "\n" + h.folded_body;
  return search::snippet_html(text, folded, q.highlight_words());
}

http::Response handle_search_page(const SearchDeps& d, const http::Request& req) {
  const Seconds now = d.base.clock.now();
  auto shared_chrome = site_chrome(d.base);  // the public site's chrome cache when it has one
  if (!shared_chrome) return error_page(d.base, "search page", shared_chrome.error());
  const Chrome* chrome = shared_chrome->get();
  SearchParams p = read_search_params(req, *chrome, now);
  int page = parse_page(req);

  search::SearchPage found;
  if (!p.query.empty()) {
    p.request.limit = kResultsPerPage;
    p.request.offset = (page - 1) * kResultsPerPage;
    auto r = d.index.search(p.request);
    if (!r) return error_page(d.base, "search \"" + p.query.text + "\"", r.error());
    found = std::move(r).value();
  }
  const int total_pages =
      static_cast<int>((found.reachable + kResultsPerPage - 1) / kResultsPerPage);
  page = std::min(page, std::max(1, total_pages));

  nlohmann::json results = nlohmann::json::array();
  for (const auto& h : found.hits) {
    const content::Category* cat = find_category(*chrome, h.category_id);
    results.push_back({
        {"title_html", hit_title_html(h, p.query)},
        {"url", article_path(h.slug)},
        {"date", text::format_vi_date(h.published_at)},
        {"iso_date", text::format_iso8601(h.published_at)},
        {"category", cat ? nlohmann::json{{"name", cat->name}, {"url", category_path(cat->slug)}}
                         : nlohmann::json(nullptr)},
        {"snippet_html", hit_snippet_html(h, p.query)},
    });
  }
  nlohmann::json categories = nlohmann::json::array();
  for (const auto& c : chrome->categories) {
    categories.push_back(
        {{"slug", c.slug}, {"name", c.name}, {"selected", p.category && p.category->id == c.id}});
  }

  const bool has_query = !p.query.empty();
  const std::string title = has_query ? "Tìm kiếm: " + p.query.text : "Tìm kiếm";
  auto ctx = chrome_context(*chrome, now, Where{}, title, kSearchPath);
  ctx["canonical_url"] = "";  // result pages are not documents of their own
  ctx["search_query"] = p.query.text;
  ctx["search"] = {
      {"query", p.query.text},
      {"has_query", has_query},
      {"simplified", p.query.simplified},
      {"total", found.total},
      {"total_text", (found.more ? "hơn " : "") + std::to_string(found.total)},
      {"results", std::move(results)},
      {"has_results", !found.hits.empty()},
      {"no_results", has_query && found.hits.empty()},
      {"suggestions", has_query && found.hits.empty() ? suggestions(p) : nlohmann::json::array()},
      {"categories", std::move(categories)},
      {"from", p.from_text},
      {"to", p.to_text},
      {"page_number", page},
      {"total_pages", total_pages},
  };
  ctx["pagination"] = pagination_json(p, page, total_pages);
  http::Response r = render_html(d.base, "search", ctx);
  r.cache_tags = {"search"};
  return r;
}

SearchPages::SearchPages(content::Store& store, const render::Theme& theme, const Clock& clock,
                         search::SearchIndex& index)
    : deps_(std::make_shared<const SearchDeps>(SearchDeps{Deps{store, theme, clock, {}}, index})) {}

SearchPages::~SearchPages() = default;

void SearchPages::add_routes(http::Router& router) const {
  // As PublicSite's routes: an exception (a bug) becomes the error page, never a crash.
  // Every answer says how long the server spent making it (Server-Timing, in ms): the
  // access log's time also holds the wait for a worker thread, and bench/search/load.sh
  // reports both. A copy kept by the page cache carries the time of the answer it stored.
  auto guarded = [deps = deps_](std::string name, auto fn) -> http::RouteHandler {
    return [deps, name = std::move(name), fn](const http::Request& req,
                                              const http::Params&) -> http::Response {
      const auto started = std::chrono::steady_clock::now();
      http::Response r;
      try {
        r = fn(*deps, req);
      } catch (const std::exception& e) {
        r = error_page(deps->base, name + " " + req.path, Error::internal(e.what()));
      }
      const std::chrono::duration<double, std::milli> took =
          std::chrono::steady_clock::now() - started;
      r.header("Server-Timing", fmt::format("search;dur={:.3f}", took.count()));
      return r;
    };
  };
  router.get(kSearchPath, guarded("search", handle_search_page));
  router.get("/api/v1/search", guarded("search api", handle_search_api));
}

}  // namespace congtin::site
