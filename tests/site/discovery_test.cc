// Issue 7 over the real router and store: sitemap.xml (validated with xmllint against the
// sitemaps.org schema, split with a lowered threshold), robots.txt, RSS feeds, the site map
// and accessibility pages, page metadata (OpenGraph, Twitter, Dublin Core, JSON-LD parsed as
// JSON), print and e-mail tools, and hostile titles and captions.
#include <gmock/gmock.h>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>

#include <nlohmann/json.hpp>

#include "site/discovery.h"
#include "site/sitemap.h"
#include "site_test_support.h"

namespace congtin::site::testing_support {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::string_view kBase = "https://songoaivu.example.gov.vn";
// Quotes, angle brackets, an ampersand, emoji (one with a ZWJ sequence), a combining mark
// (e + U+0301), a C0 control character XML forbids, and a closing script tag.
const std::string kNasty =
    "Tin \"trích dẫn\" <b>đậm</b> & 'nháy' 😀👨‍👩‍👧 Lạng Sơn\xCC\x81 \x01 "
    "</script><!--";

struct Run {
  int code = -1;
  std::string output;
};

// Runs xmllint on the document (with a schema when given); code 0 means valid.
Run xmllint(const fs::path& dir, const std::string& doc, const std::string& schema = "") {
  static int n = 0;
  const fs::path file = dir / ("doc-" + std::to_string(++n) + ".xml");
  std::ofstream(file, std::ios::binary) << doc;
  std::string cmd = "xmllint --noout ";
  if (!schema.empty())
    cmd += "--schema '" + std::string(CONGTIN_TESTS_SITE_DIR) + "/" + schema + "' ";
  cmd += "'" + file.string() + "' 2>&1";
  Run r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  while (std::size_t got = fread(buf, 1, sizeof buf, p)) r.output.append(buf, got);
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::vector<std::string> all(const std::string& text, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) {
    out.push_back((*it)[1]);
  }
  return out;
}

std::string meta(const std::string& html, const std::string& attr, const std::string& name) {
  const auto v = all(html, "<meta " + attr + "=\"" + name + "\" content=\"([^\"]*)\">");
  return v.empty() ? std::string("<missing>") : v.front();
}

json json_ld(const std::string& html) {
  const auto v = all(html, R"re(<script type="application/ld\+json">([^<]*)</script>)re");
  if (v.size() != 1) return nullptr;
  return json::parse(v.front());
}

const json* typed(const json& ld, const std::string& type) {
  for (const auto& node : ld["@graph"]) {
    if (node.value("@type", "") == type) return &node;
  }
  return nullptr;
}

class DiscoveryTest : public SiteTest {
 protected:
  void set_base_url(std::string_view base) {
    auto s = store_->site().settings();
    ASSERT_TRUE(s.ok());
    s->base_url = base;
    ASSERT_TRUE(store_->site().save_settings(*s).ok());
  }
  http::Response get_with_host(const std::string& target, const std::string& host) {
    http::Request req;
    req.method = "GET";
    req.target = req.path = target;
    req.headers.emplace_back("Host", host);
    return router_.dispatch(req);
  }
  static constexpr const char* kMain =
      "/tin-tuc/doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu";
};

TEST_F(DiscoveryTest, SitemapListsEveryPublicUrlAndValidates) {
  set_base_url(kBase);
  const auto r = get("/sitemap.xml");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.content_type, HasSubstr("application/xml"));
  EXPECT_EQ(r.cache_tags, (std::vector<std::string>{"sitemap", "feed"}));
  EXPECT_TRUE(r.cacheable);
  const auto locs = all(r.body, "<loc>([^<]*)</loc>");
  const std::set<std::string> set(locs.begin(), locs.end());
  EXPECT_EQ(set.size(), locs.size()) << "no URL twice";
  const std::string b(kBase);
  for (const std::string path :
       {"/", "/so-do-cong", "/rss", "/tro-giup-tiep-can", "/chuyen-muc/tin-tuc",
        "/chuyen-muc/tin-doi-ngoai", "/chuyen-muc/thong-bao", "/trang/gioi-thieu-chung",
        "/trang/co-cau-to-chuc", kMain, "/tin-tuc/hoi-thao-hop-tac-quoc-te"}) {
    EXPECT_TRUE(set.count(b + path)) << path;
  }
  EXPECT_FALSE(set.count(b + "/tin-tuc/ban-nhap"));     // draft
  EXPECT_FALSE(set.count(b + "/tin-tuc/tin-hen-gio"));  // scheduled for tomorrow
  EXPECT_FALSE(set.count(b + "/tin-tuc/hoi-thao-cu"));  // old slug
  // 4 helper pages + 3 categories + 2 static pages + 25 public articles.
  EXPECT_EQ(locs.size(), 34u);
  EXPECT_THAT(r.body, HasSubstr("<loc>" + b + kMain + "</loc><lastmod>2017-06-23T08:30:00+07:00"));
  const auto v = xmllint(dir_, r.body, "sitemap.xsd");
  EXPECT_EQ(v.code, 0) << v.output;
}

