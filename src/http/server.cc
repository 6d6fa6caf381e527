// The only translation unit that includes Beast and Asio (they cost seconds per TU to
// compile); the HTTP rules themselves live in http/wire.cc. This file is the listener, the
// per-connection session and the run/stop machinery.
//
// Threading model: one io_context run by every thread. Any free thread takes the next ready
// connection, so a thread that the kernel preempts (or a handler that blocks) delays only the
// request it holds, not a fixed share of the connections: one queue with N servers rather
// than N queues. The previous design pinned each connection to a per-thread io_context; on 2
// cores shared with the load generator the connections of a descheduled thread waited out
// its time slice, which was congtin's p99 (bench/RESULTS.md, "Cache-warm tail latency,
// session 5").
//
// A connection has at most one operation in flight (read, then answer, then read), so its
// handlers never run concurrently and need no strand. Timeouts are therefore not Asio
// timers (a timer's handler could run beside the connection's): each session publishes a
// deadline in an atomic, and a sweeper thread shuts down the socket of a session whose
// deadline passed, which makes its pending operation fail on its own thread. The sweeper and
// stop() touch sessions only under Shared::sessions_mu, and a session leaves that list before
// its descriptor is closed, so a shutdown never reaches a reused descriptor.
//
// One acceptor feeds all; SO_REUSEPORT is avoided on purpose because it would let a second
// server bind the same port silently.
#include "http/server.h"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <sys/socket.h>
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
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

#include "core/periodic.h"
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

// How often the sweeper looks for expired deadlines: timeouts fire up to this late.
constexpr std::chrono::milliseconds kSweepEvery{250};

// A connection as Shared::sessions knows it. Linked and unlinked under Shared::sessions_mu;
// both calls are made with it held, from the sweeper or stop(), and may only shut the socket
// down (the session's own thread then sees its operation fail and closes).
struct Linked : public bi::list_base_hook<bi::link_mode<bi::auto_unlink>> {
  virtual void on_server_stop() = 0;
  virtual void on_sweep(Clock::time_point now) = 0;

 protected:
  ~Linked() = default;
};

struct Shared {
  explicit Shared(int threads) : ioc(threads) {}
  ServerOptions options;
  Handler handler;
  std::shared_ptr<spdlog::logger> access;  // null when the access log is off
  std::atomic<std::size_t> connections{0};
  // Set by stop() before it reaches the sessions, so an answer being computed right now
  // already says "Connection: close". One relaxed load per request.
  std::atomic<bool> stopping{false};
  // The open connections, for the sweeper and stop(). Locked at connect, disconnect, stop and
  // by the sweeper 4 times a second. Declared before ioc: sessions destroyed by ~io_context
  // unlink themselves.
  std::mutex sessions_mu;
  bi::list<Linked, bi::constant_time_size<false>> sessions;
  // Concurrency hint = thread count (> 1 turns Asio's locking on).
  asio::io_context ioc;
  std::optional<asio::executor_work_guard<asio::io_context::executor_type>> guard;
};

class Session final : public std::enable_shared_from_this<Session>, public Linked {
 public:
  Session(Shared& s, tcp::socket socket) : shared_(s), opt_(s.options), socket_(std::move(socket)) {
    beast::error_code ec;
    auto ep = socket_.remote_endpoint(ec);
    if (!ec) req_.remote_addr = ep.address().to_string();
    socket_.set_option(tcp::no_delay(true), ec);
    // write() tries a plain send first; it must fail with would_block, not wait.
    socket_.non_blocking(true, ec);
  }
  ~Session() {
    unlink_locked();
    shared_.connections.fetch_sub(1, std::memory_order_relaxed);
  }

  void start() {
    {
      std::lock_guard lock(shared_.sessions_mu);
      shared_.sessions.push_back(*this);
    }
    // Read after linking: a stop() that missed this session in its walk is seen here.
    wait_for_request();
  }

