#include "search/exact_forms.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/uchar.h>

namespace congtin::search {

std::string case_fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  icu::CaseMap::utf8Fold(U_FOLD_CASE_DEFAULT,
                         icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), sink, nullptr,
                         status);
  return U_SUCCESS(status) ? out : std::string(s);
}

namespace {

std::vector<std::string_view> words_of(std::string_view text) {
  std::vector<std::string_view> words;
  for_each_word(text,
                [&](std::size_t off, std::size_t len) { words.push_back(text.substr(off, len)); });
  return words;
}

// True when the character just before byte `at` of text is part of a word.
bool word_before(std::string_view text, std::size_t at) {
  if (at == 0) return false;
  std::size_t start = at - 1;
  while (start > 0 && at - start < 4 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80)
    --start;
  bool word = false;
  for_each_word(text.substr(start, at - start), [&](std::size_t, std::size_t) { word = true; });
  return word;
}

}  // namespace

ExactForms::ExactForms(const Query& q) {
  for (const auto& t : q.terms) {
    if (t.excluded || !t.has_marks) continue;
    const std::string folded = case_fold(t.text);
    Form f;
    for (auto w : words_of(folded)) f.words.emplace_back(w);
    f.prefix = t.kind == TermKind::kPrefix;
    if (!f.words.empty()) forms_.push_back(std::move(f));
  }
}

// Finding each form's first word with string_view::find and reading words only from there is
// several times cheaper than splitting the whole text into words: most texts hold few of the
// forms, or none.
void ExactForms::count(std::string_view text, std::vector<int>& tf) const {
  if (forms_.empty() || text.empty()) {
    tf.assign(forms_.size(), 0);
    return;
  }
  count_folded(case_fold(text), tf);
}

void ExactForms::count_folded(std::string_view t, std::vector<int>& tf) const {
  tf.assign(forms_.size(), 0);
  if (forms_.empty() || t.empty()) return;
  std::vector<std::string_view> words;
  for (std::size_t i = 0; i < forms_.size(); ++i) {
    const Form& f = forms_[i];
    const std::string& first = f.words.front();
    for (std::size_t at = t.find(first); at != std::string_view::npos; at = t.find(first, at + 1)) {
      if (word_before(t, at)) continue;
      // The form's number of words from here (a word is rarely longer than 64 bytes; a
      // longer one simply does not match).
      words.clear();
      for_each_word(t.substr(at, std::min<std::size_t>(t.size() - at, 64 * f.words.size())),
                    [&](std::size_t off, std::size_t n) {
                      if (words.size() < f.words.size()) words.push_back(t.substr(at + off, n));
                    });
      if (words.size() < f.words.size()) continue;
      bool match = true;
      for (std::size_t k = 0; k < f.words.size() && match; ++k) {
        const bool last_prefix = f.prefix && k + 1 == f.words.size();
        match = last_prefix ? words[k].starts_with(f.words[k]) : words[k] == f.words[k];
      }
      if (match) ++tf[i];
    }
  }
}

}  // namespace congtin::search
