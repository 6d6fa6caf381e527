#include "media/responsive.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace congtin::media {
namespace {

const std::string kUrl = "/media/ab/ab" + std::string(62, '1') + ".jpg";

std::optional<ImageSet> fake_lookup(std::string_view url) {
  if (url == kUrl) {
    return ImageSet{1200, 800, "/m-480.jpg 480w, " + kUrl + " 1200w",
                    "/m-480.webp 480w, /m.webp 1200w", false};
  }
  if (url == "/media/anim.gif") return ImageSet{600, 400, "", "", true};
  return std::nullopt;
}

TEST(ResponsiveImages, RewritesOnlyKnownImages) {
  const std::string picture =
      "<picture><source type=\"image/webp\" srcset=\"/m-480.webp 480w, /m.webp 1200w\" "
      "sizes=\"(max-width: 50rem) 100vw, 50rem\">";
  const std::string sets =
      " srcset=\"/m-480.jpg 480w, " + kUrl + " 1200w\" sizes=\"(max-width: 50rem) 100vw, 50rem\"";
  const struct {
    const char* name;
    std::string in;
    std::string out;
  } cases[] = {
      {"known image in a figure",
       "<figure><img src=\"" + kUrl +
           "\" alt=\"Ảnh Đoàn công tác\"><figcaption>Chú thích"
           "</figcaption></figure>",
       "<figure>" + picture + "<img src=\"" + kUrl + "\" alt=\"Ảnh Đoàn công tác\"" + sets +
           " width=\"1200\" height=\"800\" loading=\"lazy\"></picture><figcaption>Chú thích"
           "</figcaption></figure>"},
      {"keeps its own width and height",
       "<p><img src=\"" + kUrl + "\" alt=\"\" width=\"600\" height=\"400\"></p>",
       "<p>" + picture + "<img src=\"" + kUrl + "\" alt=\"\" width=\"600\" height=\"400\"" + sets +
           " loading=\"lazy\"></picture></p>"},
      {"imported image unchanged", "<p><img src=\"/media/cd/old.png\" alt=\"Cũ\"></p>",
       "<p><img src=\"/media/cd/old.png\" alt=\"Cũ\"></p>"},
      {"animation unchanged", "<img src=\"/media/anim.gif\" alt=\"\">",
       "<img src=\"/media/anim.gif\" alt=\"\">"},
      {"already has srcset", "<img src=\"" + kUrl + "\" srcset=\"x 1w\">",
       "<img src=\"" + kUrl + "\" srcset=\"x 1w\">"},
      {"not an img tag", "<imgx src=\"" + kUrl + "\"> <img", "<imgx src=\"" + kUrl + "\"> <img"},
      {"unterminated tag", "<p>a</p><img src=\"" + kUrl, "<p>a</p><img src=\"" + kUrl},
      {"text mentioning it", "<p>&lt;img src=\"" + kUrl + "\"&gt;</p>",
       "<p>&lt;img src=\"" + kUrl + "\"&gt;</p>"},
      {"no images", "<p>Sở Ngoại vụ tỉnh Lạc Hồng</p>", "<p>Sở Ngoại vụ tỉnh Lạc Hồng</p>"},
  };
  for (const auto& c : cases) EXPECT_EQ(responsive_images(c.in, fake_lookup), c.out) << c.name;
}

TEST(ResponsiveImages, ArticleViewModelGetsCoverSets) {
  nlohmann::json article = {{"title", "Tin"},
                            {"body_html", "<p><img src=\"" + kUrl + "\" alt=\"a\"></p>"},
                            {"cover", {{"src", kUrl}, {"alt", "Bìa"}, {"caption", ""}}}};
  auto out = with_responsive_images(article, fake_lookup);
  EXPECT_NE(out["body_html"].get<std::string>().find("<picture>"), std::string::npos);
  EXPECT_EQ(out["cover"]["width"], 1200);
  EXPECT_EQ(out["cover"]["webp_srcset"], "/m-480.webp 480w, /m.webp 1200w");
  EXPECT_EQ(out["title"], "Tin");

  nlohmann::json plain = {{"body_html", "<p>x</p>"}, {"cover", nullptr}};
  EXPECT_EQ(with_responsive_images(plain, fake_lookup), plain);
}

}  // namespace
}  // namespace congtin::media
