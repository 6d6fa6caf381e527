// The dashboard's chart of visits and page views per day, drawn on the server as SVG: no
// script, no third-party library, readable without CSS (colours are presentation attributes,
// which the back office's Content-Security-Policy allows where inline styles are refused).
//
// What it draws, for days d0..dn-1 (oldest first): page views as a filled line, visits as a
// dashed line (so the two differ without colour), horizontal grid lines at "nice" steps with
// the counts written Vietnamese-style ("1.234"), about six day labels "dd/mm" along the x
// axis (the last day always labelled; four on the narrow drawing), axis titles and a legend
// in Vietnamese. For a month or less every day also gets a dot with a <title> tooltip
// ("12/11/2026: 34 lượt xem"). The root is role="img" with a <title> and a <desc> that says
// the range, the totals and the busiest day in words; the page adds the same figures as a
// table for screen readers. When every count is zero (or there are no days) it draws the
// frame and "Chưa có số liệu".
//
// The drawing lives in a fixed viewBox (ChartLayout) and scales to its container.
// Pure functions, thread-safe. Every text is XML-escaped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stats/repository.h"

namespace congtin::stats {

// Two drawings of the same data: a wide one for screens from about 560 CSS px and a narrow
// one for phones (fewer day labels, no dots), so that on a 360 px phone the labels are still
// about 11 px high without scrolling sideways. The page shows one by a media query
// (themes/admin/static/css/stats.css); the other is display:none, hence hidden from screen
// readers too.
struct ChartSize {
  double width, height;             // the viewBox
  double left, right, top, bottom;  // margins around the plot area
  std::size_t day_labels;           // at most this many "dd/mm" labels
  int font_size;
  bool dots;  // a dot with a tooltip per day (for a month or less)
  std::string_view css_class;
};
inline constexpr ChartSize kWideChart{.width = 640,
                                      .height = 300,
                                      .left = 64,
                                      .right = 16,
                                      .top = 44,
                                      .bottom = 52,
                                      .day_labels = 6,
                                      .font_size = 13,
                                      .dots = true,
                                      .css_class = "chart chart-wide"};
inline constexpr ChartSize kNarrowChart{.width = 340,
                                        .height = 250,
                                        .left = 44,
                                        .right = 22,
                                        .top = 48,
                                        .bottom = 46,
                                        .day_labels = 4,
                                        .font_size = 12,
                                        .dots = false,
                                        .css_class = "chart chart-narrow"};

// Where things go in the viewBox; exposed so tests can check the points.
struct ChartLayout {
  ChartSize size = kWideChart;
  std::size_t count = 0;    // days
  std::int64_t y_max = 0;   // top of the y axis (a multiple of y_step); 0 when no data
  std::int64_t y_step = 1;  // between grid lines

  // The layout for `count` days whose largest value is `max_value`.
  static ChartLayout make(std::size_t count, std::int64_t max_value,
                          const ChartSize& size = kWideChart);
  double plot_left() const { return size.left; }
  double plot_right() const { return size.width - size.right; }
  double plot_top() const { return size.top; }
  double plot_bottom() const { return size.height - size.bottom; }
  // x of day i (one day: the middle), y of a count.
  double x(std::size_t i) const;
  double y(std::int64_t value) const;
};

// "1.234.567" (Vietnamese digit grouping).
std::string group_digits(std::int64_t n);
// "2026-11-28" -> "28/11" and "28/11/2026"; the text unchanged when it is not a date.
std::string day_month(std::string_view iso_day);
std::string day_month_year(std::string_view iso_day);

struct ChartText {
  std::string id = "bieu-do";  // prefix of the ids of <title> and <desc>, unique in the page
  std::string title = "Lượt truy cập và lượt xem mỗi ngày";
};

// The SVG element (no XML declaration), ready to be placed in an HTML page.
std::string daily_chart_svg(std::span<const DayCount> days, const ChartText& text = {},
                            const ChartSize& size = kWideChart);

}  // namespace congtin::stats
