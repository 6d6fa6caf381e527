#include "content/import.h"

#include <gtest/gtest.h>

#include "text/date.h"

namespace congtin::content {
namespace {

constexpr const char* kGood =
    R"({"title":"Đoàn công tác  Lãnh đạo UBND tỉnh","lead":"Sapo","body_html":"<p>Nội dung</p>",)"
    R"("category":"Hoạt động đối ngoại","published_at":"2017-06-23T08:30:00+07:00",)"
    R"("author":"Phùng Anh Văn","author_unit":"TTTTDV&ĐN","tags":["biên giới","hợp tác"],)"
    R"("slug":"doan-cong-tac","featured":true})";

TEST(ParseImportLine, ReadsEveryField) {
  auto r = parse_import_line(kGood, 7);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->line, 7u);
  EXPECT_EQ(r->title, "Đoàn công tác Lãnh đạo UBND tỉnh");  // spaces squashed
  EXPECT_EQ(r->category, "Hoạt động đối ngoại");
  EXPECT_EQ(text::format_vi_datetime(r->published_at), "Thứ Sáu, 23/06/2017 08:30");
  EXPECT_EQ(r->author_unit, "TTTTDV&ĐN");
  EXPECT_EQ(r->tags, (std::vector<std::string>{"biên giới", "hợp tác"}));
  EXPECT_EQ(r->slug, "doan-cong-tac");
  EXPECT_TRUE(r->featured);
}

TEST(ParseImportLine, NormalisesToNfc) {
  // "Việt" with combining marks (NFD) becomes precomposed.
  auto r = parse_import_line(
      "{\"title\":\"Vie\xCC\xA3\xCC\x82t Nam\",\"body_text\":\"x\",\"category\":\"A\","
      "\"published_at\":\"2020-01-01T00:00:00Z\"}",
      1);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_EQ(r->title, "Việt Nam");
}

TEST(ParseImportLine, BodyTextBecomesParagraphs) {
  auto r = parse_import_line(
      R"({"title":"T","body_text":"Một <b>\n\nHai","category":"A","published_at":"2020-01-01T00:00:00Z"})",
      1);
  ASSERT_TRUE(r) << r.error().message;
  EXPECT_NE(r->body_html.find("<p>Một &lt;b&gt;</p>"), std::string::npos) << r->body_html;
  EXPECT_NE(r->body_html.find("<p>Hai</p>"), std::string::npos) << r->body_html;
}

struct BadCase {
  const char* line;
  const char* expected;  // substring of the error message
};

TEST(ParseImportLine, ErrorsNameLineAndField) {
  const BadCase cases[] = {
      {"not json", "line 3: not valid JSON"},
      {"[1,2]", "line 3: expected a JSON object"},
      {R"({"body_text":"x","category":"A","published_at":"2020-01-01T00:00:00Z"})",
       "field \"title\": required"},
      {R"({"title":"   ","body_text":"x","category":"A","published_at":"2020-01-01T00:00:00Z"})",
       "field \"title\""},
      {R"({"title":1,"body_text":"x","category":"A","published_at":"2020-01-01T00:00:00Z"})",
       "field \"title\": expected a string"},
      {R"({"title":"T","category":"A","published_at":"2020-01-01T00:00:00Z"})",
       "exactly one of body_html and body_text"},
      {R"({"title":"T","body_html":"x","body_text":"x","category":"A","published_at":"2020-01-01T00:00:00Z"})",
       "exactly one of body_html and body_text"},
      {R"({"title":"T","body_text":"x","published_at":"2020-01-01T00:00:00Z"})",
       "field \"category\""},
      {R"({"title":"T","body_text":"x","category":"A"})", "field \"published_at\": required"},
      {R"({"title":"T","body_text":"x","category":"A","published_at":"2020-01-01 00:00"})",
       "field \"published_at\": expected ISO 8601"},
      {R"({"title":"T","body_text":"x","category":"A","published_at":"2020-02-30T00:00:00Z"})",
       "field \"published_at\""},
      {R"({"title":"T","body_text":"x","category":"A","published_at":"2020-01-01T00:00:00Z","slug":"Có dấu"})",
       "field \"slug\""},
      {R"({"title":"T","body_text":"x","category":"A","published_at":"2020-01-01T00:00:00Z","tags":"a"})",
       "field \"tags\": expected an array"},
      {R"({"title":"T","body_text":"x","category":"A","published_at":"2020-01-01T00:00:00Z","tags":[1]})",
       "field \"tags\""},
      {R"({"title":"T","body_text":"x","category":"A","published_at":"2020-01-01T00:00:00Z","featured":"yes"})",
       "field \"featured\""},
      {R"({"title":"T","body_text":"x","category":"A","published_at":"2020-01-01T00:00:00Z","tittle":"x"})",
       "field \"tittle\": unknown field"},
      {"{\"title\":\"\xFF\"}", "not valid UTF-8"},
  };
  for (const auto& c : cases) {
    auto r = parse_import_line(c.line, 3);
    ASSERT_FALSE(r) << c.line;
    EXPECT_NE(r.error().message.find(c.expected), std::string::npos)
        << c.line << " → " << r.error().message;
    EXPECT_EQ(r.error().message.rfind("line 3: ", 0), 0u) << r.error().message;
  }
}

TEST(ParseImportLine, Bounded) {
  std::string big = R"({"title":")" + std::string(kMaxImportLineBytes, 'a') + "\"}";
  auto r = parse_import_line(big, 1);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("longer than"), std::string::npos);
  std::string many_tags = R"({"title":"T","body_text":"x","category":"A","published_at":"2020-01-01T00:00:00Z","tags":[)";
  for (int i = 0; i < 21; ++i) many_tags += std::string(i ? "," : "") + "\"t" + std::to_string(i) + "\"";
  many_tags += "]}";
  EXPECT_FALSE(parse_import_line(many_tags, 1));
  // Deep nesting is rejected without exhausting the stack.
  std::string deep = R"({"title":"T","x":)" + std::string(100000, '[') + std::string(100000, ']') + "}";
  EXPECT_FALSE(parse_import_line(deep, 1));
}

}  // namespace
}  // namespace congtin::content
