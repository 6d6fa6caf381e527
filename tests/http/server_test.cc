// http::Server against real sockets on 127.0.0.1, port 0, in-process.
#include "http/server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <stdexcept>
#include <thread>

#include "http/router.h"
#include "test_client.h"

namespace congtin::http {
namespace {

using namespace std::chrono_literals;
using testing::Connection;
using testing::fetch;

std::string big_page() {
  std::string s;
  while (s.size() < 5000) s += "<p>Đoàn công tác Sở Ngoại vụ thăm Cửa khẩu Hữu Nghị.</p>\n";
  return s;
}

std::string huge_body() {
  std::string s(16 << 20, '\0');
  for (std::size_t i = 0; i < s.size(); ++i) s[i] = static_cast<char>('a' + (i * 7919) % 26);
  return s;
}

Router test_routes() {
  Router r;
  r.get("/hello", [](const Request&, const Params&) { return Response::text(200, "xin chào"); });
  r.get("/big", [](const Request&, const Params&) {
    Response res;
    res.body = big_page();
    return res;
  });
  r.get("/info", [](const Request& req, const Params&) {
    return Response::text(
        200, req.remote_addr + "|" + req.path + "|" + req.query_param("q").value_or("-"));
  });
  r.get("/boom",
        [](const Request&, const Params&) -> Response { throw std::runtime_error("hỏng"); });
  r.get("/slow", [](const Request&, const Params&) {
    std::this_thread::sleep_for(600ms);
    return Response::text(200, "xong");
  });
  r.post("/echo", [](const Request& req, const Params&) { return Response::text(200, req.body); });
  // Larger than a loopback socket's send buffer: the answer cannot go out in one send.
  r.get("/huge", [](const Request&, const Params&) {
    Response res;
    res.content_type = "application/octet-stream";
    res.body = huge_body();
    return res;
  });
  return r;
}

class ServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions opt = {}) {
    opt.port = 0;
    opt.threads = 2;
    server_ = std::make_unique<Server>(std::move(opt), router_.handler());
    Status st = server_->start();
    ASSERT_TRUE(st.ok()) << st.error().message;
    port_ = server_->port();
    ASSERT_NE(port_, 0);
    thread_ = std::thread([this] { server_->run(); });
  }
  void stop() {
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }
  void TearDown() override { stop(); }

  ServerOptions quiet() {
    ServerOptions o;
    o.access_log = false;
    return o;
  }

  Router router_ = test_routes();
  std::unique_ptr<Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
};

TEST_F(ServerTest, GetWithStandardHeaders) {
  start();  // access log on: exercises the "access" logger
  auto r = fetch(port_, "GET", "/hello");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "xin chào");
  EXPECT_EQ(r->header("server"), "congtin");
  EXPECT_EQ(r->header("date").size(), 29u);
  EXPECT_EQ(r->header("content-length"), std::to_string(r->body.size()));
  EXPECT_EQ(r->header("x-content-type-options"), "nosniff");
  EXPECT_EQ(r->header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(fetch(port_, "GET", "/nowhere")->status, 404);
}

TEST_F(ServerTest, RequestCarriesRemoteAddressDecodedPathAndQuery) {
  start(quiet());
  auto r = fetch(port_, "GET", "/info?q=ngo%E1%BA%A1i+v%E1%BB%A5");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "127.0.0.1|/info|ngoại vụ");
}

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  start(quiet());
  Connection c(port_);
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto a = c.read();
  ASSERT_TRUE(c.send("GET /info?q=2 HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto b = c.read();
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->body, "xin chào");
  EXPECT_EQ(b->body, "127.0.0.1|/info|2");
  EXPECT_FALSE(a->has_header("connection"));
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  start(quiet());
  Connection c(port_);
  ASSERT_TRUE(
      c.send("GET /info?q=1 HTTP/1.1\r\nHost: t\r\n\r\n"
             "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"
             "GET /info?q=3 HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto a = c.read(), b = c.read(), d = c.read();
  ASSERT_TRUE(a && b && d);
  EXPECT_EQ(a->body, "127.0.0.1|/info|1");
  EXPECT_EQ(b->body, "xin chào");
  EXPECT_EQ(d->body, "127.0.0.1|/info|3");
}

TEST_F(ServerTest, ManyPipelinedRequestsAreAnsweredInOrder) {
  start(quiet());
  Connection c(port_);
  std::string all;
  for (int i = 0; i < 300; ++i)
    all += "GET /info?q=" + std::to_string(i) + " HTTP/1.1\r\nHost: t\r\n\r\n";
  ASSERT_TRUE(c.send(all));
  for (int i = 0; i < 300; ++i) {
    auto r = c.read();
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->body, "127.0.0.1|/info|" + std::to_string(i));
  }
}

// Any free thread serves any connection: with two threads, one handler sleeping holds up its
// own connection only. (Connections pinned to a thread each, round-robin, put every second
// new connection behind the sleeping handler.)
TEST_F(ServerTest, SlowHandlerHoldsUpOnlyItsOwnConnection) {
  start(quiet());
  Connection slow(port_);
  ASSERT_TRUE(slow.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::this_thread::sleep_for(100ms);  // the handler is now sleeping (600 ms)
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 4; ++i) {
    auto r = fetch(port_, "GET", "/hello");
    ASSERT_TRUE(r) << i;
    EXPECT_EQ(r->body, "xin chào");
  }
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 300ms);
  auto r = slow.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "xong");
}

