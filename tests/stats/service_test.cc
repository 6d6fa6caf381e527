#include "stats/service.h"

#include <gtest/gtest.h>

#include "stats/article_lookup.h"
#include "stats_support.h"

namespace congtin::stats {
namespace {

using testing::browser_ua;
using testing::vn_time;

class ServiceTest : public testing::StatsStoreTest {
 protected:
  void SetUp() override {
    StatsStoreTest::SetUp();
    lookup_ = std::make_unique<StoreArticleLookup>(*store_, clock_);
    make_service();
  }

  void make_service() {
    service_.reset();
    service_ = std::make_unique<StatsService>(*repo_, *lookup_, clock_);
    Status s = service_->load();
    ASSERT_TRUE(s.ok()) << s.error().message;
  }

  void visit(int who, std::string_view path = "/") {
    const std::string addr = "10.0." + std::to_string(who / 50) + "." + std::to_string(who % 50);
    const std::string ua = browser_ua(who);
    service_->record(Hit{addr, ua, path, {}});
  }

  FakeClock clock_{vn_time(2017, 6, 30, 10, 0)};  // Friday
  std::unique_ptr<StoreArticleLookup> lookup_;
  std::unique_ptr<StatsService> service_;
};

TEST_F(ServiceTest, SummaryCountsPendingAndFlushedVisitsAlike) {
  for (int i = 0; i < 7; ++i) visit(i);
  visit(0);  // again: a view, not a visit
  Summary s = service_->summary();
  EXPECT_EQ(s.today, 7);
  EXPECT_EQ(s.total, 7);
  EXPECT_EQ(s.week, 7);
  EXPECT_EQ(s.month, 7);
  EXPECT_EQ(s.yesterday, 0);
  EXPECT_EQ(s.online, 7);
  ASSERT_TRUE(service_->flush().ok());
  s = service_->summary();
  EXPECT_EQ(s.today, 7);
  EXPECT_EQ(s.total, 7);
  auto stored = repo_->totals();
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->visits, 7);
  EXPECT_EQ(stored->views, 8);
}

TEST_F(ServiceTest, CrossingMidnightMovesTodayIntoYesterday) {
  for (int i = 0; i < 5; ++i) visit(i);
  ASSERT_TRUE(service_->flush().ok());
  for (int i = 5; i < 8; ++i) visit(i);  // pending, not flushed, at midnight
  clock_.set(vn_time(2017, 7, 1, 0, 0, 1));  // Saturday: same week, new month
  Summary s = service_->summary();
  EXPECT_EQ(s.today, 0);
  EXPECT_EQ(s.yesterday, 8);
  EXPECT_EQ(s.week, 8);
  EXPECT_EQ(s.month, 0);
  EXPECT_EQ(s.total, 8);
  visit(0);  // the same person after midnight: a new visit today
  ASSERT_TRUE(service_->flush().ok());
  s = service_->summary();
  EXPECT_EQ(s.today, 1);
  EXPECT_EQ(s.yesterday, 8);
  EXPECT_EQ(s.total, 9);
  clock_.set(vn_time(2017, 7, 3, 9, 0));  // Monday: a new week
  s = service_->summary();
  EXPECT_EQ(s.week, 0);
  EXPECT_EQ(s.month, 1);
  EXPECT_EQ(s.yesterday, 0);
}

TEST_F(ServiceTest, ARestartKeepsTheTotals) {
  service_->start();
  for (int i = 0; i < 12; ++i) visit(i);
  service_->stop();  // the last batch is written at shutdown
  reopen_stats();    // a new process: new connections, new salt
  make_service();
  Summary s = service_->summary();
  EXPECT_EQ(s.total, 12);
  EXPECT_EQ(s.today, 12);
  visit(100);
  EXPECT_EQ(service_->summary().total, 13);
}

TEST_F(ServiceTest, ViewsPerArticleAndMostRead) {
  const Seconds published = vn_time(2017, 6, 1, 8, 0);
  const content::Id a = add_article("Đoàn công tác thăm Đồng Đăng", "doan-cong-tac", published);
  const content::Id b = add_article("Hội nghị ngoại vụ", "hoi-nghi", published);
  add_article("Bản nháp", "ban-nhap", published, content::ArticleStatus::kDraft);
  ASSERT_NE(a, 0);
  for (int i = 0; i < 3; ++i) visit(i, "/tin-tuc/doan-cong-tac");
  visit(0, "/tin-tuc/doan-cong-tac");
  visit(5, "/tin-tuc/hoi-nghi");
  visit(6, "/tin-tuc/ban-nhap");
  EXPECT_EQ(service_->views_of("/tin-tuc/doan-cong-tac"), 4);
  EXPECT_EQ(service_->views_of("/tin-tuc/hoi-nghi"), 1);
  EXPECT_EQ(service_->views_of("/tin-tuc/ban-nhap"), std::nullopt);  // not public
  EXPECT_EQ(service_->views_of("/trang/gioi-thieu"), std::nullopt);
  clock_.advance(std::chrono::minutes(1));  // "most read" is refreshed at most once a minute
  ASSERT_TRUE(service_->flush().ok());
  EXPECT_EQ(service_->views_of("/tin-tuc/doan-cong-tac"), 4);
  visit(9, "/tin-tuc/doan-cong-tac");
  EXPECT_EQ(service_->views_of("/tin-tuc/doan-cong-tac"), 5);

  auto top = service_->most_read();
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].title, "Đoàn công tác thăm Đồng Đăng");
  EXPECT_EQ(top[0].url, "/tin-tuc/doan-cong-tac");
  EXPECT_EQ(top[0].views, 4);
  EXPECT_EQ(top[1].title, "Hội nghị ngoại vụ");
  auto stored = repo_->article_views(b);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, 1);
}

}  // namespace
}  // namespace congtin::stats
