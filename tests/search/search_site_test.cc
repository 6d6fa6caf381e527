// The search page and API as handlers (no sockets) over a real store, index and theme.
#include "site/search.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "http/router.h"
#include "index_test_support.h"
#include "render/theme.h"
#include "search/indexer.h"

namespace congtin::search {
namespace {

using content::ArticleStatus;
using testing_support::vn_time;

class SearchSiteTest : public testing_support::IndexTest {
 protected:
  void SetUp() override {
    IndexTest::SetUp();
    auto theme = render::Theme::load(CONGTIN_THEME_DIR);
    ASSERT_TRUE(theme.ok()) << theme.error().message;
    theme_ = std::move(theme).value();
    clock_ = std::make_unique<FakeClock>(vn_time(2017, 6, 30, 10));
    content::SiteSettings s;
    s.name = "Sở Ngoại vụ tỉnh Lạng Sơn";
    ASSERT_TRUE(store_->site().save_settings(s).ok());

    biengioi_ = category("Công tác biên giới", "cong-tac-bien-gioi", std::nullopt);
    cuakhau_ = category("Cửa khẩu", "cua-khau", biengioi_);
    thongbao_ = category("Thông báo", "thong-bao", std::nullopt);
    article("Khai trương cửa khẩu Đồng Đăng", cuakhau_, vn_time(2017, 6, 20),
            "<p>Sở Ngoại vụ dự lễ khai trương tại <b>Đồng Đăng</b>.</p>");
    article("Thông báo lịch tiếp công dân", thongbao_, vn_time(2017, 5, 2),
            "<p>Lịch tiếp công dân tại Đồng Đăng và trụ sở Sở.</p>");
    article("Bài <script>alert(1)</script> lạ", thongbao_, vn_time(2017, 4, 1),
            "<p>Nội dung &lt;script&gt; lạ.</p>");
    article("Tin hẹn giờ Đồng Đăng", thongbao_, vn_time(2017, 7, 5), "<p>Chưa đến giờ.</p>");

    Indexer indexer(*store_, *index_);
    auto n = indexer.rebuild({});
    ASSERT_TRUE(n.ok()) << n.error().message;
    site::SearchPages pages(*store_, *theme_, *clock_, *index_);
    pages.add_routes(router_);
  }
  void TearDown() override {
    router_ = http::Router();
    IndexTest::TearDown();
  }

  content::Id category(std::string name, std::string slug, std::optional<content::Id> parent) {
    content::Category c;
    c.name = std::move(name);
    c.slug = std::move(slug);
    c.parent_id = parent;
    auto id = store_->categories().create(c);
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }

  void article(std::string title, content::Id cat, content::Time at, std::string body) {
    content::Article a;
    a.title = std::move(title);
    a.slug = "bai-" + std::to_string(++n_);
    a.body_html = std::move(body);
    a.category_id = cat;
    a.status = ArticleStatus::kPublished;
    a.published_at = at;
    a.created_at = a.updated_at = at;
    ASSERT_TRUE(store_->articles().create(a).ok());
  }

  http::Response get(const std::string& target) const {
    http::Request req;
    req.method = "GET";
    req.target = target;
    const auto q = target.find('?');
    req.path = target.substr(0, q);
    req.query = q == std::string::npos ? "" : target.substr(q + 1);
    return router_.dispatch(req);
  }

