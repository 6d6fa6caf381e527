#include "text/vietnamese.h"

#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace congtin::text {
namespace {

struct Case {
  std::string input;
  std::string expected;
};

// Literal escapes keep the combining sequences visible: an editor would silently compose them.
const std::string kVietPrecomposed = "Vi\u1EC7t";        // Việt, ệ as one code point
const std::string kVietCanonical = "Vie\u0323\u0302t";   // e + dot below + circumflex
const std::string kVietTypedAfter = "Vie\u0302\u0323t";  // circumflex typed before dot below
const std::string kReplacement = "\uFFFD";

TEST(IsValidUtf8, Table) {
  const std::vector<std::pair<std::string, bool>> cases = {
      {"", true},
      {"Sở Ngoại vụ", true},
      {kVietCanonical, true},
      {"🇻🇳 🎉", true},
      {std::string("a\0b", 3), true},
      {"\xFF", false},
      {"Vi\xC3", false},            // truncated two-byte sequence
      {"\xC0\xAF", false},          // overlong '/'
      {"\xED\xA0\x80", false},      // UTF-16 surrogate encoded in UTF-8
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"\xF0\x9F\x8E", false},      // emoji cut short
      {"\x80", false},              // lone continuation byte
  };
  for (const auto& [input, valid] : cases) {
    EXPECT_EQ(is_valid_utf8(input), valid) << testing::PrintToString(input);
  }
}

TEST(ToNfc, Table) {
  const std::vector<Case> cases = {
      {"", ""},
      {"Viet Nam", "Viet Nam"},
      {kVietPrecomposed, kVietPrecomposed},
      {kVietCanonical, kVietPrecomposed},
      {kVietTypedAfter, kVietPrecomposed},
      {"u\u031B o\u031B a\u0306 a\u0302 e\u0302 o\u0302", "ư ơ ă â ê ô"},
      {"U\u031B O\u031B\u0300 A\u0306\u0301", "Ư Ờ Ắ"},
      {"\u0110\u1ED3ng \u0110\u0103ng", "Đồng Đăng"},
      {"Đo\u0302\u0300ng Đa\u0306ng – La\u0323ng So\u031Bn", "Đồng Đăng – Lạng Sơn"},
      {"Chúc mừng 🎉 🇻🇳", "Chúc mừng 🎉 🇻🇳"},
      {std::string("a\xFF") + "b", "a" + kReplacement + "b"},
      {"Vi\xC3", "Vi" + kReplacement},
      {"\xC0\xAF", kReplacement + kReplacement},
      {"\xED\xA0\x80", kReplacement + kReplacement + kReplacement},
      {kVietTypedAfter + "\xFF", kVietPrecomposed + kReplacement},
  };
  for (const auto& c : cases) {
    const std::string out = to_nfc(c.input);
    EXPECT_EQ(out, c.expected) << testing::PrintToString(c.input);
    EXPECT_TRUE(is_valid_utf8(out));
  }
}

TEST(Fold, Table) {
  const std::vector<Case> cases = {
      {"", ""},
      {"UBND Tinh", "ubnd tinh"},
      {"Hello, World! 123", "hello, world! 123"},
      {"Đồng Đăng", "dong dang"},
      {"ĐỒNG ĐĂNG", "dong dang"},
      {"đồng đăng", "dong dang"},
      {"Đo\u0302\u0300ng Đa\u0306ng", "dong dang"},  // NFD input
      {"Sở Ngoại vụ", "so ngoai vu"},
      {"ư ơ ă â ê ô", "u o a a e o"},
      {"Ư Ơ Ă Â Ê Ô", "u o a a e o"},
      {"ừ ở ẵ ấ ệ ộ", "u o a a e o"},
      {kVietPrecomposed, "viet"},
      {kVietCanonical, "viet"},
      {kVietTypedAfter, "viet"},
      {"VIỆT NAM", "viet nam"},
      {"hoà", "hoa"},  // old-style tone placement
      {"hòa", "hoa"},  // new-style tone placement
      {"Nguyễn Công Trưởng", "nguyen cong truong"},
      {"Đồng Đăng – Lạng Sơn", "dong dang – lang son"},  // the en dash stays
      {"Chúc mừng 🎉", "chuc mung 🎉"},
      {"Lạng\u00A0Sơn", "lang\u00A0son"},  // NBSP is not a letter: kept
      {"Vi\xFFt", "vi" + kReplacement + "t"},
      {"İstanbul", "istanbul"},  // case folding adds U+0307, which must go too
      {"Straße", "strasse"},
  };
  for (const auto& c : cases) {
    const std::string out = fold(c.input);
    EXPECT_EQ(out, c.expected) << testing::PrintToString(c.input);
    EXPECT_EQ(fold(out), out) << "not idempotent for " << testing::PrintToString(c.input);
  }
}

