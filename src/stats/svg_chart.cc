#include "stats/svg_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "html/sanitize.h"

namespace congtin::stats {
namespace {

constexpr std::string_view kViewsColour = "#1d4ed8";   // blue 700: 8.6:1 on white
constexpr std::string_view kVisitsColour = "#b45309";  // amber 700: 5.0:1 on white
constexpr std::string_view kGridColour = "#d5dae1";
constexpr std::string_view kTextColour = "#374151";
constexpr std::size_t kDotsUpTo = 31;  // days; beyond, dots would touch and only add weight
constexpr std::size_t kDayLabels = 6;

// A coordinate with at most one decimal, without a trailing ".0": "64", "80.5".
std::string num(double v) {
  std::string s = fmt::format("{:.1f}", std::round(v * 10) / 10);
  if (s.ends_with(".0")) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

std::string points(std::span<const DayCount> days, const ChartLayout& l, bool views) {
  std::string out;
  for (std::size_t i = 0; i < days.size(); ++i) {
    if (i > 0) out += ' ';
    out += num(l.x(i)) + "," + num(l.y(views ? days[i].views : days[i].visits));
  }
  return out;
}

bool is_iso_day(std::string_view d) {
  if (d.size() != 10 || d[4] != '-' || d[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (d[i] < '0' || d[i] > '9') return false;
  return true;
}

std::string description(std::span<const DayCount> days, bool empty) {
  if (days.empty()) return "Chưa có số liệu.";
  const std::string range =
      "Từ " + day_month_year(days.front().day) + " đến " + day_month_year(days.back().day);
  if (empty) return range + ": chưa có số liệu.";
  std::int64_t visits = 0, views = 0;
  const DayCount* busiest = &days.front();
  for (const DayCount& d : days) {
    visits += d.visits;
    views += d.views;
    if (d.views > busiest->views) busiest = &d;
  }
  return range + ": " + group_digits(visits) + " lượt truy cập, " + group_digits(views) +
         " lượt xem. Nhiều lượt xem nhất: " + group_digits(busiest->views) + " vào ngày " +
         day_month_year(busiest->day) + ". Số liệu từng ngày có trong bảng dưới biểu đồ.";
}

void legend(std::string& out, const ChartLayout& l) {
  const double y = 16, x = l.plot_right() - 300;
  out += fmt::format(
      R"(<g class="chart-legend"><line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="{3}" )"
      R"(stroke-width="3"/><text x="{4}" y="{5}">Lượt xem</text>)",
      num(x), num(y), num(x + 24), kViewsColour, num(x + 30), num(y + 4));
  out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="{3}" stroke-width="2.5" )"
                     R"(stroke-dasharray="6 4"/><text x="{4}" y="{5}">Lượt truy cập</text></g>)",
                     num(x + 130), num(y), num(x + 154), kVisitsColour, num(x + 160), num(y + 4));
}

void axes(std::string& out, std::span<const DayCount> days, const ChartLayout& l) {
  const double bottom = l.plot_bottom();
  out += R"(<g class="chart-grid">)";
  if (l.y_max > 0) {
    for (std::int64_t v = 0; v <= l.y_max; v += l.y_step) {
      out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="{3}"/>)",
                         num(l.plot_left()), num(l.y(v)), num(l.plot_right()), kGridColour);
      out += fmt::format(R"(<text x="{}" y="{}" text-anchor="end">{}</text>)",
                         num(l.plot_left() - 8), num(l.y(v) + 4), group_digits(v));
    }
  } else {
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{2}" y2="{1}" stroke="{3}"/>)",
                       num(l.plot_left()), num(bottom), num(l.plot_right()), kGridColour);
  }
  out += "</g>";
  out += R"(<g class="chart-days">)";
  const std::size_t n = days.size(), labels = std::max<std::size_t>(1, l.size.day_labels);
  const std::size_t every = std::max<std::size_t>(1, (n + labels - 1) / labels);
  for (std::size_t k = 0; k < n && k * every < n; ++k) {
    const std::size_t i = n - 1 - k * every;  // from the last day back: it is always labelled
    out += fmt::format(R"(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}"/>)", num(l.x(i)),
                       num(bottom), num(bottom + 5), kTextColour);
    out += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">{}</text>)", num(l.x(i)),
                       num(bottom + 20), html::escape(day_month(days[i].day)));
  }
  out += "</g>";
  out += fmt::format(R"(<text class="chart-axis-title" x="8" y="{}">Số lượt</text>)",
                     num(l.plot_top() - 12));
  out += fmt::format(
      R"(<text class="chart-axis-title" x="{}" y="{}" text-anchor="middle">Ngày</text>)",
      num((l.plot_left() + l.plot_right()) / 2), num(l.size.height - 6));
}

