#include "stats/service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "stats/classify.h"

namespace congtin::stats {
namespace {

constexpr std::size_t kMaxMemo = 50'000;     // path -> id and id -> views entries
constexpr std::int64_t kMostReadEvery = 60;  // seconds

StatsOptions canonical(StatsOptions o) {
  for (std::string& p : o.trusted_proxies)
    if (std::string c = canonical_address(p); !c.empty()) p = std::move(c);
  return o;
}

}  // namespace

StatsService::StatsService(StatsRepository& repo, ArticleLookup& articles, const Clock& clock,
                           StatsOptions options)
    : repo_(repo),
      articles_(articles),
      clock_(clock),
      options_(canonical(std::move(options))),
      counter_(options_.counter) {}

StatsService::~StatsService() { stop(); }

Status StatsService::load() {
  std::lock_guard lock(mu_);
  const DayNumber today = day_of(clock_.now());
  if (auto s = refresh_locked(today); !s) return s;
  return refresh_most_read_locked(today);
}

void StatsService::start() {
  std::lock_guard lock(thread_mu_);
  if (flusher_) return;
  flusher_ = std::make_unique<Periodic>(options_.flush_interval, [this] {
    if (auto s = flush(); !s)
      spdlog::warn("statistics: flush failed, keeping the counts for the next one: {}",
                   s.error().message);
  });
}

void StatsService::stop() {
  std::unique_ptr<Periodic> running;
  {
    std::lock_guard lock(thread_mu_);
    if (!flusher_) return;
    running = std::move(flusher_);
  }
  running.reset();  // joined outside the lock, a flush in progress first
  if (auto s = flush(); !s)
    spdlog::error("statistics: the last flush failed; counts since the previous one are lost: {}",
                  s.error().message);
}

std::optional<std::int64_t> StatsService::resolve_locked(const std::string& path) {
  if (auto it = path_ids_.find(path); it != path_ids_.end()) return it->second;
  auto ref = articles_.by_path(path);
  if (!ref) return std::nullopt;
  if (path_ids_.size() >= kMaxMemo) path_ids_.clear();
  path_ids_.emplace(path, ref->id);
  return ref->id;
}

Status StatsService::flush() {
  std::lock_guard lock(mu_);
  const Seconds now = clock_.now();
  const DayNumber today = day_of(now);
  std::vector<PendingDay> pending = counter_.take();

  if (const auto dropped = counter_.dropped(); dropped != dropped_logged_) {
    spdlog::warn("statistics: {} hits not counted so far (a per-day, per-address or per-visitor "
                 "cap was reached, or a flood was refused)",
                 dropped);
    dropped_logged_ = dropped;
  }

  if (!pending.empty()) {
    Batch batch;
    std::unordered_map<std::int64_t, std::int64_t> article_deltas;
    for (const PendingDay& p : pending) {
      const std::string day = day_text(p.day);
      if (p.visits != 0 || p.views != 0) batch.days.push_back({day, p.visits, p.views});
      for (const auto& [path, views] : p.paths) {
        auto id = resolve_locked(path);
        if (!id) continue;  // no longer public: it still counts in the day's views
        batch.articles.push_back({day, *id, views});
        article_deltas[*id] += views;
      }
      for (const auto& [k, visits] : p.keys)
        batch.keys.push_back({day, k.first, k.second, visits});
    }
    if (Status s = repo_.add(batch); !s) {
      counter_.restore(std::move(pending));
      return s;
    }
    for (const auto& [id, views] : article_deltas)
      if (auto it = article_views_.find(id); it != article_views_.end()) it->second += views;
  }
  Status s = refresh_locked(today);
  // Once a minute; sooner while the list is still empty (a new site's first views).
  if (s && (most_read_at_ < 0 || (most_read_.empty() && !pending.empty()) ||
            now.time_since_epoch().count() - most_read_at_ >= kMostReadEvery))
    s = refresh_most_read_locked(today);
  return s;
}

Status StatsService::refresh_locked(DayNumber today) {
  auto totals = repo_.totals();
  if (!totals) return totals.take_error();
  const DayNumber from = std::min({week_start(today), month_start(today), today - 1});
  auto days = repo_.days(day_text(from), day_text(today));
  if (!days) return days.take_error();
  persisted_total_ = totals->visits;
  persisted_days_.clear();
  for (DayNumber d = from; d <= today; ++d) persisted_days_[d] = 0;
  for (const DayCount& dc : *days) {
    for (auto& [d, v] : persisted_days_)
      if (day_text(d) == dc.day) v = dc.visits;
  }
  snapshot_day_ = today;
  return {};
}

Status StatsService::refresh_most_read_locked(DayNumber today) {
  const int n = std::max(options_.most_read_count, 0);
  // Ask for a few more than shown: some may have been taken down since.
  auto top = repo_.top_articles(day_text(today - (options_.most_read_days - 1)), day_text(today),
                                n + 10);
  if (!top) return top.take_error();
  std::vector<MostRead> out;
  for (const ArticleCount& a : *top) {
    if (static_cast<int>(out.size()) >= n) break;
    if (auto ref = articles_.by_id(a.article_id))
      out.push_back({std::move(ref->title), std::move(ref->url), a.views});
  }
  most_read_ = std::move(out);
  most_read_at_ = clock_.now().time_since_epoch().count();
  return {};
}

void StatsService::count(const http::Request& req, const http::Response& res) {
  if (!is_page_view(req, res)) return;
  const std::string address = client_address(req, options_.trusted_proxies);
  std::string ref;
  if (std::string_view r = req.header("Referer"); !r.empty())
    ref = referrer_host(r, req.header("Host"));
  counter_.record({address, req.header("User-Agent"), req.path, ref}, clock_.now());
}

Outcome StatsService::record(const Hit& hit) { return counter_.record(hit, clock_.now()); }

Summary StatsService::summary() {
  std::lock_guard lock(mu_);
  const Seconds now = clock_.now();
  const DayNumber today = day_of(now);
  if (snapshot_day_ != today) {
    if (auto s = refresh_locked(today); !s)
      spdlog::warn("statistics: cannot read the stored figures: {}", s.error().message);
  }
  auto visits_on = [&](DayNumber d) {
    auto it = persisted_days_.find(d);
    return (it == persisted_days_.end() ? 0 : it->second) + counter_.pending(d).first;
  };
  Summary s;
  s.online = counter_.online(now);
  s.today = visits_on(today);
  s.yesterday = visits_on(today - 1);
  for (DayNumber d = week_start(today); d <= today; ++d) s.week += visits_on(d);
  for (DayNumber d = month_start(today); d <= today; ++d) s.month += visits_on(d);
  s.total = persisted_total_ + counter_.pending_total_visits();
  return s;
}

std::optional<std::int64_t> StatsService::views_of(std::string_view path) {
  std::lock_guard lock(mu_);
  const std::string p(path);
  auto id = resolve_locked(p);
  if (!id) return std::nullopt;
  auto it = article_views_.find(*id);
  if (it == article_views_.end()) {
    auto stored = repo_.article_views(*id);
    if (!stored) return std::nullopt;
    if (article_views_.size() >= kMaxMemo) article_views_.clear();
    it = article_views_.emplace(*id, *stored).first;
  }
  return it->second + counter_.pending_path_views(path);
}

std::vector<MostRead> StatsService::most_read() {
  std::lock_guard lock(mu_);
  return most_read_;
}

}  // namespace congtin::stats
