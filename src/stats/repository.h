// StatsRepository: where the visitor counters are kept between restarts.
//
// The counting itself happens in memory (stats/counter.h); every few seconds the service hands
// the repository one Batch of increments, written in one transaction. Rows are daily
// aggregates only: no address, user agent, visitor hash or salt is ever stored here.
//
// Days are Vietnam (Asia/Ho_Chi_Minh) calendar days written "YYYY-MM-DD"; ranges are
// inclusive on both ends and compare as text, which orders like the calendar.
//
// Thread-safety: implementations are thread-safe (the flusher writes while the dashboard
// reads). Failures are values: kUnavailable when the database stays busy, kIo/kCorruption
// for the disk, as in store/sqlite/db.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.h"

namespace congtin::stats {

// Kinds of breakdown kept per day (counted once per visit).
inline constexpr std::string_view kBrowser = "browser";
inline constexpr std::string_view kDevice = "device";
inline constexpr std::string_view kReferrer = "referrer";

struct DayCount {
  std::string day;  // "2017-06-30"
  std::int64_t visits = 0;
  std::int64_t views = 0;
};

struct ArticleCount {
  std::int64_t article_id = 0;
  std::int64_t views = 0;
};

struct KeyCount {
  std::string key;  // "Chrome", "mobile", "baochinhphu.vn"
  std::int64_t visits = 0;
};

// Increments to add, as they were counted in memory since the last batch.
struct Batch {
  struct ArticleDelta {
    std::string day;
    std::int64_t article_id = 0;
    std::int64_t views = 0;
  };
  struct KeyDelta {
    std::string day;
    std::string kind;  // kBrowser, kDevice, kReferrer
    std::string key;
    std::int64_t visits = 0;
  };
  std::vector<DayCount> days;  // visits and views to add per day
  std::vector<ArticleDelta> articles;
  std::vector<KeyDelta> keys;

  bool empty() const { return days.empty() && articles.empty() && keys.empty(); }
};

struct Totals {
  std::int64_t visits = 0;
  std::int64_t views = 0;
};

class StatsRepository {
 public:
  virtual ~StatsRepository() = default;

  // Adds every increment of the batch in one transaction: all or nothing. On an error
  // nothing was written and the caller may retry the same batch.
  virtual Status add(const Batch& batch) = 0;

  // Per-day figures for the days in [from, to] that have any; days without rows are absent.
  virtual Result<std::vector<DayCount>> days(std::string_view from, std::string_view to) = 0;
  // Everything ever counted.
  virtual Result<Totals> totals() = 0;
  // The most viewed articles over [from, to], most views first (then lower id), at most limit.
  virtual Result<std::vector<ArticleCount>> top_articles(std::string_view from,
                                                         std::string_view to, int limit) = 0;
  // All views of one article (0 when it has none).
  virtual Result<std::int64_t> article_views(std::int64_t article_id) = 0;
  // The largest keys of one kind over [from, to], most visits first (then key), at most limit.
  virtual Result<std::vector<KeyCount>> top_keys(std::string_view kind, std::string_view from,
                                                 std::string_view to, int limit) = 0;
};

}  // namespace congtin::stats
