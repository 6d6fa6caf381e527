#include "text/date.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "text/vietnamese.h"

namespace congtin::text {
namespace {

using namespace std::chrono;
using namespace std::chrono_literals;

Seconds utc(year_month_day ymd, hours h = 0h, minutes m = 0min, seconds s = 0s) {
  return Seconds{sys_days{ymd}} + h + m + s;
}

TEST(FormatViDatetime, ReferenceArticle) {
  EXPECT_EQ(format_vi_datetime(utc(2017y / June / 23, 1h, 30min)), "Thứ Sáu, 23/06/2017 08:30");
}

TEST(FormatViDatetime, EveryWeekday) {
  // 2017-06-18 was a Sunday. 05:00 UTC is noon in Vietnam, far from either midnight.
  const std::vector<std::string> expected = {
      "Chủ nhật, 18/06/2017 12:00", "Thứ Hai, 19/06/2017 12:00", "Thứ Ba, 20/06/2017 12:00",
      "Thứ Tư, 21/06/2017 12:00",   "Thứ Năm, 22/06/2017 12:00", "Thứ Sáu, 23/06/2017 12:00",
      "Thứ Bảy, 24/06/2017 12:00",
  };
  for (int i = 0; i < 7; ++i) {
    const std::string out = format_vi_datetime(utc(2017y / June / 18, 5h) + days{i});
    EXPECT_EQ(out, expected[i]);
    EXPECT_EQ(to_nfc(out), out) << "user-visible text must be NFC";
  }
}

TEST(FormatViDatetime, LocalMidnightIsFiveInTheAfternoonUtc) {
  EXPECT_EQ(format_vi_datetime(utc(2017y / June / 22, 16h, 59min, 59s)),
            "Thứ Năm, 22/06/2017 23:59");
  EXPECT_EQ(format_vi_datetime(utc(2017y / June / 22, 17h)), "Thứ Sáu, 23/06/2017 00:00");
  EXPECT_EQ(format_vi_datetime(utc(2023y / December / 31, 17h)), "Thứ Hai, 01/01/2024 00:00");
  EXPECT_EQ(format_vi_datetime(Seconds{0s}), "Thứ Năm, 01/01/1970 07:00");
}

TEST(FormatViDate, Table) {
  const std::vector<std::pair<Seconds, std::string>> cases = {
      {utc(2017y / June / 23, 1h, 30min), "23/06/2017"},
      {utc(2017y / June / 22, 16h, 59min, 59s), "22/06/2017"},
      {utc(2017y / June / 22, 17h), "23/06/2017"},
      {utc(2024y / February / 28, 17h), "29/02/2024"},  // leap day
      {utc(2023y / February / 28, 17h), "01/03/2023"},  // no leap day
      {utc(2000y / February / 28, 17h), "29/02/2000"},  // divisible by 400: leap
      {utc(2100y / February / 28, 17h), "01/03/2100"},  // divisible by 100 only: not leap
  };
  for (const auto& [t, expected] : cases) EXPECT_EQ(format_vi_date(t), expected);
}

TEST(FormatIso8601, Table) {
  EXPECT_EQ(format_iso8601(utc(2017y / June / 23, 1h, 30min)), "2017-06-23T08:30:00+07:00");
  EXPECT_EQ(format_iso8601(utc(2017y / June / 22, 17h)), "2017-06-23T00:00:00+07:00");
  EXPECT_EQ(format_iso8601(Seconds{0s}), "1970-01-01T07:00:00+07:00");
  EXPECT_EQ(format_iso8601(utc(2024y / February / 29, 9h, 8min, 7s)), "2024-02-29T16:08:07+07:00");
}

TEST(FormatRfc1123, Table) {
  EXPECT_EQ(format_rfc1123(utc(2017y / June / 23, 1h, 30min)), "Fri, 23 Jun 2017 01:30:00 GMT");
  EXPECT_EQ(format_rfc1123(Seconds{0s}), "Thu, 01 Jan 1970 00:00:00 GMT");
  // 23:30 in Vietnam is still the previous day in GMT.
  EXPECT_EQ(format_rfc1123(utc(2024y / December / 31, 16h, 30min)),
            "Tue, 31 Dec 2024 16:30:00 GMT");
}

TEST(StartOfLocalDay, Table) {
  const Seconds midnight_23 = utc(2017y / June / 22, 17h);  // 2017-06-23 00:00 in Vietnam
  EXPECT_EQ(start_of_local_day(utc(2017y / June / 23, 1h, 30min)), midnight_23);
  EXPECT_EQ(start_of_local_day(midnight_23), midnight_23);
  EXPECT_EQ(start_of_local_day(midnight_23 + 23h + 59min + 59s), midnight_23);
  EXPECT_EQ(start_of_local_day(midnight_23 - 1s), midnight_23 - days{1});
  EXPECT_EQ(start_of_local_day(Seconds{0s}), Seconds{-7h});
}

TEST(ParseIso8601, Accepts) {
  const Seconds reference = utc(2017y / June / 23, 1h, 30min);
  const std::vector<std::pair<std::string, Seconds>> cases = {
      {"2017-06-23T08:30:00+07:00", reference},
      {"2017-06-23T01:30:00Z", reference},
      {"2017-06-23T01:30:00z", reference},
      {"2017-06-23t01:30:00Z", reference},
      {"2017-06-23 08:30:00+07:00", reference},
      {"2017-06-23T08:30+07:00", reference},
      {"2017-06-23T08:30:00+0700", reference},
      {"2017-06-23T08:30:00.123456+07:00", reference},
      {"2017-06-23T08:30:00,5+07:00", reference},
      {"2017-06-22T20:30:00-05:00", reference},
      {"2017-06-23T07:00:00+05:30", reference},
      {"2017-06-23T01:30:00-00:00", reference},
      {"2017-06-23T00:00:00+23:59", utc(2017y / June / 22, 0h, 1min)},
      {"2024-02-29T00:00:00Z", utc(2024y / February / 29)},
      {"2000-02-29T00:00:00Z", utc(2000y / February / 29)},
      {"2017-12-31T23:59:59Z", utc(2017y / December / 31, 23h, 59min, 59s)},
      {"1970-01-01T07:00:00+07:00", Seconds{0s}},
      {"0000-01-01T00:00:00Z", utc(year{0} / January / 1)},
      {"9999-12-31T23:59:59Z", utc(9999y / December / 31, 23h, 59min, 59s)},
  };
  for (const auto& [input, expected] : cases) {
    const auto parsed = parse_iso8601(input);
    ASSERT_TRUE(parsed.has_value()) << input;
    EXPECT_EQ(*parsed, expected) << input;
  }
}

TEST(ParseIso8601, Rejects) {
  const std::vector<std::string> cases = {
      "",
      "2017-06-23",                                         // no time
      "2017-06-23T08:30:00",                                // no offset
      "2017-06-23T08:30:00+07",                             // offset without minutes
      "2017-06-23T08:30:00+7:00",                           // one-digit offset hour
      "2017-06-23T08:30:00+24:00",                          // offset hour out of range
      "2017-06-23T08:30:00+07:60",                          // offset minute out of range
      "2017-06-23T08:30:00+07:00 ",                         // trailing space
      "2017-06-23T08:30:00+07:00x",                         // trailing text
      " 2017-06-23T08:30:00+07:00",                         // leading space
      "2017-06-23T08:30:00.+07:00",                         // empty fraction
      "2017-06-23T08:30.5+07:00",                           // fraction without seconds
      "2017-06-23X08:30:00+07:00",                          // bad separator
      "2017-6-23T08:30:00+07:00",                           // one-digit month
      "17-06-23T08:30:00+07:00",                            // two-digit year
      "+2017-06-23T08:30:00+07:00",                         // expanded year
      "2017-00-23T08:30:00+07:00",                          // month 0
      "2017-13-23T08:30:00+07:00",                          // month 13
      "2017-06-00T08:30:00+07:00",                          // day 0
      "2017-06-31T08:30:00+07:00",                          // June has 30 days
      "2023-02-29T08:30:00+07:00",                          // not a leap year
      "1900-02-29T08:30:00+07:00",                          // divisible by 100, not by 400
      "2017-06-23T24:00:00+07:00",                          // hour 24
      "2017-06-23T08:60:00+07:00",                          // minute 60
      "2016-12-31T23:59:60Z",                               // leap second: rejected by design
      "2017-06-23T08:30:0a+07:00",                          // non-digit
      "2017-06-23T08:30:00+07:00\n",                        // trailing newline
      std::string("2017-06-23T08:30:00Z\0", 21),            // trailing NUL
      "2017-06-23T08:30:00." + std::string(44, '1') + "Z",  // 65 bytes
      "２０１７-06-23T08:30:00+07:00",                      // full-width digits
  };
  for (const auto& input : cases) {
    EXPECT_FALSE(parse_iso8601(input).has_value()) << testing::PrintToString(input);
  }
}

TEST(ParseIso8601, LengthBoundIsSixtyFourBytes) {
  std::string at_limit = "2017-06-23T08:30:00.";
  at_limit += std::string(64 - at_limit.size() - 1, '1');
  at_limit += "Z";
  ASSERT_EQ(at_limit.size(), 64u);
  EXPECT_TRUE(parse_iso8601(at_limit).has_value());
  at_limit.insert(20, "1");
  EXPECT_FALSE(parse_iso8601(at_limit).has_value());
}

TEST(ParseIso8601, RoundTripsFormatIso8601) {
  // Every 7 hours 13 minutes 17 seconds over 1975..2060 crosses every hour of the day, both
  // midnights and all the leap days.
  const Seconds first = utc(1975y / January / 1);
  const Seconds last = utc(2060y / January / 1);
  int checked = 0;
  for (Seconds t = first; t < last; t += 7h + 13min + 17s) {
    const std::string text = format_iso8601(t);
    const auto parsed = parse_iso8601(text);
    ASSERT_TRUE(parsed.has_value()) << text;
    ASSERT_EQ(*parsed, t) << text;
    ++checked;
  }
  EXPECT_GT(checked, 100000);
}

}  // namespace
}  // namespace congtin::text
