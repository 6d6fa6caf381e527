#include "stats/report.h"

#include <unordered_map>

#include <nlohmann/json.hpp>

namespace congtin::stats {
namespace {

std::string csv_field(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void csv_keys(std::string& out, std::string_view title, const std::vector<KeyCount>& keys) {
  out += "\r\n";
  out += csv_field(title);
  out += ",Lượt truy cập\r\n";
  for (const KeyCount& k : keys) out += csv_field(k.key) + "," + std::to_string(k.visits) + "\r\n";
}

nlohmann::json keys_json(const std::vector<KeyCount>& keys) {
  nlohmann::json a = nlohmann::json::array();
  for (const KeyCount& k : keys) a.push_back({{"key", k.key}, {"visits", k.visits}});
  return a;
}

}  // namespace

Result<Report> build_report(StatsRepository& repo, ArticleLookup& articles, DayNumber to,
                            int days, int top_n) {
  if (days < 1 || days > kMaxReportDays)
    return Error::invalid("report range must be 1 to " + std::to_string(kMaxReportDays) +
                          " days, got " + std::to_string(days));
  Report r;
  const DayNumber from = to - days + 1;
  r.from = day_text(from);
  r.to = day_text(to);
  auto stored = repo.days(r.from, r.to);
  if (!stored) return stored.take_error();
  std::unordered_map<std::string, const DayCount*> by_day;
  for (const DayCount& d : *stored) by_day[d.day] = &d;
  for (DayNumber d = from; d <= to; ++d) {
    DayCount dc{day_text(d), 0, 0};
    if (auto it = by_day.find(dc.day); it != by_day.end()) dc = *it->second;
    r.visits += dc.visits;
    r.views += dc.views;
    r.days.push_back(std::move(dc));
  }
  auto top = repo.top_articles(r.from, r.to, top_n);
  if (!top) return top.take_error();
  for (const ArticleCount& a : *top) {
    TopArticle t{a.article_id, "", "", a.views};
    if (auto ref = articles.by_id(a.article_id)) {
      t.title = std::move(ref->title);
      t.url = std::move(ref->url);
    }
    r.top_articles.push_back(std::move(t));
  }
  for (auto [kind, out] : {std::pair{kReferrer, &r.referrers}, std::pair{kBrowser, &r.browsers},
                           std::pair{kDevice, &r.devices}}) {
    auto keys = repo.top_keys(kind, r.from, r.to, top_n);
    if (!keys) return keys.take_error();
    *out = std::move(*keys);
  }
  return r;
}

std::string report_csv(const Report& r) {
  std::string out = "\xEF\xBB\xBF";  // UTF-8 BOM, for Excel
  out += "Ngày,Lượt truy cập,Lượt xem\r\n";
  for (const DayCount& d : r.days)
    out += d.day + "," + std::to_string(d.visits) + "," + std::to_string(d.views) + "\r\n";
  out += "Tổng," + std::to_string(r.visits) + "," + std::to_string(r.views) + "\r\n";
  out += "\r\nMã tin,Tiêu đề,Địa chỉ,Lượt xem\r\n";
  for (const TopArticle& a : r.top_articles)
    out += std::to_string(a.id) + "," + csv_field(a.title) + "," + csv_field(a.url) + "," +
           std::to_string(a.views) + "\r\n";
  csv_keys(out, "Nguồn truy cập", r.referrers);
  csv_keys(out, "Trình duyệt", r.browsers);
  csv_keys(out, "Thiết bị", r.devices);
  return out;
}

std::string report_json(const Report& r) {
  nlohmann::json j;
  j["from"] = r.from;
  j["to"] = r.to;
  j["visits"] = r.visits;
  j["views"] = r.views;
  j["days"] = nlohmann::json::array();
  for (const DayCount& d : r.days)
    j["days"].push_back({{"day", d.day}, {"visits", d.visits}, {"views", d.views}});
  j["top_articles"] = nlohmann::json::array();
  for (const TopArticle& a : r.top_articles)
    j["top_articles"].push_back(
        {{"id", a.id}, {"title", a.title}, {"url", a.url}, {"views", a.views}});
  j["referrers"] = keys_json(r.referrers);
  j["browsers"] = keys_json(r.browsers);
  j["devices"] = keys_json(r.devices);
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace congtin::stats
