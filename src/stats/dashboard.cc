#include "stats/dashboard.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "stats/calendar.h"
#include "stats/report.h"
#include "stats/svg_chart.h"

namespace congtin::stats {
namespace {

using admin::AdminRequest;
using Sources = std::shared_ptr<const DashboardSources>;

constexpr admin::RoleSet kReaders = {content::Role::kChiefEditor, content::Role::kAdmin};

// Per mille of part in whole, as "42,5 %" (Vietnamese decimal comma) and "42.5" (an SVG width).
std::pair<std::string, std::string> share(std::int64_t part, std::int64_t whole) {
  const std::int64_t pm = whole > 0 ? (part * 1000 + whole / 2) / whole : 0;
  const std::string units = std::to_string(pm / 10), tenth = std::to_string(pm % 10);
  return {units + "," + tenth + " %", units + "." + tenth};
}

nlohmann::json keys_context(const std::vector<KeyCount>& keys) {
  std::int64_t whole = 0;
  for (const KeyCount& k : keys) whole += k.visits;
  nlohmann::json out = nlohmann::json::array();
  for (const KeyCount& k : keys) {
    auto [text, width] = share(k.visits, whole);
    out.push_back({{"key", k.key},
                   {"visits", group_digits(k.visits)},
                   {"share", text},
                   {"bar_width", width}});
  }
  return out;
}

nlohmann::json summary_context(const Summary& s) {
  const std::pair<std::string_view, std::int64_t> figures[] = {
      {"Đang truy cập", s.online}, {"Hôm nay", s.today},   {"Hôm qua", s.yesterday},
      {"Tuần này", s.week},        {"Tháng này", s.month}, {"Tổng lượt truy cập", s.total}};
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [label, value] : figures)
    out.push_back({{"label", label}, {"value", group_digits(value)}});
  return out;
}

// The wide drawing and the phone one (stats.css shows one of them).
std::string chart(const Report& r, const std::string& from, const std::string& to) {
  const std::string title = "Lượt truy cập và lượt xem mỗi ngày, " + from + " – " + to;
  return daily_chart_svg(r.days, {"bieu-do-ngay", title}, kWideChart) +
         daily_chart_svg(r.days, {"bieu-do-ngay-hep", title}, kNarrowChart);
}

nlohmann::json page_context(const Report& r, const Summary& s, int period) {
  nlohmann::json periods = nlohmann::json::array();
  for (int p : kDashboardPeriods)
    periods.push_back({{"days", p},
                       {"label", std::to_string(p) + " ngày"},
                       {"href", std::string(kDashboardPath) + "?ky=" + std::to_string(p)},
                       {"current", p == period}});
  nlohmann::json days = nlohmann::json::array();
  for (const DayCount& d : r.days)
    days.push_back({{"date", day_month_year(d.day)},
                    {"visits", group_digits(d.visits)},
                    {"views", group_digits(d.views)}});
  nlohmann::json top = nlohmann::json::array();
  int rank = 0;
  for (const TopArticle& a : r.top_articles) {
    nlohmann::json item = {{"rank", ++rank}, {"views", group_digits(a.views)}};
    if (a.title.empty()) {
      item["title"] = "Tin mã " + std::to_string(a.id) + " (không còn công khai)";
    } else {
      item["title"] = a.title;
      item["url"] = a.url;
    }
    top.push_back(std::move(item));
  }
  const std::string ky = "?ky=" + std::to_string(period);
  const std::string from = day_month_year(r.from), to = day_month_year(r.to);
  return {{"title", "Thống kê truy cập"},
          {"periods", std::move(periods)},
          {"period", period},
          {"from", from},
          {"to", to},
          {"summary", summary_context(s)},
          {"period_visits", group_digits(r.visits)},
          {"period_views", group_digits(r.views)},
          {"chart_svg", chart(r, from, to)},
          {"days", std::move(days)},
          {"top_articles", std::move(top)},
          {"referrers", keys_context(r.referrers)},
          {"browsers", keys_context(r.browsers)},
          {"devices", keys_context(r.devices)},
          {"has_top_articles", !r.top_articles.empty()},
          {"has_referrers", !r.referrers.empty()},
          {"has_browsers", !r.browsers.empty()},
          {"has_devices", !r.devices.empty()},
          {"csv_href", std::string(kDashboardPath) + "/xuat.csv" + ky},
          {"json_href", std::string(kDashboardPath) + "/xuat.json" + ky}};
}

// The report for the request's period, after writing what is still in memory.
Result<Report> report_for(const DashboardSources& src, int period) {
  if (Status s = src.service.flush(); !s)
    spdlog::warn("statistics dashboard: flush failed, showing the stored figures: {}",
                 s.error().message);
  const DayNumber today = day_of(src.service.clock().now());
  return build_report(*src.repo, *src.articles, today, period, kDashboardTopN);
}

http::Response failure(const AdminRequest& r, const Error& e) {
  const bool busy = e.kind == ErrorKind::kUnavailable;
  spdlog::error("admin: GET {}: statistics report: {} error: {}", r.http.path,
                error_kind_name(e.kind), e.message);
  http::Response res =
      r.page("error", {{"title", "Lỗi hệ thống"}, {"busy", busy}}, busy ? 503 : 500);
  if (busy) res.header("Retry-After", "30");
  return res;
}

http::Response export_answer(const Report& r, std::string body, std::string_view ext,
                             std::string content_type) {
  http::Response res;
  res.content_type = std::move(content_type);
  res.body = std::move(body);
  res.header("Content-Disposition", "attachment; filename=\"thong-ke-truy-cap-" + r.from + "-den-" +
                                        r.to + "." + std::string(ext) + "\"");
  return res;
}

}  // namespace

int dashboard_period(std::optional<std::string_view> ky) {
  if (ky)
    for (int p : kDashboardPeriods)
      if (*ky == std::to_string(p)) return p;
  return kDashboardPeriods[0];
}

void add_dashboard_routes(http::Router& router, std::shared_ptr<const admin::BackOfficeDeps> deps,
                          DashboardSources sources) {
  auto src = std::make_shared<const DashboardSources>(std::move(sources));
  router.get(kDashboardPath, admin::guarded(deps, kReaders, [src](const AdminRequest& r) {
               const int period = dashboard_period(r.http.query_param("ky"));
               auto report = report_for(*src, period);
               if (!report) return failure(r, report.error());
               return r.page("stats", page_context(*report, src->service.summary(), period));
             }));
  router.get(std::string(kDashboardPath) + "/xuat.csv",
             admin::guarded(deps, kReaders, [src](const AdminRequest& r) {
               auto report = report_for(*src, dashboard_period(r.http.query_param("ky")));
               if (!report) return failure(r, report.error());
               return export_answer(*report, report_csv(*report), "csv", "text/csv; charset=utf-8");
             }));
  router.get(std::string(kDashboardPath) + "/xuat.json",
             admin::guarded(deps, kReaders, [src](const AdminRequest& r) {
               auto report = report_for(*src, dashboard_period(r.http.query_param("ky")));
               if (!report) return failure(r, report.error());
               return export_answer(*report, report_json(*report), "json",
                                    "application/json; charset=utf-8");
             }));
}

}  // namespace congtin::stats
