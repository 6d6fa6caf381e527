#include "cache/cached_handler.h"

#include <algorithm>
#include <cctype>
#include <memory>

namespace congtin::cache {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

bool contains_token(std::string_view value, std::string_view token) {
  // Cache-Control directives are comma-separated; "no-store" and "private" take no value
  // that matters here ("private=..." still means private).
  std::size_t pos = 0;
  while (pos <= value.size()) {
    std::size_t end = value.find(',', pos);
    if (end == std::string_view::npos) end = value.size();
    std::string_view item = value.substr(pos, end - pos);
    item = item.substr(0, item.find('='));
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (iequals(item, token)) return true;
    pos = end + 1;
  }
  return false;
}

bool excluded(const CachedHandlerOptions& o, std::string_view path) {
  for (const auto& p : o.excluded_prefixes) {
    if (path == p) return true;
    if (!p.empty() && p.back() == '/' && path.starts_with(p)) return true;
  }
  return false;
}

}  // namespace

bool storable(const http::Response& res) {
  if (!res.cacheable) return false;
  if (res.status != 200 && res.status != 301 && res.status != 404 && res.status != 410)
    return false;
  for (const auto& [name, value] : res.headers) {
    if (iequals(name, "Set-Cookie")) return false;
    if (iequals(name, "Cache-Control") &&
        (contains_token(value, "no-store") || contains_token(value, "private")))
      return false;
  }
  return true;
}

http::Handler cached(PageCache& cache, http::Handler inner, CachedHandlerOptions options) {
  auto opts = std::make_shared<const CachedHandlerOptions>(std::move(options));
  return [&cache, inner = std::move(inner), opts](const http::Request& req) -> http::Response {
    const bool head = req.method == "HEAD";
    if ((!head && req.method != "GET") || excluded(*opts, req.path) ||
        !req.header("Authorization").empty()) {
      return inner(req);
    }
    // The common case (no query) looks up the path itself: no key string is built.
    std::string key;
    if (!req.query.empty()) key = PageCache::key_for(req.path, req.query);
    if (auto page = cache.find(req.query.empty() ? std::string_view(req.path) : key))
      return page->to_response();
    if (req.query.empty()) key = req.path;

    const std::uint64_t generation = cache.generation();
    http::Response res;
    if (head) {
      http::Request get = req;
      get.method = "GET";
      res = inner(get);
    } else {
      res = inner(req);
    }
    if (!storable(res)) return res;
    return cache.insert(std::move(key), std::move(res), generation)->to_response();
  };
}

}  // namespace congtin::cache
