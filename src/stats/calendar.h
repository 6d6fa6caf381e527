// Calendar arithmetic for the counters, in Asia/Ho_Chi_Minh time (UTC+07:00, no DST; see
// text/date.h). A "day number" counts Vietnam calendar days since 1970-01-01; weeks start on
// Monday (ISO 8601, as Vietnamese calendars do). Pure functions, thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "core/clock.h"

namespace congtin::stats {

using DayNumber = std::int64_t;

// The Vietnam day that contains t.
DayNumber day_of(Seconds t);
// "2017-06-30".
std::string day_text(DayNumber d);
// The Monday of d's week.
DayNumber week_start(DayNumber d);
// The first day of d's month.
DayNumber month_start(DayNumber d);
// Seconds since the start of t's Vietnam day (0..86399).
std::int64_t second_of_day(Seconds t);

}  // namespace congtin::stats
