// Dates as Vietnamese readers expect them, in Asia/Ho_Chi_Minh time.
// All functions are pure and thread-safe. The formatters expect instants in years
// 0000..9999 (Vietnam time); outside that range the text is not specified.
//
// Vietnam has kept UTC+07:00 without daylight saving since 1975, so local time is a fixed
// offset here; dates before 1975 are not a concern for a portal's content.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace congtin::text {

using Seconds = std::chrono::sys_seconds;

inline constexpr std::chrono::seconds kVietnamOffset{7 * 3600};

// "Thứ Sáu, 23/06/2017 08:30" (weekday: Chủ nhật, Thứ Hai ... Thứ Bảy).
std::string format_vi_datetime(Seconds t);
// "23/06/2017".
std::string format_vi_date(Seconds t);
// "2017-06-23T08:30:00+07:00" (ISO 8601 / RFC 3339 in Vietnam time).
std::string format_iso8601(Seconds t);
// RFC 1123 in GMT, for HTTP and RSS: "Fri, 23 Jun 2017 01:30:00 GMT".
std::string format_rfc1123(Seconds t);

// Parses an ISO 8601 date-time with an offset: "2017-06-23T08:30:00+07:00",
// "2017-06-23T01:30:00Z", seconds optional ("2017-06-23T08:30+07:00"), fraction ignored,
// 'T' or ' ' between date and time. Rejects anything else (no offset, out-of-range fields,
// trailing text). Bounded: inputs longer than 64 bytes are rejected.
// Accepted: 4-digit year, month 01-12, day valid for that month (leap years included), hour
// 00-23, minute 00-59, second 00-59 (a leap second ":60" is rejected: sys_seconds cannot hold
// it), fraction '.' or ',' with one or more digits, offset "Z", "+HH:MM" or "+HHMM" (also '-';
// HH 00-23, MM 00-59). 't' and 'z' are accepted as RFC 3339 allows. Every instant this
// accepts whose Vietnam-time year is 0000..9999 comes back unchanged through format_iso8601.
std::optional<Seconds> parse_iso8601(std::string_view s);

// The first second of the local (Vietnam) day that contains t, as UTC seconds.
Seconds start_of_local_day(Seconds t);

}  // namespace congtin::text
