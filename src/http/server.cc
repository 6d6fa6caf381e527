// The only translation unit that includes Beast and Asio (they cost seconds per TU to
// compile); the HTTP rules themselves live in http/wire.cc. This file is the listener, the
// per-connection session and the run/stop machinery.
//
// Threading model: one io_context per thread, each created with concurrency hint 1, and
// every connection pinned to one of them (round-robin at accept). A connection's handlers
// therefore always run on the same thread: no strands, no locks and no cross-thread
// hand-off on the request path, and Asio's single-threaded scheduler skips its own mutex.
// The price is that a handler blocking one thread delays the other connections of that
// thread only; handlers are short (page cache, SQLite reads), so this is the better trade.
// One acceptor on worker 0 feeds all workers; SO_REUSEPORT is avoided on purpose because it
// would let a second server bind the same port silently.
#include "http/server.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/intrusive/list.hpp>
#include <boost/url/parse.hpp>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "http/wire.h"

namespace congtin::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace bi = boost::intrusive;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

// After an error answer (400/413/431) the client may still be sending; reading and
// discarding for a moment before closing avoids a TCP reset that would destroy the answer.
constexpr std::chrono::seconds kLingerTime{2};

struct Shared {
  ServerOptions options;
  Handler handler;
  std::shared_ptr<spdlog::logger> access;  // null when the access log is off
  std::atomic<std::size_t> connections{0};
  // Set by stop() before it reaches the workers, so an answer being computed right now
  // already says "Connection: close". One relaxed load per request.
  std::atomic<bool> stopping{false};
};

// What a worker knows of its connections: enough to close them at server stop. The hook
// unlinks itself when the session is destroyed.
class Linked : public bi::list_base_hook<bi::link_mode<bi::auto_unlink>> {
 public:
  virtual void on_server_stop() = 0;

 protected:
  ~Linked() = default;
};

// One I/O thread's world. Everything but ioc is touched only from that thread.
struct Worker {
  explicit Worker(Shared& s) : shared(s) {}
  Shared& shared;
  // Declared before ioc: sessions destroyed by ~io_context unlink themselves from it.
  bi::list<Linked, bi::constant_time_size<false>> sessions;
  bool stopping = false;
  asio::io_context ioc{1};
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
};

class Session final : public std::enable_shared_from_this<Session>, public Linked {
 public:
  Session(Worker& w, tcp::socket socket)
      : worker_(w), opt_(w.shared.options), stream_(std::move(socket)) {
    beast::error_code ec;
    auto ep = stream_.socket().remote_endpoint(ec);
    if (!ec) req_.remote_addr = ep.address().to_string();
    stream_.socket().set_option(tcp::no_delay(true), ec);
  }
  ~Session() { worker_.shared.connections.fetch_sub(1, std::memory_order_relaxed); }

  void start() {
    worker_.sessions.push_back(*this);
    wait_for_request();
  }

  // Server stop: an idle connection closes now; a busy one closes after its answer.
  void on_server_stop() override {
    if (state_ == State::kIdle) close();
  }

 private:
  enum class State { kIdle, kReading, kBusy, kClosed };

