// GET /api/v1/articles, and what the site does when the database fails.
#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

#include "site/site.h"
#include "site_test_support.h"

namespace congtin::site::testing_support {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

// Published and public at test_now(): 3 + 1 + 20 + 1 (the moved one).
constexpr int kPublic = 25;

json body(const http::Response& r) { return json::parse(r.body); }

TEST_F(SiteTest, ApiListsPublishedArticlesNewestFirst) {
  const auto r = get("/api/v1/articles");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.content_type, HasSubstr("application/json"));
  const json j = body(r);
  EXPECT_EQ(j["total"], kPublic);
  ASSERT_EQ(j["results"].size(), 20u);  // default limit
  const json& first = j["results"][0];
  EXPECT_EQ(first["id"], main_article_);
  EXPECT_EQ(first["title"], "Đoàn công tác Lãnh đạo UBND tỉnh làm việc tại Sở Ngoại vụ");
  EXPECT_EQ(first["url"], "/tin-tuc/doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu");
  EXPECT_EQ(first["published_at"], "2017-06-23T08:30:00+07:00");
  EXPECT_EQ(first["category"], "Tin đối ngoại");
  EXPECT_EQ(first["category_slug"], "tin-doi-ngoai");
  EXPECT_THAT(first["lead"].get<std::string>(), HasSubstr("Nguyễn Công Trưởng"));
  for (std::size_t i = 1; i < j["results"].size(); ++i) {
    EXPECT_GE(j["results"][i - 1]["published_at"].get<std::string>(),
              j["results"][i]["published_at"].get<std::string>());
  }
  for (const auto& a : j["results"]) {
    EXPECT_NE(a["title"], "Bản nháp chưa duyệt");
    EXPECT_NE(a["title"], "Tin hẹn giờ ngày mai");
  }
}

TEST_F(SiteTest, ApiLimitOffsetAndCategory) {
  struct Case {
    std::string query;
    std::size_t results;
    int total;
  };
  const std::vector<Case> cases = {
      {"limit=2", 2, kPublic},
      {"limit=2&offset=24", 1, kPublic},
      {"limit=0", 1, kPublic},           // clamped up to 1
      {"limit=-5", 1, kPublic},          // clamped up to 1
      {"limit=1000", kPublic, kPublic},  // clamped down to 100, fewer exist
      {"offset=1000", 0, kPublic},
      {"category=tin-tuc&limit=100", 23, 23},  // with its child category
      {"category=tin-doi-ngoai", 3, 3},
      {"category=thong-bao", 2, 2},
  };
  for (const auto& c : cases) {
    const auto r = get("/api/v1/articles?" + c.query);
    ASSERT_EQ(r.status, 200) << c.query;
    const json j = body(r);
    EXPECT_EQ(j["results"].size(), c.results) << c.query;
    EXPECT_EQ(j["total"], c.total) << c.query;
  }
  const json page2 = body(get("/api/v1/articles?limit=1&offset=1"));
  EXPECT_EQ(page2["results"][0]["title"], "Thông báo tuyển dụng viên chức năm 2017");
}

TEST_F(SiteTest, ApiErrors) {
  const auto unknown = get("/api/v1/articles?category=khong-co");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_THAT(unknown.content_type, HasSubstr("application/json"));
  EXPECT_THAT(body(unknown)["error"].get<std::string>(), HasSubstr("khong-co"));
  for (const std::string q : {"limit=abc", "limit=", "limit=1.5", "offset=-1", "offset=x",
                              "offset=99999999999", "limit=99999999999999999999999"}) {
    const auto r = get("/api/v1/articles?" + q);
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_TRUE(body(r).contains("error")) << q;
  }
}

TEST_F(SiteTest, ApiUrlsAreAbsoluteWithBaseUrl) {
  auto s = store_->site().settings();
  ASSERT_TRUE(s.ok());
  s->base_url = "https://songoaivu.example.gov.vn/";
  ASSERT_TRUE(store_->site().save_settings(*s).ok());
  const json j = body(get("/api/v1/articles?limit=1"));
  EXPECT_EQ(j["results"][0]["url"],
            "https://songoaivu.example.gov.vn/tin-tuc/"
            "doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu");
  // Pages then name their canonical address on the same host.
  EXPECT_THAT(get("/trang/gioi-thieu-chung").body,
              HasSubstr("<link rel=\"canonical\" "
                        "href=\"https://songoaivu.example.gov.vn/trang/gioi-thieu-chung\">"));
}