TEST(Fold, EquivalentSpellingsFoldTheSame) {
  EXPECT_EQ(fold(kVietPrecomposed), fold(kVietCanonical));
  EXPECT_EQ(fold(kVietPrecomposed), fold(kVietTypedAfter));
  EXPECT_EQ(fold("Ngoại vụ"), fold("ngoai vu"));
  EXPECT_EQ(fold("Đồng Đăng"), fold("dong dang"));
  EXPECT_NE(fold("Đồng Đăng"), fold("dong dan"));
}

// fold() looks most code points up in a table and falls back to fold_with_icu() for the
// rest; the two must agree on every input, or an index built by one would miss queries
// folded by the other.
std::string utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

TEST(Fold, TableAgreesWithIcuOnEveryCodePoint) {
  for (char32_t c = 0; c < 0x30000; ++c) {
    if (c >= 0xD800 && c < 0xE000) continue;
    const std::string one = utf8(c);
    ASSERT_EQ(fold(one), fold_with_icu(one)) << "U+" << std::hex << static_cast<unsigned>(c);
    const std::string in_word = "Ab" + one + "\u1EC7";  // beside ASCII and a table letter
    ASSERT_EQ(fold(in_word), fold_with_icu(in_word))
        << "U+" << std::hex << static_cast<unsigned>(c);
  }
}

TEST(Fold, TableAgreesWithIcuOnMixedText) {
  // Letters of the table, the combining marks (U+0345 folds to a letter, ι), letters that
  // fold to several (İ, ß, ŉ), other scripts, punctuation, and ill-formed bytes, in random
  // strings of up to 12. Escapes keep the marks and the broken bytes as they are.
  const std::vector<std::string> alphabet = {
      "a",      "Z",      " ",          "-",      "\u0111",   "\u0110", "\u1EC7",
      "\u01AF", "\u1EDD", "\u0300",     "\u0301", "\u0302",   "\u0303", "\u0309",
      "\u0323", "\u0345", "\u031B",     "\u0307", "\u0130",   "\u00DF", "\u1E9E",
      "\u0149", "\u03A3", "\u03C2",     "\u0390", "\u00C4",   "\u01C5", "\u212B",
      "\u212A", "\u2013", "\u2026",     "\u00A0", "\u00B7",   "\u2126", "\u042F",
      "\uFB01", "\uAC00", "\U0001F389", "\xFF",   "\xE1\xBB", "\xC3"};
  std::mt19937 random(20261128);
  for (int n = 0; n < 50000; ++n) {
    std::string s;
    for (std::size_t len = random() % 13; len > 0; --len) s += alphabet[random() % alphabet.size()];
    ASSERT_EQ(fold(s), fold_with_icu(s)) << testing::PrintToString(s);
  }
}

