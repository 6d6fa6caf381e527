#include "stats/classify.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <functional>

namespace congtin::stats {
namespace {

// Lower-case substrings of user agents that are not people. Kept short and generic: "bot"
// alone catches Googlebot, bingbot, Applebot, YandexBot, AhrefsBot, SemrushBot, Zalo's bot...
constexpr std::string_view kBotTokens[] = {
    "bot",        "crawl",      "spider",     "slurp",         "google",     "bing",
    "yandex",     "baidu",      "facebookexternalhit", "facebookcatalog", "whatsapp",
    "telegram",   "preview",    "headless",   "lighthouse",    "pagespeed",  "pingdom",
    "uptime",     "monitor",    "curl",       "wget",          "python",     "java/",
    "go-http",    "okhttp",     "libwww",     "httpclient",    "scrapy",     "axios",
    "node-fetch", "phantomjs",  "feed",       "archive"};

// ASCII-only case folding: header values and tokens here are ASCII, and std::tolower is a
// locale-aware call per byte (it was most of the cost of counting, bench/stats/count_cost.cc).
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c | 0x20) : c; }

bool istarts_with(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (lower(s[i]) != lower(prefix[i])) return false;
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && istarts_with(a, b);
}

// Lower-cases s (at most kMaxUserAgentBytes of it) into buf.
std::string_view lowered(std::string_view s, char (&buf)[kMaxUserAgentBytes]) {
  s = s.substr(0, kMaxUserAgentBytes);
  for (std::size_t i = 0; i < s.size(); ++i) buf[i] = lower(s[i]);
  return {buf, s.size()};
}

// needle must be lower case.
bool icontains(std::string_view haystack, std::string_view needle) {
  if (haystack.empty()) return false;
  char buf[kMaxUserAgentBytes];
  return lowered(haystack, buf).find(needle) != std::string_view::npos;
}

bool contains(std::string_view lowered_text, std::string_view needle) {
  return lowered_text.find(needle) != std::string_view::npos;
}

bool classify_bot(std::string_view ua) {
  if (ua.empty() || ua.size() > kMaxUserAgentBytes) return true;
  if (!ua.starts_with("Mozilla/")) return true;
  // Control bytes never appear in a browser's user agent.
  for (char c : ua)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  char buf[kMaxUserAgentBytes];
  const std::string_view l = lowered(ua, buf);
  for (std::string_view token : kBotTokens)
    if (l.find(token) != std::string_view::npos) return true;
  return false;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}


bool is_trusted(std::string_view addr, std::span<const std::string> trusted) {
  return std::find(trusted.begin(), trusted.end(), addr) != trusted.end();
}

bool has_path_prefix(std::string_view path, std::string_view prefix) {
  // "/admin" and "/admin/..." but not "/administration".
  if (!path.starts_with(prefix)) return false;
  return path.size() == prefix.size() || prefix.back() == '/' || path[prefix.size()] == '/';
}

}  // namespace

std::string canonical_address(std::string_view s) {
  s = trim(s);
  if (s.empty() || s.size() >= INET6_ADDRSTRLEN) return {};
  char buf[INET6_ADDRSTRLEN] = {};
  std::copy(s.begin(), s.end(), buf);
  unsigned char bin[16];
  char out[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, buf, bin) == 1) return inet_ntop(AF_INET, bin, out, sizeof out);
  if (inet_pton(AF_INET6, buf, bin) == 1) return inet_ntop(AF_INET6, bin, out, sizeof out);
  return {};
}

bool is_bot(std::string_view ua) {
  // Browsers repeat the same few user agents, so each thread remembers its last verdicts,
  // keyed by a 64-bit hash of the whole string (a collision would need 2^32 agents).
  struct Memo {
    std::uint64_t hash = 0;
    bool bot = false;
  };
  thread_local std::array<Memo, 256> memo{};
  if (ua.size() > kMaxUserAgentBytes) return true;
  const std::uint64_t h = std::hash<std::string_view>{}(ua) | 1;
  Memo& m = memo[h & 255];
  if (m.hash == h) return m.bot;
  const bool bot = classify_bot(ua);
  m = {h, bot};
  return bot;
}