TEST_F(DiscoveryTest, SitemapSplitsIntoAnIndexPastTheThreshold) {
  const SitemapWriter whole(*store_, kSitemapMaxUrls);
  const SitemapWriter split(*store_, 10);
  const std::string origin(kBase);
  auto n = split.url_count(test_now());
  ASSERT_TRUE(n.ok());
  ASSERT_EQ(*n, 34u);
  auto full = whole.root(origin, test_now());
  ASSERT_TRUE(full.ok());
  EXPECT_FALSE(whole.part(1, origin, test_now()).ok()) << "no parts when not split";

  auto index = split.root(origin, test_now());
  ASSERT_TRUE(index.ok());
  EXPECT_THAT(*index, HasSubstr("<sitemapindex"));
  const auto v = xmllint(dir_, *index, "siteindex.xsd");
  EXPECT_EQ(v.code, 0) << v.output;
  const auto parts = all(*index, "<loc>([^<]*)</loc>");
  ASSERT_EQ(parts.size(), 4u);  // 10 + 10 + 10 + 4
  EXPECT_EQ(parts[3], origin + "/sitemap/4.xml");

  std::vector<std::string> joined;
  for (std::size_t k = 1; k <= 4; ++k) {
    auto part = split.part(k, origin, test_now());
    ASSERT_TRUE(part.ok()) << k;
    const auto pv = xmllint(dir_, *part, "sitemap.xsd");
    EXPECT_EQ(pv.code, 0) << k << pv.output;
    const auto locs = all(*part, "<loc>([^<]*)</loc>");
    EXPECT_EQ(locs.size(), k < 4 ? 10u : 4u);
    joined.insert(joined.end(), locs.begin(), locs.end());
  }
  EXPECT_EQ(joined, all(*full, "<loc>([^<]*)</loc>")) << "the parts are the whole, in order";
  EXPECT_EQ(split.part(0, origin, test_now()).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(split.part(5, origin, test_now()).error().kind, ErrorKind::kNotFound);
}

TEST_F(DiscoveryTest, SitemapPartsThatDoNotExistAre404) {
  for (const std::string target : {"/sitemap/1.xml", "/sitemap/0.xml", "/sitemap/x.xml",
                                   "/sitemap/1", "/sitemap/99999999999999.xml"}) {
    EXPECT_EQ(get(target).status, 404) << target;
  }
}

TEST_F(DiscoveryTest, RobotsTxtNamesTheSitemap) {
  // Without base_url: the Host header, and the answer must not be cached for other hosts.
  const auto by_host = get_with_host("/robots.txt", "127.0.0.1:8080");
  EXPECT_THAT(by_host.body, HasSubstr("\nSitemap: http://127.0.0.1:8080/sitemap.xml\n"));
  EXPECT_FALSE(by_host.cacheable);
  const auto forged = get_with_host("/robots.txt", "evil.example/\"><x");
  EXPECT_THAT(forged.body, HasSubstr("\nSitemap: /sitemap.xml\n"));
  set_base_url(std::string(kBase) + "/");
  const auto r = get_with_host("/robots.txt", "other.example");
  EXPECT_THAT(r.content_type, HasSubstr("text/plain"));
  EXPECT_THAT(r.body, HasSubstr("Disallow: /admin/\n"));
  EXPECT_THAT(r.body, HasSubstr("\nSitemap: " + std::string(kBase) + "/sitemap.xml\n"));
  EXPECT_TRUE(r.cacheable);
}

TEST_F(DiscoveryTest, SiteAndCategoryFeedsAreRss2) {
  set_base_url(kBase);
  const auto site = get("/rss.xml");
  ASSERT_EQ(site.status, 200);
  EXPECT_THAT(site.content_type, HasSubstr("application/rss+xml"));
  EXPECT_EQ(site.cache_tags, std::vector<std::string>{"feed"});
  EXPECT_EQ(xmllint(dir_, site.body).code, 0);
  EXPECT_THAT(site.body, HasSubstr("<rss version=\"2.0\""));
  EXPECT_THAT(site.body, HasSubstr("<title>Sở Ngoại vụ tỉnh Lạng Sơn</title>"));
  EXPECT_THAT(site.body, HasSubstr("<language>vi</language>"));
  EXPECT_THAT(site.body,
              HasSubstr("<title>Đoàn công tác Lãnh đạo UBND tỉnh làm việc tại Sở Ngoại vụ</title>\n"
                        "<link>" +
                        std::string(kBase) + kMain + "</link>"));
  EXPECT_THAT(site.body, HasSubstr("<pubDate>Fri, 23 Jun 2017 01:30:00 GMT</pubDate>"));
  EXPECT_THAT(site.body, HasSubstr("<category>Tin đối ngoại</category>"));
  EXPECT_THAT(site.body, Not(HasSubstr("Bản nháp")));
  EXPECT_EQ(all(site.body, "<item>()").size(), 25u);

  const auto cat = get("/chuyen-muc/tin-tuc/rss.xml");
  ASSERT_EQ(cat.status, 200);
  EXPECT_EQ(cat.cache_tags,
            (std::vector<std::string>{"feed", "category:" + std::to_string(tin_tuc_)}));
  EXPECT_EQ(xmllint(dir_, cat.body).code, 0);
  EXPECT_THAT(cat.body, HasSubstr("<title>Tin tức - Sự kiện - Sở Ngoại vụ tỉnh Lạng Sơn</title>"));
  EXPECT_THAT(cat.body, HasSubstr("Tiếp xã giao"));  // from the child category
  EXPECT_THAT(cat.body, Not(HasSubstr("Thông báo tuyển dụng")));
  EXPECT_EQ(get("/chuyen-muc/khong-co/rss.xml").status, 404);
}

TEST_F(DiscoveryTest, PagesLinkTheirFeedsAndTheFeedsPageListsThem) {
  const auto cat = get("/chuyen-muc/tin-doi-ngoai");
  EXPECT_THAT(cat.body,
              HasSubstr("<link rel=\"alternate\" type=\"application/rss+xml\" "
                        "title=\"Tin mới - Sở Ngoại vụ tỉnh Lạng Sơn\" href=\"/rss.xml\">"));
  EXPECT_THAT(cat.body, HasSubstr("href=\"/chuyen-muc/tin-doi-ngoai/rss.xml\""));
  const auto page = get("/rss");
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, HasSubstr("<h1 class=\"article-title\">Kênh RSS</h1>"));
  for (const std::string href :
       {"/rss.xml", "/chuyen-muc/tin-tuc/rss.xml", "/chuyen-muc/tin-doi-ngoai/rss.xml",
        "/chuyen-muc/thong-bao/rss.xml"}) {
    EXPECT_THAT(page.body, HasSubstr("<a href=\"" + href + "\">")) << href;
  }
}

