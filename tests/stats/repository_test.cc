#include "store/sqlite/stats_repository.h"

#include <gtest/gtest.h>

#include "stats_support.h"

namespace congtin::stats {
namespace {

using RepositoryTest = testing::StatsStoreTest;

Batch sample() {
  Batch b;
  b.days = {{"2017-06-29", 3, 10}, {"2017-06-30", 5, 20}};
  b.articles = {{"2017-06-29", 1, 4}, {"2017-06-30", 1, 3}, {"2017-06-30", 2, 9}};
  b.keys = {{"2017-06-30", std::string(kBrowser), "Cốc Cốc", 2},
            {"2017-06-30", std::string(kBrowser), "Chrome", 3},
            {"2017-06-30", std::string(kReferrer), "baochinhphu.vn", 1}};
  return b;
}

TEST_F(RepositoryTest, BatchesAddUp) {
  ASSERT_TRUE(repo_->add(sample()).ok());
  ASSERT_TRUE(repo_->add(sample()).ok());
  auto totals = repo_->totals();
  ASSERT_TRUE(totals.ok()) << totals.error().message;
  EXPECT_EQ(totals->visits, 16);
  EXPECT_EQ(totals->views, 60);
  auto days = repo_->days("2017-06-30", "2017-07-31");
  ASSERT_TRUE(days.ok());
  ASSERT_EQ(days->size(), 1u);
  EXPECT_EQ((*days)[0].day, "2017-06-30");
  EXPECT_EQ((*days)[0].visits, 10);
  EXPECT_EQ((*days)[0].views, 40);

  auto top = repo_->top_articles("2017-06-01", "2017-06-30", 10);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->size(), 2u);
  EXPECT_EQ((*top)[0].article_id, 2);
  EXPECT_EQ((*top)[0].views, 18);
  EXPECT_EQ((*top)[1].views, 14);
  top = repo_->top_articles("2017-06-30", "2017-06-30", 1);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->size(), 1u);
  EXPECT_EQ((*top)[0].article_id, 2);

  auto views = repo_->article_views(1);
  ASSERT_TRUE(views.ok());
  EXPECT_EQ(*views, 14);
  views = repo_->article_views(999);
  ASSERT_TRUE(views.ok());
  EXPECT_EQ(*views, 0);

  auto browsers = repo_->top_keys(kBrowser, "2017-06-30", "2017-06-30", 10);
  ASSERT_TRUE(browsers.ok());
  ASSERT_EQ(browsers->size(), 2u);
  EXPECT_EQ((*browsers)[0].key, "Chrome");
  EXPECT_EQ((*browsers)[0].visits, 6);
  EXPECT_EQ((*browsers)[1].key, "Cốc Cốc");
}

TEST_F(RepositoryTest, FiguresSurviveReopening) {
  ASSERT_TRUE(repo_->add(sample()).ok());
  reopen_stats();
  auto totals = repo_->totals();
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->visits, 8);
}

TEST_F(RepositoryTest, EmptyStoreHasZeroes) {
  auto totals = repo_->totals();
  ASSERT_TRUE(totals.ok());
  EXPECT_EQ(totals->visits, 0);
  auto days = repo_->days("2000-01-01", "2100-01-01");
  ASSERT_TRUE(days.ok());
  EXPECT_TRUE(days->empty());
}

TEST(StatsRepositoryOpen, MissingFileIsNotFound) {
  auto r = store::open_sqlite_stats("/nonexistent/congtin.db");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace congtin::stats