// The first send takes what the socket buffer holds; the rest follows as the client reads.
TEST_F(ServerTest, AnswerLargerThanTheSocketBufferArrivesWhole) {
  start(quiet());
  Connection c(port_, 10s);
  ASSERT_TRUE(c.send("GET /huge HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::this_thread::sleep_for(200ms);  // a reader slower than the writer
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(r->body == huge_body()) << r->body.size();
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"));  // still in step
  auto next = c.read();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "xin chào");
}

TEST_F(ServerTest, Http10WithoutKeepAliveCloses) {
  start(quiet());
  Connection c(port_);
  ASSERT_TRUE(c.send("GET /hello HTTP/1.0\r\n\r\n"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "xin chào");
  EXPECT_TRUE(c.closed_within(2s));
}

TEST_F(ServerTest, HeadHasGetHeadersAndNoBody) {
  start(quiet());
  auto get = fetch(port_, "GET", "/big");
  ASSERT_TRUE(get);
  Connection c(port_);
  ASSERT_TRUE(c.send("HEAD /big HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto head = c.read(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("content-length"), std::to_string(get->body.size()));
  EXPECT_EQ(head->header("etag"), get->header("etag"));
  EXPECT_TRUE(head->body.empty());
  // Had any body bytes followed, this next response would not parse.
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto next = c.read();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "xin chào");
}

TEST_F(ServerTest, EtagGives304) {
  start(quiet());
  auto first = fetch(port_, "GET", "/hello");
  ASSERT_TRUE(first);
  std::string etag = first->header("etag");
  ASSERT_FALSE(etag.empty());
  auto again = fetch(port_, "GET", "/hello", "If-None-Match: " + etag + "\r\n");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 304);
  EXPECT_TRUE(again->body.empty());
  EXPECT_EQ(again->header("etag"), etag);
  EXPECT_EQ(fetch(port_, "GET", "/hello", "If-None-Match: \"x\", W/" + etag + "\r\n")->status, 304);
  EXPECT_EQ(fetch(port_, "GET", "/hello", "If-None-Match: \"other\"\r\n")->status, 200);
}

TEST_F(ServerTest, GzipForClientsThatAcceptIt) {
  start(quiet());
  auto z = fetch(port_, "GET", "/big", "Accept-Encoding: gzip, deflate\r\n");
  ASSERT_TRUE(z);
  EXPECT_EQ(z->header("content-encoding"), "gzip");
  EXPECT_EQ(z->header("vary"), "Accept-Encoding");
  EXPECT_LT(z->body.size(), big_page().size());
  EXPECT_EQ(testing::gunzip(z->body), big_page());

  auto plain = fetch(port_, "GET", "/big");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->has_header("content-encoding"));
  EXPECT_EQ(plain->header("vary"), "Accept-Encoding");
  EXPECT_EQ(plain->body, big_page());
  EXPECT_NE(plain->header("etag"), z->header("etag"));

  // Each variant revalidates with its own tag.
  EXPECT_EQ(fetch(port_, "GET", "/big",
                  "Accept-Encoding: gzip\r\nIf-None-Match: " + z->header("etag") + "\r\n")
                ->status,
            304);
  EXPECT_EQ(fetch(port_, "GET", "/big", "If-None-Match: " + plain->header("etag") + "\r\n")->status,
            304);
  // Small bodies are not worth compressing.
  EXPECT_FALSE(
      fetch(port_, "GET", "/hello", "Accept-Encoding: gzip\r\n")->has_header("content-encoding"));
}

TEST_F(ServerTest, PostBody) {
  start(quiet());
  Connection c(port_);
  std::string body = "Hà Nội";
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: " +
                     std::to_string(body.size()) + "\r\n\r\n" + body));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "Hà Nội");
}

TEST_F(ServerTest, BodyTooLargeGives413AndCloses) {
  ServerOptions o = quiet();
  o.max_body_bytes = 1024;
  start(o);
  Connection c(port_);
  ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n" +
                     std::string(5000, 'x')));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(c.closed_within(3s));
}

