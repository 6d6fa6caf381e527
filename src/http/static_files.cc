#include "http/static_files.h"

#include <array>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <system_error>
#include <utility>

#include "http/wire.h"

namespace congtin::http {
namespace {

namespace fs = std::filesystem;

Response not_found() { return Response::text(404, "Không tìm thấy tệp."); }

// True when every '/'-separated segment is a plain name: no "", ".", "..", dot-files,
// backslashes or NULs. Checked on the decoded path, so "%2e%2e" and "%2F" are covered.
bool safe_relative(std::string_view rel) {
  if (rel.empty() || rel.front() == '/') return false;
  if (rel.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos) return false;
  while (true) {
    std::size_t slash = rel.find('/');
    std::string_view seg = rel.substr(0, slash);
    if (seg.empty() || seg.front() == '.') return false;
    if (slash == std::string_view::npos) return true;
    rel.remove_prefix(slash + 1);
  }
}

// True when path is root itself or below it; both are canonical.
bool is_under(const fs::path& path, const fs::path& root) {
  auto [r, p] = std::mismatch(root.begin(), root.end(), path.begin(), path.end());
  return r == root.end();
}

bool read_file(const fs::path& p, std::uintmax_t size, std::string& out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out.resize(size);
  in.read(out.data(), static_cast<std::streamsize>(size));
  // A file that shrank between stat and read is served as read; the ETag is then stale
  // for one request, which a later mtime change fixes.
  out.resize(static_cast<std::size_t>(in.gcount()));
  return !in.bad();
}

std::time_t to_time_t(fs::file_time_type t) {
  auto sys = std::chrono::file_clock::to_sys(t);
  return std::chrono::system_clock::to_time_t(sys);
}

}  // namespace

std::string_view content_type_for(std::string_view file_name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 17> kTypes{{
      {"html", "text/html; charset=utf-8"},
      {"css", "text/css; charset=utf-8"},
      {"js", "application/javascript; charset=utf-8"},
      {"mjs", "application/javascript; charset=utf-8"},
      {"json", "application/json; charset=utf-8"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"webp", "image/webp"},
      {"gif", "image/gif"},
      {"ico", "image/x-icon"},
      {"woff", "font/woff"},
      {"woff2", "font/woff2"},
      {"txt", "text/plain; charset=utf-8"},
      {"xml", "application/xml; charset=utf-8"},
      {"pdf", "application/pdf"},
  }};
  std::size_t dot = file_name.rfind('.');
  std::size_t slash = file_name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash))
    return "application/octet-stream";
  std::string ext(file_name.substr(dot + 1));
  for (char& c : ext)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  for (const auto& [e, type] : kTypes)
    if (e == ext) return type;
  return "application/octet-stream";
}

Response serve_static(const fs::path& root, std::string_view rel_path, const Request& req,
                      std::string_view cache_control) {
  if (!safe_relative(rel_path)) return not_found();
  std::error_code ec;
  fs::path canon_root = fs::weakly_canonical(root, ec);
  if (ec) return not_found();
  // Symlinks are resolved here, so a link pointing out of root is caught by is_under.
  fs::path file = fs::weakly_canonical(canon_root / fs::path(rel_path), ec);
  if (ec || !is_under(file, canon_root)) return not_found();
  auto st = fs::status(file, ec);
  if (ec || !fs::is_regular_file(st)) return not_found();
  std::uintmax_t size = fs::file_size(file, ec);
  if (ec || size > kMaxStaticFileBytes) return not_found();
  auto mtime = fs::last_write_time(file, ec);
  if (ec) return not_found();

  char tag[48];
  std::snprintf(tag, sizeof tag, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(mtime.time_since_epoch().count()));
  std::time_t modified = to_time_t(mtime);

  Response res;
  res.content_type = std::string(content_type_for(rel_path));
  res.etag = tag;
  res.header("Last-Modified", wire::http_date(modified));
  if (!cache_control.empty()) res.header("Cache-Control", std::string(cache_control));

  // If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2). The identity tag is
  // checked here; the gzip variant's tag is checked by the server, which needs the body.
  std::string_view inm = req.header("If-None-Match");
  bool not_modified = false;
  if (!inm.empty()) {
    not_modified = wire::etag_matches(inm, res.etag);
  } else if (auto since = wire::parse_http_date(req.header("If-Modified-Since"))) {
    not_modified = modified <= *since;
  }
  if (not_modified && (req.method == "GET" || req.method == "HEAD")) {
    res.status = 304;
    return res;
  }
  if (!read_file(file, size, res.body)) return not_found();
  return res;
}

}  // namespace congtin::http