  void wait_for_request() {
    if (worker_.stopping) return close();
    if (buffer_.size() > 0) return read_request();  // pipelined bytes already here
    state_ = State::kIdle;
    stream_.expires_after(first_ ? opt_.read_timeout : opt_.idle_timeout);
    stream_.async_read_some(buffer_.prepare(8192),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->buffer_.commit(n);
                              if (ec) return self->close();  // EOF, timeout, stop
                              self->read_request();
                            });
  }

  void read_request() {
    state_ = State::kReading;
    first_ = false;
    stream_.expires_after(opt_.read_timeout);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(opt_.max_header_bytes));
    // The largest limit until the target is known; on_header() narrows it.
    std::size_t widest = opt_.max_body_bytes;
    for (const auto& l : opt_.large_bodies) widest = std::max(widest, l.max_body_bytes);
    parser_->body_limit(static_cast<std::uint64_t>(widest));
    bhttp::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  // Applies the body limit (and time) of the request's path before any body byte is read.
  void on_header(beast::error_code ec) {
    if (ec) return on_read(ec);
    std::size_t limit = opt_.max_body_bytes;
    const std::string_view target = parser_->get().target();
    for (const auto& l : opt_.large_bodies) {
      if (target.starts_with(l.path_prefix)) {
        limit = l.max_body_bytes;
        stream_.expires_after(l.read_timeout);
        break;
      }
    }
    if (auto n = parser_->content_length(); n && *n > limit)
      return on_read(bhttp::error::body_limit);
    parser_->body_limit(static_cast<std::uint64_t>(limit));
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    started_ = Clock::now();
    if (ec == bhttp::error::header_limit) return send_error(431, "Phần đầu yêu cầu quá lớn.");
    if (ec == bhttp::error::body_limit) return send_error(413, "Nội dung gửi lên quá lớn.");
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return close();
    if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category())
      return send_error(400, "Yêu cầu không hợp lệ.");
    if (ec) return close();  // timeout, reset, server stop
    state_ = State::kBusy;
    if (!fill_request()) return send_error(400, "Yêu cầu không hợp lệ.");
    try {
      res_ = worker_.shared.handler(req_);
    } catch (const std::exception& e) {
      spdlog::error("handler failed for {} {}: {}", req_.method, req_.target, e.what());
      res_ = Response::text(500, "Lỗi máy chủ");
    } catch (...) {
      spdlog::error("handler failed for {} {}: unknown exception", req_.method, req_.target);
      res_ = Response::text(500, "Lỗi máy chủ");
    }
    auto& msg = parser_->get();
    write(msg.version() % 10,
          msg.keep_alive() && !worker_.shared.stopping.load(std::memory_order_relaxed),
          /*linger=*/false);
  }

  // Copies the parsed message into req_, reusing its strings' capacity across requests.
  bool fill_request() {
    auto& msg = parser_->get();
    req_.method.assign(msg.method_string());
    req_.target.assign(msg.target());
    std::size_t n = 0;
    for (const auto& field : msg) {
      if (n == req_.headers.size()) req_.headers.emplace_back();
      req_.headers[n].first.assign(field.name_string());
      req_.headers[n].second.assign(field.value());
      ++n;
    }
    req_.headers.resize(n);
    req_.body = std::move(msg.body());
    auto url = boost::urls::parse_origin_form(req_.target);
    if (!url) return false;
    auto path = url->encoded_path();
    req_.path.clear();
    path.decode({}, boost::urls::string_token::append_to(req_.path));
    if (req_.path.find('\0') != std::string::npos) return false;
    req_.query.assign(url->encoded_query());
    return true;
  }

  void send_error(int status, std::string_view text) {
    state_ = State::kBusy;
    req_.method.clear();  // no HEAD/ETag/gzip rules for an answer to no valid request
    req_.target.clear();
    req_.headers.clear();
    res_ = Response::text(status, std::string(text));
    write(1, /*keep_alive=*/false, /*linger=*/true);
  }

  void write(int http_minor, bool keep_alive, bool linger) {
    out_ = wire::prepare(req_, res_, http_minor, keep_alive, head_);
    std::array<asio::const_buffer, 2> bufs{asio::buffer(head_),
                                           asio::buffer(out_.body.data(), out_.body.size())};
    stream_.expires_after(opt_.write_timeout);
    asio::async_write(
        stream_, bufs,
        [self = shared_from_this(), keep_alive, linger](beast::error_code ec, std::size_t) {
          self->on_write(ec, keep_alive, linger);
        });
  }

  void on_write(beast::error_code ec, bool keep_alive, bool linger) {
    if (worker_.shared.access) log_access();
    // Release what a long-idle connection should not keep: shared gzip bytes, big bodies.
    res_.gzip_body.reset();
    res_.br_body.reset();
    res_.shared_body.reset();
    if (res_.body.capacity() > 64 * 1024) std::string().swap(res_.body);
    if (req_.body.capacity() > 64 * 1024) std::string().swap(req_.body);
    if (ec) return close();
    if (linger) return linger_close();
    if (!keep_alive) return close();
    wait_for_request();
  }

  void log_access() {
    auto us = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started_);
    std::string_view ua = req_.header("User-Agent");
    worker_.shared.access->info("{} \"{} {}\" {} {} {}us \"{}\"", req_.remote_addr,
                                req_.method.empty() ? "-" : req_.method, req_.target, res_.status,
                                out_.body.size(), us.count(), ua.empty() ? "-" : ua);
  }

  void linger_close() {
    state_ = State::kClosed;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream_.expires_after(kLingerTime);
    drain();
  }

  void drain() {
    buffer_.clear();
    stream_.async_read_some(buffer_.prepare(16384),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  void close() {
    state_ = State::kClosed;
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
    stream_.close();
  }

  Worker& worker_;
  const ServerOptions& opt_;
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Request req_;
  Response res_;
  std::string head_;
  wire::Prepared out_;
  State state_ = State::kIdle;
  bool first_ = true;
  Clock::time_point started_;
};

std::shared_ptr<spdlog::logger> access_logger() {
  if (auto registered = spdlog::get("access")) return registered;
  // Not registered, so the application's spdlog::set_level() does not silence it.
  static auto own = [] {
    auto l = std::make_shared<spdlog::logger>("access",
                                              std::make_shared<spdlog::sinks::stdout_sink_mt>());
    l->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %v");
    l->set_level(spdlog::level::info);
    return l;
  }();
  return own;
}

}  // namespace

