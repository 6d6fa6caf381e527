#include "stats/calendar.h"

#include <chrono>

#include <fmt/format.h>

#include "text/date.h"

namespace congtin::stats {

using std::chrono::days;
using std::chrono::sys_days;

namespace {
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
}  // namespace

DayNumber day_of(Seconds t) {
  const std::int64_t local = (t + text::kVietnamOffset).time_since_epoch().count();
  return floor_div(local, 86400);
}

std::int64_t second_of_day(Seconds t) {
  const std::int64_t local = (t + text::kVietnamOffset).time_since_epoch().count();
  return local - floor_div(local, 86400) * 86400;
}

std::string day_text(DayNumber d) {
  const std::chrono::year_month_day ymd{sys_days{days{d}}};
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

DayNumber week_start(DayNumber d) {
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
  const std::int64_t monday_based = floor_div(d + 3, 7) * 7 - 3;
  return monday_based;
}

DayNumber month_start(DayNumber d) {
  const std::chrono::year_month_day ymd{sys_days{days{d}}};
  const sys_days first{ymd.year() / ymd.month() / 1};
  return first.time_since_epoch().count();
}

}  // namespace congtin::stats
