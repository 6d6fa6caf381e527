#include "html/allowlist.h"

#include <algorithm>
#include <string_view>

#include "html/parse.h"
#include "html/url.h"
#include "text/vietnamese.h"

namespace congtin::html {
namespace {

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string trim(std::string_view s) {
  std::size_t b = s.find_first_not_of(" \t\n\r\f");
  if (b == std::string_view::npos) return {};
  std::size_t e = s.find_last_not_of(" \t\n\r\f");
  return std::string(s.substr(b, e - b + 1));
}

// Value of one declaration in a style attribute, lower-cased, or nullopt. Declarations are
// matched by exact property name: Word's "mso-bidi-font-weight:normal" is not font-weight.
std::optional<std::string> style_property(const GumboElement& el, std::string_view prop) {
  const char* style = attribute(el, "style");
  if (style == nullptr) return std::nullopt;
  std::string_view s(style);
  while (!s.empty()) {
    std::size_t semi = s.find(';');
    std::string_view decl = s.substr(0, semi);
    s = semi == std::string_view::npos ? std::string_view() : s.substr(semi + 1);
    std::size_t colon = decl.find(':');
    if (colon == std::string_view::npos) continue;
    std::string name = trim(decl.substr(0, colon));
    for (char& c : name) c = lower(c);
    if (name != prop) continue;
    std::string value = trim(decl.substr(colon + 1));
    for (char& c : value) c = lower(c);
    return value;
  }
  return std::nullopt;
}

bool is_word_bullet(const GumboElement& el) {
  auto v = style_property(el, "mso-list");
  return v && *v == "ignore";
}

// Text of the first mso-list:Ignore span under a Word list paragraph: "1.", "a)", "·", "o".
std::string word_bullet_text(const GumboNode* p) {
  std::vector<const GumboNode*> todo{p};
  const GumboNode* bullet = nullptr;
  for (int budget = 256; !todo.empty() && budget > 0 && bullet == nullptr; --budget) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    if (n != p && is_word_bullet(n->v.element)) bullet = n;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) todo.push_back(static_cast<GumboNode*>(kids.data[i]));
  }
  std::string text;
  todo.assign({bullet});
  while (bullet != nullptr && !todo.empty() && text.size() < 32) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    if (n->type == GUMBO_NODE_TEXT) text += n->v.text.text;
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = kids.length; i-- > 0;) todo.push_back(static_cast<GumboNode*>(kids.data[i]));
  }
  return collapse_spaces(text, true);
}

// "1." "12)" "a." "iv)" are numbered; "·" "o" "§" "-" are bullets.
bool bullet_is_ordered(std::string_view bullet) {
  std::string b = trim(bullet);
  if (b.size() < 2 || b.size() > 5 || (b.back() != '.' && b.back() != ')')) return false;
  bool digits = true, letters = true;
  for (std::size_t i = 0; i + 1 < b.size(); ++i) {
    digits = digits && b[i] >= '0' && b[i] <= '9';
    char c = lower(b[i]);
    letters = letters && c >= 'a' && c <= 'z';
  }
  return digits || letters;
}

// "l3 level1 lfo2" → 3: Word's number for the list the paragraph belongs to.
int word_list_id(std::string_view mso_list) {
  for (std::size_t i = 0; i + 1 < mso_list.size(); ++i) {
    bool token_start = i == 0 || mso_list[i - 1] == ' ';
    if (!token_start || mso_list[i] != 'l' || mso_list[i + 1] < '0' || mso_list[i + 1] > '9') {
      continue;
    }
    int id = 0;
    for (std::size_t j = i + 1; j < mso_list.size() && mso_list[j] >= '0' && mso_list[j] <= '9';
         ++j) {
      id = std::min(id * 10 + (mso_list[j] - '0'), 1000000);
    }
    return id;
  }
  return 0;
}

int word_list_level(std::string_view mso_list) {
  std::size_t at = mso_list.find("level");
  if (at == std::string_view::npos) return 1;
  int level = 0;
  for (std::size_t i = at + 5; i < mso_list.size() && mso_list[i] >= '0' && mso_list[i] <= '9';
       ++i) {
    level = level * 10 + (mso_list[i] - '0');
    if (level > 9) break;
  }
  return std::clamp(level, 1, 9);
}

