#include "stats/calendar.h"

#include <gtest/gtest.h>

#include "stats_support.h"

namespace congtin::stats {
namespace {

using testing::vn_time;

TEST(Calendar, DayFollowsVietnamTimeNotUtc) {
  // 23:59:59 and 00:00:00 Vietnam time are on different days, though both are 16:59/17:00 UTC.
  const Seconds before = vn_time(2017, 6, 30, 23, 59, 59);
  const Seconds after = vn_time(2017, 7, 1, 0, 0, 0);
  EXPECT_EQ(day_of(after), day_of(before) + 1);
  EXPECT_EQ(day_text(day_of(before)), "2017-06-30");
  EXPECT_EQ(day_text(day_of(after)), "2017-07-01");
  // 06:59 Vietnam is still the previous UTC day but the same Vietnam day as 23:00.
  EXPECT_EQ(day_text(day_of(vn_time(2017, 7, 1, 6, 59))), "2017-07-01");
  EXPECT_EQ(second_of_day(vn_time(2017, 7, 1, 0, 1, 5)), 65);
}

TEST(Calendar, WeeksStartOnMondayMonthsOnTheFirst) {
  struct Case {
    int y;
    unsigned m, d;
    const char* monday;
    const char* first;
  };
  const Case cases[] = {
      {2017, 6, 30, "2017-06-26", "2017-06-01"},  // Friday
      {2017, 6, 26, "2017-06-26", "2017-06-01"},  // Monday itself
      {2017, 7, 2, "2017-06-26", "2017-07-01"},   // Sunday: week began in the previous month
      {2024, 3, 1, "2024-02-26", "2024-03-01"},   // leap year
      {1970, 1, 1, "1969-12-29", "1970-01-01"},   // day 0 was a Thursday
  };
  for (const Case& c : cases) {
    const DayNumber d = day_of(vn_time(c.y, c.m, c.d, 12, 0));
    EXPECT_EQ(day_text(week_start(d)), c.monday) << day_text(d);
    EXPECT_EQ(day_text(month_start(d)), c.first) << day_text(d);
  }
}

}  // namespace
}  // namespace congtin::stats
