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
