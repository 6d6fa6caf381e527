// The search index's rowid (store/sqlite/search_doc_key.h): newest first, the article id
// recoverable, a date range one key range.
#include "store/sqlite/search_doc_key.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace congtin::store::sqlite {
namespace {

constexpr std::int64_t k2020 = 1577836800;  // 2020-01-01T00:00:00Z

TEST(SearchDocKey, AscendingKeysAreNewestFirstThenLargerIdFirst) {
  struct Doc {
    std::int64_t id, published;
  };
  const std::vector<Doc> docs = {{1, k2020},      {2, k2020 + 60},    {3, k2020 - 86400},
                                 {4, k2020 + 60}, {900, -2000000000}, {7, 4102444800}};
  std::vector<std::pair<std::int64_t, std::int64_t>> keyed;  // key, id
  for (const auto& d : docs) keyed.emplace_back(*doc_key(d.id, d.published), d.id);
  std::sort(keyed.begin(), keyed.end());
  std::vector<std::int64_t> order;
  for (const auto& [key, id] : keyed) order.push_back(id);
  EXPECT_EQ(order, (std::vector<std::int64_t>{7, 4, 2, 1, 3, 900}));
}

TEST(SearchDocKey, IdRoundTripsAndIsBounded) {
  for (std::int64_t id : {std::int64_t{1}, std::int64_t{42}, kMaxId}) {
    for (std::int64_t t : {std::int64_t{0}, k2020, std::int64_t{-5000000000}, kMaxTime * 4}) {
      const auto key = doc_key(id, t);
      ASSERT_TRUE(key.has_value());
      EXPECT_GE(*key, 0);
      EXPECT_EQ(article_id_of(*key), id);
    }
  }
  EXPECT_FALSE(doc_key(0, k2020).has_value());
  EXPECT_FALSE(doc_key(-1, k2020).has_value());
  EXPECT_FALSE(doc_key(kMaxId + 1, k2020).has_value());
}

TEST(SearchDocKey, DateRangeIsAKeyRange) {
  const auto in = [](std::int64_t published, std::optional<std::int64_t> from,
                     std::optional<std::int64_t> until) {
    const auto r = key_range(from, until);
    const std::int64_t key = *doc_key(12345, published);
    return r.first <= key && key <= r.last;
  };
  EXPECT_TRUE(in(k2020, std::nullopt, std::nullopt));
  EXPECT_TRUE(in(k2020, k2020, k2020 + 1));  // from is inclusive
  EXPECT_FALSE(in(k2020, k2020 + 1, std::nullopt));
  EXPECT_FALSE(in(k2020, std::nullopt, k2020));  // until is exclusive
  EXPECT_TRUE(in(k2020 - 1, std::nullopt, k2020));
  EXPECT_FALSE(in(k2020 + 86400, k2020 - 86400, k2020 + 86400));
  EXPECT_TRUE(in(k2020 + 86399, k2020 - 86400, k2020 + 86400));
  const auto empty = key_range(k2020 + 10, k2020);
  EXPECT_GT(empty.first, empty.last);
}

}  // namespace
}  // namespace congtin::store::sqlite
