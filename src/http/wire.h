// wire: the rules that turn a handler's Response into the bytes the server sends.
//
// Kept apart from server.cc so that conditional GET, gzip and header serialization are
// plain functions, testable without sockets and without Beast. Internal to http/: other
// modules use Server and Response, not these.
//
// Thread-safety: every function is safe to call from any thread; http_date_now() keeps a
// per-thread cache.
//
// ETags and gzip: a 200 answer to GET/HEAD gets a strong ETag computed from the identity
// body unless the handler set one. When the server sends the gzip variant, its ETag is the
// identity tag with "-gz" added inside the quotes ("abc" -> "abc-gz"), so a cache never
// mixes the two byte sequences. If-None-Match is compared (weakly, RFC 9110 8.8.3.2) with
// the ETag of the variant this request would get: a client that stored the gzip variant
// sends "abc-gz" and gets 304 as long as it still accepts gzip; if it stops accepting gzip
// it gets a fresh 200 identity answer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"

namespace congtin::http::wire {

// Bodies smaller than this are sent as they are: gzip would save little and cost CPU.
inline constexpr std::size_t kGzipMinBytes = 1024;
// Level of the gzip made per answer (bodies the page cache has not compressed already): the
// fastest, as nginx's dynamic gzip (gzip_comp_level 1). On an 11 KB page level 6 cost twice
// the CPU of level 1 for output 4 % smaller; answers worth keeping are stored by the page
// cache, which compresses them once at its own best level.
inline constexpr int kGzipLevel = 1;

// Quoted hex of a 64-bit FNV-1a hash of body: "\"8c3f...\"".
std::string strong_etag(std::string_view body);
// The gzip variant's tag: "\"abc\"" -> "\"abc-gz\"", "W/\"abc\"" -> "W/\"abc-gz\"".
std::string gzip_etag(std::string_view etag);
// The brotli variant's tag: "\"abc\"" -> "\"abc-br\"".
std::string br_etag(std::string_view etag);
// True when an If-None-Match value ("*", a list, W/ prefixes) matches etag, weakly.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// True when Accept-Encoding allows gzip (gzip, x-gzip or *, with a non-zero q).
bool accepts_gzip(std::string_view accept_encoding);
// True when Accept-Encoding names br with a non-zero q ("*" does not count).
bool accepts_br(std::string_view accept_encoding);
// True for types that compress well: text/*, JSON, XML, RSS, JavaScript, SVG.
bool is_compressible(std::string_view content_type);
inline constexpr int kGzipMaxLevel = 9;
// gzip (RFC 1952) of data at level 1..kGzipMaxLevel (libdeflate's levels, which follow
// zlib's; the page cache uses 9); nullopt on a bad level or if the compressor cannot be
// allocated. Each thread keeps its own compressor per level.
std::optional<std::string> gzip(std::string_view data, int level = kGzipLevel);

// "Sun, 06 Nov 1994 08:49:37 GMT" for t.
std::string http_date(std::time_t t);
// The current date in that format, formatted at most once per second per thread.
std::string_view http_date_now();
// Parses an IMF-fixdate (the only form we emit); nullopt when s is anything else.
std::optional<std::time_t> parse_http_date(std::string_view s);

// English reason phrase for a status code ("OK", "Not Found"); "Unknown" if unlisted.
std::string_view reason_phrase(int status);

// What prepare() decided; the body bytes live in the Response passed to it.
struct Prepared {
  std::string_view body;  // bytes to write after the head; empty for HEAD, 304, 204
  std::size_t content_length = 0;
};

// Applies the HTTP rules to res for req and writes the status line and headers into head
// (cleared first; its capacity is reused across requests):
// - GET/HEAD 200: ETag (computed if res.etag is empty), If-None-Match -> 304 without body;
// - the identity bytes are res.shared_body when set, else res.body;
// - br when res.br_body is set and the client names br (ETag suffix "-br"), else gzip when
//   allowed (see the file comment), using res.gzip_body or compressing the identity bytes;
//   Vary: Accept-Encoding whenever the choice depends on the client;
// - HEAD keeps every header of GET, Content-Length included, and sends no body;
// - Server, Date, Content-Length (not on 304/204), X-Content-Type-Options: nosniff;
// - Connection: close when !keep_alive, Connection: keep-alive for a keep-alive HTTP/1.0;
// - handler headers with CR or LF in their name or value are dropped (response splitting),
//   and so are the framing headers the server owns (Content-Length, Transfer-Encoding,
//   Connection, Date, Server).
// http_minor is 0 or 1 (the request's version).
Prepared prepare(const Request& req, Response& res, int http_minor, bool keep_alive,
                 std::string& head);

}  // namespace congtin::http::wire
