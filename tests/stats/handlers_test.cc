#include "stats/handlers.h"

#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>

#include "cache/cached_handler.h"
#include "stats_support.h"

namespace congtin::stats {
namespace {

using testing::browser_ua;
using testing::vn_time;

class HandlersTest : public testing::StatsStoreTest {
 protected:
  void SetUp() override {
    StatsStoreTest::SetUp();
    add_article("Lễ đón Đại sứ", "le-don-dai-su", vn_time(2017, 6, 1, 8, 0));
    lookup_ = std::make_unique<StoreArticleLookup>(*store_, clock_);
    StatsOptions o;
    o.trusted_proxies = {"127.0.0.1"};
    service_ = std::make_unique<StatsService>(*repo_, *lookup_, clock_, o);
    ASSERT_TRUE(service_->load().ok());
    router_.get("/tin-tuc/{slug}", [this](const http::Request&, const http::Params&) {
      ++renders_;
      http::Response r = http::Response::text(200, "<!DOCTYPE html><p>Bài</p>");
      r.content_type = "text/html; charset=utf-8";
      r.cache_tags = {"article:1"};
      return r;
    });
    add_routes(router_, *service_);
    // As in `congtin serve`: stats outside, page cache inside.
    handler_ = counted(*service_, cache::cached(cache_, router_.handler()));
  }

  http::Response get(const std::string& path, const std::string& ua, const std::string& peer,
                     http::Headers extra = {}) {
    http::Request r;
    r.method = "GET";
    r.target = path;
    r.path = path.substr(0, path.find('?'));
    if (auto q = path.find('?'); q != std::string::npos) r.query = path.substr(q + 1);
    r.remote_addr = peer;
    r.headers = {{"User-Agent", ua}, {"Accept", "text/html"}};
    for (auto& h : extra) r.headers.push_back(h);
    return handler_(r);
  }

  FakeClock clock_{vn_time(2017, 6, 30, 10, 0)};
  std::unique_ptr<StoreArticleLookup> lookup_;
  std::unique_ptr<StatsService> service_;
  cache::PageCache cache_;
  http::Router router_;
  http::Handler handler_;
  std::atomic<int> renders_{0};
};

TEST_F(HandlersTest, PagesFromThePageCacheAreCounted) {
  for (int i = 0; i < 10; ++i) get("/tin-tuc/le-don-dai-su", browser_ua(i), "203.0.113.1");
  EXPECT_EQ(renders_, 1);  // nine came from the cache
  EXPECT_EQ(service_->summary().today, 10);
  EXPECT_EQ(service_->views_of("/tin-tuc/le-don-dai-su"), 10);
}

TEST_F(HandlersTest, BotsHeadAndForgedForwardingAreHandled) {
  get("/tin-tuc/le-don-dai-su",
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "66.249.66.1");
  get("/tin-tuc/le-don-dai-su", "curl/8.4.0", "203.0.113.1");
  EXPECT_EQ(service_->summary().today, 0);
  // An untrusted client forging X-Forwarded-For stays one visitor.
  for (int i = 0; i < 20; ++i)
    get("/tin-tuc/le-don-dai-su", browser_ua(1), "203.0.113.9",
        {{"X-Forwarded-For", "10.9.9." + std::to_string(i)}});
  EXPECT_EQ(service_->summary().today, 1);
  // Through the trusted proxy, the forwarded address is the visitor.
  get("/tin-tuc/le-don-dai-su", browser_ua(1), "127.0.0.1", {{"X-Forwarded-For", "10.9.9.1"}});
  get("/tin-tuc/le-don-dai-su", browser_ua(1), "127.0.0.1", {{"X-Forwarded-For", "10.9.9.2"}});
  EXPECT_EQ(service_->summary().today, 3);
  // The endpoints themselves are not page views.
  get("/api/v1/stats/summary", browser_ua(77), "203.0.113.77");
  EXPECT_EQ(service_->summary().today, 3);
}

TEST_F(HandlersTest, SummaryAndBlockEndpoints) {
  get("/tin-tuc/le-don-dai-su", browser_ua(1), "203.0.113.1");
  http::Response r = get("/api/v1/stats/summary", browser_ua(1), "203.0.113.1");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type.substr(0, 16), "application/json");
  EXPECT_FALSE(cache::storable(r));
  auto j = nlohmann::json::parse(r.body);
  for (const char* k : {"online", "today", "yesterday", "week", "month", "total"}) {
    ASSERT_TRUE(j.contains(k)) << k;
    EXPECT_TRUE(j[k].is_number_integer()) << k;
  }
  EXPECT_EQ(j.size(), 6u);
  EXPECT_EQ(j["today"], 1);
  EXPECT_EQ(j["online"], 1);

  r = get("/api/v1/stats/block?path=%2Ftin-tuc%2Fle-don-dai-su", browser_ua(1), "203.0.113.1");
  j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["views"], 1);
  EXPECT_EQ(j["summary"]["total"], 1);
  EXPECT_TRUE(j["most_read"].is_array());
  r = get("/api/v1/stats/block?path=/khong-co", browser_ua(1), "203.0.113.1");
  j = nlohmann::json::parse(r.body);
  EXPECT_TRUE(j["views"].is_null());
}

}  // namespace
}  // namespace congtin::stats
