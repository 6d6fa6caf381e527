// Phase 3 of sanitize: writing the tree out. Deterministic: lower-case tags, attributes in
// the order the allowlist set them, double-quoted and escaped, void elements without end
// tags, a line break after each block so that stored HTML diffs well.
#include "html/node.h"
#include "html/sanitize.h"
#include "text/vietnamese.h"

namespace congtin::html {
namespace {

bool ends_line(Tag t) {
  switch (t) {
    case Tag::kP:
    case Tag::kH2:
    case Tag::kH3:
    case Tag::kH4:
    case Tag::kBlockquote:
    case Tag::kUl:
    case Tag::kOl:
    case Tag::kLi:
    case Tag::kFigure:
    case Tag::kFigcaption:
    case Tag::kTable:
    case Tag::kCaption:
    case Tag::kThead:
    case Tag::kTbody:
    case Tag::kTfoot:
    case Tag::kTr:
    case Tag::kTd:
    case Tag::kTh:
    case Tag::kPre:
    case Tag::kHr:
      return true;
    default:
      return false;
  }
}

// Containers whose white-space children the parser keeps but the content model drops.
bool opens_line(Tag t) {
  return t == Tag::kUl || t == Tag::kOl || t == Tag::kTable || t == Tag::kThead ||
         t == Tag::kTbody || t == Tag::kTfoot || t == Tag::kTr;
}

void write(const Node& n, std::string& out) {
  if (n.kind == Kind::kText) {
    out += escape_text(text::to_nfc(n.text));
    return;
  }
  const char* name = tag_name(n.tag);
  out += '<';
  out += name;
  for (const auto& [key, value] : n.attrs) {
    out += ' ';
    out += key;
    out += "=\"";
    out += escape(text::to_nfc(value));
    out += '"';
  }
  out += '>';
  if (!is_void(n.tag)) {
    // The parser drops a line feed right after <pre>; an extra one keeps the text's own.
    if (n.tag == Tag::kPre && !n.children.empty() && n.children.front().kind == Kind::kText &&
        !n.children.front().text.empty() && n.children.front().text.front() == '\n') {
      out += '\n';
    }
    if (opens_line(n.tag)) out += '\n';
    for (const Node& c : n.children) write(c, out);
    out += "</";
    out += name;
    out += '>';
  }
  if (ends_line(n.tag)) out += '\n';
}

}  // namespace

std::string escape_text(std::string_view text) {
  // U+0338 COMBINING LONG SOLIDUS OVERLAY composes with '>' into U+226F under NFC. Right
  // after a tag it would let any later whole-document normalisation eat the tag's '>'.
  static constexpr std::string_view kSolidus = "\xCC\xB8";
  if (text.substr(0, kSolidus.size()) == kSolidus) {
    return "&#x338;" + escape(text.substr(kSolidus.size()));
  }
  return escape(text);
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string serialize(const std::vector<Node>& roots) {
  std::string out;
  for (const Node& n : roots) write(n, out);
  return out;
}

}  // namespace congtin::html
