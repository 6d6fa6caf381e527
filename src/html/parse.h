// Guarded HTML parsing: gumbo behind an arena allocator with a memory and time budget.
//
// Internal to congtin_html. gumbo follows the WHATWG tree-construction algorithm, which is
// quadratic on deeply nested input (20 000 nested <div>s take seconds) and can multiply
// nodes through the reconstruction of active formatting elements (80 KB of crafted input
// made 250 MB of nodes). Inputs come from any logged-in editor and from imported files, so
// every parse runs on a budget: all of gumbo's memory comes from an arena that refuses to
// grow past a byte limit or a deadline, and the parse is abandoned when it does. Legitimate
// documents, even 2 MiB Word pastes, stay far below both limits.
//
// Thread-safety: a ParsedHtml is a value owned by one thread; parse_html is reentrant.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>

namespace congtin::html {

class ParseArena;

// A parsed document. The tree points into the arena and the copied buffer it owns.
class ParsedHtml {
 public:
  ParsedHtml(ParsedHtml&&) noexcept;
  ParsedHtml& operator=(ParsedHtml&&) noexcept;
  ~ParsedHtml();

  // The <body> element, or nullptr when the document has none (e.g. a <frameset> page).
  const GumboNode* body() const;

 private:
  friend std::unique_ptr<ParsedHtml> parse_html(std::string_view html);
  ParsedHtml();
  std::string buffer_;  // gumbo's tree points into it
  std::unique_ptr<ParseArena> arena_;
  GumboOutput* output_ = nullptr;
};

// Parses html as a full document in no-quirks mode (a doctype is put in front so that the
// tree matches what a browser builds for the public page, which has one). C0 control
// characters other than white space are removed first. Returns nullptr when the parse
// exceeded its memory or time budget.
std::unique_ptr<ParsedHtml> parse_html(std::string_view html);

// Lower-case tag name of an element, also for tags gumbo does not know ("o:p", "st1:place").
std::string element_name(const GumboElement& el);

// Value of attribute name (lower case) or nullptr.
const char* attribute(const GumboElement& el, const char* name);

}  // namespace congtin::html
