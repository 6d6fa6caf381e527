// Word-level differences between two texts or two revisions, for the "compare revisions"
// screen of the back office.
//
// Text is first brought to NFC (so "Việt" typed with combining marks equals the precomposed
// one), then cut into tokens: runs of letters/digits/marks are words, every punctuation or
// symbol character is a token of its own, white space only separates (it is kept with the
// following token for display but never compared). HTML fields are compared on their text
// (html::to_plain_text), so markup-only changes do not show. The shortest edit script comes
// from dtl (Debian's libdtl-dev, Wu's O(NP) algorithm).
//
// Thread-safe: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "content/revision.h"

namespace congtin::content {

struct WordToken {
  std::string text;          // compared
  std::string space_before;  // white space that preceded it in the source (display only)
  bool operator==(const WordToken&) const = default;
};

std::vector<WordToken> tokenize_words(std::string_view text);

enum class DiffOp { kEqual, kInsert, kDelete };

// Consecutive tokens with the same op, joined with their original spacing. Concatenating the
// texts of kEqual and kDelete segments gives `before` (NFC, spacing kept except leading space);
// kEqual and kInsert give `after`.
struct DiffSegment {
  DiffOp op;
  std::string text;
  bool operator==(const DiffSegment&) const = default;
};

// Inputs larger than this many tokens on either side are compared with dtl's "huge" mode,
// which bounds memory at the price of a possibly longer (still correct) edit script.
inline constexpr std::size_t kHugeDiffTokens = 20000;

std::vector<DiffSegment> word_diff(std::string_view before, std::string_view after);

// The changed fields of two revisions, in the order of the edit form; unchanged fields are
// left out. Labels are Vietnamese ("Tiêu đề", "Sapo", "Nội dung", ...).
struct FieldDiff {
  std::string field;  // "title", "lead", "body", ... (stable)
  std::string label;  // for people
  std::vector<DiffSegment> segments;
};
std::vector<FieldDiff> diff_contents(const ArticleContent& before, const ArticleContent& after);

}  // namespace congtin::content
