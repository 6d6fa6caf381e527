#include "stats/classify.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace congtin::stats {
namespace {

const char* kChrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36";
const char* kIphone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
const char* kCocCoc =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "coc_coc_browser/117.0.200 Chrome/111.0.0.0 Safari/537.36";
const char* kAndroidTablet =
    "Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/119.0.0.0 Safari/537.36";
const char* kFirefoxAndroid = "Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0";

TEST(IsBot, BrowsersAreNotBots) {
  for (const char* ua : {kChrome, kIphone, kCocCoc, kAndroidTablet, kFirefoxAndroid})
    EXPECT_FALSE(is_bot(ua)) << ua;
}

TEST(IsBot, CrawlersLibrariesAndOddAgentsAre) {
  const std::vector<std::string> bots = {
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; bingbot/2.0; "
      "+http://www.bing.com/bingbot.htm) Chrome/116.0.1938.76 Safari/537.36",
      "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
      "Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)",
      "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like "
      "Gecko) Chrome/120.0.6099.71 Mobile Safari/537.36 (compatible; GoogleOther)",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "HeadlessChrome/120.0.0.0 Safari/537.36",
      "Mozilla/5.0 (compatible; Chrome-Lighthouse)",
      "curl/8.4.0",
      "python-requests/2.31.0",
      "Wget/1.21.3",
      "Go-http-client/1.1",
      "okhttp/4.12.0",
      "",
      "Mozilla",                                   // not browser-shaped
      std::string("Mozilla/5.0 (X11)\r\nX: 1"),    // control bytes
      "Mozilla/5.0 " + std::string(5000, 'A'),     // absurdly long
  };
  for (const std::string& ua : bots) EXPECT_TRUE(is_bot(ua)) << ua.substr(0, 80);
}

http::Request page_request(std::string path = "/tin-tuc/bai-1") {
  http::Request r;
  r.method = "GET";
  r.path = std::move(path);
  r.remote_addr = "203.0.113.7";
  r.headers = {{"User-Agent", kChrome}, {"Accept", "text/html,application/xhtml+xml"}};
  return r;
}

http::Response html_page() { return http::Response::text(200, "<p>x</p>"); }

TEST(IsPageView, TableOfRequests) {
  http::Response html = html_page();
  html.content_type = "text/html; charset=utf-8";
  struct Case {
    const char* name;
    std::function<void(http::Request&, http::Response&)> change;
    bool counted;
  };
  const std::vector<Case> cases = {
      {"plain page", [](auto&, auto&) {}, true},
      {"HEAD", [](http::Request& q, auto&) { q.method = "HEAD"; }, false},
      {"POST", [](http::Request& q, auto&) { q.method = "POST"; }, false},
      {"404", [](auto&, http::Response& s) { s.status = 404; }, false},
      {"304-able but 301", [](auto&, http::Response& s) { s.status = 301; }, false},
      {"JSON", [](auto&, http::Response& s) { s.content_type = "application/json"; }, false},
      {"API path", [](http::Request& q, auto&) { q.path = "/api/v1/stats/summary"; }, false},
      {"static", [](http::Request& q, auto&) { q.path = "/static/css/site.css"; }, false},
      {"admin", [](http::Request& q, auto&) { q.path = "/admin/thong-ke"; }, false},
      {"administration page", [](http::Request& q, auto&) { q.path = "/administration"; }, true},
      {"Chrome prefetch",
       [](http::Request& q, auto&) { q.headers.emplace_back("Sec-Purpose", "prefetch"); }, false},
      {"prerender",
       [](http::Request& q, auto&) { q.headers.emplace_back("Sec-Purpose", "prefetch;prerender"); },
       false},
      {"Firefox prefetch", [](http::Request& q, auto&) { q.headers.emplace_back("X-Moz", "prefetch"); },
       false},
      {"old Purpose", [](http::Request& q, auto&) { q.headers.emplace_back("Purpose", "prefetch"); },
       false},
      {"iframe load",
       [](http::Request& q, auto&) { q.headers.emplace_back("Sec-Fetch-Dest", "iframe"); }, false},
      {"document load",
       [](http::Request& q, auto&) { q.headers.emplace_back("Sec-Fetch-Dest", "document"); }, true},
      {"no Accept", [](http::Request& q, auto&) { q.headers.pop_back(); }, false},
      {"Googlebot",
       [](http::Request& q, auto&) {
         q.headers[0].second = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
       },
       false},
  };
  for (const Case& c : cases) {
    http::Request req = page_request();
    http::Response res = html;
    c.change(req, res);
    EXPECT_EQ(is_page_view(req, res), c.counted) << c.name;
  }
}

TEST(ClientAddress, ForwardedForIsIgnoredUnlessThePeerIsTrusted) {
  http::Request r = page_request();
  r.remote_addr = "198.51.100.9";
  r.headers.emplace_back("X-Forwarded-For", "1.2.3.4");
  const std::vector<std::string> none;
  const std::vector<std::string> proxy = {"127.0.0.1", "10.0.0.2"};
  // Forged by an untrusted client: the peer counts.
  EXPECT_EQ(client_address(r, none), "198.51.100.9");
  EXPECT_EQ(client_address(r, proxy), "198.51.100.9");
  // Through the trusted proxy: the rightmost untrusted hop.
  r.remote_addr = "127.0.0.1";
  EXPECT_EQ(client_address(r, proxy), "1.2.3.4");
  r.headers.back().second = "6.6.6.6, 1.2.3.4, 10.0.0.2";  // 6.6.6.6 is what the client forged
  EXPECT_EQ(client_address(r, proxy), "1.2.3.4");
  r.headers.back().second = "not-an-address";
  EXPECT_EQ(client_address(r, proxy), "127.0.0.1");
  r.headers.back().second = std::string(100000, ',');
  EXPECT_EQ(client_address(r, proxy), "127.0.0.1");
  r.headers.back().second = "2001:DB8:0:0::1";
  EXPECT_EQ(client_address(r, proxy), "2001:db8::1");  // canonical, so one visitor per address
}

TEST(Breakdown, BrowsersDevicesAndReferrers) {
  EXPECT_EQ(browser_of(kChrome), "Chrome");
  EXPECT_EQ(browser_of(kCocCoc), "Cốc Cốc");
  EXPECT_EQ(browser_of(kIphone), "Safari");
  EXPECT_EQ(browser_of(kFirefoxAndroid), "Firefox");
  EXPECT_EQ(device_of(kChrome), "Máy tính");
  EXPECT_EQ(device_of(kIphone), "Điện thoại");
  EXPECT_EQ(device_of(kFirefoxAndroid), "Điện thoại");
  EXPECT_EQ(device_of(kAndroidTablet), "Máy tính bảng");

  EXPECT_EQ(referrer_host("https://www.Google.com.vn/search?q=so+ngoai+vu", "songoaivu.gov.vn"),
            "google.com.vn");
  EXPECT_EQ(referrer_host("https://songoaivu.gov.vn/tin-tuc/a", "songoaivu.gov.vn:443"), "");
  EXPECT_EQ(referrer_host("http://user@baochinhphu.vn:8080/x", "a"), "baochinhphu.vn");
  EXPECT_EQ(referrer_host("javascript:alert(1)", "a"), "");
  EXPECT_EQ(referrer_host("https://bad host/", "a"), "");
  EXPECT_EQ(referrer_host("", "a"), "");
}

}  // namespace
}  // namespace congtin::stats
