// URL checks for href and src: an allowlist of schemes, decided on the value a browser
// would actually use.
//
// Internal to congtin_html; pure functions, thread-safe. The values given here are already
// entity-decoded by the parser. Browsers drop leading and trailing C0 controls and spaces
// and every tab, CR and LF inside a URL before looking at its scheme ("jav&#x09;ascript:"
// is javascript:), and read "\" like "/" ("/\evil.example" is protocol-relative), so the
// check runs on the same cleaned value that is then written out.
#pragma once

#include <string>
#include <string_view>

namespace congtin::html {

enum class UrlKind {
  kInvalid,  // empty, unknown or malformed scheme, protocol-relative "//host"
  kHttp,     // http:// or https:// with something after it
  kMailto,
  kTel,
  kSiteRelative,  // "/path", not "//" nor "/\"
  kFragment,      // "#anchor"
  kRelative,      // "image001.png", "../x", "?q": only images may be mapped from these
};

// The value with leading/trailing controls and spaces removed and inner controls dropped.
std::string clean_url(std::string_view value);

// Classifies a cleaned URL.
UrlKind classify_url(std::string_view cleaned);

}  // namespace congtin::html
