#include "stats/counter.h"

#include <gtest/gtest.h>

#include <random>
#include <thread>
#include <vector>

#include "stats_support.h"

namespace congtin::stats {
namespace {

using testing::browser_ua;
using testing::vn_time;

const Seconds kNoon = vn_time(2017, 6, 30, 12, 0);

Hit hit(const std::string& address, const std::string& ua, std::string_view path = "/") {
  return Hit{address, ua, path, {}};
}

std::int64_t visits(const Counter& c, Seconds t) { return c.pending(day_of(t)).first; }
std::int64_t views(const Counter& c, Seconds t) { return c.pending(day_of(t)).second; }

TEST(Counter, DistinctUserAgentsAreDistinctVisitors) {
  const int n = 1000;
  // 20 visitors per address (an office behind one NAT), each with its own browser.
  Counter d;
  for (int i = 0; i < n; ++i)
    EXPECT_EQ(d.record(hit("10.0." + std::to_string(i / 20) + ".1", browser_ua(i)), kNoon),
              Outcome::kNewVisit);
  EXPECT_EQ(visits(d, kNoon), n);
  EXPECT_EQ(views(d, kNoon), n);
  EXPECT_EQ(d.dropped(), 0u);
}

TEST(Counter, SameVisitorTwiceInADayIsOneVisitTwoViews) {
  Counter c;
  EXPECT_EQ(c.record(hit("203.0.113.7", browser_ua(1), "/tin-tuc/a"), kNoon), Outcome::kNewVisit);
  EXPECT_EQ(c.record(hit("203.0.113.7", browser_ua(1), "/tin-tuc/a"), kNoon + std::chrono::hours(3)),
            Outcome::kRepeatView);
  EXPECT_EQ(visits(c, kNoon), 1);
  EXPECT_EQ(views(c, kNoon), 2);
  EXPECT_EQ(c.pending_path_views("/tin-tuc/a"), 2);
  // Another address with the same browser is another visitor.
  EXPECT_EQ(c.record(hit("203.0.113.8", browser_ua(1)), kNoon), Outcome::kNewVisit);
}

TEST(Counter, MidnightInVietnamStartsANewDay) {
  Counter c;
  const Seconds late = vn_time(2017, 6, 30, 23, 58);
  const Seconds early = vn_time(2017, 7, 1, 0, 2);  // 17:02 UTC: still 30/06 in UTC
  c.record(hit("203.0.113.7", browser_ua(1)), late);
  c.record(hit("203.0.113.7", browser_ua(1)), early);
  EXPECT_EQ(visits(c, late), 1);
  EXPECT_EQ(visits(c, early), 1);  // the same person is a new visit on the new day
  auto days = c.take();
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(day_text(days[0].day), "2017-06-30");
  EXPECT_EQ(day_text(days[1].day), "2017-07-01");
  // The day after tomorrow reuses the first slot; what it held is kept for take().
  c.record(hit("203.0.113.7", browser_ua(1)), late);  // known on 30/06: a view only
  c.record(hit("1.1.1.1", browser_ua(2)), vn_time(2017, 7, 2, 9, 0));
  days = c.take();
  ASSERT_EQ(days.size(), 2u);
  EXPECT_EQ(days[0].visits, 0);  // 30/06's visitor was already known that day
  EXPECT_EQ(days[0].views, 1);
  EXPECT_EQ(day_text(days[1].day), "2017-07-02");
  EXPECT_EQ(days[1].visits, 1);
  // A hit stamped two days back is refused, not misfiled.
  EXPECT_EQ(c.record(hit("9.9.9.9", browser_ua(3)), late), Outcome::kNotCounted);
}

TEST(Counter, EightThreadsTenThousandHitsEachGiveTheExactTotal) {
  Counter c;
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&c, t] {
      for (int i = 0; i < 10'000; ++i) {
        // 100 visitors per thread, 100 hits each; take() runs concurrently on thread 0.
        const std::string addr = "10." + std::to_string(t) + "." + std::to_string(i % 100) + ".1";
        c.record(Hit{addr, "Mozilla/5.0 (X11; Linux x86_64) Firefox/121.0", "/tin-tuc/a", {}},
                 kNoon);
      }
    });
  }
  std::int64_t taken_views = 0, taken_visits = 0, taken_path = 0;
  for (int k = 0; k < 20; ++k) {
    for (auto& d : c.take()) {
      taken_views += d.views;
      taken_visits += d.visits;
      taken_path += d.paths["/tin-tuc/a"];
    }
  }
  for (auto& th : threads) th.join();
  for (auto& d : c.take()) {
    taken_views += d.views;
    taken_visits += d.visits;
    taken_path += d.paths["/tin-tuc/a"];
  }
  EXPECT_EQ(taken_views, 80'000);
  EXPECT_EQ(taken_visits, 800);
  EXPECT_EQ(taken_path, 80'000);
  EXPECT_EQ(c.dropped(), 0u);
}

TEST(Counter, FloodFromOneAddressIsBounded) {
  CounterOptions o;
  o.max_visitors_per_address = 64;
  o.max_views_per_visitor = 1000;
  Counter c(o);
  // The same client hammering one page: one visit, at most 1000 views.
  for (int i = 0; i < 5000; ++i) c.record(hit("198.51.100.1", browser_ua(1), "/tin-tuc/a"), kNoon);
  EXPECT_EQ(visits(c, kNoon), 1);
  EXPECT_EQ(views(c, kNoon), 1000);
  // The same address inventing user agents: at most 64 visitors.
  std::mt19937 rng(42);
  for (int i = 0; i < 5000; ++i)
    c.record(hit("198.51.100.2", "Mozilla/5.0 " + std::to_string(rng())), kNoon);
  EXPECT_EQ(visits(c, kNoon), 1 + 64);
  EXPECT_GT(c.dropped(), 0u);
  // Other people are still counted.
  EXPECT_EQ(c.record(hit("198.51.100.3", browser_ua(1)), kNoon), Outcome::kNewVisit);
}

TEST(Counter, PastTheDailyCapNewVisitorsAreNotCountedKnownOnesAre) {
  CounterOptions o;
  o.max_visitors_per_day = 64 * 4;  // 4 per shard
  o.max_visitors_per_address = 1'000'000;
  Counter c(o);
  for (int i = 0; i < 5000; ++i) c.record(hit("10.1.1.1", browser_ua(i)), kNoon);
  const std::int64_t v = visits(c, kNoon);
  EXPECT_LE(v, 64 * 4);
  EXPECT_GE(v, 64);  // keys spread over the shards
  EXPECT_EQ(c.dropped(), static_cast<std::uint64_t>(5000 - v));
  // A visitor who got in keeps counting views.
  const std::int64_t before = views(c, kNoon);
  c.record(hit("10.1.1.1", browser_ua(0)), kNoon);
  EXPECT_EQ(views(c, kNoon), before + 1);
}

TEST(Counter, AbsurdInputIsHashedWithinBounds) {
  Counter c;
  const std::string huge(1 << 20, 'x');
  EXPECT_EQ(c.record(hit(huge, huge), kNoon), Outcome::kNewVisit);
  EXPECT_EQ(c.record(hit(huge, huge), kNoon), Outcome::kRepeatView);
  EXPECT_EQ(c.record(hit("", ""), kNoon), Outcome::kNewVisit);
}

TEST(Counter, OnlineIsDistinctVisitorsInTheLastFiveMinutes) {
  Counter c;
  c.record(hit("1.1.1.1", browser_ua(1)), kNoon - std::chrono::minutes(10));
  c.record(hit("1.1.1.2", browser_ua(1)), kNoon - std::chrono::minutes(4));
  c.record(hit("1.1.1.3", browser_ua(1)), kNoon);
  c.record(hit("1.1.1.3", browser_ua(1)), kNoon);
  EXPECT_EQ(c.online(kNoon), 2);
  // Cached for a few seconds, then recomputed: the 11:56 visitor has left by 12:02.
  EXPECT_EQ(c.online(kNoon + std::chrono::minutes(2)), 1);
  // Yesterday's visitors still count just after midnight.
  Counter m;
  m.record(hit("1.1.1.1", browser_ua(1)), vn_time(2017, 6, 30, 23, 59));
  m.record(hit("1.1.1.2", browser_ua(1)), vn_time(2017, 7, 1, 0, 1));
  EXPECT_EQ(m.online(vn_time(2017, 7, 1, 0, 2)), 2);
}

TEST(Counter, RestoreGivesBackWhatAFailedWriteTook) {
  Counter c;
  c.record(hit("1.1.1.1", browser_ua(1), "/tin-tuc/a"), kNoon);
  auto taken = c.take();
  EXPECT_EQ(visits(c, kNoon), 0);
  c.record(hit("1.1.1.2", browser_ua(1), "/tin-tuc/a"), kNoon);
  c.restore(std::move(taken));
  EXPECT_EQ(visits(c, kNoon), 2);
  EXPECT_EQ(c.pending_path_views("/tin-tuc/a"), 2);
  auto again = c.take();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].visits, 2);
  EXPECT_EQ(again[0].paths["/tin-tuc/a"], 2);
  EXPECT_EQ((again[0].keys[{"browser", "Chrome"}]), 2);
  EXPECT_EQ((again[0].keys[{"device", "Máy tính"}]), 2);
}

}  // namespace
}  // namespace congtin::stats
