// An independent check that HTML holds nothing a browser would execute, for the tests and
// the fuzz target. It re-parses the HTML with gumbo, the way a browser would (as a document,
// and inside a <div> as the theme embeds it), and walks every node: no script-capable
// element, no foreign (SVG/MathML) content, no on* or style attribute, and no attribute
// value that a browser could take as a javascript:, vbscript: or data: URL. Deliberately
// shares no code with src/html.
#pragma once

#include <gumbo.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace congtin::html::testing {

struct GumboDeleter {
  void operator()(GumboOutput* o) const { gumbo_destroy_output(&kGumboDefaultOptions, o); }
};

// Decoded attribute value as a browser's URL parser sees its start: every control
// character and space removed, ASCII lower-cased.
inline std::string url_view(std::string_view value) {
  std::string out;
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) continue;
    out.push_back(u >= 'A' && u <= 'Z' ? static_cast<char>(u + 32) : c);
  }
  return out;
}

inline std::string check_tree(const GumboNode* root, bool strict) {
  static const std::vector<std::string_view> kForbidden = {
      "script",   "style",    "iframe",    "object",   "embed",  "svg",    "math",   "applet",
      "frame",    "frameset", "base",      "link",     "meta",   "form",   "input",  "button",
      "textarea", "select",   "template",  "noscript", "audio",  "video",  "source", "xmp",
      "noembed",  "noframes", "plaintext", "isindex",  "keygen", "bgsound"};
  static const std::vector<std::string_view> kAllowed = {
      "html",  "head",   "body", "div",    "p",          "br",  "hr",    "h2",         "h3",
      "h4",    "strong", "em",   "u",      "s",          "sub", "sup",   "blockquote", "ul",
      "ol",    "li",     "a",    "figure", "figcaption", "img", "table", "caption",    "thead",
      "tbody", "tfoot",  "tr",   "th",     "td",         "pre", "code"};
  static const std::vector<std::string_view> kAllowedAttrs = {
      "href", "title", "rel", "src", "alt", "width", "height", "colspan", "rowspan"};
  std::vector<const GumboNode*> todo{root};
  while (!todo.empty()) {
    const GumboNode* n = todo.back();
    todo.pop_back();
    const GumboVector* kids = nullptr;
    if (n->type == GUMBO_NODE_DOCUMENT) kids = &n->v.document.children;
    if (n->type == GUMBO_NODE_TEMPLATE) return "template element";
    if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboElement& el = n->v.element;
      if (el.tag_namespace != GUMBO_NAMESPACE_HTML) return "foreign (SVG/MathML) element";
      std::string name = el.tag == GUMBO_TAG_UNKNOWN ? "unknown" : gumbo_normalized_tagname(el.tag);
      if (std::find(kForbidden.begin(), kForbidden.end(), name) != kForbidden.end()) {
        return "element <" + name + ">";
      }
      if (strict && std::find(kAllowed.begin(), kAllowed.end(), name) == kAllowed.end()) {
        return "element <" + name + "> not on the allowlist";
      }
      for (unsigned i = 0; i < el.attributes.length; ++i) {
        const auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
        std::string attr = a->name;
        std::string url = url_view(a->value);
        if (attr.rfind("on", 0) == 0) return "event handler " + attr;
        if (attr == "style" || attr == "srcdoc" || attr == "formaction" || attr == "action") {
          return "attribute " + attr;
        }
        // Text-only attributes may say anything ("data: 2024" as alt text); every other
        // attribute is treated as a URL a browser might load or navigate to.
        bool text_only = attr == "alt" || attr == "title";
        for (std::string_view scheme : {"javascript:", "vbscript:", "data:", "livescript:"}) {
          if (!text_only && url.rfind(scheme, 0) == 0) {
            return attr + "=" + std::string(scheme) + "…";
          }
        }
        if (strict &&
            std::find(kAllowedAttrs.begin(), kAllowedAttrs.end(), attr) == kAllowedAttrs.end()) {
          return "attribute " + attr + " not on the allowlist";
        }
        if (strict && (attr == "href" || attr == "src") &&
            (url.rfind("//", 0) == 0 || url.rfind("/\\", 0) == 0 || url.rfind("\\", 0) == 0)) {
          return attr + " is protocol-relative";
        }
      }
      kids = &el.children;
    }
    if (kids != nullptr) {
      for (unsigned i = 0; i < kids->length; ++i) {
        todo.push_back(static_cast<const GumboNode*>(kids->data[i]));
      }
    }
  }
  return {};
}

// "" when html is safe, else what was found. strict also requires every element and
// attribute to be on the sanitiser's allowlist.
inline std::string find_executable(std::string_view html, bool strict = false) {
  for (std::string_view prefix : {"<!DOCTYPE html>", "<!DOCTYPE html><body><div>", ""}) {
    std::string doc(prefix);
    doc += html;
    std::unique_ptr<GumboOutput, GumboDeleter> out(
        gumbo_parse_with_options(&kGumboDefaultOptions, doc.data(), doc.size()));
    std::string found = check_tree(out->document, strict);
    if (!found.empty()) return found;
  }
  return {};
}

}  // namespace congtin::html::testing
