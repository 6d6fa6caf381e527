// Counter: visits, page views and online visitors, counted in memory.
//
// A visitor is recognised by a keyed hash (SipHash-2-4, libsodium's crypto_shorthash) of the
// client address and user agent. The key is the day's secret salt: 16 random bytes made when
// the day starts, held only in this object's memory, wiped when the day's slot is reused, and
// never written anywhere — so the hashes cannot be linked across days or back to an address
// once the day is over, and nothing that identifies a person reaches the store. The first
// hit of a visitor in a (Vietnam) day is a visit; every counted hit is a page view.
//
// Bounds, and what happens past them (all per day):
//   - max_visitors_per_day distinct visitors (16 bytes each): a new visitor past the cap is
//     not counted at all (visit or view); known visitors keep counting. dropped() says how
//     many hits were refused, and the service logs it.
//   - max_visitors_per_address distinct visitors from one address: a flood from one address
//     with ever-changing user agents is counted up to this many visitors, then not at all.
//   - max_views_per_visitor page views per visitor: a flood of one page by one visitor adds
//     at most this many views.
//   - max_paths distinct article paths waiting for a flush, and max_keys breakdown keys
//     (referrer hosts, browsers, devices): past them a hit still counts in the day's totals
//     but not under its path or key (referrers past the cap go under "(khác)").
// "Online" is the number of distinct visitors whose last counted hit is within
// online_window (5 minutes) of now; it scans the tables, so it is cached for 5 seconds.
// Around midnight the previous day's visitors still count as online for the window; since
// the salt changed, one person seen on both sides of midnight counts twice for that time.
//
// Days: two slots (today and yesterday by parity of the day number). A hit for a new day
// resets the slot that held the day before yesterday, after moving its uncollected counts
// aside for the next take(); that is the only time record() takes a process-wide lock.
//
// Thread-safety: every method may be called from any thread. record() takes one shard lock
// of the visitor table (and one of the address table for a new visitor, one path shard for
// an article); counts are striped atomics, so no global lock is taken per hit.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "stats/calendar.h"
#include "stats/sharded_table.h"

namespace congtin::stats {

struct CounterOptions {
  std::size_t max_visitors_per_day = 500'000;
  std::uint32_t max_visitors_per_address = 64;
  std::uint32_t max_views_per_visitor = 1000;
  std::size_t max_paths = 20'000;
  std::size_t max_keys = 2'000;
  std::chrono::seconds online_window{300};
  // Only paths starting with this are counted per item (the article pages).
  std::string item_prefix = "/tin-tuc/";
};

// One page view, already judged to be by a person (stats/classify.h).
struct Hit {
  std::string_view address;
  std::string_view user_agent;
  std::string_view path;
  std::string_view referrer_host;  // empty: none or internal
};

enum class Outcome { kNewVisit, kRepeatView, kNotCounted };

// What was counted for one day and not yet written.
struct PendingDay {
  DayNumber day = 0;
  std::int64_t visits = 0;
  std::int64_t views = 0;
  std::unordered_map<std::string, std::int64_t> paths;                 // item path -> views
  std::map<std::pair<std::string, std::string>, std::int64_t> keys;  // (kind, key) -> visits

  bool empty() const { return visits == 0 && views == 0 && paths.empty() && keys.empty(); }
};

class Counter {
 public:
  explicit Counter(CounterOptions options = {});
  ~Counter();
  Counter(const Counter&) = delete;
  Counter& operator=(const Counter&) = delete;

  Outcome record(const Hit& hit, Seconds now);

  // Everything counted since the last take(), per day (oldest first; empty days left out).
  std::vector<PendingDay> take();
  // Puts back what take() returned when it could not be written, to go with the next take().
  void restore(std::vector<PendingDay> days);

  // Counted for day d and not yet taken.
  std::pair<std::int64_t, std::int64_t> pending(DayNumber d) const;  // visits, views
  std::int64_t pending_total_visits() const;
  // Views of one item path not yet taken, all days.
  std::int64_t pending_path_views(std::string_view path) const;

  // Distinct visitors seen in the last online_window (cached for 5 s).
  std::int64_t online(Seconds now);

  // Hits refused because a cap was reached, since start.
  std::uint64_t dropped() const { return dropped_.load(std::memory_order_relaxed); }
  const CounterOptions& options() const { return options_; }

 private:
  struct Slot;
  Slot* slot_for(DayNumber d);
  void move_pending(Slot& s, std::vector<PendingDay>& out);  // needs roll_mu_

  const CounterOptions options_;
  std::array<std::unique_ptr<Slot>, 2> slots_;
  mutable std::mutex roll_mu_;        // day rollover, take(), restore(), pending()
  std::vector<PendingDay> leftover_;  // guarded by roll_mu_
  std::atomic<std::uint64_t> dropped_{0};
  std::mutex online_mu_;
  std::atomic<std::int64_t> online_value_{0};
  std::atomic<std::int64_t> online_at_{-1};
};

}  // namespace congtin::stats
