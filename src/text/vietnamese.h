// Vietnamese text: Unicode normalisation, folding, slugs. Implemented with ICU.
// All functions are pure and thread-safe; they take and return UTF-8.
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
std::string fold(std::string_view s);

// ASCII slug: folded, runs of anything but [a-z0-9] become one '-', trimmed, at most
// max_len bytes (cut at a '-' boundary where possible). Empty if nothing is left.
// "Đoàn công tác Lãnh đạo UBND tỉnh làm việc tại Sở Ngoại vụ"
//   -> "doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu"
std::string slugify(std::string_view s, std::size_t max_len = 120);

// Collapse runs of white space (including NBSP) to one space and trim; for titles and names.
std::string squash_spaces(std::string_view s);

}  // namespace congtin::text
