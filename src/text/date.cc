// Dates in Vietnam time (fixed UTC+07:00) with std::chrono calendar types doing the calendar
// arithmetic; only the ISO 8601 parser is hand-written, because it must be strict and bounded.
#include "text/date.h"

#include <fmt/format.h>

#include <array>

namespace congtin::text {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// Indexed by std::chrono::weekday::c_encoding(): 0 is Sunday.
constexpr std::array<const char*, 7> kVietnameseWeekdays = {
    "Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"};
constexpr std::array<const char*, 7> kEnglishWeekdays = {"Sun", "Mon", "Tue", "Wed",
                                                         "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kEnglishMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

constexpr std::size_t kMaxIso8601Length = 64;

// A calendar view of an instant at a given UTC offset.
struct CivilTime {
  std::chrono::year_month_day date;
  std::chrono::weekday weekday;
  std::chrono::hh_mm_ss<seconds> time;

  int year() const { return static_cast<int>(date.year()); }
  unsigned month() const { return static_cast<unsigned>(date.month()); }
  unsigned day() const { return static_cast<unsigned>(date.day()); }
  long hour() const { return time.hours().count(); }
  long minute() const { return time.minutes().count(); }
  long second() const { return time.seconds().count(); }
};

CivilTime civil(Seconds t, seconds offset) {
  const auto local = t + offset;  // a sys_time that reads as wall-clock time at that offset
  const auto day = std::chrono::floor<days>(local);
  return {std::chrono::year_month_day{day}, std::chrono::weekday{day},
          std::chrono::hh_mm_ss<seconds>{local - day}};
}

// Reads the input left to right; every method consumes only on success.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}

  bool done() const { return i_ == s_.size(); }

  bool accept(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }

  // Exactly n ASCII digits (n <= 4, so the value cannot overflow).
  std::optional<int> digits(int n) {
    if (s_.size() - i_ < static_cast<std::size_t>(n)) return std::nullopt;
    int value = 0;
    for (int k = 0; k < n; ++k) {
      const char c = s_[i_ + k];
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    i_ += n;
    return value;
  }

  // One or more digits whose value is not needed (a fraction of a second).
  bool skip_digits() {
    const std::size_t start = i_;
    while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
    return i_ > start;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

// "Z", "+07:00", "+0700", "-05:30"; the offset east of UTC.
std::optional<seconds> parse_offset(Cursor& in) {
  if (in.accept('Z') || in.accept('z')) return seconds{0};
  int sign = 0;
  if (in.accept('+')) {
    sign = 1;
  } else if (in.accept('-')) {
    sign = -1;
  } else {
    return std::nullopt;
  }
  const auto hh = in.digits(2);
  if (!hh) return std::nullopt;
  in.accept(':');
  const auto mm = in.digits(2);
  if (!mm || *hh > 23 || *mm > 59) return std::nullopt;
  return sign * (hours{*hh} + minutes{*mm});
}

}  // namespace

std::string format_vi_datetime(Seconds t) {
  const CivilTime c = civil(t, kVietnamOffset);
  return fmt::format("{}, {:02}/{:02}/{:04} {:02}:{:02}",
                     kVietnameseWeekdays[c.weekday.c_encoding()], c.day(), c.month(), c.year(),
                     c.hour(), c.minute());
}

std::string format_vi_date(Seconds t) {
  const CivilTime c = civil(t, kVietnamOffset);
  return fmt::format("{:02}/{:02}/{:04}", c.day(), c.month(), c.year());
}

std::string format_iso8601(Seconds t) {
  const CivilTime c = civil(t, kVietnamOffset);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+07:00", c.year(), c.month(), c.day(),
                     c.hour(), c.minute(), c.second());
}

std::string format_rfc1123(Seconds t) {
  const CivilTime c = civil(t, seconds{0});
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
                     kEnglishWeekdays[c.weekday.c_encoding()], c.day(),
                     kEnglishMonths[c.month() - 1], c.year(), c.hour(), c.minute(), c.second());
}

std::optional<Seconds> parse_iso8601(std::string_view s) {
  if (s.size() > kMaxIso8601Length) return std::nullopt;
  Cursor in(s);

  const auto year = in.digits(4);
  if (!year || !in.accept('-')) return std::nullopt;
  const auto month = in.digits(2);
  if (!month || !in.accept('-')) return std::nullopt;
  const auto day = in.digits(2);
  if (!day) return std::nullopt;
  if (!in.accept('T') && !in.accept('t') && !in.accept(' ')) return std::nullopt;

  const auto hour = in.digits(2);
  if (!hour || !in.accept(':')) return std::nullopt;
  const auto minute = in.digits(2);
  if (!minute) return std::nullopt;
  std::optional<int> second = 0;
  if (in.accept(':')) {
    second = in.digits(2);
    if (!second) return std::nullopt;
    if ((in.accept('.') || in.accept(',')) && !in.skip_digits()) return std::nullopt;
  }
  const auto offset = parse_offset(in);
  if (!offset || !in.done()) return std::nullopt;

  const std::chrono::year_month_day date{std::chrono::year{*year},
                                         std::chrono::month{static_cast<unsigned>(*month)},
                                         std::chrono::day{static_cast<unsigned>(*day)}};
  // ok() checks the month and the day against the month's length, leap years included.
  // A leap second (":60") is rejected: sys_seconds, like POSIX time, has no place for it.
  if (!date.ok() || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;

  const Seconds local =
      std::chrono::sys_days{date} + hours{*hour} + minutes{*minute} + seconds{*second};
  return local - *offset;
}

Seconds start_of_local_day(Seconds t) {
  const auto local = t + kVietnamOffset;
  return Seconds{std::chrono::floor<days>(local)} - kVietnamOffset;
}

}  // namespace congtin::text
