// ArticleRepository: create/update/lookups, tags and slugs (current and old).
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace congtin::store {
namespace {

using content::Article;
using content::ArticleStatus;
using testing::at;
using testing::error_kind;
using testing::StoreTest;

class ArticleTest : public StoreTest {
 protected:
  Article full_article() {
    Article a;
    a.title = "Lạng Sơn tiếp đoàn công tác tỉnh Quảng Tây (Trung Quốc)";
    a.slug = "lang-son-tiep-doan-cong-tac-tinh-quang-tay";
    a.lead = "Sáng 12/3, đồng chí Phó Chủ tịch UBND tỉnh đã tiếp và làm việc với đoàn.";
    a.body_html =
        "<p>Hai bên trao đổi về hợp tác kinh tế tại cửa khẩu Hữu Nghị.</p>"
        "<figure><img src=\"/media/ab/cd.jpg\" alt=\"\"><figcaption>Quang cảnh buổi "
        "làm việc</figcaption></figure>";
    a.cover_image = "/media/ab/cd.jpg";
    a.cover_caption = "Quang cảnh buổi làm việc";
    a.cover_alt = "Đại biểu hai bên chụp ảnh lưu niệm";
    a.author = "Phùng Anh Văn";
    a.author_unit = "TTTTDV&ĐN";
    a.source = "Nguồn: Báo Lạng Sơn";
    a.category_id = category("tin-tuc");
    a.tags = {"Quảng Tây", "cửa khẩu", "hợp tác"};
    a.status = ArticleStatus::kReview;
    a.featured = true;
    a.published_at = at(1'710'220'000);
    a.created_at = at(1'710'000'000);
    a.updated_at = at(1'710'100'000);
    return a;
  }

  static void expect_same(const Article& got, const Article& want) {
    EXPECT_EQ(got.title, want.title);
    EXPECT_EQ(got.slug, want.slug);
    EXPECT_EQ(got.lead, want.lead);
    EXPECT_EQ(got.body_html, want.body_html);
    EXPECT_EQ(got.cover_image, want.cover_image);
    EXPECT_EQ(got.cover_caption, want.cover_caption);
    EXPECT_EQ(got.cover_alt, want.cover_alt);
    EXPECT_EQ(got.author, want.author);
    EXPECT_EQ(got.author_unit, want.author_unit);
    EXPECT_EQ(got.source, want.source);
    EXPECT_EQ(got.category_id, want.category_id);
    EXPECT_EQ(got.tags, want.tags);
    EXPECT_EQ(got.status, want.status);
    EXPECT_EQ(got.featured, want.featured);
    EXPECT_EQ(got.published_at, want.published_at);
    EXPECT_EQ(got.created_at, want.created_at);
    EXPECT_EQ(got.updated_at, want.updated_at);
  }
};

TEST_F(ArticleTest, CreateRoundTripsEveryField) {
  Article a = full_article();
  const auto id = create(a);
  auto got = store().articles().by_id(id);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(got->id, id);
  expect_same(*got, a);
  auto by_slug = store().articles().by_slug(a.slug);
  ASSERT_TRUE(by_slug.ok());
  EXPECT_EQ(by_slug->id, id);
  expect_same(*by_slug, a);
}

TEST_F(ArticleTest, EveryStatusRoundTrips) {
  const ArticleStatus all[] = {ArticleStatus::kDraft,     ArticleStatus::kSubmitted,
                               ArticleStatus::kReview,    ArticleStatus::kScheduled,
                               ArticleStatus::kPublished, ArticleStatus::kReturned,
                               ArticleStatus::kTakenDown};
  int n = 0;
  for (auto s : all) {
    Article a = article("trang-thai-" + std::to_string(n++), 0, 1000);
    a.status = s;
    a.published_at.reset();
    const auto id = create(a);
    auto got = store().articles().by_id(id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->status, s) << content::status_code(s);
    EXPECT_FALSE(got->published_at.has_value());
    EXPECT_EQ(got->category_id, 0) << "no category round-trips as 0";
  }
}

TEST_F(ArticleTest, VietnameseTextIsStoredByteExact) {
  // NFC, NFD and mixed forms of the same words must each come back exactly as given.
  const std::string forms[] = {
      "Ngoại vụ Đồng Đăng ưu đãi ơn nghĩa",
      "Ngoa\xcc\xa3i vu\xcc\xa3 \xc4\x90o\xcc\x82\xcc\x80ng \xc4\x90"
      "a\xcc\x86ng",
      "ĐĂNG KÝ – \"trích dẫn\" ‘đơn’ … \t\n<b>&amp;</b>",
  };
  int n = 0;
  for (const auto& text : forms) {
    Article a = article("byte-exact-" + std::to_string(n++), 0, 1000);
    a.title = text;
    a.lead = text;
    a.body_html = text;
    a.author = text;
    a.tags = {text};
    const auto id = create(a);
    auto got = store().articles().by_id(id);
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->title, text);
    EXPECT_EQ(got->lead, text);
    EXPECT_EQ(got->body_html, text);
    EXPECT_EQ(got->author, text);
    EXPECT_EQ(got->tags, std::vector<std::string>{text});
  }
}

TEST_F(ArticleTest, TagsKeepOrderSkipDuplicatesAndAreShared) {
  Article a = article("the-1", 0, 1000);
  a.tags = {"Đối ngoại", "biên giới", "Đối ngoại", "ASEAN"};
  const auto a_id = create(a);
  Article b = article("the-2", 0, 1000);
  b.tags = {"ASEAN", "Đối ngoại"};
  const auto b_id = create(b);
  EXPECT_EQ(store().articles().by_id(a_id)->tags,
            (std::vector<std::string>{"Đối ngoại", "biên giới", "ASEAN"}));
  EXPECT_EQ(store().articles().by_id(b_id)->tags, (std::vector<std::string>{"ASEAN", "Đối ngoại"}));
}

TEST_F(ArticleTest, UpdateReplacesEveryFieldAndTags) {
  Article a = full_article();
  a.id = create(a);
  a.title = "Tiêu đề đã sửa";
  a.lead = "Sapo mới";
  a.body_html = "<p>Nội dung mới</p>";
  a.cover_image = "";
  a.cover_caption = "";
  a.cover_alt = "";
  a.author = "Nguyễn Thị Hương";
  a.author_unit = "Phòng Lãnh sự";
  a.source = "";
  a.category_id = category("thong-bao");
  a.tags = {"hợp tác", "lãnh sự"};
  a.status = ArticleStatus::kPublished;
  a.featured = false;
  a.published_at = at(1'720'000'000);
  a.updated_at = at(1'720'000'001);
  ASSERT_TRUE(store().articles().update(a).ok());
  auto got = store().articles().by_id(a.id);
  ASSERT_TRUE(got.ok());
  expect_same(*got, a);
  EXPECT_FALSE(store().articles().slug_taken("x").value());
}

TEST_F(ArticleTest, UpdateOfAMissingArticleIsNotFound) {
  Article a = article("khong-ton-tai", 0, 1000);
  a.id = 4242;
  auto r = store().articles().update(a);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error_kind(r), ErrorKind::kNotFound);
}

TEST_F(ArticleTest, UnknownCategoryIsInvalidArgument) {
  auto r = store().articles().create(article("sai-chuyen-muc", 777, 1000));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error_kind(r), ErrorKind::kInvalidArgument) << r.error().message;
  EXPECT_FALSE(store().articles().slug_taken("sai-chuyen-muc").value()) << "rolled back";
}

TEST_F(ArticleTest, MissingRowsAreNotFound) {
  EXPECT_EQ(error_kind(store().articles().by_id(1)), ErrorKind::kNotFound);
  EXPECT_EQ(error_kind(store().articles().by_slug("khong-co")), ErrorKind::kNotFound);
  EXPECT_EQ(error_kind(store().articles().by_old_slug("khong-co")), ErrorKind::kNotFound);
}

TEST_F(ArticleTest, DuplicateSlugOnCreateIsConflict) {
  create(article("trung-slug", 0, 1000));
  auto r = store().articles().create(article("trung-slug", 0, 2000));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error_kind(r), ErrorKind::kConflict);
  EXPECT_NE(r.error().message.find("trung-slug"), std::string::npos);
}

TEST_F(ArticleTest, ChangingTheSlugKeepsTheOldOneAsARedirect) {
  Article a = article("ten-cu", 0, 1000);
  a.id = create(a);
  a.slug = "ten-moi";
  ASSERT_TRUE(store().articles().update(a).ok());

  EXPECT_EQ(error_kind(store().articles().by_slug("ten-cu")), ErrorKind::kNotFound);
  auto moved = store().articles().by_old_slug("ten-cu");
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->id, a.id);
  EXPECT_EQ(moved->slug, "ten-moi");
  EXPECT_TRUE(store().articles().slug_taken("ten-cu").value());
  EXPECT_TRUE(store().articles().slug_taken("ten-moi").value());
  EXPECT_FALSE(store().articles().slug_taken("ten-khac").value());

  // An old slug cannot be reused by another article, on create or on update.
  auto r = store().articles().create(article("ten-cu", 0, 2000));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(error_kind(r), ErrorKind::kConflict);
  Article b = article("bai-khac", 0, 2000);
  b.id = create(b);
  b.slug = "ten-cu";
  EXPECT_EQ(error_kind(store().articles().update(b)), ErrorKind::kConflict);
  b.slug = "ten-moi";
  EXPECT_EQ(error_kind(store().articles().update(b)), ErrorKind::kConflict);
  EXPECT_EQ(store().articles().by_id(b.id)->slug, "bai-khac") << "failed update changed nothing";
}

TEST_F(ArticleTest, GoingBackToAnOldSlugMakesItCurrentAgain) {
  Article a = article("mot", 0, 1000);
  a.id = create(a);
  a.slug = "hai";
  ASSERT_TRUE(store().articles().update(a).ok());
  a.slug = "mot";
  ASSERT_TRUE(store().articles().update(a).ok());

  EXPECT_EQ(store().articles().by_slug("mot")->id, a.id);
  EXPECT_EQ(error_kind(store().articles().by_old_slug("mot")), ErrorKind::kNotFound);
  EXPECT_EQ(store().articles().by_old_slug("hai")->id, a.id);
}

TEST_F(ArticleTest, UpdateWithTheSameSlugAddsNoRedirect) {
  Article a = article("giu-nguyen", 0, 1000);
  a.id = create(a);
  a.title = "Tiêu đề khác";
  ASSERT_TRUE(store().articles().update(a).ok());
  EXPECT_EQ(error_kind(store().articles().by_old_slug("giu-nguyen")), ErrorKind::kNotFound);
}

}  // namespace
}  // namespace congtin::store