TEST_F(ServerTest, HeaderTooLargeGives431AndCloses) {
  ServerOptions o = quiet();
  o.max_header_bytes = 4096;
  start(o);
  Connection c(port_);
  ASSERT_TRUE(
      c.send("GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(8000, 'a') + "\r\n\r\n"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 431);
  EXPECT_TRUE(c.closed_within(3s));
}

TEST_F(ServerTest, MalformedRequestsGive400AndClose) {
  start(quiet());
  for (std::string bad : {"GARBAGE\r\n\r\n", "GET /a%00b HTTP/1.1\r\nHost: t\r\n\r\n",
                          "GET /%zz HTTP/1.1\r\nHost: t\r\n\r\n",
                          "GET http://example.com/ HTTP/1.1\r\nHost: t\r\n\r\n",
                          "GET / HTTP/9.9\r\nHost: t\r\n\r\n"}) {
    Connection c(port_);
    ASSERT_TRUE(c.send(bad));
    auto r = c.read();
    ASSERT_TRUE(r) << bad;
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_TRUE(c.closed_within(3s)) << bad;
  }
}

TEST_F(ServerTest, SlowClientIsDisconnected) {
  ServerOptions o = quiet();
  o.read_timeout = 1s;
  start(o);
  Connection c(port_);
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: t\r\n"));  // never finished
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(c.closed_within(4s));
  EXPECT_GE(std::chrono::steady_clock::now() - t0, 800ms);
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
  ServerOptions o = quiet();
  o.idle_timeout = 1s;
  start(o);
  Connection c(port_);
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(c.read());
  EXPECT_TRUE(c.closed_within(4s));
}

TEST_F(ServerTest, HandlerExceptionGives500AndServerGoesOn) {
  start(quiet());
  Connection c(port_);
  ASSERT_TRUE(c.send("GET /boom HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto r = c.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 500);
  EXPECT_EQ(r->body, "Lỗi máy chủ");
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto next = c.read();
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 200);
  EXPECT_EQ(fetch(port_, "GET", "/hello")->status, 200);
}

TEST_F(ServerTest, GracefulStopFinishesInFlightAndClosesIdle) {
  start(quiet());
  Connection idle(port_);
  ASSERT_TRUE(idle.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(idle.read());
  Connection busy(port_);
  ASSERT_TRUE(busy.send("GET /slow HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::this_thread::sleep_for(150ms);  // the handler is now sleeping
  server_->stop();
  auto r = busy.read();
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->body, "xong");
  EXPECT_EQ(r->header("connection"), "close");
  EXPECT_TRUE(busy.closed_within(2s));
  EXPECT_TRUE(idle.closed_within(2s));
  thread_.join();  // run() returned
  EXPECT_FALSE(Connection(port_).connected());
}

TEST_F(ServerTest, ConnectionsBeyondTheLimitAreClosed) {
  ServerOptions o = quiet();
  o.max_connections = 1;
  start(o);
  Connection first(port_);
  ASSERT_TRUE(first.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(first.read());
  Connection second(port_);
  EXPECT_TRUE(second.closed_within(2s));
  ASSERT_TRUE(first.send("GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_TRUE(first.read());
}

TEST_F(ServerTest, SecondServerOnTheSamePortIsUnavailable) {
  start(quiet());
  ServerOptions o = quiet();
  o.port = port_;
  Server second(o, router_.handler());
  Status st = second.start();
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().kind, ErrorKind::kUnavailable);
  EXPECT_NE(st.error().message.find("cannot listen on 127.0.0.1:" + std::to_string(port_)),
            std::string::npos)
      << st.error().message;
  EXPECT_EQ(fetch(port_, "GET", "/hello")->status, 200);  // the first one is unharmed
}

TEST(ServerSignal, SigtermStopsRunUntilSignal) {
  Router router = test_routes();
  ServerOptions o;
  o.port = 0;
  o.threads = 1;
  o.access_log = false;
  Server server(o, router.handler());
  ASSERT_TRUE(server.start().ok());
  Status result = Error::internal("not returned");
  std::thread t([&] { result = server.run_until_signal(); });
  // A served request proves run() is going, so the signal handler is in place.
  std::optional<testing::ClientResponse> r;
  for (int i = 0; i < 50 && !r; ++i) {
    r = fetch(server.port(), "GET", "/hello");
    if (!r) std::this_thread::sleep_for(20ms);
  }
  ASSERT_TRUE(r);
  ::kill(::getpid(), SIGTERM);
  t.join();
  EXPECT_TRUE(result.ok());
}

}  // namespace
}  // namespace congtin::http