  // Server stop: an idle connection closes now (its pending read sees end of stream); a busy
  // one closes after its answer. Shutting down only the reading side keeps an answer that is
  // being computed this instant deliverable.
  void on_server_stop() override {
    if (state_.load(std::memory_order_relaxed) == State::kIdle)
      ::shutdown(socket_.native_handle(), SHUT_RD);
  }

  void on_sweep(Clock::time_point now) override {
    const auto d = deadline_.load(std::memory_order_relaxed);
    if (d == 0 || d > now.time_since_epoch().count()) return;
    deadline_.store(0, std::memory_order_relaxed);
    ::shutdown(socket_.native_handle(), SHUT_RDWR);
  }

 private:
  enum class State { kIdle, kReading, kBusy, kClosed };

  // One relaxed store per operation; the sweeper compares it with the clock.
  void expires_after(Clock::duration d) {
    deadline_.store((Clock::now() + d).time_since_epoch().count(), std::memory_order_relaxed);
  }
  void expires_never() { deadline_.store(0, std::memory_order_relaxed); }

  void unlink_locked() {
    std::lock_guard lock(shared_.sessions_mu);
    if (is_linked()) unlink();
  }

  void wait_for_request() {
    if (shared_.stopping.load(std::memory_order_relaxed)) return close();
    if (buffer_.size() > 0) {
      // Pipelined bytes already here. Through the queue, not a direct call: answers are
      // written synchronously, so a direct call would recurse once per pipelined request.
      return asio::post(socket_.get_executor(),
                        [self = shared_from_this()] { self->read_request(); });
    }
    state_.store(State::kIdle, std::memory_order_relaxed);
    expires_after(first_ ? opt_.read_timeout : opt_.idle_timeout);
    socket_.async_read_some(buffer_.prepare(8192),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                              self->buffer_.commit(n);
                              if (ec) return self->close();  // EOF, timeout, stop
                              self->read_request();
                            });
  }

  void read_request() {
    state_.store(State::kReading, std::memory_order_relaxed);
    first_ = false;
    expires_after(opt_.read_timeout);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(opt_.max_header_bytes));
    // The largest limit until the target is known; on_header() narrows it.
    std::size_t widest = opt_.max_body_bytes;
    for (const auto& l : opt_.large_bodies) widest = std::max(widest, l.max_body_bytes);
    parser_->body_limit(static_cast<std::uint64_t>(widest));
    // Nearly always the whole request came in one read: parse it here. Beast's async_read
    // would complete through the scheduler even with nothing to read, and with several
    // threads on one queue every such hop may wake another thread.
    beast::error_code ec;
    if (parse_buffered([this] { return parser_->is_header_done(); }, ec)) return on_header(ec);
    bhttp::async_read_header(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
  }

  // Feeds buffer_ to the parser until done() holds, as Beast's read does. False when the
  // parser needs bytes not yet read (its state is kept for the async read that follows);
  // true when done() holds or on an error, in ec.
  template <class Done>
  bool parse_buffered(Done done, beast::error_code& ec) {
    while (!done()) {
      if (buffer_.size() == 0) return false;
      const std::size_t used = parser_->put(buffer_.data(), ec);
      buffer_.consume(used);
      if (ec == bhttp::error::need_more) {
        ec = {};
        return false;
      }
      if (ec) return true;
      if (used == 0) return false;
    }
    return true;
  }

  // Applies the body limit (and time) of the request's path before any body byte is read.
  void on_header(beast::error_code ec) {
    if (ec) return on_read(ec);
    std::size_t limit = opt_.max_body_bytes;
    const std::string_view target = parser_->get().target();
    for (const auto& l : opt_.large_bodies) {
      if (target.starts_with(l.path_prefix)) {
        limit = l.max_body_bytes;
        expires_after(l.read_timeout);
        break;
      }
    }
    if (auto n = parser_->content_length(); n && *n > limit)
      return on_read(bhttp::error::body_limit);
    parser_->body_limit(static_cast<std::uint64_t>(limit));
    parser_->eager(true);  // as Beast's read sets it for the body
    if (parse_buffered([this] { return parser_->is_done(); }, ec)) return on_read(ec);
    bhttp::async_read(
        socket_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    expires_never();  // a handler may take as long as it needs
    if (shared_.access) started_ = Clock::now();
    if (ec == bhttp::error::header_limit) return send_error(431, "Phần đầu yêu cầu quá lớn.");
    if (ec == bhttp::error::body_limit) return send_error(413, "Nội dung gửi lên quá lớn.");
    if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message) return close();
    if (ec && ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category())
      return send_error(400, "Yêu cầu không hợp lệ.");
    if (ec) return close();  // timeout, reset, server stop
    state_.store(State::kBusy, std::memory_order_relaxed);
    if (!fill_request()) return send_error(400, "Yêu cầu không hợp lệ.");
    try {
      res_ = shared_.handler(req_);
    } catch (const std::exception& e) {
      spdlog::error("handler failed for {} {}: {}", req_.method, req_.target, e.what());
      res_ = Response::text(500, "Lỗi máy chủ");
    } catch (...) {
      spdlog::error("handler failed for {} {}: unknown exception", req_.method, req_.target);
      res_ = Response::text(500, "Lỗi máy chủ");
    }
    auto& msg = parser_->get();
    write(msg.version() % 10, msg.keep_alive() && !shared_.stopping.load(std::memory_order_relaxed),
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
    state_.store(State::kBusy, std::memory_order_relaxed);
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
    // An answer nearly always fits the socket's send buffer: one non-blocking sendmsg now,
    // and on_write() directly, rather than a completion through the scheduler.
    beast::error_code ec;
    std::size_t sent = socket_.write_some(bufs, ec);
    if (ec && ec != asio::error::would_block && ec != asio::error::try_again)
      return on_write(ec, keep_alive, linger);
    if (sent == head_.size() + out_.body.size()) return on_write({}, keep_alive, linger);
    if (sent < head_.size()) {
      bufs[0] = asio::buffer(head_) + sent;
    } else {
      bufs[0] = asio::const_buffer();
      bufs[1] = asio::buffer(out_.body.data(), out_.body.size()) + (sent - head_.size());
    }
    expires_after(opt_.write_timeout);
    asio::async_write(
        socket_, bufs,
        [self = shared_from_this(), keep_alive, linger](beast::error_code ec, std::size_t) {
          self->on_write(ec, keep_alive, linger);
        });
  }

  void on_write(beast::error_code ec, bool keep_alive, bool linger) {
    if (shared_.access) log_access();
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
    shared_.access->info("{} \"{} {}\" {} {} {}us \"{}\"", req_.remote_addr,
                         req_.method.empty() ? "-" : req_.method, req_.target, res_.status,
                         out_.body.size(), us.count(), ua.empty() ? "-" : ua);
  }

  void linger_close() {
    state_.store(State::kClosed, std::memory_order_relaxed);
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_send, ec);
    expires_after(kLingerTime);
    drain();
  }

  void drain() {
    buffer_.clear();
    socket_.async_read_some(buffer_.prepare(16384),
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec) return self->close();
                              self->drain();
                            });
  }

  void close() {
    state_.store(State::kClosed, std::memory_order_relaxed);
    expires_never();
    unlink_locked();  // before the descriptor can be reused: see the file comment
    beast::error_code ec;
    socket_.shutdown(tcp::socket::shutdown_both, ec);
    socket_.close(ec);
  }

  Shared& shared_;
  const ServerOptions& opt_;
  tcp::socket socket_;
  std::atomic<Clock::rep> deadline_{0};  // steady clock ticks; 0 = none
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  Request req_;
  Response res_;
  std::string head_;
  wire::Prepared out_;
  std::atomic<State> state_{State::kIdle};
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
  explicit Impl(int threads) : shared(threads), threads(threads) {}
  Shared shared;
  int threads;
  // Declared after shared: destroyed first, while the io_context still exists. All three
  // live on one strand, so the accept loop, stop() and the signal handler never race.
  std::optional<asio::strand<asio::io_context::executor_type>> control;
  std::optional<tcp::acceptor> acceptor;
  std::optional<asio::steady_timer> accept_retry;
  std::optional<asio::signal_set> signals;
  std::uint16_t port = 0;
  bool started = false;

  // Control plane only (start/stop), never touched per request.
  std::mutex mu;
  std::condition_variable cv;
  bool stop_requested = false;
  std::size_t running = 0;

  // One pass of the sweeper (see the file comment), which runs while run() does.
  void sweep() {
    const auto now = Clock::now();
    std::lock_guard sessions_lock(shared.sessions_mu);
    for (auto& session : shared.sessions) session.on_sweep(now);
  }

  void accept() {
    acceptor->async_accept(shared.ioc, [this](beast::error_code ec, tcp::socket socket) {
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
        // Closes at once when the server is stopping.
        std::make_shared<Session>(shared, std::move(socket))->start();
      }
      accept();
    });
  }
};

