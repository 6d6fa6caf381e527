// Server: the HTTP/1.1 server that feeds Requests to a Handler (Boost.Beast underneath).
//
// Lifecycle: construct, start() to bind and listen, then run() (blocks) or
// run_until_signal() (blocks until SIGINT/SIGTERM). stop() ends a run gracefully: the
// listening socket closes, idle keep-alive connections close, requests in flight finish
// and are answered with "Connection: close", and run() returns once every connection is
// gone or options.shutdown_timeout has passed, whichever comes first. A Server runs once.
//
// What it guarantees for every exchange: keep-alive and pipelining (answers in request
// order), HEAD without body, ETag and 304 for 200 answers to GET/HEAD, gzip for text-like
// bodies of 1 KiB or more when the client accepts it (see http/wire.h for the ETag rules),
// bounded headers (431), bodies (413) and time (read_timeout for a request to arrive whole,
// idle_timeout between keep-alive requests), 400 for malformed requests or paths with
// invalid percent-encoding or NUL, 500 "Lỗi máy chủ" when the handler throws (the server
// keeps serving), and the headers Server, Date, Content-Length, X-Content-Type-Options.
//
// Thread-safety: stop() and port() may be called from any thread, including from inside a
// handler. The handler is called concurrently from options.threads threads and must be
// thread-safe; a handler that blocks holds up its own connection and one of the threads (the
// others go on serving every other connection). Timeouts are checked four times a second, so
// a connection is closed up to 250 ms after its timeout.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"
#include "http/message.h"

namespace congtin::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  int threads = 0;            // 0 = std::thread::hardware_concurrency()
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 8 << 20;
  // Paths that take larger bodies (uploads) and more time to send them: the first entry whose
  // prefix starts the request target applies, decided once the header has arrived (a
  // Content-Length beyond it gets 413 before any body is read). Everything else keeps
  // max_body_bytes and read_timeout.
  struct LargeBody {
    std::string path_prefix;
    std::size_t max_body_bytes;
    std::chrono::seconds read_timeout;
  };
  std::vector<LargeBody> large_bodies = {
      {"/admin/thu-vien/", 25 << 20, std::chrono::seconds{120}}};
  std::chrono::seconds read_timeout{15};      // from the first byte of a request to its end
  std::chrono::seconds idle_timeout{60};      // between requests on a keep-alive connection
  bool access_log = true;                     // one line per request on the "access" logger
  std::size_t max_connections = 20000;        // further connections are closed at once
  std::chrono::seconds write_timeout{60};     // to send one whole response
  std::chrono::seconds shutdown_timeout{10};  // bound on stop() waiting for requests in flight
};

class Server {
 public:
  // The access log goes to the spdlog logger named "access" when the application registered
  // one, else to a stdout logger of that name owned by the server.
  Server(ServerOptions options, Handler handler);
  ~Server();  // stops; must not run while run() is still running on another thread
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. kUnavailable when the address cannot be resolved or bound, with a
  // message such as "cannot listen on 127.0.0.1:8080: address already in use".
  Status start();
  // The port actually bound (useful with port 0); 0 before a successful start().
  std::uint16_t port() const;
  // Serves on the I/O threads and blocks until stop() has completed. Needs start().
  void run();
  // Asks for a graceful stop; returns at once. Idempotent, thread-safe.
  void stop();
  // run() plus SIGINT/SIGTERM handling: a signal calls stop(). Returns ok after the
  // graceful stop; kInternal if start() did not succeed.
  Status run_until_signal();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace congtin::http