TEST_F(DiscoveryTest, SiteMapPageIsTheTreeOfMenusCategoriesAndPages) {
  const auto r = get("/so-do-cong");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.cache_tags, std::vector<std::string>{"sitemap"});
  EXPECT_EQ(all(r.body, "(<h1)").size(), 1u);
  EXPECT_THAT(r.body, HasSubstr("<h1 class=\"article-title\">Sơ đồ cổng</h1>"));
  // The child category sits in a nested list under its parent.
  const std::string h = r.body.substr(r.body.find("<nav class=\"site-tree\""));
  const auto parent = h.find("<li><a href=\"/chuyen-muc/tin-tuc\">Tin tức - Sự kiện</a>");
  const auto child = h.find("<li><a href=\"/chuyen-muc/tin-doi-ngoai\">Tin đối ngoại</a>");
  const auto next_top = h.find("<li><a href=\"/chuyen-muc/thong-bao\">Thông báo</a>");
  ASSERT_NE(parent, std::string::npos);
  ASSERT_NE(child, std::string::npos);
  EXPECT_LT(parent, child);
  EXPECT_LT(child, next_top);
  EXPECT_THAT(h.substr(parent, child - parent), HasSubstr("<ul>"));
  EXPECT_THAT(h, HasSubstr("<a href=\"/trang/co-cau-to-chuc\">Cơ cấu tổ chức</a>"));
  EXPECT_THAT(h, HasSubstr("<a href=\"/sitemap.xml\">"));
}

