#include "html/node.h"

namespace congtin::html {

const char* tag_name(Tag t) {
  static constexpr const char* kNames[] = {
      "p",     "br",     "hr",         "h2",  "h3",         "h4",      "strong", "em",
      "u",     "s",      "sub",        "sup", "blockquote", "ul",      "ol",     "li",
      "a",     "figure", "figcaption", "img", "table",      "caption", "thead",  "tbody",
      "tfoot", "tr",     "th",         "td",  "pre",        "code",
  };
  return kNames[static_cast<int>(t)];
}

bool is_void(Tag t) { return t == Tag::kBr || t == Tag::kHr || t == Tag::kImg; }

bool is_inline(Tag t) {
  switch (t) {
    case Tag::kBr:
    case Tag::kImg:
    case Tag::kStrong:
    case Tag::kEm:
    case Tag::kU:
    case Tag::kS:
    case Tag::kSub:
    case Tag::kSup:
    case Tag::kA:
    case Tag::kCode:
      return true;
    default:
      return false;
  }
}

std::string strip_controls(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\f') || c == 0x7f) continue;
    out.push_back(ch);
  }
  return out;
}

std::string collapse_spaces(std::string_view s, bool also_nbsp) {
  std::string out;
  out.reserve(s.size());
  bool in_space = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    std::size_t len = 1;
    if (!space && also_nbsp && c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
      space = true;
      len = 2;
    }
    if (space) {
      if (!in_space) out.push_back(' ');
      in_space = true;
      i += len - 1;
    } else {
      out.push_back(c);
      in_space = false;
    }
  }
  return out;
}

}  // namespace congtin::html