// Digits only, 1..max, written without leading zeros.
std::optional<std::string> small_number(const char* value, int max) {
  if (value == nullptr) return std::nullopt;
  std::string v = trim(value);
  if (v.empty() || v.size() > 6) return std::nullopt;
  int n = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  if (n < 1 || n > max) return std::nullopt;
  return std::to_string(n);
}

std::string clean_text_attr(const char* value) {
  return strip_controls(text::to_nfc(value == nullptr ? "" : value));
}

Decision keep(Tag t) { return Decision{Action::kKeep, t, std::nullopt, {}, 1, false, 0}; }
Decision act(Action a) { return Decision{a, Tag::kP, std::nullopt, {}, 1, false, 0}; }

Decision decide_link(const GumboElement& el) {
  const char* href = attribute(el, "href");
  if (href == nullptr) return act(Action::kUnwrap);
  std::string url = clean_url(text::to_nfc(href));
  UrlKind kind = classify_url(url);
  if (kind == UrlKind::kInvalid || kind == UrlKind::kRelative) return act(Action::kUnwrap);
  Decision d = keep(Tag::kA);
  d.attrs.emplace_back("href", std::move(url));
  std::string title = clean_text_attr(attribute(el, "title"));
  if (!title.empty()) d.attrs.emplace_back("title", std::move(title));
  if (kind == UrlKind::kHttp) d.attrs.emplace_back("rel", "noopener noreferrer");
  return d;
}

Decision decide_image(const GumboElement& el, const ImgSrcRewriter& rewrite) {
  const char* src = attribute(el, "src");
  if (src == nullptr) return act(Action::kDrop);
  std::string url = clean_url(text::to_nfc(src));
  UrlKind kind = classify_url(url);
  if (kind != UrlKind::kSiteRelative && kind != UrlKind::kHttp && kind != UrlKind::kRelative) {
    return act(Action::kDrop);
  }
  std::optional<std::string> kept;
  if (rewrite) {
    kept = rewrite(url);
  } else if (kind == UrlKind::kSiteRelative) {
    kept = url;
  }
  if (!kept) return act(Action::kDrop);
  // The rewriter is the caller's code: its answer is checked like any other input.
  url = clean_url(text::to_nfc(*kept));
  kind = classify_url(url);
  if (kind != UrlKind::kSiteRelative && kind != UrlKind::kHttp) return act(Action::kDrop);
  Decision d = keep(Tag::kImg);
  d.attrs.emplace_back("src", std::move(url));
  if (const char* alt = attribute(el, "alt")) d.attrs.emplace_back("alt", clean_text_attr(alt));
  for (const char* name : {"width", "height"}) {
    if (auto n = small_number(attribute(el, name), 10000)) d.attrs.emplace_back(name, *n);
  }
  return d;
}

Decision decide_cell(const GumboElement& el, Tag t) {
  Decision d = keep(t);
  for (const char* name : {"colspan", "rowspan"}) {
    if (auto n = small_number(attribute(el, name), 100)) d.attrs.emplace_back(name, *n);
  }
  return d;
}

Decision decide_span(const GumboElement& el) {
  if (is_word_bullet(el)) return act(Action::kDrop);
  // Google Docs and LibreOffice mark bold and italic with styles rather than tags.
  auto weight = style_property(el, "font-weight");
  auto fstyle = style_property(el, "font-style");
  bool bold = weight && (*weight == "bold" || *weight == "bolder" || *weight == "600" ||
                         *weight == "700" || *weight == "800" || *weight == "900");
  bool italic = fstyle && (*fstyle == "italic" || *fstyle == "oblique");
  if (bold) {
    Decision d = keep(Tag::kStrong);
    if (italic) d.inner = Tag::kEm;
    return d;
  }
  return italic ? keep(Tag::kEm) : act(Action::kUnwrap);
}

}  // namespace

bool dropped_with_content(GumboTag tag) {
  switch (tag) {
    // Executable, embedding, form and document-level elements go with their content.
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_FRAME:
    case GUMBO_TAG_NOFRAMES:
    case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_KEYGEN:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_OPTGROUP:
    case GUMBO_TAG_OPTION:
    case GUMBO_TAG_WBR:
    case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_ISINDEX:
    case GUMBO_TAG_MENUITEM:
    case GUMBO_TAG_RP:
    case GUMBO_TAG_RT:
    case GUMBO_TAG_RTC:
    case GUMBO_TAG_BASEFONT:
    case GUMBO_TAG_SPACER:
    case GUMBO_TAG_NEXTID:
      return true;
    default:
      return false;
  }
}

