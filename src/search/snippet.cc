#include "search/snippet.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "html/sanitize.h"
#include "search/query.h"
#include "text/vietnamese.h"

namespace congtin::search {
namespace {

constexpr std::size_t kMaxScanBytes = 32 * 1024;

struct Span {
  std::size_t off, len;
  int match;  // index into words, or -1
};

std::string_view cut_utf8(std::string_view s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  return s.substr(0, end);
}

int match_of(std::string_view folded, const std::vector<std::string>& words) {
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (!w.empty() && w.back() == '*') {
      if (folded.starts_with(std::string_view(w).substr(0, w.size() - 1))) return int(i);
    } else if (folded == w) {
      return int(i);
    }
  }
  return -1;
}

// The words of text with what they match. Folding the text once and pairing its words with
// the original's is much cheaper than folding word by word; fold keeps every non-letter, so
// the words pair up, except in exotic text where a letter folds to a non-letter: then each
// word is folded on its own.
// folded_ahead, when given, is text::fold of a text that starts with `text` (it may go on
// further: `text` can be a cut of it); otherwise text is folded here.
std::vector<Span> words_of(std::string_view text, const std::vector<std::string>& words,
                           const std::string_view* folded_ahead = nullptr) {
  std::vector<Span> spans;
  for_each_word(text, [&](std::size_t off, std::size_t len) { spans.push_back({off, len, -1}); });
  std::string own;
  if (folded_ahead == nullptr) own = text::fold(text);
  const std::string_view folded = folded_ahead ? *folded_ahead : std::string_view(own);
  std::vector<std::pair<std::size_t, std::size_t>> fspans;
  fspans.reserve(spans.size());
  for_each_word(folded, [&](std::size_t off, std::size_t len) {
    if (fspans.size() <= spans.size()) fspans.emplace_back(off, len);
  });
  // Folded ahead from a longer text: the words pair up to the cut, where the last word of
  // text may be cut short and is folded on its own.
  std::size_t pairs = spans.size();
  if (folded_ahead != nullptr && fspans.size() > spans.size() && !spans.empty()) {
    fspans.resize(spans.size());
    --pairs;
  }
  const bool paired = fspans.size() == spans.size();
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (paired && i < pairs) {
      spans[i].match =
          match_of(std::string_view(folded).substr(fspans[i].first, fspans[i].second), words);
    } else {
      spans[i].match = match_of(text::fold(text.substr(spans[i].off, spans[i].len)), words);
    }
  }
  return spans;
}

// text[from, to) escaped, with the spans in that range that match wrapped in <mark>.
void append_marked(std::string& out, std::string_view text, const std::vector<Span>& spans,
                   std::size_t first, std::size_t last, std::size_t from, std::size_t to) {
  std::size_t at = from;
  for (std::size_t i = first; i < last; ++i) {
    const Span& s = spans[i];
    if (s.match < 0) continue;
    out += html::escape(text.substr(at, s.off - at));
    out += "<mark>";
    out += html::escape(text.substr(s.off, s.len));
    out += "</mark>";
    at = s.off + s.len;
  }
  out += html::escape(text.substr(at, to - at));
}

}  // namespace

std::string highlight_html(std::string_view text, const std::vector<std::string>& words) {
  const std::vector<Span> spans = words_of(text, words);
  std::string out;
  append_marked(out, text, spans, 0, spans.size(), 0, text.size());
  return out;
}

std::string snippet_html(std::string_view full_text, const std::vector<std::string>& words,
                         std::size_t max_words) {
  return snippet_html(full_text, {}, words, max_words);
}

