// Plain text ↔ HTML: to_plain_text and text_to_html.
#include <gumbo.h>

#include <string>
#include <vector>

#include "html/allowlist.h"
#include "html/node.h"
#include "html/parse.h"
#include "html/sanitize.h"
#include "text/vietnamese.h"

namespace congtin::html {
namespace {

bool is_line_block(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_LEGEND:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DIR:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT:
    case GUMBO_TAG_BR:
      return true;
    default:
      return false;
  }
}

std::string trim_spaces(const std::string& s) {
  std::size_t b = s.find_first_not_of(' ');
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(' ') - b + 1);
}

// Splits s into lines; in each, white space (NBSP too) is collapsed and trimmed.
std::vector<std::string> squashed_lines(std::string_view s) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    lines.push_back(trim_spaces(collapse_spaces(s.substr(start, end - start), true)));
    start = end + 1;
  }
  return lines;
}

struct Frame {
  const GumboNode* node;
  unsigned next;
};

}  // namespace

std::string to_plain_text(std::string_view html) {
  std::unique_ptr<ParsedHtml> doc = parse_html(html);
  if (doc == nullptr || doc->body() == nullptr) return {};
  std::string raw;
  std::vector<Frame> frames{{doc->body(), 0}};
  while (!frames.empty()) {
    Frame& f = frames.back();
    const GumboElement& el = f.node->v.element;
    if (f.next == el.children.length) {
      if (is_line_block(el.tag)) raw += '\n';
      if (el.tag == GUMBO_TAG_TD || el.tag == GUMBO_TAG_TH) raw += ' ';
      frames.pop_back();
      continue;
    }
    const auto* child = static_cast<const GumboNode*>(el.children.data[f.next++]);
    if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
      for (const char* p = child->v.text.text; *p != '\0'; ++p) raw += *p == '\n' ? ' ' : *p;
    } else if (child->type == GUMBO_NODE_ELEMENT &&
               child->v.element.tag_namespace == GUMBO_NAMESPACE_HTML &&
               !dropped_with_content(child->v.element.tag)) {
      if (is_line_block(child->v.element.tag)) raw += '\n';
      frames.push_back({child, 0});
    }
  }
  std::string out;
  for (const std::string& line : squashed_lines(strip_controls(text::to_nfc(raw)))) {
    if (line.empty()) continue;
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

std::string text_to_html(std::string_view text) {
  std::string t = text::to_nfc(text);
  std::string unified;  // CRLF and CR → LF
  unified.reserve(t.size());
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\r') {
      unified += '\n';
      if (i + 1 < t.size() && t[i + 1] == '\n') ++i;
    } else {
      unified += t[i];
    }
  }
  std::string out;
  std::vector<std::string> paragraph;
  auto flush = [&] {
    if (paragraph.empty()) return;
    out += "<p>";
    for (std::size_t i = 0; i < paragraph.size(); ++i) {
      if (i > 0) out += "<br>";
      out += escape_text(paragraph[i]);
    }
    out += "</p>\n";
    paragraph.clear();
  };
  for (std::string& line : squashed_lines(strip_controls(unified))) {
    if (line.empty()) {
      flush();
    } else {
      paragraph.push_back(std::move(line));
    }
  }
  flush();
  return out;
}

}  // namespace congtin::html
