// The dashboard's server-side chart: scale, point positions, labels, accessibility, the empty
// case and escaping, checked on the SVG text for known data.
#include "stats/svg_chart.h"

#include <gmock/gmock.h>

#include <regex>
#include <vector>

namespace congtin::stats {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::vector<DayCount> series(const std::vector<std::pair<int, int>>& visits_views,
                             int first_day = 1) {
  std::vector<DayCount> out;
  int d = first_day;
  for (auto [visits, views] : visits_views) {
    out.push_back({"2026-11-" + std::string(d < 10 ? "0" : "") + std::to_string(d), visits, views});
    ++d;
  }
  return out;
}

std::string attribute_of(const std::string& svg, const std::string& cls, const std::string& attr) {
  const std::regex re("class=\"" + cls + "\" " + attr + "=\"([^\"]*)\"");
  std::smatch m;
  return std::regex_search(svg, m, re) ? m[1].str() : std::string();
}

std::size_t count_of(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

TEST(ChartLayout, NiceScale) {
  struct Case {
    std::int64_t max, step, top;
  } cases[] = {{1, 1, 1},
               {4, 1, 4},
               {7, 2, 8},
               {10, 5, 10},
               {100, 50, 100},
               {1234, 500, 1500},
               {99'999, 50'000, 100'000}};
  for (const Case& c : cases) {
    const ChartLayout l = ChartLayout::make(30, c.max);
    EXPECT_EQ(l.y_step, c.step) << c.max;
    EXPECT_EQ(l.y_max, c.top) << c.max;
    EXPECT_GE(l.y_max, c.max);
    EXPECT_LE(l.y_max / l.y_step, 5) << "at most five grid intervals for " << c.max;
  }
  EXPECT_EQ(ChartLayout::make(30, 0).y_max, 0);
}

TEST(SvgChart, PointsWhereTheyShouldBe) {
  // Plot area: x 64..624, y 44 (top) .. 248 (bottom); the scale tops at 10.
  const std::string svg = daily_chart_svg(series({{0, 0}, {2, 5}, {4, 10}}));
  EXPECT_EQ(attribute_of(svg, "chart-views", "points"), "64,248 344,146 624,44");
  EXPECT_EQ(attribute_of(svg, "chart-visits", "points"), "64,248 344,207.2 624,166.4");
  // The area closes down to the axis under the last and the first point.
  EXPECT_EQ(attribute_of(svg, "chart-views-area", "points"),
            "64,248 344,146 624,44 624,248 64,248");
  // Grid lines with their values.
  EXPECT_THAT(svg, HasSubstr(R"(<text x="56" y="252" text-anchor="end">0</text>)"));
  EXPECT_THAT(svg, HasSubstr(R"(<text x="56" y="48" text-anchor="end">10</text>)"));
  // A dot per day and series, with a tooltip.
  EXPECT_EQ(count_of(svg, "<circle"), 6u);
  EXPECT_THAT(svg, HasSubstr("<title>03/11/2026: 10 lượt xem</title>"));
  EXPECT_THAT(svg, HasSubstr("<title>02/11/2026: 2 lượt truy cập</title>"));
}

TEST(SvgChart, OneDayIsInTheMiddle) {
  const std::string svg = daily_chart_svg(series({{3, 4}}));
  EXPECT_EQ(attribute_of(svg, "chart-views", "points"), "344,44");
}

TEST(SvgChart, VietnameseLabelsAndDayLabels) {
  std::vector<std::pair<int, int>> data(30, {1200, 3400});
  const std::string svg = daily_chart_svg(series(data));
  for (const char* label : {"Số lượt", "Ngày", "Lượt xem", "Lượt truy cập"})
    EXPECT_THAT(svg, HasSubstr(std::string(">") + label + "<")) << label;
  // Six day labels, dd/mm, counted back from the last day (30/11) every 5 days.
  for (const char* day : {">30/11<", ">25/11<", ">20/11<", ">15/11<", ">10/11<", ">05/11<"})
    EXPECT_THAT(svg, HasSubstr(day));
  EXPECT_THAT(svg, Not(HasSubstr(">01/11<")));
  EXPECT_THAT(svg, HasSubstr(">4.000<")) << "grid values grouped Vietnamese-style";
  EXPECT_THAT(svg, Not(HasSubstr("2026-11")));
}

TEST(SvgChart, LongPeriodsHaveNoDotsAndFewLabels) {
  std::vector<DayCount> days;
  for (int i = 0; i < 365; ++i) days.push_back({"2026-01-01", i % 7, i % 11});
  const std::string svg = daily_chart_svg(days);
  EXPECT_EQ(count_of(svg, "<circle"), 0u);
  EXPECT_EQ(count_of(svg, "text-anchor=\"middle\">01/01<"), 6u);
  EXPECT_LT(svg.size(), 20'000u);
}

TEST(SvgChart, NarrowDrawingForPhones) {
  std::vector<std::pair<int, int>> data(30, {1, 2});
  data.back() = {4, 10};
  const std::string svg = daily_chart_svg(series(data), {"hep", "t"}, kNarrowChart);
  EXPECT_THAT(svg, HasSubstr(R"(class="chart chart-narrow" viewBox="0 0 340 250")"));
  EXPECT_THAT(svg, HasSubstr(R"(font-size="12")"));
  EXPECT_EQ(count_of(svg, "<circle"), 0u);
  // Plot area x 44..318, y 48..204: the first and the last views.
  const std::string views = attribute_of(svg, "chart-views", "points");
  EXPECT_TRUE(views.starts_with("44,172.8 ")) << views;
  EXPECT_TRUE(views.ends_with(" 318,48")) << views;
  // Four day labels, every 8 days back from the last.
  for (const char* day : {">30/11<", ">22/11<", ">14/11<", ">06/11<"})
    EXPECT_THAT(svg, HasSubstr(day));
  EXPECT_THAT(svg, Not(HasSubstr(">25/11<")));
}

TEST(SvgChart, AccessibleTitleAndDescription) {
  const std::string svg = daily_chart_svg(series({{1, 2}, {3, 40}, {2, 5}}),
                                          {"bd", "Lượt truy cập và lượt xem mỗi ngày"});
  EXPECT_THAT(svg, HasSubstr(R"(role="img" aria-labelledby="bd-title bd-desc")"));
  EXPECT_THAT(svg, HasSubstr(R"(<title id="bd-title">Lượt truy cập và lượt xem mỗi ngày</title>)"));
  EXPECT_THAT(svg, HasSubstr("<desc id=\"bd-desc\">Từ 01/11/2026 đến 03/11/2026: 6 lượt truy "
                             "cập, 47 lượt xem. Nhiều lượt xem nhất: 40 vào ngày 02/11/2026."));
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_THAT(svg, Not(HasSubstr("style=")));  // the back office's CSP refuses inline styles
}

TEST(SvgChart, EmptyDataSaysSo) {
  for (const std::vector<DayCount>& days : {series({{0, 0}, {0, 0}}), std::vector<DayCount>{}}) {
    const std::string svg = daily_chart_svg(days);
    EXPECT_THAT(svg, HasSubstr(">Chưa có số liệu</text>"));
    EXPECT_THAT(svg, Not(HasSubstr("<polyline")));
    EXPECT_THAT(svg, Not(HasSubstr("Lượt xem<")));  // no legend for nothing
    EXPECT_THAT(svg, HasSubstr("<desc"));
  }
}

TEST(SvgChart, TextIsEscaped) {
  const std::string svg = daily_chart_svg(series({{1, 1}}), {"x\"y", "<b>Tôi & bạn</b>"});
  EXPECT_THAT(svg, HasSubstr("&lt;b&gt;Tôi &amp; bạn&lt;/b&gt;"));
  EXPECT_THAT(svg, HasSubstr("id=\"x&quot;y-title\""));
  EXPECT_THAT(svg, Not(HasSubstr("<b>")));
}

TEST(Format, GroupDigitsAndDays) {
  const std::pair<std::int64_t, const char*> numbers[] = {{0, "0"},          {7, "7"},
                                                          {999, "999"},      {1000, "1.000"},
                                                          {65536, "65.536"}, {1234567, "1.234.567"},
                                                          {-1500, "-1.500"}};
  for (auto [n, text] : numbers) EXPECT_EQ(group_digits(n), text) << n;
  EXPECT_EQ(day_month("2026-11-28"), "28/11");
  EXPECT_EQ(day_month_year("2026-01-05"), "05/01/2026");
  EXPECT_EQ(day_month("hôm nay"), "hôm nay");
  EXPECT_EQ(day_month_year("2026-1-5"), "2026-1-5");
}

}  // namespace
}  // namespace congtin::stats
