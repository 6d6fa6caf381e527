// Word-level diff: Vietnamese tokenisation, NFC across combining/precomposed input, HTML fields
// compared on their text.
#include <gtest/gtest.h>

#include "content/revision_diff.h"

namespace congtin::content {
namespace {

std::vector<std::string> texts(const std::vector<WordToken>& tokens) {
  std::vector<std::string> out;
  for (const auto& t : tokens) out.push_back(t.text);
  return out;
}

// "=text" "+text" "-text" per segment, for compact expectations.
std::vector<std::string> ops(const std::vector<DiffSegment>& segs) {
  std::vector<std::string> out;
  for (const auto& s : segs) {
    const char c = s.op == DiffOp::kEqual ? '=' : s.op == DiffOp::kInsert ? '+' : '-';
    out.push_back(c + s.text);
  }
  return out;
}

using V = std::vector<std::string>;

TEST(Tokenize, VietnameseWordsAndPunctuation) {
  EXPECT_EQ(texts(tokenize_words("Sở Ngoại vụ tỉnh Lạng Sơn, ngày 12/3.")),
            (V{"Sở", "Ngoại", "vụ", "tỉnh", "Lạng", "Sơn", ",", "ngày", "12", "/", "3", "."}));
  // Curly quotes and dashes pasted from Word stand alone; NBSP separates.
  EXPECT_EQ(texts(tokenize_words("“Đồng Đăng”\u00A0– cửa khẩu")),
            (V{"“", "Đồng", "Đăng", "”", "–", "cửa", "khẩu"}));
  EXPECT_TRUE(tokenize_words("   \n\t ").empty());
}

TEST(Tokenize, CombiningMarksBecomeOneWordAfterNfc) {
  // "Việt" with e + U+0323 (dot below) + U+0302 (circumflex) vs precomposed ệ.
  const std::string combining = "Vie\xCC\xA3\xCC\x82t Nam";
  auto t = tokenize_words(combining);
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t[0].text, "Việt");
}

TEST(WordDiff, ReplacedWordInTheMiddle) {
  EXPECT_EQ(ops(word_diff("Đoàn công tác tỉnh Quảng Tây", "Đoàn công tác tỉnh Vân Nam")),
            (V{"=Đoàn công tác tỉnh", "- Quảng Tây", "+ Vân Nam"}));
}

TEST(WordDiff, PrecomposedAndCombiningFormsAreEqual) {
  const std::string precomposed = "Hội nghị hợp tác Việt – Trung";
  const std::string combining =
      "Ho\xCC\xA3\xCC\x82i nghi\xCC\xA3 ho\xCC\x9B\xCC\xA3p ta\xCC\x81"
      "c Vie\xCC\xA3\xCC\x82t – Trung";
  auto d = word_diff(precomposed, combining);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].op, DiffOp::kEqual);
  EXPECT_EQ(d[0].text, precomposed);
}

TEST(WordDiff, ToneMarksMatter) {
  // "ma" (ghost) and "mà" (but) are different words.
  EXPECT_EQ(ops(word_diff("ma", "mà")), (V{"-ma", "+mà"}));
}

TEST(WordDiff, InsertionAndDeletionAtTheEnds) {
  EXPECT_EQ(ops(word_diff("", "Xin chào")), (V{"+Xin chào"}));
  EXPECT_EQ(ops(word_diff("Xin chào", "")), (V{"-Xin chào"}));
  EXPECT_TRUE(word_diff("", "").empty());
  EXPECT_EQ(ops(word_diff("tin tức", "Bản tin tức")), (V{"+Bản", "= tin tức"}));
  EXPECT_EQ(ops(word_diff("tin tức", "tin tức mới")), (V{"=tin tức", "+ mới"}));
}

TEST(WordDiff, PunctuationOnlyChange) {
  EXPECT_EQ(ops(word_diff("Lạng Sơn.", "Lạng Sơn!")), (V{"=Lạng Sơn", "-.", "+!"}));
}

TEST(WordDiff, EqualAndDeletedTokensRebuildTheOldTextAndInsertedTheNew) {
  const std::string before = "Sáng nay, UBND tỉnh tiếp đoàn công tác của Bộ Ngoại giao.";
  const std::string after = "Chiều nay, Ủy ban nhân dân tỉnh tiếp đoàn của Bộ Ngoại giao Lào.";
  std::vector<std::string> old_tokens, new_tokens;
  for (const auto& s : word_diff(before, after)) {
    for (const auto& t : tokenize_words(s.text)) {
      if (s.op != DiffOp::kInsert) old_tokens.push_back(t.text);
      if (s.op != DiffOp::kDelete) new_tokens.push_back(t.text);
    }
  }
  EXPECT_EQ(old_tokens, texts(tokenize_words(before)));
  EXPECT_EQ(new_tokens, texts(tokenize_words(after)));
}

TEST(DiffContents, HtmlBodyIsComparedOnItsText) {
  ArticleContent a, b;
  a.title = b.title = "Tiêu đề";
  a.body_html = "<p>Hai bên trao đổi về <b>hợp tác</b> kinh tế.</p>";
  b.body_html = "<p>Hai bên trao đổi về <i>hợp tác</i> văn hóa.</p>";
  auto d = diff_contents(a, b);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].field, "body");
  EXPECT_EQ(d[0].label, "Nội dung");
  EXPECT_EQ(ops(d[0].segments),
            (V{"=Hai bên trao đổi về hợp tác", "- kinh tế", "+ văn hóa", "=."}));
}

TEST(DiffContents, UnchangedRevisionsHaveNoDifferences) {
  ArticleContent a;
  a.title = "Lạng Sơn";
  a.tags = {"cửa khẩu"};
  EXPECT_TRUE(diff_contents(a, a).empty());
  ArticleContent b = a;
  b.tags.push_back("hợp tác");
  b.featured = true;
  auto d = diff_contents(a, b);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].field, "tags");
  EXPECT_EQ(d[1].field, "featured");
}

TEST(WordDiff, LargeInputsFinish) {
  std::string a, b;
  for (int i = 0; i < 30000; ++i) {
    a += "từ" + std::to_string(i % 97) + " ";
    b += (i % 1000 == 0 ? "khác " : "từ" + std::to_string(i % 97) + " ");
  }
  auto d = word_diff(a, b);
  std::size_t inserted = 0;
  for (const auto& s : d)
    if (s.op == DiffOp::kInsert) inserted += tokenize_words(s.text).size();
  EXPECT_GE(inserted, 30u);
}

}  // namespace
}  // namespace congtin::content
