#include "search/exact_forms.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "search/query.h"

namespace congtin::search {
namespace {

std::vector<int> counts(std::string_view query, std::string_view text) {
  const ExactForms forms(parse_query(query));
  std::vector<int> tf;
  forms.count(text, tf);
  return tf;
}

TEST(ExactForms, OnlyTermsTypedWithMarks) {
  EXPECT_TRUE(ExactForms(parse_query("ha noi")).empty());
  EXPECT_EQ(ExactForms(parse_query("hà noi")).size(), 1u);
  EXPECT_EQ(ExactForms(parse_query("hà nội -đêm")).size(), 2u);  // not the excluded word
  EXPECT_EQ(ExactForms(parse_query("\"đồng đăng\" visa")).size(), 1u);
}

struct Case {
  const char* query;
  const char* text;
  std::vector<int> want;
};

class ExactFormsCount : public testing::TestWithParam<Case> {};

TEST_P(ExactFormsCount, CountsWholeWordsAsTyped) {
  const Case& c = GetParam();
  EXPECT_EQ(counts(c.query, c.text), c.want) << c.query << " in " << c.text;
}

INSTANTIATE_TEST_SUITE_P(
    Vietnamese, ExactFormsCount,
    testing::Values(
        Case{"hà nội", "Hà Nội mùa thu, hà nội", {2, 2}},
        Case{"hà nội", "Hạ nổi trên mặt nước", {0, 0}},  // folded match only
        Case{"hà nội", "HÀ NỘI", {1, 1}},                // any case
        Case{"nội", "nộii nội-bộ bộnội nội", {2}},       // whole words only
        Case{"đồng", "Đồng Đăng, đồng", {2}},
        Case{"\"đồng đăng\"", "Đồng Đăng và đồng bằng, đồng  đăng", {2}},  // a phrase in a row
        Case{"\"đồng đăng\"", "đăng đồng", {0}},
        Case{"hợp*", "hợp tác, hợp đồng, chợp mắt, Hợp", {3}},  // a prefix
        Case{"xã", "", {0}}, Case{"việt", "Việt Nam — việt", {2}}));

}  // namespace
}  // namespace congtin::search