TEST_F(DiscoveryTest, AccessibilityPageListsTheShortcutsTheHeaderDefines) {
  const auto r = get("/tro-giup-tiep-can");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("<h1 class=\"article-title\">Trợ giúp tiếp cận</h1>"));
  const auto keys = all(r.body, "accesskey=\"([^\"]*)\"");
  ASSERT_EQ(keys.size(), 4u);
  for (const auto& k : keys) {
    EXPECT_THAT(r.body, HasSubstr("<tr><td><kbd>" + k + "</kbd></td>")) << k;
  }
  // Home, site map and search have shortcuts.
  EXPECT_THAT(r.body, HasSubstr("<a href=\"/\" accesskey=\"1\">"));
  EXPECT_THAT(r.body, HasSubstr("<a href=\"/so-do-cong\" accesskey=\"3\">"));
  EXPECT_THAT(r.body, HasSubstr("<a href=\"/tim-kiem\" accesskey=\"4\">"));
  EXPECT_THAT(r.body, HasSubstr("A-<span class=\"visually-hidden\"> (giảm cỡ chữ)"));
}

TEST_F(DiscoveryTest, EveryPageHasTitleDescriptionCanonicalOpenGraphDublinCoreAndJsonLd) {
  set_base_url(kBase);
  const std::string b(kBase);
  for (const std::string target : {"/", "/chuyen-muc/tin-tuc", kMain, "/trang/gioi-thieu-chung",
                                   "/so-do-cong", "/rss", "/tro-giup-tiep-can"}) {
    SCOPED_TRACE(target);
    const auto r = get(target);
    ASSERT_EQ(r.status, 200);
    const std::string& h = r.body;
    EXPECT_EQ(all(h, "(<title>)").size(), 1u);
    EXPECT_NE(meta(h, "name", "description"), "<missing>");
    EXPECT_NE(meta(h, "name", "description"), "");
    EXPECT_THAT(h, HasSubstr("<link rel=\"canonical\" href=\"" + b +
                             (target == "/" ? "/" : target) + "\">"));
    EXPECT_EQ(meta(h, "property", "og:url"), b + (target == "/" ? "/" : target));
    EXPECT_EQ(meta(h, "property", "og:site_name"), "Sở Ngoại vụ tỉnh Lạng Sơn");
    EXPECT_EQ(meta(h, "property", "og:locale"), "vi_VN");
    EXPECT_THAT(meta(h, "property", "og:image"), ::testing::StartsWith(b + "/"));
    EXPECT_NE(meta(h, "name", "twitter:card"), "<missing>");
    EXPECT_EQ(meta(h, "name", "DC.language"), "vi");
    EXPECT_EQ(meta(h, "name", "DC.publisher"), "Sở Ngoại vụ tỉnh Lạng Sơn");
    EXPECT_EQ(meta(h, "name", "DC.identifier"), b + (target == "/" ? "/" : target));
    const json ld = json_ld(h);
    ASSERT_TRUE(ld.is_object());
    EXPECT_EQ(ld["@context"], "https://schema.org");
    const json* org = typed(ld, "GovernmentOrganization");
    ASSERT_NE(org, nullptr);
    EXPECT_EQ((*org)["name"], "Sở Ngoại vụ tỉnh Lạng Sơn");
    EXPECT_EQ((*org)["url"], b + "/");
    EXPECT_EQ((*org)["parentOrganization"]["name"], "Ủy ban nhân dân tỉnh Lạng Sơn");
  }
}

