#include "html/url.h"

namespace congtin::html {
namespace {

bool is_control_or_space(unsigned char c) { return c <= 0x20 || c == 0x7f; }

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (lower(s[i]) != prefix[i]) return false;
  }
  return true;
}

}  // namespace

std::string clean_url(std::string_view value) {
  std::size_t b = 0, e = value.size();
  while (b < e && is_control_or_space(value[b])) ++b;
  while (e > b && is_control_or_space(value[e - 1])) --e;
  std::string out;
  out.reserve(e - b);
  for (std::size_t i = b; i < e; ++i) {
    auto c = static_cast<unsigned char>(value[i]);
    if (c < 0x20 || c == 0x7f) continue;
    out.push_back(static_cast<char>(c));
  }
  return out;
}

UrlKind classify_url(std::string_view url) {
  if (url.empty()) return UrlKind::kInvalid;
  if (url[0] == '\\') return UrlKind::kInvalid;
  if (url[0] == '/') {
    if (url.size() > 1 && (url[1] == '/' || url[1] == '\\')) return UrlKind::kInvalid;
    return UrlKind::kSiteRelative;
  }
  if (url[0] == '#') return UrlKind::kFragment;
  std::size_t stop = url.find_first_of(":/?#\\");
  if (stop == std::string_view::npos || url[stop] != ':') return UrlKind::kRelative;
  // Anything with a scheme is refused unless it is on the list; an odd scheme spelling is
  // refused too rather than second-guessing how a browser reads it.
  std::string_view rest = url.substr(stop + 1);
  if (starts_with_ci(url, "http:") || starts_with_ci(url, "https:")) {
    if (rest.size() > 2 && (rest[0] == '/' || rest[0] == '\\') &&
        (rest[1] == '/' || rest[1] == '\\')) {
      return UrlKind::kHttp;
    }
    return UrlKind::kInvalid;
  }
  if (starts_with_ci(url, "mailto:") && !rest.empty()) return UrlKind::kMailto;
  if (starts_with_ci(url, "tel:") && !rest.empty()) return UrlKind::kTel;
  return UrlKind::kInvalid;
}

}  // namespace congtin::html
