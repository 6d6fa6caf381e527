#include "http/wire.h"

#include <libdeflate.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <memory>

namespace congtin::http::wire {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Calls f(item) for each comma-separated, trimmed, non-empty item of a list header.
template <class F>
void for_each_item(std::string_view list, F&& f) {
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    std::string_view item = trim(list.substr(0, comma));
    if (!item.empty() && f(item)) return;
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
}

std::string_view strip_weak(std::string_view tag) {
  if (tag.size() >= 2 && (tag[0] == 'W' || tag[0] == 'w') && tag[1] == '/') tag.remove_prefix(2);
  return tag;
}

// q-value of "gzip;q=0.5" style items; 1 when absent, 0 when "q=0" (or 0.0...).
double q_value(std::string_view params) {
  std::size_t q = params.find("q=");
  if (q == std::string_view::npos) q = params.find("Q=");
  if (q == std::string_view::npos) return 1.0;
  std::string num(trim(params.substr(q + 2)));
  return std::strtod(num.c_str(), nullptr);
}

bool has_crlf(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

bool server_owned(std::string_view name) {
  return iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding") ||
         iequals(name, "Connection") || iequals(name, "Date") || iequals(name, "Server");
}

void append_header(std::string& head, std::string_view name, std::string_view value) {
  head.append(name).append(": ").append(value).append("\r\n");
}

void append_number(std::string& head, std::size_t n) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, n);
  head.append(buf, end);
}

}  // namespace

std::string strong_etag(std::string_view body) {
  // libstdc++'s hash of bytes (Murmur-style, 8 bytes a step) rather than a byte-wise FNV-1a,
  // which was 4-5 % of a cache-off page. ETags need to be stable only as long as the binary.
  const std::uint64_t h = std::hash<std::string_view>{}(body);
  char buf[20];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

namespace {
std::string variant_etag(std::string_view etag, std::string_view suffix) {
  if (etag.size() >= 2 && etag.back() == '"') {
    std::string out(etag.substr(0, etag.size() - 1));
    out += suffix;
    out += '"';
    return out;
  }
  return std::string(etag) + std::string(suffix);
}
}  // namespace

std::string gzip_etag(std::string_view etag) { return variant_etag(etag, "-gz"); }
std::string br_etag(std::string_view etag) { return variant_etag(etag, "-br"); }

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (etag.empty()) return false;
  std::string_view want = strip_weak(etag);
  bool match = false;
  for_each_item(if_none_match, [&](std::string_view item) {
    match = item == "*" || strip_weak(item) == want;
    return match;
  });
  return match;
}

bool accepts_gzip(std::string_view accept_encoding) {
  std::optional<bool> gzip_listed;
  bool star = false;
  for_each_item(accept_encoding, [&](std::string_view item) {
    std::size_t semi = item.find(';');
    std::string_view coding = trim(item.substr(0, semi));
    double q = semi == std::string_view::npos ? 1.0 : q_value(item.substr(semi + 1));
    if (iequals(coding, "gzip") || iequals(coding, "x-gzip")) {
      gzip_listed = q > 0;
    } else if (coding == "*") {
      star = q > 0;
    }
    return false;
  });
  return gzip_listed.value_or(star);
}

bool accepts_br(std::string_view accept_encoding) {
  // Only an explicit "br": a "*" client that never heard of brotli must not get it.
  bool br = false;
  for_each_item(accept_encoding, [&](std::string_view item) {
    std::size_t semi = item.find(';');
    std::string_view coding = trim(item.substr(0, semi));
    if (iequals(coding, "br")) {
      br = semi == std::string_view::npos || q_value(item.substr(semi + 1)) > 0;
      return true;
    }
    return false;
  });
  return br;
}

bool is_compressible(std::string_view content_type) {
  std::string_view type = trim(content_type.substr(0, content_type.find(';')));
  return istarts_with(type, "text/") || iequals(type, "application/json") ||
         iequals(type, "application/xml") || iequals(type, "application/rss+xml") ||
         iequals(type, "application/atom+xml") || iequals(type, "application/javascript") ||
         iequals(type, "image/svg+xml");
}