TEST_F(DiscoveryTest, ArticleMetadataIsANewsArticleWithItsCover) {
  set_base_url(kBase);
  const std::string b(kBase);
  const auto r = get("/tin-tuc/tiep-xa-giao");
  ASSERT_EQ(r.status, 200);
  const std::string& h = r.body;
  EXPECT_EQ(meta(h, "property", "og:type"), "article");
  EXPECT_EQ(meta(h, "property", "og:title"), "Tiếp xã giao Tổng Lãnh sự Trung Quốc");
  EXPECT_EQ(meta(h, "property", "og:image"), b + "/media/2017/anh.jpg");
  EXPECT_EQ(meta(h, "property", "og:image:alt"), "Giám đốc Sở tiếp Tổng Lãnh sự");
  EXPECT_EQ(meta(h, "name", "twitter:card"), "summary_large_image");
  EXPECT_EQ(meta(h, "name", "twitter:image"), b + "/media/2017/anh.jpg");
  EXPECT_EQ(meta(h, "property", "article:published_time"), "2017-06-20T09:00:00+07:00");
  EXPECT_EQ(meta(h, "property", "article:section"), "Tin đối ngoại");
  EXPECT_EQ(meta(h, "name", "DC.title"), "Tiếp xã giao Tổng Lãnh sự Trung Quốc");
  EXPECT_EQ(meta(h, "name", "DC.date"), "2017-06-20T09:00:00+07:00");
  EXPECT_EQ(meta(h, "name", "DC.description"), "Tóm tắt: Tiếp xã giao Tổng Lãnh sự Trung Quốc");
  const json ld = json_ld(h);
  const json* a = typed(ld, "NewsArticle");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ((*a)["headline"], "Tiếp xã giao Tổng Lãnh sự Trung Quốc");
  EXPECT_EQ((*a)["datePublished"], "2017-06-20T09:00:00+07:00");
  EXPECT_EQ((*a)["image"][0], b + "/media/2017/anh.jpg");
  EXPECT_EQ((*a)["mainEntityOfPage"], b + "/tin-tuc/tiep-xa-giao");
  EXPECT_EQ((*a)["publisher"]["@id"], (*typed(ld, "GovernmentOrganization"))["@id"]);
  EXPECT_EQ((*a)["articleSection"], "Tin đối ngoại");
  EXPECT_EQ(typed(ld, "WebPage"), nullptr);

  const auto main = get(kMain);
  const json main_ld = json_ld(main.body);
  ASSERT_NE(typed(main_ld, "NewsArticle"), nullptr);
  EXPECT_EQ((*typed(main_ld, "NewsArticle"))["author"][0]["name"], "Phùng Anh Văn");
  EXPECT_EQ((*typed(main_ld, "NewsArticle"))["keywords"][0], "đối ngoại");
  EXPECT_EQ(meta(main.body, "name", "DC.creator"), "Phùng Anh Văn");
  EXPECT_EQ(meta(main.body, "name", "twitter:card"), "summary");  // no cover: the emblem
}

TEST_F(DiscoveryTest, WithoutBaseUrlPagesUseRootRelativeAddresses) {
  const auto r = get("/chuyen-muc/thong-bao");
  EXPECT_THAT(r.body, HasSubstr("<link rel=\"canonical\" href=\"/chuyen-muc/thong-bao\">"));
  EXPECT_EQ(meta(r.body, "property", "og:url"), "/chuyen-muc/thong-bao");
  // The 404 page has no canonical address.
  const auto missing = get("/khong-co-trang-nay");
  EXPECT_EQ(missing.status, 404);
  EXPECT_THAT(missing.body, Not(HasSubstr("rel=\"canonical\"")));
  EXPECT_TRUE(json_ld(missing.body).is_object());
}

