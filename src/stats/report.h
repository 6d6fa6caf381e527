// Report: the figures the back-office dashboard shows and the agency reports upward — visits
// and page views per day, top articles, referrers, browsers and devices over a range of
// Vietnam days — and their CSV and JSON exports.
//
// build_report() reads the store (a handful of indexed queries); days without any visit are
// included with zeros, so a chart's x axis and a spreadsheet's rows are continuous. Ranges
// longer than kMaxReportDays are refused (kInvalidArgument), which bounds the work.
// CSV follows RFC 4180 (CRLF, fields with a comma, quote or line break are quoted), starts
// with a UTF-8 byte-order mark so that Excel reads the Vietnamese headers right, and puts a
// section header line before each table. Pure functions apart from the store reads.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "stats/article_lookup.h"
#include "stats/calendar.h"
#include "stats/repository.h"

namespace congtin::stats {

inline constexpr int kMaxReportDays = 3660;

struct TopArticle {
  std::int64_t id = 0;
  std::string title;  // empty when the article is no longer public
  std::string url;
  std::int64_t views = 0;
};

struct Report {
  std::string from, to;  // "YYYY-MM-DD"
  std::vector<DayCount> days;
  std::int64_t visits = 0, views = 0;  // over the range
  std::vector<TopArticle> top_articles;
  std::vector<KeyCount> referrers, browsers, devices;
};

// The report for [to - days + 1, to]; days is 1..kMaxReportDays (30, 90 and 365 on the
// dashboard). top_n bounds each top list.
Result<Report> build_report(StatsRepository& repo, ArticleLookup& articles, DayNumber to,
                            int days, int top_n = 20);

std::string report_csv(const Report& r);
std::string report_json(const Report& r);

}  // namespace congtin::stats
