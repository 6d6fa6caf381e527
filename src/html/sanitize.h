// Rich-text HTML for articles: an allowlist sanitiser over a real HTML parser (gumbo), and
// conversions between HTML and plain text.
//
// Articles are drafted in Word and pasted into the editor, or imported from files; whatever
// the browser or the file sends is cleaned here before it is stored, and the public theme
// then emits the stored HTML as it is. So sanitize() is the one place that decides what
// markup can reach a reader's browser, and it must never let script through.
//
// What sanitize() keeps:
//   p, br, hr, h2, h3, h4 (h1 → h2, h5/h6 → h4: the page has its own h1), strong (b too),
//   em (i too), u, s (strike, del too), sub, sup, blockquote, ul, ol, li, figure, figcaption,
//   table, caption, thead, tbody, tfoot, tr, th, td (colspan/rowspan 1-100), pre, code (tt,
//   kbd, samp too), a (href, title), img (src, alt, width, height as 1-10000).
//   a href: http(s)://, mailto:, tel:, "/path" (not "//host") or "#anchor", judged after the
//   parser decoded entities and after removing what browsers ignore (controls, tabs, line
//   breaks, surrounding spaces). Anything else (javascript:, vbscript:, data:, relative
//   paths) unwraps the link and keeps its text. http(s) links get rel="noopener noreferrer".
//   img src: see SanitizeOptions::rewrite_img_src; an image without an accepted src is
//   dropped.
// What it removes:
//   with their content: script, style, iframe, object, embed, noscript, template, svg, math,
//   form, input, button, select, textarea, link, meta, base, title, the whole head, audio,
//   video, canvas, applet, frames, Word's <xml> islands and list bullets, and comments
//   (which covers Word's <!--[if ...]--> blocks);
//   keeping their content: every other element (span, font, o:p, st1:*, label…);
//   div, section, article, header, footer, dl and similar blocks are unwrapped too, but their
//   content stays apart from its neighbours: at the top level each piece of loose text
//   becomes its own <p>, inside a list item or cell the pieces are joined by <br>;
//   every attribute not listed above (style, class, id, on*, lang…);
//   C0 control characters other than white space, and DEL.
// What it repairs (so that every browser parses the result back to the same tree):
//   inline content is never left loose at the top level (it is wrapped in <p>), blocks are
//   never nested inside p/h2-h4/inline elements (they are unwrapped there), formatting
//   around blocks is pushed down into them, lists hold only li, tables only their own
//   parts, links never nest. Word list paragraphs (mso-list) become nested ul/ol; a span
//   styled bold/italic (Google Docs, LibreOffice) becomes strong/em. Empty paragraphs,
//   headings, list items and inline elements are removed; white space outside <pre> is
//   collapsed and trimmed at block edges.
// Output: UTF-8 in NFC (text/vietnamese.h to_nfc), text and attribute values escaped,
// attributes double-quoted, a line break after each block; deterministic and idempotent:
// sanitize(sanitize(x)) == sanitize(x) with the same options.
//
// Thread-safety: all functions are pure and may be called from any thread at once.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace congtin::html {

struct SanitizeOptions {
  // Called for every <img src> that passed the URL checks (it is http(s)://, "/path" or a
  // relative path like "image001.png"; never javascript:, data: or "//host"). Returns the
  // URL to keep, or nullopt to drop the image. The returned URL is checked again and must
  // be "/path" or http(s)://. Unset (the default): keep "/path" only, so that nothing is
  // hot-linked from other sites. For sanitize to stay idempotent the function must keep
  // the URLs it returns.
  std::function<std::optional<std::string>(std::string_view src)> rewrite_img_src;
  // Larger input is refused with kInvalidArgument.
  std::size_t max_input_bytes = 2 << 20;
  // Elements nested deeper than this are flattened (inline ones unwrapped, blocks turned
  // into line breaks). Clamped to 8..256.
  int max_depth = 64;
};

// Cleans untrusted HTML as described above. Errors, all kInvalidArgument with a message in
// Vietnamese for the editor: input larger than max_input_bytes; input that is not valid
// UTF-8 (callers convert legacy encodings first; the position of the first bad byte is
// given); input so deeply nested or pathological that parsing it would exceed the parser's
// memory or time budget (never the case for documents people write).
Result<std::string> sanitize(std::string_view html, const SanitizeOptions& opts = {});

// The text of an HTML fragment, for search indexing and descriptions: block elements and
// <br> start new lines, table cells are separated by spaces, entities are decoded, runs of
// white space (NBSP included) become one space, lines are trimmed and empty lines dropped,
// script/style/head and the other dropped elements contribute nothing. NFC. Invalid UTF-8
// is replaced with U+FFFD. Returns "" for input the parser refuses (see sanitize).
std::string to_plain_text(std::string_view html);

// Escapes & < > " ' so that text can be put into HTML content or a quoted attribute.
std::string escape(std::string_view text);

// Plain text → HTML paragraphs: blocks separated by blank lines become <p>, single line
// breaks become <br>, white space within a line is collapsed, everything is escaped. The
// result is NFC and is left unchanged by sanitize().
std::string text_to_html(std::string_view text);

}  // namespace congtin::html