// A database that is down: every call fails with kUnavailable.
Error down() { return Error::unavailable("database is down (test)"); }

struct DownSite final : content::SiteRepository {
  Result<content::SiteSettings> settings() override { return down(); }
  Status save_settings(const content::SiteSettings&) override { return down(); }
  Result<std::vector<content::LinkItem>> links() override { return down(); }
  Result<content::Id> add_link(const content::LinkItem&) override { return down(); }
  Result<std::vector<content::ContactItem>> contacts() override { return down(); }
  Result<content::Id> add_contact(const content::ContactItem&) override { return down(); }
};
struct DownCategories final : content::CategoryRepository {
  Result<std::vector<content::Category>> list() override { return down(); }
  Result<content::Category> by_id(content::Id) override { return down(); }
  Result<content::Category> by_slug(std::string_view) override { return down(); }
  Result<content::Category> by_name(std::string_view) override { return down(); }
  Result<content::Id> create(const content::Category&) override { return down(); }
};
struct DownArticles final : content::ArticleRepository {
  Result<content::Id> create(const content::Article&) override { return down(); }
  Status update(const content::Article&) override { return down(); }
  Result<content::Article> by_id(content::Id) override { return down(); }
  Result<content::Article> by_slug(std::string_view) override { return down(); }
  Result<content::Article> by_old_slug(std::string_view) override { return down(); }
  Result<bool> slug_taken(std::string_view) override { return down(); }
  Result<std::vector<content::ArticleSummary>> published(const content::ArticleQuery&,
                                                         content::Time) override {
    return down();
  }
  Result<std::int64_t> count_published(const content::ArticleQuery&, content::Time) override {
    return down();
  }
  Result<std::vector<content::Id>> published_ids(content::Time) override { return down(); }
};
struct DownPages final : content::PageRepository {
  Result<std::vector<content::Page>> list() override { return down(); }
  Result<content::Page> by_slug(std::string_view) override { return down(); }
  Result<content::Id> create(const content::Page&) override { return down(); }
};
class DownStore final : public content::Store {
 public:
  content::SiteRepository& site() override { return site_; }
  content::CategoryRepository& categories() override { return categories_; }
  content::ArticleRepository& articles() override { return articles_; }
  content::PageRepository& pages() override { return pages_; }
  Status transaction(const std::function<Status()>&) override { return down(); }
  Status ping() override { return down(); }

 private:
  DownSite site_;
  DownCategories categories_;
  DownArticles articles_;
  DownPages pages_;
};

TEST(SiteDown, StoreFailuresGiveVietnameseErrorPagesNotCrashes) {
  auto theme = render::Theme::load(CONGTIN_THEME_DIR);
  ASSERT_TRUE(theme.ok());
  DownStore store;
  FakeClock clock(test_now());
  http::Router router;
  PublicSite(store, **theme, clock, "/nonexistent").add_routes(router);
  auto get = [&](const std::string& path) {
    http::Request req;
    req.method = "GET";
    req.target = req.path = path;
    return router.dispatch(req);
  };
  for (const std::string path :
       {"/", "/chuyen-muc/tin-tuc", "/tin-tuc/bai-viet", "/trang/gioi-thieu", "/khong-co"}) {
    const auto r = get(path);
    EXPECT_EQ(r.status, 503) << path;
    EXPECT_THAT(r.body, HasSubstr("<html lang=\"vi\">"));
    EXPECT_THAT(r.body, HasSubstr("Hệ thống đang tạm thời gián đoạn"));
  }
  EXPECT_EQ(get("/healthz").status, 503);
  const auto api = get("/api/v1/articles");
  EXPECT_EQ(api.status, 503);
  EXPECT_TRUE(json::parse(api.body).contains("error"));
  EXPECT_EQ(get("/robots.txt").status, 200);
}

}  // namespace
}  // namespace congtin::site::testing_support