TEST(Slugify, Table) {
  const std::vector<Case> cases = {
      {"Đoàn công tác Lãnh đạo UBND tỉnh làm việc tại Sở Ngoại vụ",
       "doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu"},
      {"Đồng Đăng – Lạng Sơn", "dong-dang-lang-son"},
      {"  --Hà Nội!!  ", "ha-noi"},
      {"Chúc mừng 🎉 năm mới 2024", "chuc-mung-nam-moi-2024"},
      {"Quyết định số 123/QĐ-UBND", "quyet-dinh-so-123-qd-ubnd"},
      {kVietTypedAfter + " Nam", "viet-nam"},
      {"Ư Ơ Ă Â Ê Ô đ", "u-o-a-a-e-o-d"},
      {"Hà\xFFNội", "ha-noi"},
      {"🎉🎉", ""},
      {"Москва", ""},  // letters that fold to nothing ASCII leave nothing
      {"", ""},
      {"---", ""},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(slugify(c.input), c.expected) << testing::PrintToString(c.input);
  }
}

TEST(Slugify, MaxLength) {
  const std::string title = "Đồng Đăng Lạng Sơn";  // "dong-dang-lang-son", 18 bytes
  const std::vector<std::pair<std::size_t, std::string>> cases = {
      {100, "dong-dang-lang-son"},
      {18, "dong-dang-lang-son"},
      {17, "dong-dang-lang"},  // would cut "son"
      {14, "dong-dang-lang"},  // exactly at a boundary
      {12, "dong-dang"},       // would cut "lang"
      {10, "dong-dang"},       // cut right after the '-'
      {9, "dong-dang"},
      {5, "dong"},
      {3, "don"},  // the first word alone is too long: hard cut
      {1, "d"},
      {0, ""},
  };
  for (const auto& [max_len, expected] : cases) {
    EXPECT_EQ(slugify(title, max_len), expected) << "max_len " << max_len;
  }
}

TEST(Slugify, DefaultLimitKeepsWholeWords) {
  std::string title;
  for (int i = 0; i < 30; ++i) title += "Lãnh đạo tỉnh ";
  const std::string slug = slugify(title);
  EXPECT_LE(slug.size(), 120u);
  EXPECT_GT(slug.size(), 100u);
  EXPECT_NE(slug.back(), '-');
  EXPECT_EQ(slug.rfind("lanh-dao-tinh", 0), 0u);
  // Every word is whole: the slug ends with one of the title's words.
  const std::string last = slug.substr(slug.rfind('-') + 1);
  EXPECT_TRUE(last == "lanh" || last == "dao" || last == "tinh") << slug;
}

TEST(SquashSpaces, Table) {
  const std::vector<Case> cases = {
      {"", ""},
      {"   ", ""},
      {"\r\n\t", ""},
      {"  Sở   Ngoại\tvụ \n", "Sở Ngoại vụ"},
      {"Lạng\u00A0Sơn", "Lạng Sơn"},
      {"Lạng \u00A0 \u00A0Sơn", "Lạng Sơn"},
      {"\u3000Hà\u2003Nội\u2028", "Hà Nội"},
      {"Đồng Đăng – Lạng Sơn", "Đồng Đăng – Lạng Sơn"},
      {"a\u200Bb", "a\u200Bb"},  // zero-width space is not White_Space
      {"a \xFF  b", "a " + kReplacement + " b"},
      {"Chúc\n\nmừng 🎉", "Chúc mừng 🎉"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(squash_spaces(c.input), c.expected) << testing::PrintToString(c.input);
  }
}

// The reference page: real Vietnamese prose from an agency portal.
TEST(Fold, ReferencePage) {
  std::ifstream file(CONGTIN_FIXTURES "/seed-article-page.txt", std::ios::binary);
  ASSERT_TRUE(file) << "missing fixture " CONGTIN_FIXTURES "/seed-article-page.txt";
  std::stringstream buffer;
  buffer << file.rdbuf();
  const std::string page = buffer.str();

  ASSERT_TRUE(is_valid_utf8(page));
  EXPECT_EQ(to_nfc(page), page) << "the fixture is stored in NFC";
  const std::string folded = fold(page);
  EXPECT_TRUE(is_valid_utf8(folded));
  EXPECT_NE(folded.find("so ngoai vu"), std::string::npos);
  EXPECT_NE(folded.find("dong dang"), std::string::npos);
  EXPECT_EQ(folded.find("\u0111"), std::string::npos);
  EXPECT_EQ(fold(folded), folded);
}

}  // namespace
}  // namespace congtin::text
