// The page cache behind a real http::Server: what a client on 127.0.0.1 sees.
#include <brotli/decode.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "../http/test_client.h"
#include "cache/cached_handler.h"
#include "http/server.h"

namespace congtin::cache {
namespace {

using http::testing::fetch;
using http::testing::gunzip;

std::string article_body() {
  std::string s = "<!doctype html><html lang=\"vi\"><body><h1>Đoàn công tác</h1>";
  for (int i = 0; i < 200; ++i) s += "<p>Sở Ngoại vụ tỉnh Lạc Hồng làm việc tại cửa khẩu.</p>";
  return s + "</body></html>";
}

std::optional<std::string> unbrotli(const std::string& data) {
  std::string out(1 << 20, '\0');
  std::size_t size = out.size();
  if (BrotliDecoderDecompress(data.size(), reinterpret_cast<const std::uint8_t*>(data.data()),
                              &size, reinterpret_cast<std::uint8_t*>(out.data())) !=
      BROTLI_DECODER_RESULT_SUCCESS)
    return std::nullopt;
  out.resize(size);
  return out;
}

class CacheServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    http::ServerOptions o;
    o.port = 0;
    o.threads = 2;
    o.access_log = false;
    server_ = std::make_unique<http::Server>(o, cached(cache_, [this](const http::Request& r) {
                                               ++renders_;
                                               http::Response res;
                                               res.status = r.path == "/tin-tuc/a" ? 200 : 404;
                                               res.body = article_body();
                                               return res;
                                             }));
    ASSERT_TRUE(server_->start().ok());
    port_ = server_->port();
    thread_ = std::thread([this] { server_->run(); });
  }
  void TearDown() override {
    server_->stop();
    thread_.join();
  }

  PageCache cache_;
  std::atomic<int> renders_{0};
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  std::uint16_t port_ = 0;
};

TEST_F(CacheServerTest, EveryVariantFromOneRender) {
  auto identity = fetch(port_, "GET", "/tin-tuc/a");
  auto gz = fetch(port_, "GET", "/tin-tuc/a", "Accept-Encoding: gzip\r\n");
  auto br = fetch(port_, "GET", "/tin-tuc/a", "Accept-Encoding: gzip, deflate, br\r\n");
  ASSERT_TRUE(identity && gz && br);
  EXPECT_EQ(renders_, 1);

  EXPECT_EQ(identity->body, article_body());
  EXPECT_FALSE(identity->has_header("content-encoding"));
  EXPECT_EQ(gz->header("content-encoding"), "gzip");
  EXPECT_EQ(gunzip(gz->body), article_body());
  EXPECT_EQ(br->header("content-encoding"), "br");
  EXPECT_EQ(unbrotli(br->body), article_body());
  EXPECT_LT(br->body.size(), gz->body.size());
  for (const auto* r : {&*identity, &*gz, &*br}) EXPECT_EQ(r->header("vary"), "Accept-Encoding");

  // Three variants, three validators, each answering 304 for its own variant only.
  std::string e = identity->header("etag"), egz = gz->header("etag"), ebr = br->header("etag");
  EXPECT_NE(e, egz);
  EXPECT_NE(e, ebr);
  EXPECT_NE(egz, ebr);
  auto not_modified = fetch(port_, "GET", "/tin-tuc/a", "Accept-Encoding: br\r\nIf-None-Match: " + ebr + "\r\n");
  ASSERT_TRUE(not_modified);
  EXPECT_EQ(not_modified->status, 304);
  auto changed = fetch(port_, "GET", "/tin-tuc/a", "If-None-Match: " + ebr + "\r\n");
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->status, 200);
  EXPECT_EQ(renders_, 1);
}

TEST_F(CacheServerTest, HeadMatchesGetWithoutBody) {
  auto get = fetch(port_, "GET", "/tin-tuc/a", "Accept-Encoding: gzip\r\n");
  auto head = fetch(port_, "HEAD", "/tin-tuc/a", "Accept-Encoding: gzip\r\n");
  ASSERT_TRUE(get && head);
  EXPECT_EQ(head->status, 200);
  EXPECT_TRUE(head->body.empty());
  EXPECT_EQ(head->header("content-length"), get->header("content-length"));
  EXPECT_EQ(head->header("etag"), get->header("etag"));
  EXPECT_EQ(renders_, 1);
}

TEST_F(CacheServerTest, NotFoundPagesAreCachedToo) {
  auto a = fetch(port_, "GET", "/khong-co");
  auto b = fetch(port_, "GET", "/khong-co");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->status, 404);
  EXPECT_EQ(b->status, 404);
  EXPECT_EQ(b->body, article_body());
  EXPECT_EQ(renders_, 1);
}

}  // namespace
}  // namespace congtin::cache
