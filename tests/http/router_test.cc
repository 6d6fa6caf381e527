#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace congtin::http {
namespace {

RouteHandler says(std::string what) {
  return [what](const Request&, const Params&) { return Response::text(200, what); };
}

RouteHandler echoes(std::string prefix, std::string param) {
  return [prefix, param](const Request&, const Params& p) {
    return Response::text(200, prefix + std::string(p.get(param)));
  };
}

Router portal_routes() {
  Router r;
  r.get("/", says("home"));
  r.get("/tin-tuc", says("list"));
  r.get("/tin-tuc/{slug}", echoes("article:", "slug"));
  r.get("/tin-tuc/moi-nhat", says("latest"));
  r.post("/tin-tuc/{id}", echoes("post:", "id"));
  r.get("/static/{path...}", echoes("static:", "path"));
  r.get("/a/{x}/c", echoes("axc:", "x"));
  r.get("/a/b/d", says("abd"));
  r.get("/chuyen-muc/{cat}/{slug}", [](const Request&, const Params& p) {
    return Response::text(200,
                          "cat:" + std::string(p.get("cat")) + "/" + std::string(p.get("slug")));
  });
  return r;
}

Request make(std::string method, std::string target) {
  Request req;
  req.method = std::move(method);
  req.target = std::move(target);
  req.path = req.target.substr(0, req.target.find('?'));
  return req;
}

struct Case {
  const char* method;
  const char* target;
  int status;
  const char* body;   // checked when status is 200
  const char* allow;  // checked when status is 405
};

class RouterTable : public ::testing::TestWithParam<Case> {};

TEST_P(RouterTable, Dispatches) {
  static const Router router = portal_routes();
  const Case& c = GetParam();
  Response res = router.dispatch(make(c.method, c.target));
  EXPECT_EQ(res.status, c.status) << c.method << " " << c.target;
  if (c.status == 200) {
    EXPECT_EQ(res.body, c.body) << c.target;
  }
  if (c.status == 405) {
    std::string allow;
    for (const auto& [n, v] : res.headers)
      if (n == "Allow") allow = v;
    EXPECT_EQ(allow, c.allow);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Portal, RouterTable,
    ::testing::Values(
        Case{"GET", "/", 200, "home", ""}, Case{"GET", "/tin-tuc", 200, "list", ""},
        Case{"GET", "/tin-tuc/", 301, "", ""},  // an empty segment is no slug; "/tin-tuc" is a route
        Case{"GET", "/tin-tuc/moi-nhat", 200, "latest", ""},  // literal beats placeholder
        Case{"GET", "/tin-tuc/ngoai-vu-2024", 200, "article:ngoai-vu-2024", ""},
        Case{"GET", "/tin-tuc/Ngo%E1%BA%A1i%20v%E1%BB%A5", 200, "article:Ngoại vụ", ""},
        Case{"GET", "/tin-tuc/a%2Fb", 200, "article:a/b", ""},  // %2F stays in its segment
        Case{"GET", "/tin-tuc/x?page=2", 200, "article:x", ""},
        Case{"HEAD", "/tin-tuc/x", 200, "article:x", ""},  // HEAD goes to GET
        Case{"POST", "/tin-tuc/42", 200, "post:42", ""},
        Case{"DELETE", "/tin-tuc/42", 405, "", "GET, HEAD, POST"},
        Case{"POST", "/tin-tuc", 405, "", "GET, HEAD"},
        Case{"GET", "/static/css/site.css", 200, "static:css/site.css", ""},
        Case{"GET", "/static/a%2Fb/c%20d.png", 200, "static:a/b/c d.png", ""},
        Case{"GET", "/static/", 404, "", ""}, Case{"GET", "/static", 404, "", ""},
        Case{"GET", "/a/b/c", 200, "axc:b", ""},  // backtracks from the literal "b"
        Case{"GET", "/a/b/d", 200, "abd", ""}, Case{"GET", "/a/z/c", 200, "axc:z", ""},
        Case{"GET", "/chuyen-muc/kinh-te/bai-1", 200, "cat:kinh-te/bai-1", ""},
        Case{"GET", "/chuyen-muc/kinh-te", 404, "", ""}, Case{"GET", "/khong-co", 404, "", ""},
        Case{"GET", "/tin-tuc/x/y", 404, "", ""}));

TEST(Router, DefaultNotFoundIsPlain404) {
  Router r;
  Response res = r.dispatch(make("GET", "/x"));
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ(res.content_type, "text/plain; charset=utf-8");
}

TEST(Router, CustomNotFound) {
  Router r;
  r.set_not_found([](const Request& req, const Params&) {
    return Response::text(404, "Không có trang " + req.path);
  });
  EXPECT_EQ(r.dispatch(make("GET", "/trang-cu")).body, "Không có trang /trang-cu");
}

TEST(Router, TrailingSlashRedirectsWithoutIt) {
  Router r;
  r.get("/admin", [](const Request&, const Params&) { return Response::text(200, "admin"); });
  EXPECT_EQ(r.dispatch(make("GET", "/admin")).body, "admin");
  auto location = [](const Response& res) {
    for (const auto& [k, v] : res.headers)
      if (k == "Location") return v;
    return std::string();
  };
  Response res = r.dispatch(make("GET", "/admin/?a=1"));
  EXPECT_EQ(res.status, 301);
  EXPECT_EQ(location(res), "/admin?a=1");
  // Only GET and HEAD; never towards another host; the root stays the root.
  EXPECT_EQ(r.dispatch(make("POST", "/admin/")).status, 404);
  EXPECT_EQ(r.dispatch(make("GET", "//evil.example/")).status, 404);
  EXPECT_EQ(r.dispatch(make("GET", "/a//")).status, 404);
  EXPECT_EQ(r.dispatch(make("GET", "/")).status, 404);
  EXPECT_EQ(r.dispatch(make("GET", "/khong-co/")).status, 404);  // no route without the slash
}

TEST(Router, PathOnlyRequestIsMatchedAsDecoded) {
  Router r;
  r.get("/tin-tuc/{slug}", echoes("", "slug"));
  Request req;
  req.method = "GET";
  req.path = "/tin-tuc/100%";  // already decoded: no second decoding
  EXPECT_EQ(r.dispatch(req).body, "100%");
}

TEST(Router, HandlerDispatches) {
  Router r;
  r.get("/", says("home"));
  Handler h = r.handler();
  EXPECT_EQ(h(make("GET", "/")).body, "home");
}

TEST(Router, ExplicitHeadRouteWinsOverGet) {
  Router r;
  r.get("/x", says("get"));
  r.add("HEAD", "/x", says("head"));
  EXPECT_EQ(r.dispatch(make("HEAD", "/x")).body, "head");
}

TEST(Router, MethodMatchPrefersAnotherRouteOverA405) {
  Router r;
  r.post("/a/b", says("post-ab"));
  r.get("/a/{x}", echoes("get:", "x"));
  EXPECT_EQ(r.dispatch(make("GET", "/a/b")).body, "get:b");
  EXPECT_EQ(r.dispatch(make("POST", "/a/b")).body, "post-ab");
}

TEST(Router, BadPatternsThrow) {
  Router r;
  EXPECT_THROW(r.get("tin-tuc", says("")), std::invalid_argument);
  EXPECT_THROW(r.get("/static/{p...}/x", says("")), std::invalid_argument);
  EXPECT_THROW(r.get("/{}", says("")), std::invalid_argument);
}

TEST(Router, MovedRouterStillDispatches) {
  Router a;
  a.get("/", says("home"));
  Router b = std::move(a);
  EXPECT_EQ(b.dispatch(make("GET", "/")).body, "home");
}

}  // namespace
}  // namespace congtin::http
