#include "content/article_service.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "content/site_service.h"
#include "store/sqlite/sqlite_store.h"
#include "text/date.h"

namespace congtin::content {
namespace {

class ArticleServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("congtin-svc-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto s = store::open_sqlite_store(dir_ / "congtin.db", store::OpenMode::kCreate);
    ASSERT_TRUE(s) << s.error().message;
    store_ = std::move(*s);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  ImportRecord record(std::string title) {
    ImportRecord r;
    r.line = 1;
    r.title = std::move(title);
    r.body_html = "<p onclick=\"x()\">Nội dung <script>alert(1)</script><img src=\"anh.jpg\" alt=\"Ảnh\"></p>";
    r.category = "Hoạt động đối ngoại";
    r.published_at = *text::parse_iso8601("2017-06-23T08:30:00+07:00");
    return r;
  }

  static Result<std::string> resolve(std::string_view src) {
    if (src == "anh.jpg") return std::string("/media/ab/abc.jpg");
    return Error::not_found(std::string(src) + " is missing");
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  FakeClock clock_{*text::parse_iso8601("2026-11-28T10:00:00+07:00")};
};

TEST_F(ArticleServiceTest, ImportSanitisesResolvesAndEmitsEvent) {
  ArticleService svc(*store_, clock_);
  std::vector<Event> events;
  auto id = svc.import_article(record("Đoàn công tác Lãnh đạo UBND tỉnh làm việc tại Sở Ngoại vụ"),
                               resolve, events);
  ASSERT_TRUE(id) << id.error().message;
  auto a = store_->articles().by_id(*id);
  ASSERT_TRUE(a);
  EXPECT_EQ(a->slug, "doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu");
  EXPECT_EQ(a->status, ArticleStatus::kPublished);
  EXPECT_EQ(a->body_html.find("script"), std::string::npos) << a->body_html;
  EXPECT_EQ(a->body_html.find("onclick"), std::string::npos) << a->body_html;
  EXPECT_NE(a->body_html.find("src=\"/media/ab/abc.jpg\""), std::string::npos) << a->body_html;
  auto cat = store_->categories().by_id(a->category_id);
  ASSERT_TRUE(cat);
  EXPECT_EQ(cat->name, "Hoạt động đối ngoại");
  EXPECT_EQ(cat->slug, "hoat-dong-doi-ngoai");
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kArticlePublished);
  EXPECT_EQ(events[0].article_id, *id);
}

TEST_F(ArticleServiceTest, SameTitleGetsNumberedSlugAndCategoryIsReused) {
  ArticleService svc(*store_, clock_);
  std::vector<Event> events;
  auto a = svc.import_article(record("Thông báo"), resolve, events);
  auto b = svc.import_article(record("Thông báo"), resolve, events);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(store_->articles().by_id(*b)->slug, "thong-bao-2");
  EXPECT_EQ(store_->articles().by_id(*a)->category_id, store_->articles().by_id(*b)->category_id);
}

TEST_F(ArticleServiceTest, ErrorsNameTheLine) {
  ArticleService svc(*store_, clock_);
  std::vector<Event> events;
  auto r = record("Ảnh thiếu");
  r.line = 42;
  r.cover_image = "khong-co.jpg";
  auto id = svc.import_article(r, resolve, events);
  ASSERT_FALSE(id);
  EXPECT_EQ(id.error().message.rfind("line 42: ", 0), 0u) << id.error().message;
  EXPECT_NE(id.error().message.find("khong-co.jpg"), std::string::npos);

  auto explicit_slug = record("Một");
  explicit_slug.slug = "trung";
  ASSERT_TRUE(svc.import_article(explicit_slug, resolve, events));
  explicit_slug.line = 43;
  auto dup = svc.import_article(explicit_slug, resolve, events);
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().kind, ErrorKind::kConflict);
  EXPECT_NE(dup.error().message.find("line 43"), std::string::npos);
}

TEST_F(ArticleServiceTest, ChangeSlugKeepsOldOneAsRedirect) {
  ArticleService svc(*store_, clock_);
  std::vector<Event> events;
  auto id = svc.import_article(record("Tiêu đề cũ"), resolve, events);
  ASSERT_TRUE(id);
  events.clear();
  ASSERT_TRUE(svc.change_slug(*id, "tieu-de-moi", events));
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].old_slug, "tieu-de-cu");
  auto old = store_->articles().by_old_slug("tieu-de-cu");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->slug, "tieu-de-moi");
  EXPECT_FALSE(svc.change_slug(*id, "Không hợp lệ", events));
  EXPECT_EQ(svc.unique_article_slug("Tiêu đề cũ").value(), "tieu-de-cu-2");
}

TEST_F(ArticleServiceTest, SiteServiceValidates) {
  SiteService site(*store_);
  SiteSettings s;
  EXPECT_FALSE(site.save_settings(s));  // no name
  s.name = "So\xCC\x9B\xCC\x89 Ngoại vụ";  // "Sở" in NFD
  ASSERT_TRUE(site.save_settings(s));
  EXPECT_EQ(store_->site().settings()->name, "Sở Ngoại vụ");
  EXPECT_FALSE(site.add_link({0, "Chính phủ", "javascript:alert(1)", 0}));
  EXPECT_TRUE(site.add_link({0, "Chính phủ", "https://chinhphu.vn", 0}));
  Page p;
  p.title = "Giới thiệu";
  p.body_html = "<p>Chức năng</p><script>x</script>";
  auto pid = site.add_page(p);
  ASSERT_TRUE(pid) << pid.error().message;
  auto page = store_->pages().by_slug("gioi-thieu");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->body_html.find("script"), std::string::npos);
  Category bad;
  bad.name = "X";
  bad.slug = "Có Dấu";
  EXPECT_FALSE(site.add_category(bad));
}

}  // namespace
}  // namespace congtin::content
