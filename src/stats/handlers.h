// The HTTP side of the statistics: the counting decorator and the JSON endpoints.
//
// counted(service, inner) returns a Handler that calls inner and then lets the service count
// the exchange (stats/classify.h decides what is a page view). It must wrap the page cache
// (stats outside, cache inside) so that pages served from the cache are counted too; it adds
// no I/O and no global lock to a request (see counter.h).
//
// add_routes() registers
//   GET /api/v1/stats/summary  {"online","today","yesterday","week","month","total"} (integers)
//   GET /api/v1/stats/block?path=/tin-tuc/<slug>
//        {"summary":{...as above...}, "views": N | null, "most_read":[{"title","url","views"}]}
//        — what the THỐNG KÊ TRUY CẬP block, "Lượt xem" and "Tin đọc nhiều" show; the page's
//        script (themes/default/static/js/stats.js) fetches it, so the figures stay fresh even
//        when the page itself came from the page cache.
// Both answer "Cache-Control: private, max-age=5": browsers may reuse them for 5 seconds,
// shared caches (and the page cache) do not store them.
//
// Thread-safety: the handlers are thread-safe; the service must outlive them.
#pragma once

#include "http/message.h"
#include "http/router.h"
#include "stats/service.h"

namespace congtin::stats {

http::Handler counted(StatsService& service, http::Handler inner);

void add_routes(http::Router& router, StatsService& service);

// The JSON of summary(), as the summary endpoint answers it.
std::string summary_json(const Summary& s);

}  // namespace congtin::stats
