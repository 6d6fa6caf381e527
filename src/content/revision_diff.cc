#include "content/revision_diff.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <dtl/dtl.hpp>

#include <cstdint>

#include "html/sanitize.h"
#include "text/vietnamese.h"

namespace congtin::content {

namespace {

enum class CharClass { kSpace, kPunct, kWord };

CharClass classify(UChar32 c) {
  if (u_isUWhiteSpace(c)) return CharClass::kSpace;
  // Punctuation and symbols (including the curly quotes and dashes pasted from Word) stand
  // alone, so that "Nội," and "Nội" share the word.
  const auto type = static_cast<UCharCategory>(u_charType(c));
  switch (type) {
    case U_DASH_PUNCTUATION:
    case U_START_PUNCTUATION:
    case U_END_PUNCTUATION:
    case U_CONNECTOR_PUNCTUATION:
    case U_OTHER_PUNCTUATION:
    case U_INITIAL_PUNCTUATION:
    case U_FINAL_PUNCTUATION:
    case U_MATH_SYMBOL:
    case U_CURRENCY_SYMBOL:
    case U_MODIFIER_SYMBOL:
    case U_OTHER_SYMBOL:
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
      return CharClass::kPunct;
    default:
      return CharClass::kWord;
  }
}

void append_segment(std::vector<DiffSegment>& out, DiffOp op, const WordToken& t) {
  if (out.empty() || out.back().op != op) {
    out.push_back({op, t.text});  // a segment's leading space is dropped...
    if (out.size() > 1) out.back().text.insert(0, t.space_before);  // ...only at the start
    return;
  }
  out.back().text += t.space_before;
  out.back().text += t.text;
}

}  // namespace

std::vector<WordToken> tokenize_words(std::string_view input) {
  const std::string s = text::to_nfc(input);  // also makes it valid UTF-8
  std::vector<WordToken> out;
  std::string space;
  std::string word;
  auto flush_word = [&] {
    if (word.empty()) return;
    out.push_back({std::move(word), std::move(space)});
    word.clear();
    space.clear();
  };
  const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
  const auto len = static_cast<std::int32_t>(s.size());
  std::int32_t i = 0;
  while (i < len) {
    const std::int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, len, c);
    const std::string_view bytes(s.data() + start, static_cast<std::size_t>(i - start));
    switch (classify(c < 0 ? 0xFFFD : c)) {
      case CharClass::kSpace:
        flush_word();
        space += bytes;
        break;
      case CharClass::kPunct:
        flush_word();
        out.push_back({std::string(bytes), std::move(space)});
        space.clear();
        break;
      case CharClass::kWord:
        word += bytes;
        break;
    }
  }
  flush_word();
  return out;
}

std::vector<DiffSegment> word_diff(std::string_view before, std::string_view after) {
  const std::vector<WordToken> a = tokenize_words(before);
  const std::vector<WordToken> b = tokenize_words(after);
  std::vector<std::string> sa, sb;
  sa.reserve(a.size());
  sb.reserve(b.size());
  for (const auto& t : a) sa.push_back(t.text);
  for (const auto& t : b) sb.push_back(t.text);

  dtl::Diff<std::string> d(sa, sb, /*deletesFirst=*/true);
  if (sa.size() > kHugeDiffTokens || sb.size() > kHugeDiffTokens) d.onHuge();
  d.compose();

  std::vector<DiffSegment> out;
  for (const auto& [elem, info] : d.getSes().getSequence()) {
    // dtl's indices are 1-based positions in each sequence.
    switch (info.type) {
      case dtl::SES_COMMON:
        append_segment(out, DiffOp::kEqual, b[static_cast<std::size_t>(info.afterIdx - 1)]);
        break;
      case dtl::SES_DELETE:
        append_segment(out, DiffOp::kDelete, a[static_cast<std::size_t>(info.beforeIdx - 1)]);
        break;
      case dtl::SES_ADD:
        append_segment(out, DiffOp::kInsert, b[static_cast<std::size_t>(info.afterIdx - 1)]);
        break;
    }
  }
  return out;
}

std::vector<FieldDiff> diff_contents(const ArticleContent& x, const ArticleContent& y) {
  std::vector<FieldDiff> out;
  auto field = [&](std::string_view name, std::string_view label, std::string_view a,
                   std::string_view b) {
    auto segments = word_diff(a, b);
    bool changed = false;
    for (const auto& s : segments) changed |= s.op != DiffOp::kEqual;
    if (changed) out.push_back({std::string(name), std::string(label), std::move(segments)});
  };
  auto join = [](const std::vector<std::string>& tags) {
    std::string s;
    for (const auto& t : tags) s += (s.empty() ? "" : ", ") + t;
    return s;
  };
  field("title", "Tiêu đề", x.title, y.title);
  field("slug", "Đường dẫn", x.slug, y.slug);
  field("lead", "Sapo", x.lead, y.lead);
  field("body", "Nội dung", html::to_plain_text(x.body_html), html::to_plain_text(y.body_html));
  field("cover_image", "Ảnh đại diện", x.cover_image, y.cover_image);
  field("cover_caption", "Chú thích ảnh", x.cover_caption, y.cover_caption);
  field("cover_alt", "Mô tả ảnh", x.cover_alt, y.cover_alt);
  field("author", "Tác giả", x.author, y.author);
  field("author_unit", "Đơn vị", x.author_unit, y.author_unit);
  field("source", "Nguồn", x.source, y.source);
  field("category", "Chuyên mục", std::to_string(x.category_id), std::to_string(y.category_id));
  field("tags", "Từ khóa", join(x.tags), join(y.tags));
  field("featured", "Tin nổi bật", x.featured ? "Có" : "Không", y.featured ? "Có" : "Không");
  return out;
}

}  // namespace congtin::content
