// A hand-written parser (the grammar is four rules; a generator would be heavier than it) that
// degrades instead of failing. fuzz/search/ checks that any input yields terms that are
// non-empty, folded, bounded and free of the characters the index query language reserves.
#include "search/query.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

#include "search/exact_forms.h"
#include "text/vietnamese.h"

namespace congtin::search {
namespace {

// The token characters of FTS5's unicode61 tokenizer (L*, N*, Co, and Mn, which it keeps
// inside words), so that the parser, the snippets and the index agree on what a word is.
bool is_word_char(UChar32 c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
    case U_DECIMAL_DIGIT_NUMBER:
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_PRIVATE_USE_CHAR:
    case U_NON_SPACING_MARK:
      return true;
    default:
      return false;
  }
}

// Case folding alone (diacritics kept), to tell "Hà" (marks) from "HA" (case only).
// Cuts s to at most max bytes without splitting a UTF-8 sequence.
std::string_view cut_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

std::size_t word_count(std::string_view s) {
  std::size_t n = 0;
  for_each_word(s, [&](std::size_t, std::size_t) { ++n; });
  return n;
}

// Letters and digits in the last word of s; 0 if s does not end with a word.
std::size_t last_word_chars(std::string_view s) {
  std::size_t last_off = 0, last_len = 0;
  for_each_word(s, [&](std::size_t off, std::size_t len) { last_off = off, last_len = len; });
  if (last_len == 0 || last_off + last_len != s.size()) return 0;
  std::size_t n = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data() + last_off);
  int32_t i = 0;
  while (i < static_cast<int32_t>(last_len)) {
    UChar32 c;
    U8_NEXT(p, i, static_cast<int32_t>(last_len), c);
    if (c >= 0 && u_charType(c) != U_NON_SPACING_MARK) ++n;
  }
  return n;
}

Term make_term(TermKind kind, bool excluded, std::string_view text) {
  Term t;
  t.kind = kind;
  t.excluded = excluded;
  t.text = std::string(text);
  t.folded = text::fold(text);
  t.has_marks = t.folded != case_fold(text);
  return t;
}

bool is_space(char c) { return c == ' '; }  // input is squashed: ' ' is the only space left

}  // namespace

void for_each_word(std::string_view text, const std::function<void(std::size_t, std::size_t)>& fn) {
  for_each_word_while(text, [&](std::size_t off, std::size_t len) {
    fn(off, len);
    return true;
  });
}

void for_each_word_while(std::string_view text,
                         const std::function<bool(std::size_t, std::size_t)>& fn) {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  int32_t i = 0, start = -1;
  while (i < length) {
    const int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, length, c);
    const bool word = c >= 0 && is_word_char(c);
    if (word && start < 0) start = at;
    if (!word && start >= 0) {
      if (!fn(static_cast<std::size_t>(start), static_cast<std::size_t>(at - start))) return;
      start = -1;
    }
  }
  if (start >= 0) fn(static_cast<std::size_t>(start), static_cast<std::size_t>(length - start));
}

bool Query::empty() const {
  return std::none_of(terms.begin(), terms.end(), [](const Term& t) { return !t.excluded; });
}

std::vector<std::string> Query::highlight_words() const {
  std::vector<std::string> out;
  for (const Term& t : terms) {
    if (t.excluded) continue;
    std::vector<std::string> words;
    for_each_word(t.folded, [&](std::size_t off, std::size_t len) {
      words.emplace_back(t.folded.substr(off, len));
    });
    if (t.kind == TermKind::kPrefix && !words.empty()) words.back() += '*';
    for (auto& w : words) {
      if (std::find(out.begin(), out.end(), w) == out.end()) out.push_back(std::move(w));
    }
  }
  return out;
}

Query parse_query(std::string_view input) {
  Query q;
  // Bound the work before normalising: NFC of 1 KB is cheap, of 1 MB is not.
  const std::string_view raw = cut_utf8(input, kMaxQueryBytes * 4);
  std::string s = text::to_nfc(raw);
  // Control characters are spaces here; a NUL would end the index's query string early.
  for (char& c : s) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  }
  s = text::squash_spaces(s);
  if (s.size() > kMaxQueryBytes || raw.size() < input.size()) {
    s = text::squash_spaces(cut_utf8(s, kMaxQueryBytes));
    q.simplified = true;
  }
  q.text = s;

  // An unbalanced quote makes every quote meaningless: plain words.
  if (std::count(s.begin(), s.end(), '"') % 2 != 0) {
    std::replace(s.begin(), s.end(), '"', ' ');
    q.simplified = true;
  }

  auto add = [&](Term t) {
    if (word_count(t.folded) == 0) return;  // punctuation only: nothing to match
    if (std::find(q.terms.begin(), q.terms.end(), t) != q.terms.end()) return;
    if (q.terms.size() == kMaxTerms) {
      q.simplified = true;
      return;
    }
    q.terms.push_back(std::move(t));
  };

  std::size_t i = 0;
  while (i < s.size()) {
    if (is_space(s[i])) {
      ++i;
      continue;
    }
    bool excluded = false;
    if (s[i] == '-' && i + 1 < s.size() && !is_space(s[i + 1])) {
      excluded = true;
      ++i;
    }
    if (s[i] == '"') {
      const std::size_t close = s.find('"', i + 1);  // balanced: always found
      add(make_term(TermKind::kPhrase, excluded, s.substr(i + 1, close - i - 1)));
      i = close + 1;
      continue;
    }
    std::size_t end = i;
    while (end < s.size() && !is_space(s[end]) && s[end] != '"') ++end;
    std::string_view word = std::string_view(s).substr(i, end - i);
    i = end;
    TermKind kind = TermKind::kWord;
    if (word.ends_with('*')) {
      while (word.ends_with('*')) word.remove_suffix(1);
      kind = TermKind::kPrefix;
    }
    Term t = make_term(kind, excluded, word);
    // A short prefix or one that ends in punctuation ("covid-*") is taken as a plain word.
    if (kind == TermKind::kPrefix) {
      if (last_word_chars(t.folded) < kMinPrefixChars) t.kind = TermKind::kWord;
    }
    add(std::move(t));
  }

  // Nothing but exclusions is not a search; take the words as plain words instead.
  if (q.empty() && !q.terms.empty()) {
    for (Term& t : q.terms) t.excluded = false;
    q.simplified = true;
  }
  return q;
}

}  // namespace congtin::search
