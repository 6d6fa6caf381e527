// ExactForms: the terms of a query that were typed with diacritics, as typed (NFC, any case),
// and how often a text holds each. Ranking rule 3 of search_index.h ("hà nội" puts "Hà Nội"
// above "hạ nổi") counts them in a document's short fields; the folded forms that decide
// whether a document matches at all are the index's business.
//
// Words are split as the index splits them (for_each_word) and compared after Unicode case
// folding, so "HÀ NỘI" holds "hà nội" but "Hạ Nổi" does not. A phrase matches its words in a
// row; a prefix term matches words that start with it. Excluded terms and terms without marks
// are not exact forms. Immutable after construction; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "search/query.h"

namespace congtin::search {

class ExactForms {
 public:
  explicit ExactForms(const Query& q);

  bool empty() const { return forms_.empty(); }
  std::size_t size() const { return forms_.size(); }

  // tf[i] (resized to size()) = occurrences of form i in text, which must be valid UTF-8.
  void count(std::string_view text, std::vector<int>& tf) const;
  // The same for text that is case_fold()ed already.
  void count_folded(std::string_view case_folded, std::vector<int>& tf) const;

 private:
  struct Form {
    std::vector<std::string> words;  // case-folded
    bool prefix = false;             // the last word is a prefix
  };
  std::vector<Form> forms_;
};

// Unicode default case folding of UTF-8 text (ICU); text returned as is if ICU refuses it.
std::string case_fold(std::string_view s);

}  // namespace congtin::search
