// Request and Response: the server's plain view of an HTTP exchange.
//
// Handlers are functions from a Request to a Response, testable without sockets; only
// http/server.cc knows Beast. Header names are compared case-insensitively.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace congtin::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // "GET", "HEAD", "POST"...
  std::string target;  // as sent: "/tin-tuc?page=2"
  std::string path;    // percent-decoded path, "/tin-tuc"
  std::string query;   // raw query string without '?', "page=2"
  Headers headers;
  std::string body;
  std::string remote_addr;  // peer IP address as text

  // First value of a header, or empty.
  std::string_view header(std::string_view name) const;
  // Value of a query parameter (percent- and '+'-decoded), or nullopt.
  std::optional<std::string> query_param(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  Headers headers;  // extra headers (Location, Cache-Control...)
  std::string body;
  // When set, the bytes to send to a client that accepts gzip (the page cache fills this so
  // the server does not compress again). Must be the gzip of body.
  std::shared_ptr<const std::string> gzip_body;
  // When set, the strong validator for body; the server computes one for 200 GET answers
  // without it.
  std::string etag;
  // When set, the identity bytes to send instead of body (body is then ignored): lets the
  // page cache answer a hit by sharing its bytes instead of copying them.
  std::shared_ptr<const std::string> shared_body;
  // When set, the brotli of the identity bytes, sent to clients that accept br (the page
  // cache compresses once; the server never compresses brotli itself).
  std::shared_ptr<const std::string> br_body;
  // What this answer shows, for the page cache's invalidation (cache/page_cache.h lists the
  // tag names: "home", "article:ID", "category:ID", "page:SLUG", "feed", "search"...). An
  // answer without tags is dropped by any content event.
  std::vector<std::string> cache_tags;
  // False for answers the page cache must not store (per-user, forms with tokens...); the
  // cache also skips answers with Set-Cookie or "Cache-Control: no-store"/"private".
  bool cacheable = true;

  // The identity bytes: *shared_body when set, else body.
  const std::string& identity_body() const { return shared_body ? *shared_body : body; }

  Response& header(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  static Response text(int status, std::string body);
  static Response json(int status, std::string body);
  static Response redirect(int status, std::string location);  // 301, 302, 303
};

using Handler = std::function<Response(const Request&)>;

}  // namespace congtin::http
