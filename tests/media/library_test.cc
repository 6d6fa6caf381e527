// The media library over the real SQLite repository in a temporary database.
#include "media/library.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "store/sqlite/db.h"
#include "store/sqlite/media_repository.h"
#include "store/sqlite/sqlite_store.h"
#include "test_images.h"

namespace congtin::media {
namespace {

class LibraryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "congtin-media-XXXXXX");
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    auto s = store::open_sqlite_store(dir_ / "congtin.db", store::OpenMode::kCreate);
    ASSERT_TRUE(s) << s.error().message;
    auto repo = store::open_sqlite_media(dir_ / "congtin.db");
    ASSERT_TRUE(repo) << repo.error().message;
    repo_ = std::move(*repo);
    files_ = std::make_unique<MediaStore>(dir_ / "media");
    LibraryOptions o;
    o.page_size = 2;
    lib_ = std::make_unique<MediaLibrary>(*repo_, *files_, clock_, o);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  FakeClock clock_{Seconds(std::chrono::seconds(1'764'300'000))};
  std::unique_ptr<MediaRepository> repo_;
  std::unique_ptr<MediaStore> files_;
  std::unique_ptr<MediaLibrary> lib_;
  const Uploader who_{7, "Nguyễn Văn Phóng"};
};

TEST_F(LibraryTest, UploadsImagesAndAttachmentsOnce) {
  const std::string jpeg = testing::make_image(1200, 800, "jpg");
  // "i" + combining dot below: stored as precomposed "ị" (NFC).
  auto a = lib_->upload(jpeg, "C:\\Users\\pv\\Ảnh hội nghị.jpg", "Hội nghi\xCC\xA3",
                        "  Đoàn\tcông tác  ", who_);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_GT(a->id, 0);
  EXPECT_EQ(a->kind, MediaKind::kImage);
  EXPECT_EQ(a->file_name, "Ảnh hội nghị.jpg");
  EXPECT_EQ(a->alt, "Hội nghị");
  EXPECT_EQ(a->caption, "Đoàn công tác");
  EXPECT_EQ(a->width, 1200);
  EXPECT_EQ(a->uploader, "Nguyễn Văn Phóng");
  EXPECT_NE(a->srcset.find("480w"), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir_ / a->url.substr(1)));

  auto again = lib_->upload(jpeg, "copy.jpg", "", "", who_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->id, a->id);

  auto pdf = lib_->upload("%PDF-1.7\n%%EOF\n", "Công văn 12.pdf", "", "", who_);
  ASSERT_TRUE(pdf) << pdf.error().message;
  EXPECT_EQ(pdf->kind, MediaKind::kAttachment);
  EXPECT_EQ(pdf->format, "pdf");
  EXPECT_TRUE(pdf->url.ends_with(".pdf"));

  auto exe = lib_->upload(std::string("MZ\x90\x00", 4) + "payload", "bao-cao.pdf", "", "", who_);
  ASSERT_FALSE(exe);
  EXPECT_EQ(exe.error().kind, ErrorKind::kInvalidArgument);
  auto bad_alt = lib_->upload(jpeg, "a.jpg", std::string(301, 'a'), "", who_);
  ASSERT_FALSE(bad_alt);
  EXPECT_NE(bad_alt.error().message.find("Mô tả ảnh (alt)"), std::string::npos);
}

TEST_F(LibraryTest, ListsNewestFirstInPages) {
  for (int i = 0; i < 3; ++i) {
    clock_.set(clock_.now() + std::chrono::seconds(60));
    ASSERT_TRUE(lib_->upload(testing::make_image(40 + i, 30, "png"), "a.png", "", "", who_));
  }
  auto p1 = lib_->list(1);
  ASSERT_TRUE(p1) << p1.error().message;
  EXPECT_EQ(p1->total, 3);
  EXPECT_EQ(p1->pages, 2);
  ASSERT_EQ(p1->items.size(), 2u);
  EXPECT_EQ(p1->items[0].width, 42);
  auto p9 = lib_->list(9);  // clamped to the last page
  ASSERT_TRUE(p9);
  EXPECT_EQ(p9->page, 2);
  ASSERT_EQ(p9->items.size(), 1u);
  EXPECT_EQ(p9->items[0].width, 40);
}

TEST_F(LibraryTest, EditsTextAndDeletesOnlyUnusedFiles) {
  auto a = lib_->upload(testing::make_image(600, 400, "jpg"), "a.jpg", "", "", who_);
  ASSERT_TRUE(a);
  ASSERT_TRUE(lib_->update_text(a->id, "Cột mốc Đồng Đăng", "<script>alert(1)</script>"));
  auto got = lib_->get(a->id);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->alt, "Cột mốc Đồng Đăng");
  EXPECT_EQ(got->caption, "<script>alert(1)</script>");  // plain text; the theme escapes it
  EXPECT_EQ(lib_->update_text(9999, "", "").error().kind, ErrorKind::kNotFound);

  // An article body pointing at a variant of the file keeps it from being deleted.
  {
    auto c = store::sqlite::Connection::open(dir_ / "congtin.db", {});
    ASSERT_TRUE(c);
    const std::string stem = a->url.substr(0, a->url.size() - 4);
    ASSERT_TRUE((*c)->exec_script("INSERT INTO categories (name, slug) VALUES ('Tin', 'tin')"));
    auto st = (*c)->prepare(
        "INSERT INTO articles (title, slug, category_id, body_html, status, created_at, "
        "updated_at) VALUES ('T', 't', 1, ?1, 'draft', 0, 0)");
    ASSERT_TRUE(st) << st.error().message;
    st->bind(1, "<p><img src=\"" + stem + "-480.jpg\" alt=\"x\"></p>");
    auto run = st->run();
    ASSERT_TRUE(run) << run.error().message;
  }
  auto refused = lib_->remove(a->id);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::kConflict);
  EXPECT_NE(refused.error().message.find("đang được dùng trong 1 bài viết"), std::string::npos);

  auto b = lib_->upload(testing::make_image(50, 50, "png"), "b.png", "", "", who_);
  ASSERT_TRUE(b);
  ASSERT_TRUE(lib_->remove(b->id));
  EXPECT_EQ(lib_->get(b->id).error().kind, ErrorKind::kNotFound);
}

TEST(FormatSize, ForPeople) {
  EXPECT_EQ(format_size(312), "312 B");
  EXPECT_EQ(format_size(2048), "2 KB");
  EXPECT_EQ(format_size(870 * 1024 + 300), "870,3 KB");
  EXPECT_EQ(format_size(1258291), "1,2 MB");
}

}  // namespace
}  // namespace congtin::media
