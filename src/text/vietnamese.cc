// Vietnamese text helpers on top of ICU. Every function works on UTF-8 directly (ICU's
// UTF-8 normaliser and case mapper), so no text takes a detour through UTF-16.
#include "text/vietnamese.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <stdexcept>

namespace congtin::text {
namespace {

constexpr UChar32 kSmallDStroke = 0x0111;  // đ; Đ (U+0110) case-folds to it first

bool is_ascii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

constexpr std::string_view kReplacementUtf8 = "\xEF\xBF\xBD";  // U+FFFD

// Walks s one code point at a time; ill-formed sequences come out as one U+FFFD per maximal
// subpart (the same policy as ICU's UTF-8 converters and the WHATWG encoding standard).
template <class F>
void for_each_code_point(std::string_view s, F&& f) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, length, c);
    f(c < 0 ? 0xFFFD : c, s.substr(start, i - start), c < 0);
  }
}

// s with every ill-formed sequence replaced by U+FFFD.
std::string repair_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for_each_code_point(s, [&](UChar32, std::string_view bytes, bool bad) {
    out.append(bad ? kReplacementUtf8 : bytes);
  });
  return out;
}

// ICU only fails here on allocation failure or a missing data file: both are bugs in the
// deployment, not in the caller's input.
void check(UErrorCode status, const char* what) {
  if (U_FAILURE(status)) {
    throw std::runtime_error(std::string("ICU ") + what + " failed: " + u_errorName(status));
  }
}

const icu::Normalizer2& nfc() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    check(status, "getNFCInstance");
    return n;
  }();
  return *instance;
}

const icu::Normalizer2& nfd() {
  static const icu::Normalizer2* const instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFDInstance(status);
    check(status, "getNFDInstance");
    return n;
  }();
  return *instance;
}

std::string normalize(const icu::Normalizer2& n, std::string_view valid_utf8, const char* what) {
  std::string out;
  out.reserve(valid_utf8.size() + valid_utf8.size() / 4);
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  n.normalizeUTF8(0, icu::StringPiece(valid_utf8.data(), static_cast<int32_t>(valid_utf8.size())),
                  sink, nullptr, status);
  check(status, what);
  return out;
}

std::string case_fold(std::string_view valid_utf8) {
  std::string out;
  out.reserve(valid_utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode status = U_ZERO_ERROR;
  icu::CaseMap::utf8Fold(
      U_FOLD_CASE_DEFAULT,
      icu::StringPiece(valid_utf8.data(), static_cast<int32_t>(valid_utf8.size())), sink, nullptr,
      status);
  check(status, "utf8Fold");
  return out;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

std::string to_nfc(std::string_view s) {
  if (is_ascii(s)) return std::string(s);  // ASCII is always NFC
  if (!is_valid_utf8(s)) return normalize(nfc(), repair_utf8(s), "NFC normalize");
  UErrorCode status = U_ZERO_ERROR;
  // Most stored text is NFC already; the quick check avoids building a second copy.
  if (nfc().isNormalizedUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())), status) &&
      U_SUCCESS(status)) {
    return std::string(s);
  }
  return normalize(nfc(), s, "NFC normalize");
}

// The order is NFD -> case fold -> NFD -> drop Mn -> đ to d, the canonical caseless match of
// Unicode (D145) followed by mark removal. Folding case before dropping marks matters for
// idempotence: "İ" folds to "i" + U+0307, which must be dropped in the same pass. NFC first
// (as the header says) is implied: NFD of any canonically equivalent input is the same.
std::string fold(std::string_view s) {
  if (is_ascii(s)) {
    std::string out(s);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  const std::string repaired = is_valid_utf8(s) ? std::string() : repair_utf8(s);
  const std::string_view valid = repaired.empty() ? s : std::string_view(repaired);
  const std::string decomposed =
      normalize(nfd(), case_fold(normalize(nfd(), valid, "NFD normalize")), "NFD normalize");

  std::string out;
  out.reserve(decomposed.size());
  for_each_code_point(decomposed, [&](UChar32 c, std::string_view bytes, bool) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c == kSmallDStroke) {
      out.push_back('d');
    } else if (u_charType(c) != U_NON_SPACING_MARK) {
      out.append(bytes);
    }
  });
  return out;
}

std::string slugify(std::string_view s, std::size_t max_len) {
  const std::string folded = fold(s);
  std::string slug;
  slug.reserve(folded.size());
  bool pending_dash = false;
  for (char ch : folded) {
    const bool keep = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    if (!keep) {
      pending_dash = !slug.empty();
      continue;
    }
    if (pending_dash) slug.push_back('-');
    pending_dash = false;
    slug.push_back(ch);
  }
  if (slug.size() > max_len) {
    // Cut at the last word boundary that fits, unless the first word alone is too long.
    const bool cut_on_boundary = slug[max_len] == '-';
    slug.resize(max_len);
    if (!cut_on_boundary) {
      const std::size_t dash = slug.rfind('-');
      if (dash != std::string::npos) slug.resize(dash);
    }
    while (!slug.empty() && slug.back() == '-') slug.pop_back();
  }
  return slug;
}

std::string squash_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for_each_code_point(s, [&](UChar32 c, std::string_view bytes, bool bad) {
    // White_Space covers ASCII space, tab, CR/LF, NBSP, U+2000..U+200A, U+3000 and friends.
    const bool space = c < 0x80 ? (c == ' ' || (c >= '\t' && c <= '\r')) : u_isUWhiteSpace(c);
    if (space) {
      pending_space = !out.empty();
      return;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.append(bad ? kReplacementUtf8 : bytes);
  });
  return out;
}

}  // namespace congtin::text
