// The statistics dashboard through the router, without sockets: a real temporary SQLite
// database (accounts, content, statistics), the real admin theme, the real StatsService with a
// fake clock, and the back office's guard.
#include "stats/dashboard.h"

#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include <regex>
#include <sstream>

#include "../admin/browser.h"
#include "../auth/accounts_fixture.h"
#include "admin/admin.h"
#include "stats/calendar.h"
#include "store/sqlite/stats_repository.h"

namespace congtin::stats {
namespace {

using admin::testing::Browser;
using admin::testing::header;
using auth::Role;
using ::testing::HasSubstr;
using ::testing::Not;

const std::string kPassword = "mật-khẩu-đủ-dài";
const std::string kChrome =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36";
const std::string kFirefox =
    "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const std::string kIphone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.1 Mobile/15E148 Safari/604.1";

std::size_t count_of(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto p = s.find(what); p != std::string::npos; p = s.find(what, p + what.size())) ++n;
  return n;
}

// RFC 4180 lines of a CSV without quoted line breaks (enough for these reports).
std::vector<std::vector<std::string>> csv_rows(std::string_view body) {
  std::vector<std::vector<std::string>> rows;
  std::size_t start = 0;
  while (start < body.size()) {
    std::size_t end = body.find("\r\n", start);
    if (end == std::string_view::npos) end = body.size();
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = start; i < end; ++i) {
      const char c = body[i];
      if (quoted && c == '"' && i + 1 < end && body[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        row.push_back(std::move(field));
        field.clear();
      } else {
        field += c;
      }
    }
    row.push_back(std::move(field));
    rows.push_back(std::move(row));
    start = end + 2;
  }
  return rows;
}

class DashboardTest : public auth::testing::AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    auto theme = render::Theme::load(CONGTIN_ADMIN_THEME_DIR);
    ASSERT_TRUE(theme.ok()) << theme.error().message;
    theme_ = std::move(*theme);
    auto repo = store::open_sqlite_stats(dir_ / "congtin.db");
    ASSERT_TRUE(repo.ok()) << repo.error().message;
    repo_ = std::move(*repo);
    lookup_ = std::make_shared<StoreArticleLookup>(*store_, clock_);
    service_stats_ = std::make_unique<StatsService>(*repo_, *lookup_, clock_);
    ASSERT_TRUE(service_stats_->load().ok());
    admin::AdminOptions o;
    o.static_dir = std::string(CONGTIN_ADMIN_THEME_DIR) + "/static";
    o.statistics = true;
    office_ = std::make_unique<admin::BackOffice>(*service_, *theme_, clock_, o);
    office_->add_routes(router_);
    add_dashboard_routes(router_, office_->deps(), {*service_stats_, repo_, lookup_});
  }

  Browser signed_in(Role role) {
    const std::string name = "nguoi." + std::to_string(static_cast<int>(role));
    add_user(name, role);
    Browser b{&router_};
    EXPECT_EQ(b.login(name, kPassword).status, 303);
    return b;
  }

  content::Id add_article(const std::string& title, const std::string& slug) {
    content::Article a;
    a.title = title;
    a.slug = slug;
    a.status = content::ArticleStatus::kPublished;
    a.published_at = a.created_at = a.updated_at = clock_.now() - std::chrono::hours(48);
    auto id = store_->articles().create(a);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  }

  void hit(const std::string& address, const std::string& ua, const std::string& path,
           const std::string& referrer = "") {
    EXPECT_NE(service_stats_->record({address, ua, path, referrer}), Outcome::kNotCounted);
  }

  // Three visitors today: two on desktop, one on a phone; four page views, three of them on
  // the article.
  void three_visitors(const std::string& article_path) {
    hit("198.51.100.1", kChrome, article_path, "baochinhphu.vn");
    hit("198.51.100.1", kChrome, article_path);
    hit("198.51.100.2", kFirefox, "/");
    hit("198.51.100.3", kIphone, article_path, "baochinhphu.vn");
  }

  std::unique_ptr<render::Theme> theme_;
  std::shared_ptr<StatsRepository> repo_;
  std::shared_ptr<ArticleLookup> lookup_;
  std::unique_ptr<StatsService> service_stats_;
  std::unique_ptr<admin::BackOffice> office_;
  http::Router router_;
};

