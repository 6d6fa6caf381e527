#include "http/multipart.h"

#include <gtest/gtest.h>

#include <string>

namespace congtin::http {
namespace {

const std::string kType = "multipart/form-data; boundary=----congtinB0undary";
const std::string kB = "------congtinB0undary";  // "--" + boundary

std::string part(std::string_view headers, std::string_view data) {
  return kB + "\r\n" + std::string(headers) + "\r\n\r\n" + std::string(data) + "\r\n";
}

TEST(Multipart, ParsesFieldsAndFiles) {
  const std::string file_data = std::string("\xFF\xD8\xFF\r\n--not-the-boundary\r\n\0x", 27);
  const std::string body =
      "preamble is ignored\r\n" + part("Content-Disposition: form-data; name=\"_csrf\"", "abc123") +
      part(
          "content-disposition: form-data; name=\"file\"; filename=\"Ảnh hội nghị.jpg\"\r\n"
          "Content-Type: image/jpeg",
          file_data) +
      part("Content-Disposition: form-data; name=\"caption\"", "Chú thích\r\nhai dòng") + kB +
      "--\r\nepilogue";
  auto parts = parse_multipart(kType, body);
  ASSERT_TRUE(parts) << parts.error().message;
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "_csrf");
  EXPECT_EQ((*parts)[0].data, "abc123");
  EXPECT_FALSE((*parts)[0].filename.has_value());
  const MultipartPart* file = find_part(*parts, "file");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "Ảnh hội nghị.jpg");
  EXPECT_EQ(file->content_type, "image/jpeg");
  EXPECT_EQ(file->data, file_data);
  EXPECT_EQ(find_part(*parts, "caption")->data, "Chú thích\r\nhai dòng");
  EXPECT_EQ(find_part(*parts, "alt"), nullptr);
}

TEST(Multipart, BoundaryFromContentType) {
  const struct {
    std::string type;
    std::optional<std::string> boundary;
  } cases[] = {
      {"multipart/form-data; boundary=abc", "abc"},
      {"Multipart/Form-Data;boundary=\"a b:c\"", "a b:c"},
      {"multipart/form-data; charset=utf-8; boundary=x; boundary=y", "x"},
      {"multipart/form-data", std::nullopt},
      {"multipart/form-data; boundary=", std::nullopt},
      {"multipart/form-data; boundary=\"unterminated", std::nullopt},
      {"multipart/form-data; boundary=" + std::string(71, 'a'), std::nullopt},
      {"multipart/form-data; boundary=bad\x01", std::nullopt},
      {"multipart/mixed; boundary=abc", std::nullopt},
      {"application/x-www-form-urlencoded", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) {
    auto b = multipart_boundary(c.type);
    EXPECT_EQ(b.ok(), c.boundary.has_value()) << c.type;
    if (b && c.boundary) {
      EXPECT_EQ(*b, *c.boundary) << c.type;
    }
  }
}

TEST(Multipart, EdgeCases) {
  const std::string disposition = "Content-Disposition: form-data; name=\"a\"";
  const struct {
    const char* name;
    std::string body;
    bool ok;
    std::size_t parts;
  } cases[] = {
      {"no parts, just the close", kB + "--", true, 0},
      {"empty value", part(disposition, "") + kB + "--", true, 1},
      {"transport padding after the delimiter",
       kB + " \t\r\n" + disposition + "\r\n\r\nv\r\n" + kB + "--", true, 1},
      {"filename with escaped quote",
       part("Content-Disposition: form-data; name=\"f\"; filename=\"a\\\"b.pdf\"", "x") + kB + "--",
       true, 1},
      {"no close delimiter (truncated)", part(disposition, "value"), false, 0},
      {"cut inside the headers", kB + "\r\nContent-Disposition: form-da", false, 0},
      {"no delimiter at all", "just some bytes", false, 0},
      {"missing Content-Disposition", part("Content-Type: text/plain", "x") + kB + "--", false, 0},
      {"not form-data", part("Content-Disposition: attachment; name=\"a\"", "x") + kB + "--", false,
       0},
      {"no name", part("Content-Disposition: form-data; filename=\"a\"", "x") + kB + "--", false,
       0},
      {"two dispositions", part(disposition + "\r\n" + disposition, "x") + kB + "--", false, 0},
      {"header folding", part(disposition + "\r\n continued", "x") + kB + "--", false, 0},
      {"header line without colon", part(disposition + "\r\nbroken", "x") + kB + "--", false, 0},
      {"boundary-like text after the delimiter",
       kB + "X\r\n" + disposition + "\r\n\r\nv\r\n" + kB + "--", false, 0},
      {"unterminated quoted name",
       part("Content-Disposition: form-data; name=\"a", "x") + kB + "--", false, 0},
  };
  for (const auto& c : cases) {
    auto r = parse_multipart(kType, c.body);
    EXPECT_EQ(r.ok(), c.ok) << c.name << (r ? "" : ": " + r.error().message);
    if (r && c.ok) {
      EXPECT_EQ(r->size(), c.parts) << c.name;
    }
    if (!r) {
      EXPECT_EQ(r.error().kind, ErrorKind::kInvalidArgument);
      EXPECT_NE(r.error().message.find("không đúng định dạng"), std::string::npos) << c.name;
    }
  }
}

TEST(Multipart, Limits) {
  std::string body;
  for (int i = 0; i < 5; ++i)
    body += part("Content-Disposition: form-data; name=\"f" + std::to_string(i) + "\"", "v");
  body += kB + "--";
  MultipartLimits limits;
  limits.max_parts = 5;
  EXPECT_TRUE(parse_multipart(kType, body, limits));
  limits.max_parts = 4;
  auto r = parse_multipart(kType, body, limits);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("quá 4 trường"), std::string::npos);

  const std::string big_header =
      part("Content-Disposition: form-data; name=\"a\"\r\nX-Pad: " + std::string(9000, 'p'), "v") +
      kB + "--";
  EXPECT_FALSE(parse_multipart(kType, big_header));
}

}  // namespace
}  // namespace congtin::http
