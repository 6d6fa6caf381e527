// Fuzz target for text::parse_iso8601, the one hand-written parser in text/.
// Invariants: never crashes, accepts nothing over 64 bytes, and whatever it accepts comes back
// unchanged through format_iso8601 (for instants whose Vietnam-time year has four digits).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "text/date.h"
#include "text/vietnamese.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace congtin::text;
  namespace chrono = std::chrono;

  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto parsed = parse_iso8601(input);
  if (!parsed) return 0;
  FUZZ_CHECK(size <= 64);

  const Seconds t = *parsed;
  const chrono::year_month_day local{chrono::floor<chrono::days>(t + kVietnamOffset)};
  if (local.year() < chrono::year{0} || local.year() > chrono::year{9999}) return 0;

  const std::string iso = format_iso8601(t);
  FUZZ_CHECK(iso.size() == 25);
  const auto again = parse_iso8601(iso);
  FUZZ_CHECK(again.has_value());
  FUZZ_CHECK(*again == t);

  const Seconds day = start_of_local_day(t);
  FUZZ_CHECK(day <= t && t - day < chrono::days{1});
  FUZZ_CHECK(format_vi_date(day) == format_vi_date(t));

  const std::string vi = format_vi_datetime(t);
  FUZZ_CHECK(is_valid_utf8(vi));
  FUZZ_CHECK(to_nfc(vi) == vi);
  FUZZ_CHECK(format_rfc1123(t).size() == 29);
  return 0;
}