std::optional<std::string> gzip(std::string_view data, int level) {
  if (level < 1 || level > kGzipMaxLevel) return std::nullopt;
  // libdeflate rather than zlib: on an 11 KB page at level 1 it took 22 us for 3,465 bytes
  // where zlib took 37 us for 3,638 (bench/RESULTS.md, "Render speed, phase 4"). One
  // compressor per thread and level, kept: allocating one costs more than compressing a page.
  struct Free {
    void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
  };
  using Compressor = std::unique_ptr<libdeflate_compressor, Free>;
  thread_local std::array<Compressor, kGzipMaxLevel + 1> by_level;
  auto& c = by_level[static_cast<std::size_t>(level)];
  if (!c) c.reset(libdeflate_alloc_compressor(level));
  if (!c) return std::nullopt;
  std::string out(libdeflate_gzip_compress_bound(c.get(), data.size()), '\0');
  const std::size_t size =
      libdeflate_gzip_compress(c.get(), data.data(), data.size(), out.data(), out.size());
  if (size == 0) return std::nullopt;  // cannot happen with the bound; kept as a failure
  out.resize(size);
  return out;
}

std::string http_date(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::size_t n = std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return std::string(buf, n);
}

std::string_view http_date_now() {
  // Per-thread, so the hot path takes no lock; time() is a vDSO call on Linux.
  thread_local std::time_t cached_second = -1;
  thread_local std::string cached;
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    cached = http_date(now);
    cached_second = now;
  }
  return cached;
}

std::optional<std::time_t> parse_http_date(std::string_view s) {
  if (s.size() != 29 || s.substr(26) != "GMT") return std::nullopt;
  std::tm tm{};
  std::string str(s);
  // strftime/strptime month and day names are the C locale's, which is what HTTP uses.
  const char* end = strptime(str.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  return timegm(&tm);
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 206:
      return "Partial Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return "Unknown";
  }
}

Prepared prepare(const Request& req, Response& res, int http_minor, bool keep_alive,
                 std::string& head) {
  const bool is_head = req.method == "HEAD";
  const bool cacheable = res.status == 200 && (is_head || req.method == "GET");
  const std::string& identity = res.identity_body();
  bool use_gzip = false;
  bool use_br = false;
  bool vary = false;

  if (cacheable) {
    if (res.etag.empty()) res.etag = strong_etag(identity);
    if (identity.size() >= kGzipMinBytes && is_compressible(res.content_type)) {
      vary = true;
      std::string_view accept = req.header("Accept-Encoding");
      if (res.br_body && accepts_br(accept)) {
        use_br = true;
      } else if (accepts_gzip(accept)) {
        if (!res.gzip_body) {
          if (auto z = gzip(identity)) {
            res.gzip_body = std::make_shared<const std::string>(std::move(*z));
          }
        }
        use_gzip = res.gzip_body != nullptr;
      }
    }
    if (use_gzip) res.etag = gzip_etag(res.etag);
    if (use_br) res.etag = br_etag(res.etag);
    if (etag_matches(req.header("If-None-Match"), res.etag)) res.status = 304;
  }

  const bool no_body =
      res.status == 304 || res.status == 204 || (res.status >= 100 && res.status < 200);
  Prepared out;
  if (!no_body) {
    std::string_view bytes = use_br     ? std::string_view(*res.br_body)
                             : use_gzip ? std::string_view(*res.gzip_body)
                                        : std::string_view(identity);
    out.content_length = bytes.size();
    if (!is_head) out.body = bytes;
  }

  head.clear();
  head.append(http_minor == 0 ? "HTTP/1.0 " : "HTTP/1.1 ");
  append_number(head, static_cast<std::size_t>(res.status));
  head.push_back(' ');
  head.append(reason_phrase(res.status)).append("\r\n");
  append_header(head, "Server", "congtin");
  append_header(head, "Date", http_date_now());
  if (!no_body) {
    if (!res.content_type.empty() && !has_crlf(res.content_type))
      append_header(head, "Content-Type", res.content_type);
    head.append("Content-Length: ");
    append_number(head, out.content_length);
    head.append("\r\n");
  }
  append_header(head, "X-Content-Type-Options", "nosniff");
  if (!res.etag.empty() && !has_crlf(res.etag)) append_header(head, "ETag", res.etag);
  if (use_gzip && !no_body) append_header(head, "Content-Encoding", "gzip");
  if (use_br && !no_body) append_header(head, "Content-Encoding", "br");
  if (vary) append_header(head, "Vary", "Accept-Encoding");
  if (!keep_alive) {
    append_header(head, "Connection", "close");
  } else if (http_minor == 0) {
    append_header(head, "Connection", "keep-alive");
  }
  for (const auto& [name, value] : res.headers) {
    if (name.empty() || has_crlf(name) || has_crlf(value) || server_owned(name)) continue;
    append_header(head, name, value);
  }
  head.append("\r\n");
  return out;
}

}  // namespace congtin::http::wire
