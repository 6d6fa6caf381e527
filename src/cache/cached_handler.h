// cached(): the page cache in front of a handler (a decorator of http::Handler).
//
// GET and HEAD requests for public paths are looked up by PageCache::key_for(path, query);
// a hit is answered from the stored entry without calling the inner handler. On a miss the
// inner handler runs (with the method set to GET for a HEAD, so the stored entry has its
// body), and its answer is stored when it is storable:
//   - status 200, 301, 404 or 410;
//   - Response::cacheable is true, no Set-Cookie, no Cache-Control no-store/private;
//   - the path is not excluded (CachedHandlerOptions::excluded_prefixes: /healthz, /admin,
//     /static/, /media/, /api/v1/stats/ by default — files, private and live answers);
//   - the request carries no Authorization header (those answers may be per-user).
// The answer sent is built from the stored entry either way, so the first client gets the
// same bytes and ETag as the next ones.
//
// Visitor counting must wrap the cached handler (stats outside, cache inside) so that hits
// are counted too.
//
// Thread-safety: the returned handler is thread-safe if the inner one is; the cache must
// outlive it.
#pragma once

#include <string>
#include <vector>

#include "cache/page_cache.h"
#include "http/message.h"

namespace congtin::cache {

struct CachedHandlerOptions {
  // Paths equal to one of these, or starting with it when it ends in '/', bypass the cache.
  // /api/v1/stats/ answers change with every visit (the counters), not with content.
  std::vector<std::string> excluded_prefixes = {"/healthz", "/admin",  "/admin/",
                                                "/static/", "/media/", "/api/v1/stats/"};
};

// True when the cache may store res (the status and header rules above).
bool storable(const http::Response& res);

http::Handler cached(PageCache& cache, http::Handler inner, CachedHandlerOptions options = {});

}  // namespace congtin::cache
