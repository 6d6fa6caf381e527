// StatsService: the visitor statistics of one congtin process — counting, the periodic
// flush to the store, and the figures the site shows.
//
// Lifecycle: construct, load() (reads the persisted figures; an error here means the store
// is unusable), start() (the flusher thread: one batch every flush_interval), serve, then
// stop() (or the destructor), which stops the thread and writes the last batch. A crash
// loses at most what was counted since the last flush. A failed flush (database busy) keeps
// the counts in memory and retries with the next batch.
//
// Figures (summary()) are visits — one per visitor per Vietnam day — as persisted at the last
// flush plus what is counted in memory since, so they are exact at any moment; "online" is
// the counter's 5-minute figure. Weeks start on Monday, months on the 1st (Vietnam time).
// "Most read" is the top articles by views over the last most_read_days days (today
// included), refreshed at most once a minute, so it lags by up to a minute plus a flush.
//
// Thread-safety: count()/record() are the hot path (see counter.h: no global lock, no I/O).
// summary(), views_of(), most_read() and flush() share one mutex and may read the store;
// they are for the JSON endpoints, never for the page path. All may be called from any thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/clock.h"
#include "core/periodic.h"
#include "core/result.h"
#include "http/message.h"
#include "stats/article_lookup.h"
#include "stats/counter.h"
#include "stats/repository.h"

namespace congtin::stats {

struct StatsOptions {
  CounterOptions counter;
  std::chrono::seconds flush_interval{5};
  // Peers whose X-Forwarded-For is believed (exact addresses); empty: none (the default).
  std::vector<std::string> trusted_proxies;
  int most_read_count = 5;
  int most_read_days = 7;
};

struct Summary {
  std::int64_t online = 0, today = 0, yesterday = 0, week = 0, month = 0, total = 0;
};

struct MostRead {
  std::string title;
  std::string url;
  std::int64_t views = 0;
};

class StatsService {
 public:
  StatsService(StatsRepository& repo, ArticleLookup& articles, const Clock& clock,
               StatsOptions options = {});
  ~StatsService();  // stop()
  StatsService(const StatsService&) = delete;
  StatsService& operator=(const StatsService&) = delete;

  Status load();
  void start();
  void stop();
  // Writes what is pending now. On an error the counts stay in memory for the next flush.
  Status flush();

  // The hot path: counts the exchange if it is a page view by a person (stats/classify.h).
  void count(const http::Request& req, const http::Response& res);
  // Counts one hit that is already known to be a page view, at the clock's now.
  Outcome record(const Hit& hit);

  Summary summary();
  // All views of the public article at path (persisted plus pending), or nullopt when the
  // path is not a public article.
  std::optional<std::int64_t> views_of(std::string_view path);
  std::vector<MostRead> most_read();

  Counter& counter() { return counter_; }
  const Clock& clock() const { return clock_; }
  const StatsOptions& options() const { return options_; }

 private:
  Status refresh_locked(DayNumber today);  // reloads persisted totals and recent days
  Status refresh_most_read_locked(DayNumber today);
  std::optional<std::int64_t> resolve_locked(const std::string& path);

  StatsRepository& repo_;
  ArticleLookup& articles_;
  const Clock& clock_;
  const StatsOptions options_;
  Counter counter_;

  std::mutex mu_;  // everything below
  DayNumber snapshot_day_ = -1;
  std::int64_t persisted_total_ = 0;
  std::map<DayNumber, std::int64_t> persisted_days_;      // visits, recent days
  std::unordered_map<std::int64_t, std::int64_t> article_views_;  // persisted, lazily loaded
  std::unordered_map<std::string, std::int64_t> path_ids_;        // memo of by_path()
  std::vector<MostRead> most_read_;
  std::int64_t most_read_at_ = -1;
  std::uint64_t dropped_logged_ = 0;

  std::mutex thread_mu_;               // flusher_
  std::unique_ptr<Periodic> flusher_;  // while started
};

}  // namespace congtin::stats
