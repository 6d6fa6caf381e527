// Vietnamese text helpers on top of ICU. Every function works on UTF-8 directly (ICU's
// UTF-8 normaliser and case mapper), so no text takes a detour through UTF-16.
#include "text/vietnamese.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <vector>

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
std::string fold_with_icu(std::string_view s) {
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

namespace {

// Folding a string is folding each of its code points alone, and joining the results, when
// every code point is "simple": whatever non-starter (canonical combining class > 0) its
// decomposition, case folding and decomposition again produce is a nonspacing mark, which
// the fold drops, and the marks it decomposes to stay themselves through all three steps.
// Canonical reordering then only moves marks that are dropped, and case folding has no
// context, so each simple code point's fold stands alone. Nearly all Vietnamese text is
// ASCII and simple code points of the Latin blocks; FastFold looks their folds up in a table
// that ICU fills once (with fold_with_icu itself), instead of three ICU passes per string.
class FastFold {
 public:
  // The fold of code point c, or nullopt if c is outside the table or not simple.
  std::optional<std::string_view> operator()(UChar32 c) const {
    const std::size_t i = index(c);
    if (i == kNone || !entries_[i].simple) return std::nullopt;
    return std::string_view(pool_).substr(entries_[i].offset, entries_[i].length);
  }

  static const FastFold& instance() {
    static const FastFold table;
    return table;
  }

 private:
  // U+0080..U+07FF (every two-byte sequence: Latin-1, Latin Extended-A and -B, the combining
  // diacritics), Latin Extended Additional (ạ..ỹ) and General Punctuation (– — ‘ ’ “ ” …).
  static constexpr UChar32 kTwoByteEnd = 0x800;
  static constexpr UChar32 kLatinAdditional = 0x1E00, kLatinAdditionalEnd = 0x1F00;
  static constexpr UChar32 kPunctuation = 0x2000, kPunctuationEnd = 0x2070;
  static constexpr std::size_t kNone = SIZE_MAX;
  static constexpr std::size_t kSize = (kTwoByteEnd - 0x80) +
                                       (kLatinAdditionalEnd - kLatinAdditional) +
                                       (kPunctuationEnd - kPunctuation);

  static std::size_t index(UChar32 c) {
    if (c >= 0x80 && c < kTwoByteEnd) return static_cast<std::size_t>(c - 0x80);
    std::size_t base = kTwoByteEnd - 0x80;
    if (c >= kLatinAdditional && c < kLatinAdditionalEnd)
      return base + static_cast<std::size_t>(c - kLatinAdditional);
    base += kLatinAdditionalEnd - kLatinAdditional;
    if (c >= kPunctuation && c < kPunctuationEnd)
      return base + static_cast<std::size_t>(c - kPunctuation);
    return kNone;
  }

  static std::string utf8(UChar32 c) {
    uint8_t buf[U8_MAX_LENGTH];
    int32_t n = 0;
    U8_APPEND_UNSAFE(buf, n, c);  // c is a scalar value: never a surrogate
    return std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
  }

  // Every non-starter of the UTF-8 string s is a nonspacing mark; with `fixed`, one that
  // case folding and decomposition also leave as it is.
  static bool marks_only(std::string_view s, bool fixed) {
    bool ok = true;
    for_each_code_point(s, [&](UChar32 c, std::string_view bytes, bool) {
      if (u_getCombiningClass(c) == 0) return;
      if (u_charType(c) != U_NON_SPACING_MARK) ok = false;
      if (fixed && (case_fold(bytes) != bytes || normalize(nfd(), bytes, "NFD") != bytes))
        ok = false;
    });
    return ok;
  }

  FastFold() : entries_(kSize) {
    auto fill = [&](UChar32 from, UChar32 to) {
      for (UChar32 c = from; c < to; ++c) {
        if (U_IS_SURROGATE(c)) continue;
        const std::string one = utf8(c);
        const std::string decomposed = normalize(nfd(), one, "NFD normalize");
        const std::string again = normalize(nfd(), case_fold(decomposed), "NFD normalize");
        const std::string folded = fold_with_icu(one);
        Entry& e = entries_[index(c)];
        e.simple =
            marks_only(decomposed, true) && marks_only(again, false) && folded.size() <= UINT8_MAX;
        if (!e.simple) continue;
        e.offset = static_cast<std::uint32_t>(pool_.size());
        e.length = static_cast<std::uint8_t>(folded.size());
        pool_ += folded;
      }
    };
    fill(0x80, kTwoByteEnd);
    fill(kLatinAdditional, kLatinAdditionalEnd);
    fill(kPunctuation, kPunctuationEnd);
  }

  struct Entry {
    std::uint32_t offset = 0;
    std::uint8_t length = 0;
    bool simple = false;
  };
  std::vector<Entry> entries_;
  std::string pool_;
};

}  // namespace

std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const FastFold& fast = FastFold::instance();
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  while (i < length) {
    if (p[i] < 0x80) {
      const char c = static_cast<char>(p[i++]);
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, length, c);
    const auto folded = c < 0 ? std::nullopt : fast(c);
    if (!folded) return fold_with_icu(s);  // ill-formed, or a code point the table lacks
    out.append(*folded);
  }
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
