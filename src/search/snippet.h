// Highlighting: the matched words of a query shown in <mark> in the ORIGINAL text (with its
// diacritics and case), everything else HTML-escaped.
//
// A word of the text matches when its folded form (text::fold) equals one of `words`
// (Query::highlight_words(): folded, prefixes marked with a trailing '*'). Pure and
// thread-safe; the output is valid UTF-8 whose only markup is <mark>…</mark>.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace congtin::search {

// The whole of text, escaped, with matches marked (for titles).
std::string highlight_html(std::string_view text, const std::vector<std::string>& words);

// An excerpt of about max_words words: the window holding the most distinct matched words,
// with "…" where text was cut. Without any match, the beginning of text. Only the first
// 32 KB of text are looked at, so the cost is bounded whatever the article's length.
std::string snippet_html(std::string_view text, const std::vector<std::string>& words,
                         std::size_t max_words = 36);

// The same, with folded_text = text::fold(text) computed ahead (the index stores it): folding
// a few kilobytes of every hit with ICU was the largest cost of a results page after the
// index itself. A folded_text that does not pair word for word with text is ignored.
std::string snippet_html(std::string_view text, std::string_view folded_text,
                         const std::vector<std::string>& words, std::size_t max_words = 36);

}  // namespace congtin::search
