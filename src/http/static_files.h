// serve_static: answers a request for a file under a root directory (theme assets, uploads).
//
// Contract: rel_path is the path below root as the router decoded it ("css/site.css").
// The answer is 404 (never an escape from root) when rel_path is empty, absolute, holds a
// backslash, a NUL, a ".." or "." segment, or a segment starting with '.' (dot-files such as
// .git or .env), when the resolved file (symlinks followed) lies outside root, or when it is
// a directory, missing, unreadable or larger than kMaxStaticFileBytes. Otherwise 200 with
// the file's bytes, Content-Type from the extension (application/octet-stream if unknown),
// an ETag from size and modification time, Last-Modified and Cache-Control; 304 without
// body when If-None-Match matches, or, without If-None-Match, when If-Modified-Since is not
// older than the file. The server then applies HEAD and gzip as for any response.
//
// Thread-safety: safe to call concurrently; it keeps no state.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string_view>

#include "http/message.h"

namespace congtin::http {

// Files bigger than this are not served (404): they are read whole into memory.
inline constexpr std::uintmax_t kMaxStaticFileBytes = 64ull << 20;

Response serve_static(const std::filesystem::path& root, std::string_view rel_path,
                      const Request& req, std::string_view cache_control = "public, max-age=86400");

// The Content-Type for a file name by its extension, case-insensitively
// ("a.CSS" -> "text/css; charset=utf-8"); "application/octet-stream" if unknown.
std::string_view content_type_for(std::string_view file_name);

}  // namespace congtin::http
