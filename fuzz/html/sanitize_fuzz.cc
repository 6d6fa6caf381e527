// Fuzz target for html::sanitize and the plain-text helpers. Invariants:
//   - no crash, no sanitizer report, errors only of kind kInvalidArgument;
//   - the output is valid UTF-8, NFC-stable and re-sanitises to itself (also with a small
//     max_depth);
//   - re-parsed by gumbo (as a document, inside a <div>, and in quirks mode) the output holds
//     only allowlisted elements and attributes, and nothing executable: no script-capable or
//     foreign element, no on*/style attribute, no javascript:/vbscript:/data: URL;
//   - to_plain_text is valid UTF-8 and text_to_html of it is a sanitize fixed point.
// Invalid UTF-8 is refused by sanitize; such inputs are also run after to_nfc repaired them
// so that the mutations still reach the parser.
#include <unicode/utf8.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "html/sanitize.h"
#include "safety_check.h"
#include "text/vietnamese.h"

namespace {

bool valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  for (int32_t i = 0, n = static_cast<int32_t>(s.size()); i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

void check(std::string_view input, const congtin::html::SanitizeOptions& opts) {
  using congtin::ErrorKind;
  using congtin::html::sanitize;
  auto out = sanitize(input, opts);
  if (!out.ok()) {
    FUZZ_CHECK(out.error().kind == ErrorKind::kInvalidArgument);
    FUZZ_CHECK(!out.error().message.empty());
    return;
  }
  FUZZ_CHECK(valid_utf8(*out));
  FUZZ_CHECK(congtin::text::to_nfc(*out) == *out || out->find("&#x338;") != std::string::npos);
  auto again = sanitize(*out, opts);
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(*again == *out);
  FUZZ_CHECK(congtin::html::testing::find_executable(*out, /*strict=*/true).empty());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  congtin::html::SanitizeOptions defaults;
  congtin::html::SanitizeOptions shallow;
  shallow.max_depth = 8;
  shallow.rewrite_img_src = [](std::string_view src) -> std::optional<std::string> {
    if (src.substr(0, 7) == "/media/") return std::string(src);
    if (src.find(':') == std::string_view::npos && src.substr(0, 1) != "/") {
      return "/media/" + std::string(src);
    }
    return std::nullopt;
  };
  check(input, defaults);
  check(input, shallow);
  if (!valid_utf8(input)) check(congtin::text::to_nfc(input), defaults);

  std::string text = congtin::html::to_plain_text(input);
  FUZZ_CHECK(valid_utf8(text));
  std::string html = congtin::html::text_to_html(text);
  auto clean = congtin::html::sanitize(html);
  FUZZ_CHECK(clean.ok() && *clean == html);
  FUZZ_CHECK(congtin::html::escape(input).find('<') == std::string::npos);
  return 0;
}