TEST(DashboardPeriod, OnlyTheThreePeriods) {
  const std::pair<std::optional<std::string_view>, int> cases[] = {
      {std::nullopt, 30}, {"30", 30},  {"90", 90},  {"365", 365}, {"7", 30},
      {"", 30},           {"90x", 30}, {"-90", 30}, {"0365", 30}, {"3650", 30}};
  for (auto [ky, want] : cases) EXPECT_EQ(dashboard_period(ky), want) << ky.value_or("(none)");
}

TEST_F(DashboardTest, OnlyAdministratorsAndTheChiefEditorMayRead) {
  const std::string paths[] = {"/admin/thong-ke", "/admin/thong-ke/xuat.csv?ky=90",
                               "/admin/thong-ke/xuat.json"};
  for (Role role : {Role::kContributor, Role::kReporter, Role::kEditor}) {
    Browser b = signed_in(role);
    for (const std::string& p : paths) {
      http::Response r = b.get(p);
      EXPECT_EQ(r.status, 403) << p << " as " << content::role_code(role);
      EXPECT_THAT(r.body, Not(HasSubstr("Lượt truy cập")));
    }
    EXPECT_THAT(b.get("/admin").body, Not(HasSubstr("/admin/thong-ke"))) << "no nav entry";
  }
  for (Role role : {Role::kChiefEditor, Role::kAdmin}) {
    Browser b = signed_in(role);
    for (const std::string& p : paths) EXPECT_EQ(b.get(p).status, 200) << p;
    EXPECT_THAT(b.get("/admin").body, HasSubstr(R"(href="/admin/thong-ke">Thống kê</a>)"));
  }
  Browser anonymous{&router_};
  http::Response r = anonymous.get("/admin/thong-ke/xuat.csv");
  EXPECT_EQ(r.status, 303);
  EXPECT_THAT(header(r, "Location"), HasSubstr("/admin/dang-nhap"));
}

TEST_F(DashboardTest, ThePageShowsWhatWasCounted) {
  add_article("Đoàn công tác tỉnh Lạc Hồng thăm Viêng Chăn", "doan-cong-tac-tham-vieng-chan");
  three_visitors("/tin-tuc/doan-cong-tac-tham-vieng-chan");  // not flushed: the page flushes
  Browser b = signed_in(Role::kChiefEditor);
  http::Response r = b.get("/admin/thong-ke");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(header(r, "Cache-Control"), "no-store");
  const std::string& page = r.body;
  EXPECT_THAT(page, HasSubstr("<h1>Thống kê truy cập</h1>"));
  EXPECT_THAT(page,
              HasSubstr(R"(<a href="/admin/thong-ke?ky=30" aria-current="page">30 ngày</a>)"));
  EXPECT_THAT(page, HasSubstr("<dt>Hôm nay</dt><dd>3</dd>"));
  EXPECT_THAT(page, HasSubstr("<dt>Tổng lượt truy cập</dt><dd>3</dd>"));
  EXPECT_THAT(page, HasSubstr("<dt>Đang truy cập</dt><dd>3</dd>"));
  EXPECT_THAT(page, HasSubstr("Từ 01/02/2026 đến 02/03/2026"));
  EXPECT_THAT(page, HasSubstr(R"(<strong data-slot="period-visits">3</strong>)"));
  EXPECT_THAT(page, HasSubstr(R"(<strong data-slot="period-views">4</strong>)"));
  // The chart, with its table: 30 rows, today's last.
  EXPECT_THAT(page,
              HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-wide\""));
  EXPECT_THAT(page,
              HasSubstr("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart chart-narrow\""));
  EXPECT_THAT(page, HasSubstr(R"(aria-labelledby="bieu-do-ngay-title bieu-do-ngay-desc")"));
  EXPECT_THAT(page, HasSubstr(R"(aria-labelledby="bieu-do-ngay-hep-title bieu-do-ngay-hep-desc")"));
  EXPECT_THAT(page, Not(HasSubstr("Chưa có số liệu</text>")));
  EXPECT_EQ(count_of(page, "<th scope=\"row\">"), 30u);
  EXPECT_THAT(
      page,
      HasSubstr(R"(<th scope="row">02/03/2026</th><td class="num">3</td><td class="num">4</td>)"));
  // Top article linked, referrer host, browsers and devices with shares.
  EXPECT_THAT(page, HasSubstr(R"(<a href="/tin-tuc/doan-cong-tac-tham-vieng-chan">Đoàn công tác )"
                              R"(tỉnh Lạc Hồng thăm Viêng Chăn</a></td><td class="num">3</td>)"));
  EXPECT_THAT(
      page,
      HasSubstr(R"(<td>baochinhphu.vn</td><td class="num">2</td><td class="num">100,0 %</td>)"));
  EXPECT_THAT(page, HasSubstr(R"(<td class="num">1</td><td class="num">33,3 %</td>)"));
  EXPECT_THAT(page, HasSubstr(">Firefox<"));
  EXPECT_THAT(page, HasSubstr(">Điện thoại<"));
  EXPECT_THAT(page, HasSubstr(R"(<td class="num">2</td><td class="num">66,7 %</td>)"));  // desktop
  EXPECT_THAT(page, HasSubstr(R"(href="/admin/thong-ke/xuat.csv?ky=30")"));
  EXPECT_THAT(page, HasSubstr(R"(href="/admin/thong-ke/xuat.json?ky=30")"));
  EXPECT_THAT(page, HasSubstr(R"(href="/admin/static/css/stats.css")"));
}