struct Server::Impl {
  Shared shared;
  std::vector<std::unique_ptr<Worker>> workers;
  // Declared after workers: destroyed first, while their io_context still exists.
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> accept_retry;
  std::optional<asio::signal_set> signals;
  std::size_t next_worker = 0;
  std::uint16_t port = 0;
  bool started = false;

  // Control plane only (start/stop), never touched per request.
  std::mutex mu;
  std::condition_variable cv;
  bool stop_requested = false;
  std::size_t running = 0;

  void accept() {
    Worker& target = *workers[next_worker++ % workers.size()];
    // The socket is created on the target worker's io_context, so it never changes thread.
    asio::any_io_executor ex = target.ioc.get_executor();
    acceptor->async_accept(ex, [this, &target](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor->is_open()) return;
      if (ec) {
        // Out of file descriptors and the like: back off instead of spinning.
        spdlog::warn("accept failed: {}", ec.message());
        accept_retry->expires_after(std::chrono::milliseconds(100));
        accept_retry->async_wait([this](beast::error_code e) {
          if (!e) accept();
        });
        return;
      }
      std::size_t open = shared.connections.fetch_add(1, std::memory_order_relaxed);
      if (open >= shared.options.max_connections) {
        shared.connections.fetch_sub(1, std::memory_order_relaxed);
        beast::error_code ignored;
        socket.close(ignored);
      } else {
        asio::post(target.ioc, [&target, s = std::move(socket)]() mutable {
          auto session = std::make_shared<Session>(target, std::move(s));
          if (target.stopping) return;  // ~Session closes the socket
          session->start();
        });
      }
      accept();
    });
  }
};

Server::Server(ServerOptions options, Handler handler) : impl_(std::make_unique<Impl>()) {
  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  if (threads <= 0) threads = 1;
  impl_->shared.options = std::move(options);
  impl_->shared.handler = std::move(handler);
  if (impl_->shared.options.access_log) impl_->shared.access = access_logger();
  for (int i = 0; i < threads; ++i)
    impl_->workers.push_back(std::make_unique<Worker>(impl_->shared));
}

Server::~Server() {
  stop();
  // Close the acceptor and signals before the io_contexts they belong to go away.
  impl_->signals.reset();
  impl_->accept_retry.reset();
  impl_->acceptor.reset();
}