bool is_prefetch(const http::Request& req) {
  for (std::string_view name : {"Purpose", "Sec-Purpose", "X-Purpose", "X-Moz"}) {
    std::string_view v = req.header(name);
    if (icontains(v, "prefetch") || icontains(v, "prerender") || icontains(v, "preview"))
      return true;
  }
  return false;
}

bool is_page_view(const http::Request& req, const http::Response& res) {
  if (req.method != "GET" || res.status != 200) return false;
  if (!istarts_with(res.content_type, "text/html")) return false;
  for (std::string_view p : {"/api/", "/static/", "/media/", "/admin", "/healthz"})
    if (has_path_prefix(req.path, p)) return false;
  std::string_view dest = req.header("Sec-Fetch-Dest");
  if (!dest.empty() && !iequals(dest, "document")) return false;
  if (req.header("Accept").empty()) return false;
  if (is_prefetch(req)) return false;
  return !is_bot(req.header("User-Agent"));
}

std::string client_address(const http::Request& req, std::span<const std::string> trusted) {
  std::string peer = canonical_address(req.remote_addr);
  if (peer.empty()) peer = req.remote_addr.substr(0, 64);
  if (trusted.empty() || !is_trusted(peer, trusted)) return peer;
  std::string_view xff = req.header("X-Forwarded-For");
  if (xff.empty() || xff.size() > 2048) return peer;
  // Right to left: each trusted proxy appended the address it saw; the first untrusted one
  // is the client as far as anyone we trust can tell.
  std::string_view rest = xff;
  for (int hops = 0; hops < 16 && !rest.empty(); ++hops) {
    const std::size_t comma = rest.rfind(',');
    std::string_view item = comma == std::string_view::npos ? rest : rest.substr(comma + 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(0, comma);
    std::string addr = canonical_address(item);
    if (addr.empty()) return peer;
    if (!is_trusted(addr, trusted)) return addr;
  }
  return peer;
}

std::string_view browser_of(std::string_view ua) {
  char buf[kMaxUserAgentBytes];
  const std::string_view l = lowered(ua, buf);
  // Order matters: Edge, Opera, Cốc Cốc and Samsung also say "Chrome"; Chrome says "Safari".
  if (contains(l, "edg/") || contains(l, "edge/")) return "Edge";
  if (contains(l, "coc_coc") || contains(l, "coccoc")) return "Cốc Cốc";
  if (contains(l, "opr/") || contains(l, "opera")) return "Opera";
  if (contains(l, "samsungbrowser")) return "Samsung Internet";
  if (contains(l, "firefox/") || contains(l, "fxios")) return "Firefox";
  if (contains(l, "chrome/") || contains(l, "crios")) return "Chrome";
  if (contains(l, "safari/")) return "Safari";
  return "Khác";
}

std::string_view device_of(std::string_view ua) {
  char buf[kMaxUserAgentBytes];
  const std::string_view l = lowered(ua, buf);
  if (contains(l, "ipad") || contains(l, "tablet") ||
      (contains(l, "android") && !contains(l, "mobile")))
    return "Máy tính bảng";
  if (contains(l, "mobi") || contains(l, "iphone") || contains(l, "android")) return "Điện thoại";
  return "Máy tính";
}

std::string referrer_host(std::string_view referer, std::string_view own_host) {
  std::string_view rest;
  if (istarts_with(referer, "https://")) {
    rest = referer.substr(8);
  } else if (istarts_with(referer, "http://")) {
    rest = referer.substr(7);
  } else {
    return {};
  }
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.empty() && rest.front() != '[') rest = rest.substr(0, rest.find(':'));
  if (rest.empty() || rest.size() > 253) return {};
  std::string host;
  host.reserve(rest.size());
  for (char c : rest) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || c == '.' || c == '-' || c == '[' || c == ']' || c == ':')) return {};
    host += lower(c);
  }
  if (host.starts_with("www.")) host.erase(0, 4);
  std::string own(own_host.substr(0, own_host.find(':')));
  std::transform(own.begin(), own.end(), own.begin(),
                 [](char c) { return static_cast<char>(lower(c)); });
  if (own.starts_with("www.")) own.erase(0, 4);
  if (host == own) return {};
  return host;
}

}  // namespace congtin::stats
