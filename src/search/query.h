// Query: what a visitor typed in the search box, parsed into terms.
//
// Syntax (the usual one of web search boxes):
//   ngoai vu            plain words: every word must match (diacritics optional)
//   "đồng đăng"         an exact phrase: the words next to each other, in this order
//   -visa               exclude articles with this word (also -"a phrase")
//   hợp*                prefix: words starting with "hợp" (at least 2 letters before '*')
// parse_query never fails: malformed syntax falls back to plain words (an unbalanced quote is
// ignored, a query of exclusions only searches for those words, a bare '-' or '*' is
// dropped), and long input is cut to kMaxQueryBytes and kMaxTerms. The caller never shows a
// syntax error to a visitor.
//
// Every term carries its folded form (text::fold: no tones, no diacritics, đ -> d, lower
// case), which is what index and query compare, and its NFC form as typed, used to rank a
// match with the same diacritics above a folded one. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace congtin::search {

inline constexpr std::size_t kMaxQueryBytes = 256;  // after NFC; longer input is cut
inline constexpr std::size_t kMaxTerms = 12;        // further terms are dropped
inline constexpr std::size_t kMinPrefixChars = 2;   // "h*" would match half the index

enum class TermKind {
  kWord,    // one word as typed (may hold inner punctuation: "covid-19", "10/2023")
  kPhrase,  // words between double quotes
  kPrefix,  // a word followed by '*'
};

struct Term {
  TermKind kind = TermKind::kWord;
  bool excluded = false;   // typed with a leading '-'
  std::string text;        // NFC as typed, without quotes, '-' or '*'
  std::string folded;      // text::fold(text)
  bool has_marks = false;  // text carries diacritics or đ (its folded form differs in more
                           // than case): only then does an exact match rank higher

  bool operator==(const Term&) const = default;
};

struct Query {
  std::vector<Term> terms;
  std::string text;         // the input as understood: NFC, spaces squashed, bounded; shown
                            // back in the search box
  bool simplified = false;  // the syntax was malformed or too long and was simplified

  // True when there is nothing to look for (no term that is not excluded).
  bool empty() const;
  // Folded words of the terms that are not excluded, each phrase split into its words; for
  // highlighting. Prefix terms are marked with a trailing '*'.
  std::vector<std::string> highlight_words() const;
};

Query parse_query(std::string_view input);

// Splits text into words the way the index does (runs of letters, digits and marks; other
// characters separate), calling fn(byte_offset, byte_length) for each. Exposed for snippets
// and tests.
void for_each_word(std::string_view text, const std::function<void(std::size_t, std::size_t)>& fn);
// The same, stopping after the first word for which fn returns false.
void for_each_word_while(std::string_view text,
                         const std::function<bool(std::size_t, std::size_t)>& fn);

}  // namespace congtin::search