  nlohmann::json api(const std::string& query) const {
    const http::Response r = get("/api/v1/search?" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    return nlohmann::json::parse(r.body, nullptr, false);
  }

  std::unique_ptr<render::Theme> theme_;
  std::unique_ptr<FakeClock> clock_;
  http::Router router_;
  content::Id biengioi_ = 0, cuakhau_ = 0, thongbao_ = 0;
  int n_ = 0;
};

TEST_F(SearchSiteTest, PageListsResultsWithHighlights) {
  const http::Response r = get("/tim-kiem?q=dong+dang");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.cache_tags, std::vector<std::string>{"search"});
  const std::string& b = r.body;
  EXPECT_NE(b.find("Tìm thấy 2 kết quả cho “dong dang”"), std::string::npos);
  EXPECT_NE(b.find("cửa khẩu <mark>Đồng</mark> <mark>Đăng</mark>"), std::string::npos);
  EXPECT_NE(b.find("href=\"/tin-tuc/bai-1\""), std::string::npos);
  EXPECT_NE(b.find("20/06/2017"), std::string::npos);
  EXPECT_NE(b.find(">Cửa khẩu</a>"), std::string::npos);  // category
  EXPECT_EQ(b.find("Chưa đến giờ"), std::string::npos);   // scheduled: not yet
  EXPECT_LT(b.find("bai-1"), b.find("bai-2"));            // title match first
  // The header's search box on the page, filled with the query.
  EXPECT_NE(b.find("id=\"o-tim-kiem\" name=\"q\" value=\"dong dang\""), std::string::npos);
}

TEST_F(SearchSiteTest, EscapesEverythingButMark) {
  const http::Response r = get("/tim-kiem?q=%3Cscript%3E+la");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("<script>alert"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;<mark>script</mark>&gt;"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("value=\"&lt;script&gt; la\""), std::string::npos);
}

TEST_F(SearchSiteTest, MalformedNeverAnError) {
  for (const char* target :
       {"/tim-kiem?q=%22dong+dang", "/tim-kiem?q=-dong", "/tim-kiem?q=***", "/tim-kiem?q=%FF%FE",
        "/tim-kiem?q=NEAR(a+b)+AND+OR", "/tim-kiem?q=a&trang=abc", "/tim-kiem?q=a&trang=999999",
        "/tim-kiem?q=dong&tu=2017-13-45&den=hom-nay", "/tim-kiem?q=dong&chuyen-muc=khong-co"}) {
    const http::Response r = get(target);
    EXPECT_EQ(r.status, 200) << target;
  }
  EXPECT_NE(get("/tim-kiem?q=%22dong+dang").body.find("<mark>Đồng</mark>"), std::string::npos);
}

TEST_F(SearchSiteTest, EmptyResultSuggests) {
  const http::Response r = get("/tim-kiem?q=%22khong+co+gi%22&chuyen-muc=thong-bao");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Không tìm thấy kết quả nào"), std::string::npos);
  EXPECT_NE(r.body.find("Bỏ dấu ngoặc kép"), std::string::npos);
  EXPECT_NE(r.body.find("Bỏ bớt bộ lọc"), std::string::npos);
  EXPECT_NE(r.body.find("gõ không dấu"), std::string::npos);
}

TEST_F(SearchSiteTest, NoQueryShowsHelp) {
  const http::Response r = get("/tim-kiem");
  ASSERT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("Đặt cụm từ trong dấu ngoặc kép"), std::string::npos);
  EXPECT_EQ(r.body.find("Không tìm thấy"), std::string::npos);
}

TEST_F(SearchSiteTest, Filters) {
  // A parent category includes its children.
  EXPECT_EQ(api("q=dong+dang&chuyen-muc=cong-tac-bien-gioi")["total"], 1);
  EXPECT_EQ(api("q=dong+dang&chuyen-muc=thong-bao")["total"], 1);
  EXPECT_EQ(api("q=dong+dang&tu=2017-06-20&den=2017-06-20")["total"], 1);  // days included
  EXPECT_EQ(api("q=dong+dang&tu=2017-06-21")["total"], 0);
  EXPECT_EQ(api("q=dong+dang&den=2017-06-19")["total"], 1);
}

TEST_F(SearchSiteTest, ApiShape) {
  const nlohmann::json j = api("q=%C4%91%E1%BB%93ng+%C4%91%C4%83ng&limit=1");
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j["total"], 2);
  ASSERT_EQ(j["results"].size(), 1u);
  const auto& r = j["results"][0];
  EXPECT_EQ(r["title"], "Khai trương cửa khẩu Đồng Đăng");
  EXPECT_EQ(r["url"], "/tin-tuc/bai-1");
  EXPECT_EQ(r["published_at"], "2017-06-20T08:00:00+07:00");
  EXPECT_EQ(r["category"], "Cửa khẩu");
  EXPECT_NE(r["snippet"].get<std::string>().find("<mark>Đồng</mark>"), std::string::npos);
  const nlohmann::json second = api("q=dong+dang&limit=1&offset=1");
  EXPECT_EQ(second["results"][0]["url"], "/tin-tuc/bai-2");
  EXPECT_EQ(api("q=")["total"], 0);
  EXPECT_EQ(get("/api/v1/search?q=a&limit=x").status, 400);
  EXPECT_EQ(get("/api/v1/search?q=a&offset=-1").status, 400);
  EXPECT_EQ(get("/api/v1/search?q=a").cache_tags, std::vector<std::string>{"search"});
}

}  // namespace
}  // namespace congtin::search