Status Server::start() {
  const ServerOptions& o = impl_->shared.options;
  std::string where = o.host + ":" + std::to_string(o.port);
  auto fail = [&](const beast::error_code& ec) {
    std::string m = ec.message();
    if (!m.empty() && m[0] >= 'A' && m[0] <= 'Z') m[0] = static_cast<char>(m[0] - 'A' + 'a');
    impl_->acceptor.reset();
    return Error::unavailable("cannot listen on " + where + ": " + m);
  };
  if (impl_->started) return Error::internal("server already started on " + where);
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stop_requested) return Error::internal("server on " + where + " was stopped");
  }
  asio::io_context& ioc = impl_->workers[0]->ioc;
  beast::error_code ec;
  tcp::resolver resolver(ioc);
  auto endpoints = resolver.resolve(o.host, std::to_string(o.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec) return fail(ec);
  if (endpoints.empty()) return fail(asio::error::host_not_found);
  tcp::endpoint ep = endpoints.begin()->endpoint();
  auto& acc = impl_->acceptor.emplace(ioc);
  acc.open(ep.protocol(), ec);
  if (ec) return fail(ec);
  // SO_REUSEADDR on Linux only allows binding over TIME_WAIT, not over a live listener.
  acc.set_option(asio::socket_base::reuse_address(true), ec);
  acc.bind(ep, ec);
  if (ec) return fail(ec);
  acc.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail(ec);
  impl_->port = acc.local_endpoint(ec).port();
  impl_->accept_retry.emplace(ioc);
  for (auto& w : impl_->workers) w->guard.emplace(w->ioc.get_executor());
  impl_->started = true;
  impl_->accept();
  return {};
}

std::uint16_t Server::port() const { return impl_->port; }

void Server::run() {
  if (!impl_->started) {
    spdlog::error("Server::run() called without a successful start()");
    return;
  }
  {
    std::lock_guard lock(impl_->mu);
    impl_->running = impl_->workers.size();
  }
  std::vector<std::thread> threads;
  for (auto& w : impl_->workers) {
    threads.emplace_back([this, worker = w.get()] {
      worker->ioc.run();
      std::lock_guard lock(impl_->mu);
      --impl_->running;
      impl_->cv.notify_all();
    });
  }
  {
    std::unique_lock lock(impl_->mu);
    impl_->cv.wait(lock, [&] { return impl_->stop_requested || impl_->running == 0; });
    auto deadline = Clock::now() + impl_->shared.options.shutdown_timeout;
    if (!impl_->cv.wait_until(lock, deadline, [&] { return impl_->running == 0; })) {
      spdlog::warn("requests still running after {}s; closing their connections",
                   impl_->shared.options.shutdown_timeout.count());
      for (auto& w : impl_->workers) w->ioc.stop();
    }
  }
  for (auto& t : threads) t.join();
}

void Server::stop() {
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->stop_requested) return;
    impl_->stop_requested = true;
  }
  impl_->cv.notify_all();
  impl_->shared.stopping.store(true, std::memory_order_relaxed);
  if (!impl_->started) return;
  asio::post(impl_->workers[0]->ioc, [impl = impl_.get()] {
    beast::error_code ec;
    impl->acceptor->close(ec);
    impl->accept_retry->cancel();
    if (impl->signals) impl->signals->cancel(ec);
  });
  for (auto& w : impl_->workers) {
    asio::post(w->ioc, [worker = w.get()] {
      worker->stopping = true;
      worker->guard.reset();
      for (auto& session : worker->sessions) session.on_server_stop();
    });
  }
}

Status Server::run_until_signal() {
  if (!impl_->started) return Error::internal("run_until_signal() needs a successful start()");
  auto& signals = impl_->signals.emplace(impl_->workers[0]->ioc, SIGINT, SIGTERM);
  signals.async_wait([this](beast::error_code ec, int signo) {
    if (ec) return;
    spdlog::info("signal {} received: stopping", signo);
    stop();
  });
  run();
  return {};
}

}  // namespace congtin::http