Server::Server(ServerOptions options, Handler handler) {
  int threads =
      options.threads > 0 ? options.threads : static_cast<int>(std::thread::hardware_concurrency());
  if (threads <= 0) threads = 1;
  impl_ = std::make_unique<Impl>(threads);
  impl_->shared.options = std::move(options);
  impl_->shared.handler = std::move(handler);
  if (impl_->shared.options.access_log) impl_->shared.access = access_logger();
}

Server::~Server() {
  stop();
  // Close the acceptor and signals before the io_context they belong to goes away.
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
  asio::io_context& ioc = impl_->shared.ioc;
  auto& control = impl_->control.emplace(ioc.get_executor());
  beast::error_code ec;
  tcp::resolver resolver(ioc);
  auto endpoints = resolver.resolve(o.host, std::to_string(o.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec) return fail(ec);
  if (endpoints.empty()) return fail(asio::error::host_not_found);
  tcp::endpoint ep = endpoints.begin()->endpoint();
  auto& acc = impl_->acceptor.emplace(control);
  acc.open(ep.protocol(), ec);
  if (ec) return fail(ec);
  // SO_REUSEADDR on Linux only allows binding over TIME_WAIT, not over a live listener.
  acc.set_option(asio::socket_base::reuse_address(true), ec);
  acc.bind(ep, ec);
  if (ec) return fail(ec);
  acc.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail(ec);
  impl_->port = acc.local_endpoint(ec).port();
  impl_->accept_retry.emplace(control);
  impl_->shared.guard.emplace(ioc.get_executor());
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
  const auto n = static_cast<std::size_t>(impl_->threads);
  {
    std::lock_guard lock(impl_->mu);
    impl_->running = n;
  }
  Periodic sweeper(kSweepEvery, [this] { impl_->sweep(); });
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < n; ++i) {
    threads.emplace_back([this] {
      impl_->shared.ioc.run();
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
      impl_->shared.ioc.stop();
    }
  }
  for (auto& t : threads) t.join();
  sweeper.stop();
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
  asio::post(*impl_->control, [impl = impl_.get()] {
    beast::error_code ec;
    impl->acceptor->close(ec);
    impl->accept_retry->cancel();
    if (impl->signals) impl->signals->cancel(ec);
    impl->shared.guard.reset();
    std::lock_guard lock(impl->shared.sessions_mu);
    for (auto& session : impl->shared.sessions) session.on_server_stop();
  });
}

Status Server::run_until_signal() {
  if (!impl_->started) return Error::internal("run_until_signal() needs a successful start()");
  auto& signals = impl_->signals.emplace(*impl_->control, SIGINT, SIGTERM);
  signals.async_wait([this](beast::error_code ec, int signo) {
    if (ec) return;
    spdlog::info("signal {} received: stopping", signo);
    stop();
  });
  run();
  return {};
}

}  // namespace congtin::http
