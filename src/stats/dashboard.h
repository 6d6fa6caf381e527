// The statistics dashboard of the back office: what the agency's IT officer and the head of
// the editorial board read and report upward.
//
// Routes (guarded, admin/guard.h; quản trị and trưởng ban biên tập only, others get the 403
// page; every answer uncacheable):
//   GET /admin/thong-ke?ky=30|90|365    the page: the block's six figures, the period's
//        visits and page views, a chart per day (stats/svg_chart.h) with the same figures as a
//        table, top articles, top referrers (host only), browsers and devices with shares
//   GET /admin/thong-ke/xuat.csv?ky=..  report_csv() as an attachment (UTF-8 with BOM)
//   GET /admin/thong-ke/xuat.json?ky=.. report_json() as an attachment
// Periods are Vietnam days ending today (today included); a missing or unknown ?ky= means 30.
// Each request first flushes what the service counted in memory, so the page and the exports
// agree with the summary at that moment; a failed flush is logged and the stored figures are
// shown. A failed read of the store gives the back office's error page (503 when busy).
//
// This module sits above admin/ (it uses the guard's public extension point) and stats/
// (the service and the report); neither of those knows it. Thread-safe: the routes share
// only the thread-safe repository, lookup and service, which live as long as the router.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "admin/guard.h"
#include "http/router.h"
#include "stats/article_lookup.h"
#include "stats/repository.h"
#include "stats/service.h"

namespace congtin::stats {

inline constexpr std::string_view kDashboardPath = "/admin/thong-ke";
inline constexpr int kDashboardPeriods[] = {30, 90, 365};
inline constexpr int kDashboardTopN = 10;

// The period for ?ky=: 30, 90 or 365; anything else (absent, "7", "abc", "30x") is 30.
int dashboard_period(std::optional<std::string_view> ky);

struct DashboardSources {
  StatsService& service;                    // the running counters (summary, flush)
  std::shared_ptr<StatsRepository> repo;    // the persisted days the report reads
  std::shared_ptr<ArticleLookup> articles;  // titles and addresses of top articles
};

// Registers the routes above. deps comes from admin::BackOffice::deps().
void add_dashboard_routes(http::Router& router, std::shared_ptr<const admin::BackOfficeDeps> deps,
                          DashboardSources sources);

}  // namespace congtin::stats
