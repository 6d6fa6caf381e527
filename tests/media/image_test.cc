#include "media/image.h"

#include <gtest/gtest.h>

#include <string>

#include "test_images.h"

namespace congtin::media {
namespace {

using testing::make_image;
using testing::probe;

struct Bad {
  const char* name;
  std::string bytes;
  std::string message_part;  // the Vietnamese message must say this
};

TEST(ProcessImage, RefusesWhatDoesNotDecodeFully) {
  const std::string jpeg = make_image(640, 480, "jpg", /*noisy=*/true);
  const std::string png = make_image(640, 480, "png", /*noisy=*/true);
  std::string corrupt = jpeg;
  for (std::size_t i = 600; i < corrupt.size() - 2; i += 7) corrupt[i] = '\x00';
  const Bad cases[] = {
      {"text renamed .jpg", "Đây là một tệp văn bản, không phải ảnh.\n", "Chỉ nhận ảnh JPEG"},
      {"empty", "", "Chỉ nhận ảnh"},
      {"svg", "<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "Chỉ nhận ảnh"},
      {"jpeg signature then garbage", std::string("\xFF\xD8\xFF\xE0", 4) + std::string(500, 'x'),
       "bị hỏng"},
      {"truncated jpeg", jpeg.substr(0, jpeg.size() / 2), "bị cắt cụt"},
      {"truncated png", png.substr(0, png.size() / 2), "bị cắt cụt"},
      {"corrupt jpeg data", corrupt, "bị hỏng"},
  };
  for (const auto& c : cases) {
    auto r = process_image(c.bytes);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument) << c.name;
    EXPECT_NE(r.error().message.find(c.message_part), std::string::npos)
        << c.name << ": " << r.error().message;
  }
}

TEST(ProcessImage, RefusesPixelBombsFromTheHeader) {
  const std::string png = testing::png_bomb(100000, 100000);
  const std::string gif = testing::gif_bomb(65000, 65000);
  ASSERT_LT(png.size(), 200u);  // a tiny file…
  for (const std::string& bomb : {png, gif}) {
    auto r = process_image(bomb);  // …that would need 10 GB decoded: refused, not decoded
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_NE(r.error().message.find("vượt giới hạn 40 triệu điểm ảnh"), std::string::npos)
        << r.error().message;
  }
  ImageLimits small;
  small.max_pixels = 100 * 100;
  EXPECT_FALSE(process_image(make_image(101, 100, "png"), small));
  EXPECT_TRUE(process_image(make_image(100, 100, "png"), small));
}

TEST(ProcessImage, RefusesMoreBytesThanTheLimit) {
  ImageLimits limits;
  limits.max_bytes = 1000;
  auto r = process_image(make_image(300, 300, "png", true), limits);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("lớn hơn giới hạn"), std::string::npos);
}

TEST(ProcessImage, StripsGpsExifAndRotatesUpright) {
  const std::string marker = "Toa-do-bi-mat-Lac-Hong";
  const std::string upload = testing::make_jpeg_with_gps(300, 200, /*orientation=*/6, marker);
  // The test image really carries what must go.
  const auto before = probe(upload);
  ASSERT_TRUE(before.has_exif);
  ASSERT_TRUE(before.has_gps);
  ASSERT_NE(upload.find(marker), std::string::npos);

  auto r = process_image(upload);
  ASSERT_TRUE(r) << r.error().message;
  // Orientation 6 is "rotate 90° clockwise to view": stored upright, 200 wide.
  EXPECT_EQ(r->original.width, 200);
  EXPECT_EQ(r->original.height, 300);
  std::vector<const EncodedImage*> all = {&r->original, &r->webp};
  for (const auto& v : r->variants) {
    all.push_back(&v.image);
    all.push_back(&v.webp);
  }
  for (const EncodedImage* e : all) {
    const auto p = probe(e->bytes);
    EXPECT_EQ(p.width, e->width) << e->ext;
    EXPECT_FALSE(p.has_exif) << e->ext;
    EXPECT_FALSE(p.has_gps) << e->ext;
    EXPECT_FALSE(p.has_xmp) << e->ext;
    EXPECT_FALSE(p.has_iptc) << e->ext;
    EXPECT_EQ(e->bytes.find(marker), std::string::npos) << e->ext;
    EXPECT_EQ(e->bytes.find("Exif"), std::string::npos) << e->ext;
  }
}

TEST(ProcessImage, VariantsAreNarrowerAndSmallerNeverUpscaled) {
  const std::string upload = make_image(2000, 1000, "jpg", true);
  auto r = process_image(upload);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->original.ext, "jpg");
  EXPECT_EQ(r->original.width, 2000);
  EXPECT_EQ(r->webp.ext, "webp");
  ASSERT_EQ(r->variants.size(), 3u);
  int previous = 0;
  for (const auto& v : r->variants) {
    EXPECT_GT(v.image.width, previous);
    EXPECT_LT(v.image.width, r->original.width);
    EXPECT_NEAR(v.image.height * 2, v.image.width, 2);  // aspect kept
    EXPECT_LT(v.image.bytes.size(), r->original.bytes.size());
    EXPECT_EQ(v.image.ext, "jpg");
    EXPECT_EQ(v.webp.ext, "webp");
    EXPECT_EQ(v.webp.width, v.image.width);
    EXPECT_EQ(probe(v.webp.bytes).width, v.image.width);
    previous = v.image.width;
  }
  EXPECT_EQ(r->variants[0].image.width, 480);
  EXPECT_EQ(r->variants[2].image.width, 1600);

  // Narrower than every variant width: no variant, and nothing made larger.
  auto small = process_image(make_image(400, 300, "png"));
  ASSERT_TRUE(small) << small.error().message;
  EXPECT_TRUE(small->variants.empty());
  EXPECT_EQ(small->original.ext, "png");
  EXPECT_EQ(small->webp.width, 400);
  // Between: only the widths below it.
  auto mid = process_image(make_image(1000, 500, "webp"));
  ASSERT_TRUE(mid) << mid.error().message;
  ASSERT_EQ(mid->variants.size(), 2u);
  EXPECT_EQ(mid->variants[1].image.width, 960);
  EXPECT_EQ(mid->variants[1].image.ext, "webp");
}

TEST(ProcessImage, AnimatedGifKeepsItsFramesAndGetsStills) {
  const std::string gif = testing::make_animated_gif(600, 400, 3);
  auto r = process_image(gif);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_TRUE(r->animated);
  EXPECT_EQ(r->original.ext, "gif");
  EXPECT_EQ(r->original.width, 600);
  EXPECT_EQ(r->original.height, 400);  // one frame's height
  ASSERT_EQ(r->variants.size(), 1u);   // 480 only
  EXPECT_EQ(r->variants[0].image.ext, "png");
  const auto still = probe(r->variants[0].image.bytes);
  EXPECT_EQ(still.width, 480);
  EXPECT_EQ(still.height, 320);
}

TEST(ProcessImage, EachFormatRoundTrips) {
  for (const char* ext : {"jpg", "png", "webp", "gif"}) {
    auto r = process_image(make_image(64, 48, ext));
    ASSERT_TRUE(r) << ext << ": " << r.error().message;
    EXPECT_EQ(r->original.ext, ext);
    EXPECT_EQ(probe(r->original.bytes).width, 64) << ext;
  }
}

}  // namespace
}  // namespace congtin::media
