// A small blocking HTTP/1.x client over raw POSIX sockets, for tests of http::Server.
//
// Deliberately not Beast: the tests then exercise the server with bytes written exactly as
// given (pipelined, malformed, slow), and build fast. Every read has a timeout so a broken
// server fails the test instead of hanging it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace congtin::http::testing {

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string header(std::string_view lower_name) const;  // first value or ""
  bool has_header(std::string_view lower_name) const;
};

class Connection {
 public:
  explicit Connection(std::uint16_t port,
                      std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  bool connected() const { return fd_ >= 0; }
  bool send(std::string_view bytes);
  // Reads one response; for a HEAD request pass head=true (no body follows). nullopt on
  // timeout, EOF or a malformed response.
  std::optional<ClientResponse> read(bool head = false);
  // True when the server closes the connection (EOF or reset) within timeout.
  bool closed_within(std::chrono::milliseconds timeout);

 private:
  bool fill();  // reads more bytes into buf_; false on EOF, error or timeout
  int fd_ = -1;
  std::string buf_;
};

// One request on a fresh connection: "GET /x HTTP/1.1" with Host and extra header lines.
std::optional<ClientResponse> fetch(std::uint16_t port, std::string_view method,
                                    std::string_view target, std::string_view extra_headers = "");

// gunzip of data; nullopt if it is not valid gzip.
std::optional<std::string> gunzip(std::string_view data);

}  // namespace congtin::http::testing