Decision decide(const GumboNode* node, const ImgSrcRewriter& rewrite) {
  const GumboElement& el = node->v.element;
  if (el.tag_namespace != GUMBO_NAMESPACE_HTML || dropped_with_content(el.tag))
    return act(Action::kDrop);
  switch (el.tag) {
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
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
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_MULTICOL:
    case GUMBO_TAG_MARQUEE:
      return act(Action::kBoundary);
    case GUMBO_TAG_P: {
      auto list = style_property(el, "mso-list");
      if (!list || *list == "ignore" || *list == "none" ||
          list->find("level") == std::string::npos) {
        return keep(Tag::kP);
      }
      Decision d = act(Action::kWordItem);
      d.level = word_list_level(*list);
      d.list_id = word_list_id(*list);
      d.ordered = bullet_is_ordered(word_bullet_text(node));
      return d;
    }
    case GUMBO_TAG_BR:
      return keep(Tag::kBr);
    case GUMBO_TAG_HR:
      return keep(Tag::kHr);
    // The page has its own <h1>; heading levels below h4 add nothing on a news page.
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
      return keep(Tag::kH2);
    case GUMBO_TAG_H3:
      return keep(Tag::kH3);
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return keep(Tag::kH4);
    case GUMBO_TAG_B: {
      // Google Docs wraps a whole paste in <b style="font-weight:normal">.
      auto weight = style_property(el, "font-weight");
      if (weight && (*weight == "normal" || *weight == "400")) return act(Action::kUnwrap);
      return keep(Tag::kStrong);
    }
    case GUMBO_TAG_STRONG:
      return keep(Tag::kStrong);
    case GUMBO_TAG_EM:
    case GUMBO_TAG_I:
      return keep(Tag::kEm);
    case GUMBO_TAG_U:
      return keep(Tag::kU);
    case GUMBO_TAG_S:
    case GUMBO_TAG_STRIKE:
    case GUMBO_TAG_DEL:
      return keep(Tag::kS);
    case GUMBO_TAG_SUB:
      return keep(Tag::kSub);
    case GUMBO_TAG_SUP:
      return keep(Tag::kSup);
    case GUMBO_TAG_BLOCKQUOTE:
      return keep(Tag::kBlockquote);
    case GUMBO_TAG_UL:
      return keep(Tag::kUl);
    case GUMBO_TAG_OL:
      return keep(Tag::kOl);
    case GUMBO_TAG_LI:
      return keep(Tag::kLi);
    case GUMBO_TAG_FIGURE:
      return keep(Tag::kFigure);
    case GUMBO_TAG_FIGCAPTION:
      return keep(Tag::kFigcaption);
    case GUMBO_TAG_TABLE:
      return keep(Tag::kTable);
    case GUMBO_TAG_CAPTION:
      return keep(Tag::kCaption);
    case GUMBO_TAG_THEAD:
      return keep(Tag::kThead);
    case GUMBO_TAG_TBODY:
      return keep(Tag::kTbody);
    case GUMBO_TAG_TFOOT:
      return keep(Tag::kTfoot);
    case GUMBO_TAG_TR:
      return keep(Tag::kTr);
    case GUMBO_TAG_TH:
      return decide_cell(el, Tag::kTh);
    case GUMBO_TAG_TD:
      return decide_cell(el, Tag::kTd);
    case GUMBO_TAG_PRE:
      return keep(Tag::kPre);
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_TT:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_SAMP:
      return keep(Tag::kCode);
    case GUMBO_TAG_A:
      return decide_link(el);
    case GUMBO_TAG_IMG:
      return decide_image(el, rewrite);
    case GUMBO_TAG_SPAN:
      return decide_span(el);
    case GUMBO_TAG_UNKNOWN:
      // Word's <xml> islands hold document properties, not text.
      return element_name(el) == "xml" ? act(Action::kDrop) : act(Action::kUnwrap);
    default:
      return act(Action::kUnwrap);
  }
}

}  // namespace congtin::html
