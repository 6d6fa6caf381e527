#include "stats/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "stats_support.h"

namespace congtin::stats {
namespace {

using testing::vn_time;

class ReportTest : public testing::StatsStoreTest {
 protected:
  FakeClock clock_{vn_time(2017, 6, 30, 10, 0)};
};

TEST_F(ReportTest, ContinuousDaysTopListsAndExports) {
  const content::Id a =
      add_article("Tin \"đặc biệt\", có dấu phẩy", "tin-dac-biet", vn_time(2017, 6, 1, 8, 0));
  Batch b;
  b.days = {{"2017-06-28", 2, 5}, {"2017-06-30", 3, 7}};
  b.articles = {{"2017-06-30", a, 6}};
  b.keys = {{"2017-06-30", std::string(kDevice), "Điện thoại", 2},
            {"2017-06-30", std::string(kReferrer), "google.com.vn", 1}};
  ASSERT_TRUE(repo_->add(b).ok());
  StoreArticleLookup lookup(*store_, clock_);
  auto r = build_report(*repo_, lookup, day_of(clock_.now()), 30);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->from, "2017-06-01");
  EXPECT_EQ(r->to, "2017-06-30");
  ASSERT_EQ(r->days.size(), 30u);
  EXPECT_EQ(r->days[26].day, "2017-06-27");
  EXPECT_EQ(r->days[26].visits, 0);
  EXPECT_EQ(r->days[27].visits, 2);
  EXPECT_EQ(r->visits, 5);
  EXPECT_EQ(r->views, 12);
  ASSERT_EQ(r->top_articles.size(), 1u);
  EXPECT_EQ(r->top_articles[0].url, "/tin-tuc/tin-dac-biet");

  const std::string csv = report_csv(*r);
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBFNgày,Lượt truy cập,Lượt xem\r\n"));
  EXPECT_NE(csv.find("2017-06-30,3,7\r\n"), std::string::npos);
  EXPECT_NE(csv.find("Tổng,5,12\r\n"), std::string::npos);
  EXPECT_NE(csv.find(std::to_string(a) + ",\"Tin \"\"đặc biệt\"\", có dấu phẩy\",/tin-tuc/tin-dac-biet,6"),
            std::string::npos);
  EXPECT_NE(csv.find("Điện thoại,2\r\n"), std::string::npos);

  auto j = nlohmann::json::parse(report_json(*r));
  EXPECT_EQ(j["days"].size(), 30u);
  EXPECT_EQ(j["days"][29]["visits"], 3);
  EXPECT_EQ(j["top_articles"][0]["title"], "Tin \"đặc biệt\", có dấu phẩy");
  EXPECT_EQ(j["referrers"][0]["key"], "google.com.vn");
  EXPECT_EQ(j["devices"][0]["visits"], 2);
}

TEST_F(ReportTest, RangeIsBounded) {
  StoreArticleLookup lookup(*store_, clock_);
  EXPECT_FALSE(build_report(*repo_, lookup, 17000, 0).ok());
  EXPECT_FALSE(build_report(*repo_, lookup, 17000, kMaxReportDays + 1).ok());
  auto year = build_report(*repo_, lookup, 17000, 365);
  ASSERT_TRUE(year.ok());
  EXPECT_EQ(year->days.size(), 365u);
}

}  // namespace
}  // namespace congtin::stats
