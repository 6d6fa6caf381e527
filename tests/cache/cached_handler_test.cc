#include "cache/cached_handler.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace congtin::cache {
namespace {

http::Request request(std::string method, std::string path, std::string query = "") {
  http::Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.query = std::move(query);
  r.target = r.path + (r.query.empty() ? "" : "?" + r.query);
  return r;
}

// A handler that counts its calls and answers what the test arranged.
struct Inner {
  std::atomic<int> calls{0};
  std::function<http::Response(const http::Request&)> answer = [](const http::Request& req) {
    http::Response r;
    r.body = "<p>Trang " + req.path + " — Sở Ngoại vụ</p>";
    r.cache_tags = {"article:1"};
    return r;
  };
  http::Handler handler() {
    return [this](const http::Request& req) {
      ++calls;
      return answer(req);
    };
  }
};

TEST(CachedHandler, SecondGetIsAHit) {
  PageCache cache;
  Inner inner;
  auto h = cached(cache, inner.handler());
  auto a = h(request("GET", "/tin-tuc/a"));
  auto b = h(request("GET", "/tin-tuc/a"));
  EXPECT_EQ(inner.calls, 1);
  EXPECT_EQ(a.identity_body(), b.identity_body());
  EXPECT_EQ(a.etag, b.etag);
  EXPECT_EQ(a.shared_body.get(), b.shared_body.get());
}

TEST(CachedHandler, QueryOrderSharesAnEntry) {
  PageCache cache;
  Inner inner;
  auto h = cached(cache, inner.handler());
  h(request("GET", "/chuyen-muc/x", "trang=2&a=1"));
  h(request("GET", "/chuyen-muc/x", "a=1&trang=2"));
  h(request("GET", "/chuyen-muc/x", "trang=3"));
  EXPECT_EQ(inner.calls, 2);
}

TEST(CachedHandler, HeadIsServedFromAndFillsTheSameEntry) {
  PageCache cache;
  Inner inner;
  std::string seen_method;
  inner.answer = [&](const http::Request& req) {
    seen_method = req.method;
    http::Response r;
    r.body = "trang";
    return r;
  };
  auto h = cached(cache, inner.handler());
  auto head = h(request("HEAD", "/a"));
  EXPECT_EQ(seen_method, "GET");  // the stored entry must have its body
  EXPECT_EQ(head.identity_body(), "trang");
  auto get = h(request("GET", "/a"));
  EXPECT_EQ(get.identity_body(), "trang");
  EXPECT_EQ(inner.calls, 1);
}

TEST(CachedHandler, StoresOnlyStorableAnswers) {
  struct Case {
    std::string name;
    std::function<void(http::Response&)> change;
    bool stored;
  } cases[] = {
      {"200", [](http::Response&) {}, true},
      {"301", [](http::Response& r) { r.status = 301; }, true},
      {"404", [](http::Response& r) { r.status = 404; }, true},
      {"500", [](http::Response& r) { r.status = 500; }, false},
      {"503", [](http::Response& r) { r.status = 503; }, false},
      {"302", [](http::Response& r) { r.status = 302; }, false},
      {"marked", [](http::Response& r) { r.cacheable = false; }, false},
      {"no-store", [](http::Response& r) { r.header("Cache-Control", "no-store"); }, false},
      {"private", [](http::Response& r) { r.header("cache-control", "max-age=0, private"); },
       false},
      {"public", [](http::Response& r) { r.header("Cache-Control", "public, max-age=60"); },
       true},
      {"cookie", [](http::Response& r) { r.header("Set-Cookie", "a=b"); }, false},
  };
  for (const auto& c : cases) {
    PageCache cache;
    Inner inner;
    inner.answer = [&](const http::Request&) {
      http::Response r;
      r.body = "x";
      c.change(r);
      return r;
    };
    auto h = cached(cache, inner.handler());
    h(request("GET", "/a"));
    h(request("GET", "/a"));
    EXPECT_EQ(inner.calls, c.stored ? 1 : 2) << c.name;
  }
}

TEST(CachedHandler, BypassesPrivatePathsMethodsAndAuthorization) {
  PageCache cache;
  Inner inner;
  auto h = cached(cache, inner.handler());
  for (const char* path : {"/healthz", "/admin", "/admin/bai-viet", "/static/site.css",
                           "/media/ab/anh.jpg", "/api/v1/stats/block"}) {
    inner.calls = 0;
    h(request("GET", path));
    h(request("GET", path));
    EXPECT_EQ(inner.calls, 2) << path;
  }
  inner.calls = 0;
  h(request("POST", "/tin-tuc/a"));
  h(request("POST", "/tin-tuc/a"));
  EXPECT_EQ(inner.calls, 2);
  EXPECT_EQ(cache.stats().entries, 0u);

  inner.calls = 0;
  auto req = request("GET", "/tin-tuc/a");
  req.headers.emplace_back("Authorization", "Basic eDp5");
  h(req);
  h(req);
  EXPECT_EQ(inner.calls, 2);
  // "/administration" is not "/admin": only exact matches or the "/admin/" prefix bypass.
  inner.calls = 0;
  h(request("GET", "/administration"));
  h(request("GET", "/administration"));
  EXPECT_EQ(inner.calls, 1);
}

TEST(CachedHandler, InvalidationMakesTheNextRequestRender) {
  PageCache cache;
  Inner inner;
  int version = 1;
  inner.answer = [&](const http::Request&) {
    http::Response r;
    r.body = "phiên bản " + std::to_string(version);
    r.cache_tags = {"article:7"};
    return r;
  };
  auto h = cached(cache, inner.handler());
  EXPECT_EQ(h(request("GET", "/tin-tuc/a")).identity_body(), "phiên bản 1");
  version = 2;
  EXPECT_EQ(h(request("GET", "/tin-tuc/a")).identity_body(), "phiên bản 1");
  std::vector<std::string> tags = {"article:7"};
  cache.invalidate(tags);
  EXPECT_EQ(h(request("GET", "/tin-tuc/a")).identity_body(), "phiên bản 2");
}

TEST(CachedHandler, ConcurrentClientsGetTheirOwnPage) {
  PageCache cache;
  Inner inner;
  auto h = cached(cache, inner.handler());
  std::atomic<bool> wrong{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        std::string path = "/tin-tuc/" + std::to_string((i + t) % 20);
        auto r = h(request(i % 3 ? "GET" : "HEAD", path));
        if (r.identity_body() != "<p>Trang " + path + " — Sở Ngoại vụ</p>") wrong = true;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_FALSE(wrong);
  EXPECT_LE(inner.calls, 20 * 4);  // at most one render per page per racing thread
}

}  // namespace
}  // namespace congtin::cache
