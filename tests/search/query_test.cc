// Table-driven tests of the search query parser: syntax, fallbacks, bounds, folding.
#include "search/query.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace congtin::search {
namespace {

// Compact form of a parsed query: kind letter, '-' if excluded, folded text, '!' if typed
// with diacritics. "w:ngoai!" "p:dong dang!" "x:hop!" (prefix) "-w:visa".
std::vector<std::string> shape(const Query& q) {
  std::vector<std::string> out;
  for (const auto& t : q.terms) {
    std::string s = t.excluded ? "-" : "";
    s += t.kind == TermKind::kWord ? "w:" : t.kind == TermKind::kPhrase ? "p:" : "x:";
    s += t.folded;
    if (t.has_marks) s += "!";
    out.push_back(s);
  }
  return out;
}

struct Case {
  const char* input;
  std::vector<std::string> terms;
  bool simplified;
};

TEST(ParseQuery, Syntax) {
  const std::vector<Case> cases = {
      {"ngoai vu", {"w:ngoai", "w:vu"}, false},
      {"Ngoại vụ", {"w:ngoai!", "w:vu!"}, false},
      {"NGOẠI VỤ", {"w:ngoai!", "w:vu!"}, false},
      {"HA NOI", {"w:ha", "w:noi"}, false},  // case only: no marks
      {"\"Đồng Đăng\"", {"p:dong dang!"}, false},
      {"\"dong dang\" lang son", {"p:dong dang", "w:lang", "w:son"}, false},
      {"biên giới -tuyên", {"w:bien!", "w:gioi!", "-w:tuyen!"}, false},
      {"hội nghị -\"trực tuyến\"", {"w:hoi!", "w:nghi!", "-p:truc tuyen!"}, false},
      {"hợp*", {"x:hop!"}, false},
      {"hợp***", {"x:hop!"}, false},
      {"h*", {"w:h"}, false},            // too short for a prefix: a plain word
      {"covid-*", {"w:covid-"}, false},  // ends in punctuation: a plain word
      {"covid-19", {"w:covid-19"}, false},
      {"10/2023", {"w:10/2023"}, false},
      {"đ", {"w:d!"}, false},
      {"  ngoai   vu  ", {"w:ngoai", "w:vu"}, false},
      {"ngoai ngoai", {"w:ngoai"}, false},  // duplicates collapse
      {"a - b", {"w:a", "w:b"}, false},     // a lone '-' is dropped
      {"* ** ***", {}, false},
      {"", {}, false},
      {"\"\"", {}, false},
      {"!!! ??? ...", {}, false},
      // FTS5 operators typed by a visitor are words.
      {"AND OR NOT NEAR", {"w:and", "w:or", "w:not", "w:near"}, false},
      {"title:abc ^x", {"w:title:abc", "w:^x"}, false},
  };
  for (const auto& c : cases) {
    const Query q = parse_query(c.input);
    EXPECT_EQ(shape(q), c.terms) << "input: " << c.input;
    EXPECT_EQ(q.simplified, c.simplified) << "input: " << c.input;
  }
}

TEST(ParseQuery, MalformedFallsBackToPlainWords) {
  const std::vector<Case> cases = {
      {"\"dong dang", {"w:dong", "w:dang"}, true},            // unbalanced quote
      {"a \"b c\" \"d", {"w:a", "w:b", "w:c", "w:d"}, true},  // one stray quote voids all
      {"-visa", {"w:visa"}, true},                            // exclusions only
      {"-visa -\"ho chieu\"", {"w:visa", "p:ho chieu"}, true},
  };
  for (const auto& c : cases) {
    const Query q = parse_query(c.input);
    EXPECT_EQ(shape(q), c.terms) << "input: " << c.input;
    EXPECT_EQ(q.simplified, c.simplified) << "input: " << c.input;
    EXPECT_FALSE(q.empty()) << "input: " << c.input;
  }
}

TEST(ParseQuery, NfdAndNfcParseAlike) {
  // "Đồng Đăng lãnh sự" typed with combining marks (NFD) and with marks in another order.
  const std::string nfc = "\xC4\x90\xE1\xBB\x93ng \xC4\x90\xC4\x83ng l\xC3\xA3nh s\xE1\xBB\xB1";
  const std::string nfd =
      "\xC4\x90o\xCC\x82\xCC\x80ng \xC4\x90"
      "a\xCC\x86ng la\xCC\x83nh su\xCC\x9B\xCC\xA3";
  const Query a = parse_query(nfc), b = parse_query(nfd);
  EXPECT_EQ(shape(a), shape(b));
  EXPECT_EQ(a.text, b.text);  // shown back in NFC
  EXPECT_EQ(shape(a), (std::vector<std::string>{"w:dong!", "w:dang!", "w:lanh!", "w:su!"}));
  EXPECT_EQ(a.terms[0].text, "\xC4\x90\xE1\xBB\x93ng");
}

TEST(ParseQuery, LengthIsBounded) {
  std::string lots;
  for (int i = 0; i < 500; ++i) lots += "tỉnh ";
  const Query q = parse_query(lots);
  EXPECT_LE(q.text.size(), kMaxQueryBytes);
  EXPECT_TRUE(q.simplified);
  ASSERT_FALSE(q.terms.empty());  // the same word, and maybe a cut piece of it
  EXPECT_LE(q.terms.size(), 2u);
  EXPECT_EQ(q.terms[0].folded, "tinh");

  std::string many;
  for (int i = 0; i < 40; ++i) many += "w" + std::to_string(i) + " ";
  const Query m = parse_query(many);
  EXPECT_EQ(m.terms.size(), kMaxTerms);
  EXPECT_TRUE(m.simplified);

  // Cut inside a multi-byte character: still valid UTF-8, no half character.
  std::string cut(kMaxQueryBytes - 1, 'a');
  cut += "ệệệ";
  const Query c = parse_query(cut);
  EXPECT_LE(c.text.size(), kMaxQueryBytes);
  EXPECT_EQ(c.text.find("\xE1\xBB"), std::string::npos);
}

TEST(ParseQuery, ControlCharactersAreSpaces) {
  const Query q = parse_query(std::string("ngoai\0vu\x1F\x7F-x", 13));
  EXPECT_EQ(shape(q), (std::vector<std::string>{"w:ngoai", "w:vu", "-w:x"}));
  EXPECT_EQ(q.text, "ngoai vu -x");
}

TEST(ParseQuery, InvalidUtf8IsRepairedNotRejected) {
  const Query q = parse_query(
      "ngo\xFF"
      "ai vu");
  ASSERT_EQ(q.terms.size(), 2u);
  EXPECT_EQ(q.terms[1].folded, "vu");
}

TEST(ParseQuery, HighlightWords) {
  const Query q = parse_query("\"Đồng Đăng\" hợp* -visa đồng");
  EXPECT_EQ(q.highlight_words(), (std::vector<std::string>{"dong", "dang", "hop*"}));
}

TEST(ForEachWord, SplitsLikeTheIndex) {
  struct W {
    const char* text;
    std::vector<std::string> words;
  };
  const std::vector<W> cases = {
      {"Sở Ngoại vụ, tỉnh Lạc Hồng.", {"Sở", "Ngoại", "vụ", "tỉnh", "Lạc", "Hồng"}},
      {"covid-19 (10/2023)", {"covid", "19", "10", "2023"}},
      {"TTTTDV&ĐN", {"TTTTDV", "ĐN"}},
      {"a\xCC\x81"
       "b",
       {"a\xCC\x81"
        "b"}},  // a combining mark stays inside its word
      {"  ", {}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> got;
    const std::string text = c.text;
    for_each_word(text,
                  [&](std::size_t off, std::size_t len) { got.push_back(text.substr(off, len)); });
    EXPECT_EQ(got, c.words) << c.text;
  }
}

}  // namespace
}  // namespace congtin::search
