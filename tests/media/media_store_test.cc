#include "media/media_store.h"

#include "media/image.h"
#include "test_images.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace congtin::media {
namespace {

const std::string kPng = std::string("\x89PNG\r\n\x1A\n", 8) + "rest-of-png";
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "jfif";

TEST(SniffImage, BySignatureNotName) {
  EXPECT_EQ(sniff_image(kPng), "png");
  EXPECT_EQ(sniff_image(kJpeg), "jpg");
  EXPECT_EQ(sniff_image("GIF89a...."), "gif");
  EXPECT_EQ(sniff_image(std::string("RIFF\0\0\0\0WEBPVP8 ", 16)), "webp");
  EXPECT_EQ(sniff_image("RIFF\0\0\0\0WAVE"), std::nullopt);
  EXPECT_EQ(sniff_image("<svg onload=alert(1)>"), std::nullopt);
  EXPECT_EQ(sniff_image(""), std::nullopt);
}

class MediaStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("congtin-media-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  std::filesystem::path root_;
};

TEST_F(MediaStoreTest, StoresByHashOnce) {
  MediaStore store(root_ / "media");
  auto a = store.put_image(kPng);
  ASSERT_TRUE(a) << a.error().message;
  EXPECT_EQ(a->rfind("/media/", 0), 0u);
  EXPECT_EQ(a->substr(a->size() - 4), ".png");
  auto b = store.put_image(kPng);
  ASSERT_TRUE(b);
  EXPECT_EQ(*a, *b);
  std::filesystem::path file = root_ / a->substr(1);
  ASSERT_TRUE(std::filesystem::exists(file));
  std::ifstream in(file, std::ios::binary);
  std::string back((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(back, kPng);
  // Nothing but the file itself is left behind (no temporary files).
  int n = 0;
  for ([[maybe_unused]] auto& e : std::filesystem::recursive_directory_iterator(root_ / "media"))
    if (e.is_regular_file()) ++n;
  EXPECT_EQ(n, 1);
}

TEST_F(MediaStoreTest, RefusesWhatIsNotAnImage) {
  MediaStore store(root_ / "media");
  auto r = store.put_image("%PDF-1.7 pretending to be a jpg");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
}

TEST_F(MediaStoreTest, FileErrorsNameTheFile) {
  MediaStore store(root_ / "media");
  auto r = store.put_image_file(root_ / "khong-co.jpg");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("khong-co.jpg"), std::string::npos);
}

}  // namespace
}  // namespace congtin::media

namespace congtin::media {
namespace {

TEST_F(MediaStoreTest, ProcessedImageGetsVariantsAndAManifest) {
  MediaStore store(root_ / "media");
  auto image = process_image(testing::make_image(1000, 500, "jpg"));
  ASSERT_TRUE(image) << image.error().message;
  auto stored = store.put_processed(*image);
  ASSERT_TRUE(stored) << stored.error().message;
  EXPECT_TRUE(stored->url.ends_with(".jpg"));
  const std::string stem = stored->url.substr(0, stored->url.size() - 4);
  for (const char* suffix : {".webp", "-480.jpg", "-480.webp", "-960.jpg", "-960.webp", ".json"})
    EXPECT_TRUE(std::filesystem::exists(root_ / (stem.substr(1) + suffix))) << suffix;
  EXPECT_EQ(stored->thumb_url, stem + "-480.jpg");
  EXPECT_EQ(stored->set.srcset,
            stem + "-480.jpg 480w, " + stem + "-960.jpg 960w, " + stored->url + " 1000w");

  auto set = store.image_set(stored->url);
  ASSERT_TRUE(set);
  EXPECT_EQ(set->width, 1000);
  EXPECT_EQ(set->height, 500);
  EXPECT_EQ(set->srcset, stored->set.srcset);
  EXPECT_EQ(set->webp_srcset,
            stem + "-480.webp 480w, " + stem + "-960.webp 960w, " + stem + ".webp 1000w");
  // Idempotent.
  auto again = store.put_processed(*image);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->url, stored->url);
}

TEST_F(MediaStoreTest, ImageSetOnlyForOwnManifests) {
  MediaStore store(root_ / "media");
  auto imported = store.put_image(testing::make_image(800, 600, "png"));
  ASSERT_TRUE(imported);
  EXPECT_FALSE(store.image_set(*imported));  // imported before the library: no manifest
  for (const char* url : {"", "/media/", "https://example.com/a.jpg", "/media/../../etc/passwd",
                          "/media/ab/../../../../etc/passwd.json.jpg", "/static/logo.png"})
    EXPECT_FALSE(store.image_set(url)) << url;
}

}  // namespace
}  // namespace congtin::media