TEST_F(DashboardTest, PeriodsChooseTheDays) {
  // 100 days ago (Vietnam days): inside 365, outside 30 and 90.
  const std::string old_day = day_text(day_of(clock_.now()) - 100);
  Batch batch;
  batch.days.push_back({old_day, 7, 9});
  ASSERT_TRUE(repo_->add(batch).ok());
  Browser b = signed_in(Role::kAdmin);
  const std::tuple<std::string, std::size_t, std::string> cases[] = {
      {"", 30, "30"},          {"?ky=30", 30, "30"},  {"?ky=90", 90, "90"},
      {"?ky=365", 365, "365"}, {"?ky=abc", 30, "30"}, {"?ky=1000", 30, "30"}};
  for (const auto& [query, rows, current] : cases) {
    const std::string page = b.get("/admin/thong-ke" + query).body;
    EXPECT_EQ(count_of(page, "<th scope=\"row\">"), rows) << query;
    EXPECT_THAT(page, HasSubstr("?ky=" + current + "\" aria-current=\"page\">")) << query;
    EXPECT_EQ(count_of(page, "aria-current=\"page\">"), 2u) << "nav and one period";
    const bool has_old = rows == 365;
    EXPECT_EQ(page.find(R"(data-slot="period-visits">7<)") != std::string::npos, has_old) << query;
    EXPECT_EQ(page.find("Chưa có số liệu</text>") == std::string::npos, has_old) << query;
  }
}