TEST_F(DiscoveryTest, ArticlesCanBePrintedAndSentByEmail) {
  set_base_url(kBase);
  const auto r = get(kMain);
  EXPECT_THAT(r.body, HasSubstr(">In bài</button>"));
  EXPECT_THAT(
      r.body,
      HasSubstr("<a class=\"tool-button\" href=\"mailto:?subject=%C4%90o%C3%A0n%20c%C3%B4ng"));
  EXPECT_THAT(r.body, HasSubstr("&amp;body="));
  EXPECT_THAT(r.body,
              HasSubstr("%0Ahttps%3A%2F%2Fsongoaivu.example.gov.vn%2Ftin-tuc%2Fdoan-cong-tac"));
  EXPECT_THAT(r.body, HasSubstr(">Gửi email</a>"));
  EXPECT_THAT(r.body, HasSubstr("<span data-page-url>" + std::string(kBase) + kMain + "</span>"));
  // The print stylesheet drops menus and blocks and shows the address.
  const auto css = get("/static/css/site.css").body;
  const auto print = css.substr(css.find("@media print"));
  for (const std::string hidden :
       {".main-nav", ".sidebar", ".toolbar", ".article-tools", ".other-news"}) {
    EXPECT_THAT(print, HasSubstr(hidden)) << hidden;
  }
  EXPECT_THAT(print, HasSubstr(".print-only { display: block; }"));
}

TEST_F(DiscoveryTest, HostileTitlesAndCaptionsGiveValidXmlAndJson) {
  set_base_url(kBase);
  auto a = store_->articles().by_id(main_article_);
  ASSERT_TRUE(a.ok());
  a->title = kNasty;
  a->lead = "Sapo " + kNasty;
  a->cover_image = "/media/2017/anh.jpg";
  a->cover_caption = "Chú thích " + kNasty;
  a->cover_alt = "";
  a->author = "Tác giả " + kNasty;
  a->tags = {kNasty};
  ASSERT_TRUE(store_->articles().update(*a).ok());

  for (const std::string target : {"/rss.xml", "/chuyen-muc/tin-doi-ngoai/rss.xml"}) {
    const auto feed = get(target);
    ASSERT_EQ(feed.status, 200);
    const auto v = xmllint(dir_, feed.body);
    EXPECT_EQ(v.code, 0) << target << v.output;
    EXPECT_THAT(
        feed.body,
        HasSubstr("Tin &quot;trích dẫn&quot; &lt;b&gt;đậm&lt;/b&gt; &amp; "
                  "&apos;nháy&apos; 😀👨‍👩‍👧 Lạng Sơn\xCC\x81  &lt;/script&gt;"));
  }
  const auto sm = get("/sitemap.xml");
  EXPECT_EQ(xmllint(dir_, sm.body, "sitemap.xsd").code, 0);

  const auto page = get(kMain);
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.body, Not(HasSubstr("</script><!--")));
  const json ld = json_ld(page.body);  // throws (fails the test) if not JSON
  const json* news = typed(ld, "NewsArticle");
  ASSERT_NE(news, nullptr);
  EXPECT_EQ((*news)["headline"], kNasty);  // the exact text, control character included
  EXPECT_EQ((*news)["description"], "Sapo " + kNasty);
  EXPECT_EQ((*news)["keywords"][0], kNasty);
  EXPECT_EQ(meta(page.body, "property", "og:image:alt"),
            "Chú thích Tin &quot;trích dẫn&quot; &lt;b&gt;đậm&lt;/b&gt; &amp; &apos;nháy&apos; "
            "😀👨‍👩‍👧 "
            "Lạng Sơn\xCC\x81 \x01 &lt;/script&gt;&lt;!--");
}

}  // namespace
}  // namespace congtin::site::testing_support