void series(std::string& out, std::span<const DayCount> days, const ChartLayout& l) {
  const std::string views = points(days, l, true);
  const std::string bottom = num(l.plot_bottom());
  // The area under the views: down from the last point to the axis and back to the first.
  out += fmt::format(R"(<polygon class="chart-views-area" points="{} {},{} {},{}" fill="{}" )"
                     R"(fill-opacity="0.12"/>)",
                     views, num(l.x(days.size() - 1)), bottom, num(l.x(0)), bottom, kViewsColour);
  out += fmt::format(
      R"(<polyline class="chart-views" points="{}" fill="none" stroke="{}" stroke-width="2.5" )"
      R"(stroke-linejoin="round"/>)",
      views, kViewsColour);
  out += fmt::format(
      R"(<polyline class="chart-visits" points="{}" fill="none" stroke="{}" stroke-width="2" )"
      R"(stroke-dasharray="6 4" stroke-linejoin="round"/>)",
      points(days, l, false), kVisitsColour);
  if (!l.size.dots || days.size() > kDotsUpTo) return;
  out += R"(<g class="chart-dots">)";
  for (std::size_t i = 0; i < days.size(); ++i) {
    const std::string when = html::escape(day_month_year(days[i].day));
    out += fmt::format(
        R"(<circle cx="{}" cy="{}" r="3.5" fill="{}"><title>{}: {} lượt xem</title></circle>)",
        num(l.x(i)), num(l.y(days[i].views)), kViewsColour, when, group_digits(days[i].views));
    out += fmt::format(R"(<circle cx="{}" cy="{}" r="3" fill="#fff" stroke="{}" stroke-width="2">)"
                       R"(<title>{}: {} lượt truy cập</title></circle>)",
                       num(l.x(i)), num(l.y(days[i].visits)), kVisitsColour, when,
                       group_digits(days[i].visits));
  }
  out += "</g>";
}

}  // namespace

ChartLayout ChartLayout::make(std::size_t count, std::int64_t max_value, const ChartSize& size) {
  ChartLayout l;
  l.size = size;
  l.count = count;
  if (max_value <= 0) return l;
  // About four grid intervals at 1, 2 or 5 times a power of ten.
  const std::int64_t raw = (max_value + 3) / 4;
  std::int64_t step = 1;
  for (std::int64_t mag = 1;; mag *= 10) {
    if (mag >= raw) {
      step = mag;
      break;
    }
    if (2 * mag >= raw) {
      step = 2 * mag;
      break;
    }
    if (5 * mag >= raw) {
      step = 5 * mag;
      break;
    }
  }
  l.y_step = step;
  l.y_max = (max_value + step - 1) / step * step;
  return l;
}

double ChartLayout::x(std::size_t i) const {
  const double w = plot_right() - plot_left();
  if (count <= 1) return plot_left() + w / 2;
  return plot_left() + static_cast<double>(i) * w / static_cast<double>(count - 1);
}

double ChartLayout::y(std::int64_t value) const {
  if (y_max <= 0) return plot_bottom();
  return plot_bottom() -
         static_cast<double>(value) * (plot_bottom() - plot_top()) / static_cast<double>(y_max);
}

std::string group_digits(std::int64_t n) {
  std::string digits =
      std::to_string(n < 0 ? -static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n));
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string day_month(std::string_view d) {
  if (!is_iso_day(d)) return std::string(d);
  return std::string(d.substr(8, 2)) + "/" + std::string(d.substr(5, 2));
}

std::string day_month_year(std::string_view d) {
  if (!is_iso_day(d)) return std::string(d);
  return day_month(d) + "/" + std::string(d.substr(0, 4));
}

std::string daily_chart_svg(std::span<const DayCount> days, const ChartText& text,
                            const ChartSize& size) {
  std::int64_t max_value = 0;
  for (const DayCount& d : days) max_value = std::max({max_value, d.views, d.visits});
  const ChartLayout l = ChartLayout::make(days.size(), max_value, size);
  const bool empty = l.y_max == 0;
  const std::string id = html::escape(text.id);

  std::string out;
  out.reserve(4096 + days.size() * (l.size.dots && days.size() <= kDotsUpTo ? 300 : 40));
  out += fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" class="{}" viewBox="0 0 {} {}" role="img" )"
      R"(aria-labelledby="{}-title {}-desc" font-size="{}" fill="{}">)",
      html::escape(size.css_class), num(size.width), num(size.height), id, id, size.font_size,
      kTextColour);
  out += fmt::format(R"(<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>)", id,
                     html::escape(text.title), id, html::escape(description(days, empty)));
  axes(out, days, l);
  if (empty) {
    out += fmt::format(
        R"(<text class="chart-empty" x="{}" y="{}" text-anchor="middle" font-size="16">)"
        R"(Chưa có số liệu</text>)",
        num((l.plot_left() + l.plot_right()) / 2), num((l.plot_top() + l.plot_bottom()) / 2));
  } else {
    legend(out, l);
    series(out, days, l);
  }
  out += "</svg>";
  return out;
}

}  // namespace congtin::stats
