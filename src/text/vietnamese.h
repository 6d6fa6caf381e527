// Vietnamese text: Unicode normalisation, folding, slugs. Implemented with ICU.
// All functions are pure and thread-safe; they take UTF-8 and return valid UTF-8: ill-formed
// input sequences become U+FFFD (one per maximal ill-formed subpart), never an error.
// ICU failing (no memory, missing data) is a deployment bug and throws std::runtime_error.
#pragma once

#include <string>
#include <string_view>

namespace congtin::text {

// True if s is well-formed UTF-8.
bool is_valid_utf8(std::string_view s);

// NFC form of s ("Việt" typed with combining marks becomes precomposed). Invalid UTF-8
// sequences are replaced with U+FFFD, so the result is always valid UTF-8.
std::string to_nfc(std::string_view s);

// Folded form for matching: NFC, lower case, tones and diacritics removed, đ/Đ -> d,
// ư ơ ă â ê ô -> u o a a e o. "Đồng Đăng" -> "dong dang". Non-letters are kept as they are.
// Canonically equivalent inputs (precomposed, combining, marks typed in another order) fold
// the same, and fold(fold(s)) == fold(s). ASCII input is only lower-cased. Letters of other
// scripts are case-folded and lose their nonspacing marks too ("Ä" -> "a", "Σ" -> "σ").
std::string fold(std::string_view s);
// fold() by ICU's normaliser and case mapper alone, without the table of code points that
// fold() looks most of Vietnamese up in. The same result for every input (tests and the fuzz
// target compare them); slower.
std::string fold_with_icu(std::string_view s);

// ASCII slug: folded, runs of anything but [a-z0-9] become one '-', trimmed, at most
// max_len bytes (cut at a '-' boundary where possible). Empty if nothing is left.
// "Đoàn công tác Lãnh đạo UBND tỉnh làm việc tại Sở Ngoại vụ"
//   -> "doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu"
std::string slugify(std::string_view s, std::size_t max_len = 120);

// Collapse runs of white space (Unicode White_Space: space, tab, newlines, NBSP, U+3000...)
// to one ASCII space and trim; for titles and names. Everything else is kept as it is (no
// normalisation).
std::string squash_spaces(std::string_view s);

}  // namespace congtin::text
