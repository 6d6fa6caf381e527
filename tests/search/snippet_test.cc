#include "search/snippet.h"

#include <gtest/gtest.h>

#include "search/query.h"
#include "text/vietnamese.h"

namespace congtin::search {
namespace {

TEST(Highlight, MarksOriginalTextWithItsDiacritics) {
  const auto words = parse_query("ngoai vu dong dang").highlight_words();
  EXPECT_EQ(highlight_html("Sở Ngoại vụ làm việc tại cửa khẩu Đồng Đăng", words),
            "Sở <mark>Ngoại</mark> <mark>vụ</mark> làm việc tại cửa khẩu <mark>Đồng</mark> "
            "<mark>Đăng</mark>");
}

TEST(Highlight, EscapesEverythingButMark) {
  const auto words = parse_query("script").highlight_words();
  EXPECT_EQ(highlight_html("<script>alert(\"x\")</script> & 'q'", words),
            "&lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>&gt; &amp; "
            "&#39;q&#39;");
}

TEST(Highlight, PrefixAndNfdText) {
  const auto words = parse_query("hợp*").highlight_words();
  EXPECT_EQ(highlight_html("Hợp tác, hội họp", words),
            "<mark>Hợp</mark> tác, hội <mark>họp</mark>");
  // Text in NFD (combining marks) is matched and cut on whole characters.
  EXPECT_EQ(highlight_html("ho\xCC\xA3p", parse_query("hop").highlight_words()),
            "<mark>ho\xCC\xA3p</mark>");
}

TEST(Snippet, WindowAroundTheMatches) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "chữ ";
  text += "cửa khẩu Hữu Nghị đón đoàn. ";
  for (int i = 0; i < 100; ++i) text += "thêm ";
  const std::string s = snippet_html(text, parse_query("huu nghi").highlight_words(), 20);
  EXPECT_TRUE(s.starts_with("…")) << s;
  EXPECT_TRUE(s.ends_with("…")) << s;
  EXPECT_NE(s.find("<mark>Hữu</mark> <mark>Nghị</mark>"), std::string::npos) << s;
}

TEST(Snippet, NoMatchGivesTheBeginning) {
  const std::string s =
      snippet_html("Đầu bài. Tiếp theo.", parse_query("khong co").highlight_words());
  EXPECT_EQ(s, "Đầu bài. Tiếp theo.");
}

TEST(Snippet, PrefersTheWindowWithMoreDistinctWords) {
  std::string text = "biên biên biên biên. ";
  for (int i = 0; i < 50; ++i) text += "x ";
  text += "biên giới quốc gia. ";
  for (int i = 0; i < 50; ++i) text += "y ";
  const std::string s = snippet_html(text, parse_query("bien gioi").highlight_words(), 10);
  EXPECT_NE(s.find("<mark>biên</mark> <mark>giới</mark>"), std::string::npos) << s;
}

// Folded ahead (as the index stores it) or folded here, the snippet is the same: short text,
// text past the 32 KB scan limit (cut inside a word), and a folded text that does not pair.
TEST(Snippet, FoldedAheadGivesTheSameSnippet) {
  std::string long_text;
  while (long_text.size() < 40 * 1024) long_text += "Đoàn công tác Sở Ngoại vụ đến Đồng Đăng. ";
  long_text += "hữu nghị";
  std::string middle;
  for (int i = 0; i < 60; ++i) middle += "Lời chào số " + std::to_string(i) + ". ";
  middle += "Kiều bào đón Tết. ";
  for (int i = 0; i < 60; ++i) middle += "Tiếp theo " + std::to_string(i) + ". ";
  struct Case {
    std::string text, query;
  };
  const Case cases[] = {
      {"Sở Ngoại vụ làm việc tại cửa khẩu Đồng Đăng", "ngoai vu dong dang"},
      {"Hợp tác, hội họp; HỢP ĐỒNG", "hợp*"},
      {"ho\xCC\xA3p ba\xCC\x80n", "hop ban"},
      {long_text, "dong dang"},
      {long_text, "huu nghi"},
      {middle, "kieu bao"},                                  // a window inside
      {middle + "Kết thúc tại Hà Nội", "ha noi"},            // at the very end
      {"Một hai ba bốn năm sáu bảy tám chín mười", "muoi"},  // short, all of it
  };
  for (const auto& c : cases) {
    const auto words = parse_query(c.query).highlight_words();
    EXPECT_EQ(snippet_html(c.text, text::fold(c.text), words), snippet_html(c.text, words))
        << c.query;
  }
  const auto words = parse_query("dong dang").highlight_words();
  EXPECT_EQ(snippet_html("Cửa khẩu Đồng Đăng", "mot hai", words),
            "Cửa khẩu <mark>Đồng</mark> <mark>Đăng</mark>");
}

}  // namespace
}  // namespace congtin::search
