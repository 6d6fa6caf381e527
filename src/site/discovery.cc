// What the discovery handlers share: the public origin of absolute URLs.
#include "site/discovery.h"

#include "site/view_models.h"

namespace congtin::site {
namespace {

// host[:port] made of letters, digits, '.', '-' (or a bracketed IPv6 literal), so that a
// forged Host header cannot inject markup or another path into the document.
bool plausible_host(std::string_view h) {
  if (h.empty() || h.size() > 255) return false;
  bool bracket = h.front() == '[';
  for (char ch : h) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '.' || ch == '-' || ch == ':' ||
                    (bracket && (ch == '[' || ch == ']'));
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string public_origin(const content::SiteSettings& s, const http::Request& req,
                          bool* from_request) {
  if (from_request) *from_request = false;
  if (!s.base_url.empty()) return absolute_url(s.base_url, "");
  const std::string_view host = req.header("Host");
  if (!plausible_host(host)) return {};
  if (from_request) *from_request = true;
  const bool https = req.header("X-Forwarded-Proto") == "https";
  return (https ? "https://" : "http://") + std::string(host);
}

}  // namespace congtin::site
