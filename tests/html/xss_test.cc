// Every payload of xss_corpus.txt, sanitised, must re-parse into nothing executable, stay
// the same when sanitised again, and be valid UTF-8.
#include <gtest/gtest.h>
#include <unicode/utf8.h>

#include <fstream>
#include <string>
#include <vector>

#include "html/sanitize.h"
#include "safety_check.h"

namespace congtin::html {
namespace {

std::string unescape_bytes(const std::string& line) {
  std::string out;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line.compare(i, 3, "{{x") == 0 && i + 7 <= line.size() &&
        line.compare(i + 5, 2, "}}") == 0) {
      out.push_back(static_cast<char>(std::stoi(line.substr(i + 3, 2), nullptr, 16)));
      i += 6;
    } else {
      out.push_back(line[i]);
    }
  }
  return out;
}

std::vector<std::string> load_corpus() {
  std::ifstream in(CONGTIN_HTML_TEST_DIR "/xss_corpus.txt");
  std::vector<std::string> payloads;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    payloads.push_back(unescape_bytes(line));
  }
  return payloads;
}

bool valid_utf8(const std::string& s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  for (int32_t i = 0, n = static_cast<int32_t>(s.size()); i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

TEST(XssCorpus, HasAtLeastEightyPayloads) { EXPECT_GE(load_corpus().size(), 80u); }

TEST(XssCorpus, CheckerCatchesTheRawPayloads) {
  // The checker must be able to fail: most payloads are executable as they stand.
  int caught = 0;
  for (const std::string& p : load_corpus()) caught += !testing::find_executable(p).empty();
  EXPECT_GT(caught, 120);
}

TEST(XssCorpus, SanitisedPayloadsHoldNothingExecutable) {
  for (const std::string& payload : load_corpus()) {
    SCOPED_TRACE(payload);
    auto clean = sanitize(payload);
    ASSERT_TRUE(clean.ok()) << clean.error().message;
    EXPECT_EQ(testing::find_executable(*clean, /*strict=*/true), "") << *clean;
    EXPECT_TRUE(valid_utf8(*clean));
    auto again = sanitize(*clean);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *clean);
  }
}

TEST(XssCorpus, PayloadsWrappedInOrdinaryMarkupStaySafe) {
  // The same payloads inside the structures an article has: paragraph, list, table, link.
  const std::vector<std::pair<std::string, std::string>> wrappers = {
      {"<p>Trước ", " sau</p>"},
      {"<ul><li>", "</li></ul>"},
      {"<table><tr><td>", "</td></tr></table>"},
      {"<a href=\"/bai-viet\">", "</a>"},
      {"<strong><em>", "</em></strong>"},
      {"<blockquote><div>", "</div></blockquote>"},
  };
  for (const std::string& payload : load_corpus()) {
    for (const auto& [before, after] : wrappers) {
      std::string input = before + payload + after;
      SCOPED_TRACE(input);
      auto clean = sanitize(input);
      ASSERT_TRUE(clean.ok());
      EXPECT_EQ(testing::find_executable(*clean, true), "") << *clean;
      EXPECT_EQ(*sanitize(*clean), *clean);
    }
  }
}

}  // namespace
}  // namespace congtin::html