namespace {

// The window of max_words words with the most distinct words matched, then the most
// matches; [first, last) starts a few words before its first match, so it reads as a
// sentence.
std::pair<std::size_t, std::size_t> best_window(const std::vector<Span>& spans,
                                                std::size_t distinct_words, std::size_t max_words) {
  const std::size_t n = spans.size(), w = std::min(max_words, n);
  std::vector<int> count(distinct_words, 0);
  int distinct = 0, matches = 0;
  auto add = [&](std::size_t i, int d) {
    const int m = spans[i].match;
    if (m < 0) return;
    if (d > 0 && count[m]++ == 0) ++distinct;
    if (d < 0 && --count[m] == 0) --distinct;
    matches += d;
  };
  for (std::size_t i = 0; i < w; ++i) add(i, +1);
  std::size_t best = 0;
  long best_score = long(distinct) * 1000 + matches;
  for (std::size_t start = 1; start + w <= n; ++start) {
    add(start - 1, -1);
    add(start + w - 1, +1);
    const long score = long(distinct) * 1000 + matches;
    if (score > best_score) best_score = score, best = start;
  }
  std::size_t first = best;
  while (first < best + w && spans[first].match < 0) ++first;
  if (first == best + w) first = best;
  first = first >= best + 4 ? first - 4 : best;
  return {first, std::min(n, first + w)};
}

// spans[first, last) of text as the snippet: escaped, matches marked, "…" where cut.
std::string render(std::string_view text, std::size_t full_size, const std::vector<Span>& spans,
                   std::size_t first, std::size_t last, bool to_end) {
  std::string out;
  const std::size_t from = first == 0 ? 0 : spans[first].off;
  const std::size_t to = to_end ? text.size() : spans[last - 1].off + spans[last - 1].len;
  if (from > 0) out += "…";
  append_marked(out, text, spans, first, last, from, to);
  if (to < full_size) out += "…";
  return out;
}

// The snippet from the folded text alone: the window is chosen on its words, and the text as
// written is split only up to the window's end (most of the work of a snippet was splitting
// both texts whole). nullopt when the two texts do not pair up word for word there.
std::optional<std::string> snippet_from_folded(std::string_view full_text,
                                               std::string_view folded_text,
                                               const std::vector<std::string>& words,
                                               std::size_t max_words) {
  const std::string_view folded = cut_utf8(folded_text, kMaxScanBytes);
  std::vector<Span> fspans;
  for_each_word(folded, [&](std::size_t off, std::size_t len) {
    fspans.push_back({off, len, match_of(folded.substr(off, len), words)});
  });
  if (fspans.empty() || max_words == 0) return std::nullopt;
  const auto [first, last] = best_window(fspans, words.size(), max_words);
  const std::string_view text = cut_utf8(full_text, kMaxScanBytes);
  std::vector<Span> spans;
  spans.reserve(last);
  for_each_word_while(text, [&](std::size_t off, std::size_t len) {
    spans.push_back({off, len, -1});
    return spans.size() < last;
  });
  if (spans.size() < last) return std::nullopt;
  // A letter that folds to a non-letter (exotic text) shifts the pairs; the window's last
  // word then no longer folds to its twin.
  const Span& end = spans[last - 1];
  if (text::fold(text.substr(end.off, end.len)) !=
      folded.substr(fspans[last - 1].off, fspans[last - 1].len))
    return std::nullopt;
  for (std::size_t i = first; i < last; ++i) spans[i].match = fspans[i].match;
  const bool to_end = last == fspans.size() && folded.size() == folded_text.size() &&
                      text.size() == full_text.size();
  return render(text, full_text.size(), spans, first, last, to_end);
}

}  // namespace

std::string snippet_html(std::string_view full_text, std::string_view folded_text,
                         const std::vector<std::string>& words, std::size_t max_words) {
  if (!folded_text.empty()) {
    if (auto fast = snippet_from_folded(full_text, folded_text, words, max_words)) return *fast;
  }
  const std::string_view text = cut_utf8(full_text, kMaxScanBytes);
  const std::vector<Span> spans =
      words_of(text, words, folded_text.empty() ? nullptr : &folded_text);
  if (spans.empty() || max_words == 0) return html::escape(cut_utf8(text, 300));
  const auto [first, last] = best_window(spans, words.size(), max_words);
  const bool to_end = last == spans.size() && text.size() == full_text.size();
  return render(text, full_text.size(), spans, first, last, to_end);
}

}  // namespace congtin::search
