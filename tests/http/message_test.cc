#include "http/message.h"

#include <gtest/gtest.h>

namespace congtin::http {
namespace {

TEST(Request, HeaderIsCaseInsensitiveAndFirstWins) {
  Request req;
  req.headers = {{"Content-Type", "text/html"}, {"accept", "a"}, {"ACCEPT", "b"}};
  EXPECT_EQ(req.header("content-type"), "text/html");
  EXPECT_EQ(req.header("Accept"), "a");
  EXPECT_EQ(req.header("X-Missing"), "");
}

struct QueryCase {
  const char* query;
  const char* name;
  std::optional<std::string> want;
};

class QueryParam : public ::testing::TestWithParam<QueryCase> {};

TEST_P(QueryParam, Decodes) {
  Request req;
  req.query = GetParam().query;
  EXPECT_EQ(req.query_param(GetParam().name), GetParam().want) << GetParam().query;
}

INSTANTIATE_TEST_SUITE_P(
    Table, QueryParam,
    ::testing::Values(QueryCase{"page=2", "page", "2"},
                      QueryCase{"q=ngo%E1%BA%A1i+v%E1%BB%A5&page=2", "q", "ngoại vụ"},
                      QueryCase{"q=%C4%90%E1%BB%93ng%20%C4%90%C4%83ng", "q", "Đồng Đăng"},
                      QueryCase{"q=a%2Bb", "q", "a+b"},  // an encoded plus stays a plus
                      QueryCase{"empty=&x=1", "empty", ""}, QueryCase{"flag&x=1", "flag", ""},
                      QueryCase{"x=1&x=2", "x", "1"},
                      QueryCase{"t%E1%BB%AB+kh%C3%B3a=1", "từ khóa", "1"},  // keys are decoded too
                      QueryCase{"x=1", "y", std::nullopt}, QueryCase{"", "x", std::nullopt},
                      QueryCase{"x=%zz", "x", std::nullopt}));  // malformed query: no parameters

TEST(Response, Factories) {
  Response t = Response::text(404, "Không tìm thấy");
  EXPECT_EQ(t.status, 404);
  EXPECT_EQ(t.content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(t.body, "Không tìm thấy");

  Response j = Response::json(201, R"({"ok":true})");
  EXPECT_EQ(j.status, 201);
  EXPECT_EQ(j.content_type, "application/json; charset=utf-8");

  Response r = Response::redirect(303, "/quan-tri");
  EXPECT_EQ(r.status, 303);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Location");
  EXPECT_EQ(r.headers[0].second, "/quan-tri");
}

}  // namespace
}  // namespace congtin::http