TEST_F(DashboardTest, CsvExport) {
  const content::Id id = add_article("Hội nghị \"Ngoại vụ\", năm 2026", "hoi-nghi-ngoai-vu-2026");
  three_visitors("/tin-tuc/hoi-nghi-ngoai-vu-2026");
  Browser b = signed_in(Role::kAdmin);
  http::Response r = b.get("/admin/thong-ke/xuat.csv?ky=90");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(header(r, "Content-Disposition"),
            "attachment; filename=\"thong-ke-truy-cap-2025-12-03-den-2026-03-02.csv\"");
  EXPECT_EQ(header(r, "Cache-Control"), "no-store");
  ASSERT_TRUE(r.body.starts_with("\xEF\xBB\xBF")) << "BOM, so Excel reads UTF-8";
  const auto rows = csv_rows(std::string_view(r.body).substr(3));
  ASSERT_GT(rows.size(), 92u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"Ngày", "Lượt truy cập", "Lượt xem"}));
  EXPECT_EQ(rows[1], (std::vector<std::string>{"2025-12-03", "0", "0"}));
  EXPECT_EQ(rows[90], (std::vector<std::string>{"2026-03-02", "3", "4"}));
  EXPECT_EQ(rows[91], (std::vector<std::string>{"Tổng", "3", "4"}));
  for (std::size_t i = 1; i <= 90; ++i) ASSERT_EQ(rows[i].size(), 3u) << i;
  auto find_row = [&](const std::string& first) {
    for (const auto& row : rows)
      if (!row.empty() && row[0] == first) return row;
    return std::vector<std::string>{};
  };
  const auto article = find_row(std::to_string(id));
  ASSERT_EQ(article.size(), 4u);
  EXPECT_EQ(article[1], "Hội nghị \"Ngoại vụ\", năm 2026");  // quoted and unquoted back
  EXPECT_EQ(article[2], "/tin-tuc/hoi-nghi-ngoai-vu-2026");
  EXPECT_EQ(article[3], "3");
  EXPECT_EQ(find_row("baochinhphu.vn"), (std::vector<std::string>{"baochinhphu.vn", "2"}));
  EXPECT_EQ(find_row("Firefox"), (std::vector<std::string>{"Firefox", "1"}));
  EXPECT_EQ(find_row("Điện thoại"), (std::vector<std::string>{"Điện thoại", "1"}));
}

TEST_F(DashboardTest, JsonExport) {
  add_article("Tiếp Tổng Lãnh sự quán", "tiep-tong-lanh-su-quan");
  three_visitors("/tin-tuc/tiep-tong-lanh-su-quan");
  Browser b = signed_in(Role::kChiefEditor);
  http::Response r = b.get("/admin/thong-ke/xuat.json?ky=365");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(header(r, "Content-Disposition"),
            "attachment; filename=\"thong-ke-truy-cap-2025-03-03-den-2026-03-02.json\"");
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j.at("from"), "2025-03-03");
  EXPECT_EQ(j.at("to"), "2026-03-02");
  EXPECT_EQ(j.at("visits"), 3);
  EXPECT_EQ(j.at("views"), 4);
  ASSERT_EQ(j.at("days").size(), 365u);
  for (const auto& d : j.at("days")) {
    ASSERT_TRUE(d.at("day").is_string());
    ASSERT_TRUE(d.at("visits").is_number_integer());
    ASSERT_TRUE(d.at("views").is_number_integer());
  }
  EXPECT_EQ(j.at("days").back().at("visits"), 3);
  ASSERT_EQ(j.at("top_articles").size(), 1u);
  const auto& a = j.at("top_articles")[0];
  EXPECT_EQ(a.at("title"), "Tiếp Tổng Lãnh sự quán");
  EXPECT_EQ(a.at("url"), "/tin-tuc/tiep-tong-lanh-su-quan");
  EXPECT_EQ(a.at("views"), 3);
  EXPECT_TRUE(a.at("id").is_number_integer());
  for (const char* kind : {"referrers", "browsers", "devices"}) {
    ASSERT_TRUE(j.at(kind).is_array()) << kind;
    std::int64_t sum = 0;
    for (const auto& k : j.at(kind)) {
      ASSERT_TRUE(k.at("key").is_string());
      sum += k.at("visits").get<std::int64_t>();
    }
    EXPECT_EQ(sum, std::string(kind) == "referrers" ? 2 : 3) << kind;
  }
}

TEST_F(DashboardTest, NothingCountedYet) {
  Browser b = signed_in(Role::kAdmin);
  const std::string page = b.get("/admin/thong-ke").body;
  EXPECT_THAT(page, HasSubstr("Chưa có số liệu</text>"));
  EXPECT_THAT(page, HasSubstr("<dt>Hôm nay</dt><dd>0</dd>"));
  EXPECT_EQ(count_of(page, "<p class=\"muted\">Chưa có số liệu.</p>"), 4u);
  const auto j = nlohmann::json::parse(b.get("/admin/thong-ke/xuat.json").body);
  EXPECT_EQ(j.at("days").size(), 30u);
  EXPECT_TRUE(j.at("top_articles").empty());
}

}  // namespace
}  // namespace congtin::stats
