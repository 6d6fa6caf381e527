#include "http/wire.h"

#include <gtest/gtest.h>

#include "test_client.h"

namespace congtin::http::wire {
namespace {

struct MatchCase {
  const char* if_none_match;
  const char* etag;
  bool want;
};

class EtagMatch : public ::testing::TestWithParam<MatchCase> {};

TEST_P(EtagMatch, Weakly) {
  const MatchCase& c = GetParam();
  EXPECT_EQ(etag_matches(c.if_none_match, c.etag), c.want) << c.if_none_match;
}

INSTANTIATE_TEST_SUITE_P(
    Table, EtagMatch,
    ::testing::Values(MatchCase{"\"a\"", "\"a\"", true}, MatchCase{"\"b\"", "\"a\"", false},
                      MatchCase{"W/\"a\"", "\"a\"", true}, MatchCase{"\"a\"", "W/\"a\"", true},
                      MatchCase{"\"x\", \"a\"", "\"a\"", true},
                      MatchCase{"\"x\",W/\"a\" ", "\"a\"", true}, MatchCase{"*", "\"a\"", true},
                      MatchCase{"", "\"a\"", false}, MatchCase{"\"a\"", "\"a-gz\"", false},
                      MatchCase{"\"a-gz\"", "\"a-gz\"", true}));

struct GzipCase {
  const char* accept_encoding;
  bool want;
};

class AcceptsGzip : public ::testing::TestWithParam<GzipCase> {};

TEST_P(AcceptsGzip, ReadsQValues) {
  EXPECT_EQ(accepts_gzip(GetParam().accept_encoding), GetParam().want)
      << GetParam().accept_encoding;
}

INSTANTIATE_TEST_SUITE_P(Table, AcceptsGzip,
                         ::testing::Values(GzipCase{"gzip, deflate, br", true},
                                           GzipCase{"br;q=1.0, gzip;q=0.8", true},
                                           GzipCase{"GZIP", true}, GzipCase{"x-gzip", true},
                                           GzipCase{"gzip;q=0", false}, GzipCase{"*", true},
                                           GzipCase{"*;q=0", false}, GzipCase{"*, gzip;q=0", false},
                                           GzipCase{"identity", false}, GzipCase{"", false}));

TEST(Wire, Compressible) {
  EXPECT_TRUE(is_compressible("text/html; charset=utf-8"));
  EXPECT_TRUE(is_compressible("application/json; charset=utf-8"));
  EXPECT_TRUE(is_compressible("image/svg+xml"));
  EXPECT_TRUE(is_compressible("application/rss+xml"));
  EXPECT_FALSE(is_compressible("image/png"));
  EXPECT_FALSE(is_compressible("application/octet-stream"));
}

TEST(Wire, GzipRoundTrip) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "Sở Ngoại vụ tỉnh Lạng Sơn. ";
  auto z = gzip(text);
  ASSERT_TRUE(z);
  EXPECT_LT(z->size(), text.size() / 4);
  EXPECT_EQ(testing::gunzip(*z), text);
}

TEST(Wire, EtagsAreQuotedAndGzipVariantDiffers) {
  std::string e = strong_etag("xin chào");
  EXPECT_EQ(e.front(), '"');
  EXPECT_EQ(e.back(), '"');
  EXPECT_NE(e, strong_etag("xin chao"));
  EXPECT_EQ(gzip_etag("\"abc\""), "\"abc-gz\"");
  EXPECT_EQ(gzip_etag("W/\"abc\""), "W/\"abc-gz\"");
}

TEST(Wire, HttpDateRoundTrip) {
  EXPECT_EQ(http_date(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_FALSE(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"));
  EXPECT_FALSE(parse_http_date(""));
  EXPECT_EQ(http_date_now().size(), 29u);
}

Request get(std::string method = "GET") {
  Request r;
  r.method = std::move(method);
  r.target = r.path = "/";
  return r;
}

TEST(Prepare, HeadKeepsContentLengthAndSendsNoBody) {
  Response res = Response::text(200, "xin chào");
  std::string head;
  Prepared p = prepare(get("HEAD"), res, 1, true, head);
  EXPECT_TRUE(p.body.empty());
  EXPECT_EQ(p.content_length, std::string("xin chào").size());
  EXPECT_NE(head.find("Content-Length: 9\r\n"), std::string::npos) << head;
  EXPECT_NE(head.find("ETag: \""), std::string::npos);
  EXPECT_NE(head.find("Server: congtin\r\n"), std::string::npos);
  EXPECT_NE(head.find("X-Content-Type-Options: nosniff\r\n"), std::string::npos);
  EXPECT_EQ(head.find("Connection:"), std::string::npos);
  EXPECT_TRUE(head.ends_with("\r\n\r\n"));
}

TEST(Prepare, IfNoneMatchGives304WithoutBody) {
  Response res = Response::text(200, "abc");
  Request req = get();
  req.headers = {{"If-None-Match", strong_etag("abc")}};
  std::string head;
  Prepared p = prepare(req, res, 1, true, head);
  EXPECT_EQ(res.status, 304);
  EXPECT_TRUE(p.body.empty());
  EXPECT_TRUE(head.starts_with("HTTP/1.1 304 Not Modified\r\n")) << head;
  EXPECT_EQ(head.find("Content-Length"), std::string::npos);
}

TEST(Prepare, NoEtagOrConditionalOnPostOrErrors) {
  Response res = Response::text(200, "abc");
  Request req = get("POST");
  req.headers = {{"If-None-Match", "*"}};
  std::string head;
  prepare(req, res, 1, true, head);
  EXPECT_EQ(res.status, 200);
  EXPECT_EQ(head.find("ETag"), std::string::npos);
}

TEST(Prepare, GzipVariantHasItsOwnEtagAndVary) {
  std::string body(4000, 'a');
  Response res = Response::text(200, body);
  Request req = get();
  req.headers = {{"Accept-Encoding", "gzip"}};
  std::string head;
  Prepared p = prepare(req, res, 1, true, head);
  ASSERT_TRUE(res.gzip_body);
  EXPECT_EQ(testing::gunzip(p.body), body);
  EXPECT_EQ(res.etag, gzip_etag(strong_etag(body)));
  EXPECT_NE(head.find("Content-Encoding: gzip\r\n"), std::string::npos);
  EXPECT_NE(head.find("Vary: Accept-Encoding\r\n"), std::string::npos);

  // Without gzip: identity bytes, identity tag, still Vary.
  Response plain = Response::text(200, body);
  Prepared q = prepare(get(), plain, 1, true, head);
  EXPECT_EQ(q.body, body);
  EXPECT_EQ(plain.etag, strong_etag(body));
  EXPECT_NE(head.find("Vary: Accept-Encoding\r\n"), std::string::npos);
  EXPECT_EQ(head.find("Content-Encoding"), std::string::npos);
}

TEST(Prepare, UsesTheGivenGzipBody) {
  std::string body(2000, 'b');
  Response res = Response::text(200, body);
  res.gzip_body = std::make_shared<const std::string>(*gzip(body));
  const std::string* given = res.gzip_body.get();
  Request req = get();
  req.headers = {{"Accept-Encoding", "gzip"}};
  std::string head;
  Prepared p = prepare(req, res, 1, true, head);
  EXPECT_EQ(p.body.data(), given->data());
}

TEST(Prepare, ConnectionHeadersAndResponseSplitting) {
  Response res = Response::text(200, "x");
  res.header("X-Evil", "a\r\nSet-Cookie: b").header("Content-Length", "99").header("X-Ok", "1");
  std::string head;
  prepare(get(), res, 1, false, head);
  EXPECT_NE(head.find("Connection: close\r\n"), std::string::npos);
  EXPECT_EQ(head.find("Set-Cookie"), std::string::npos);
  EXPECT_EQ(head.find("99"), std::string::npos);
  EXPECT_NE(head.find("X-Ok: 1\r\n"), std::string::npos);

  prepare(get(), res, 0, true, head);
  EXPECT_TRUE(head.starts_with("HTTP/1.0 200 OK\r\n"));
  EXPECT_NE(head.find("Connection: keep-alive\r\n"), std::string::npos);
}

}  // namespace
}  // namespace congtin::http::wire
