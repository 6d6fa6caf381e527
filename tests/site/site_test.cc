// The public pages, dispatched through the real router against a real SQLite store.
#include <gmock/gmock.h>

#include "site_test_support.h"

namespace congtin::site::testing_support {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

int count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

std::string header(const http::Response& r, std::string_view name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return {};
}

// The part of the page after a marker (e.g. the "other news" section).
std::string after(const std::string& html, const std::string& marker) {
  const auto p = html.find(marker);
  return p == std::string::npos ? std::string() : html.substr(p);
}

TEST_F(SiteTest, HomeShowsFeaturedLatestPerCategorySidebarAndFooter) {
  const auto r = get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.content_type, HasSubstr("text/html"));
  const std::string& h = r.body;
  EXPECT_THAT(h, HasSubstr("<html lang=\"vi\">"));
  EXPECT_EQ(count(h, "<h1"), 1);
  EXPECT_THAT(h, HasSubstr("<h1 class=\"site-name\">Sở Ngoại vụ tỉnh Lạng Sơn</h1>"));
  EXPECT_THAT(h, HasSubstr("Ủy ban nhân dân tỉnh Lạng Sơn"));
  EXPECT_THAT(h, HasSubstr("Phát triển kinh tế là nhiệm vụ trung tâm"));
  // Featured, then one block per top-level category with its descendants' news.
  EXPECT_THAT(h, HasSubstr("Tin nổi bật"));
  EXPECT_THAT(h, HasSubstr("Đoàn công tác Lãnh đạo UBND tỉnh làm việc tại Sở Ngoại vụ"));
  EXPECT_THAT(h, HasSubstr(">Tin tức - Sự kiện</a></h2>"));
  EXPECT_THAT(h, HasSubstr(">Thông báo</a></h2>"));
  EXPECT_THAT(h, HasSubstr("Tiếp xã giao Tổng Lãnh sự Trung Quốc"));
  EXPECT_THAT(h, HasSubstr("Thông báo tuyển dụng viên chức năm 2017"));
  EXPECT_THAT(h, Not(HasSubstr("Bản nháp chưa duyệt")));
  EXPECT_THAT(h, Not(HasSubstr("Tin hẹn giờ ngày mai")));
  // Menu: home, categories with their children, "Giới thiệu" with the static pages.
  EXPECT_THAT(h, HasSubstr("<a href=\"/\" aria-current=\"page\">Trang chủ</a>"));
  EXPECT_THAT(h, HasSubstr("<a href=\"/chuyen-muc/tin-doi-ngoai\">Tin đối ngoại</a>"));
  EXPECT_THAT(h, HasSubstr("<a href=\"/trang/gioi-thieu-chung\">Giới thiệu</a>"));
  EXPECT_THAT(h, HasSubstr("<a href=\"/trang/co-cau-to-chuc\">Cơ cấu tổ chức</a>"));
  // Sidebar.
  EXPECT_THAT(h, HasSubstr("LIÊN KẾT"));
  EXPECT_THAT(h, HasSubstr("<a href=\"https://chinhphu.example.vn\">Cổng TTĐT Chính phủ</a>"));
  EXPECT_THAT(h, HasSubstr("HỖ TRỢ TRỰC TUYẾN"));
  EXPECT_THAT(h, HasSubstr("Văn phòng Sở"));
  EXPECT_THAT(h, HasSubstr("<a href=\"tel:02053800800\">0205 3 800 800</a>"));
  // The statistics block is labelled but holds no figures: they are filled in by a script
  // from /api/v1/stats/block, so cached pages never carry stale or invented numbers.
  EXPECT_THAT(h, HasSubstr("THỐNG KÊ TRUY CẬP"));
  EXPECT_THAT(h, HasSubstr("<dd data-stat=\"total\">—</dd>"));
  // Footer.
  EXPECT_THAT(h, HasSubstr("Cơ quan chủ quản: Ủy ban nhân dân tỉnh Lạng Sơn"));
  EXPECT_THAT(h, HasSubstr("Người chịu trách nhiệm: Hoàng Xuân Thuận - Giám đốc Sở"));
  EXPECT_THAT(h, HasSubstr("Địa chỉ: Số 2 đường Hùng Vương, thành phố Lạng Sơn"));
  EXPECT_THAT(h, HasSubstr("0205 3 812 345"));
  EXPECT_THAT(h, HasSubstr("songoaivu@langson.example.gov.vn"));
  EXPECT_THAT(h, HasSubstr("Bản quyền thuộc Sở Ngoại vụ tỉnh Lạng Sơn"));
}

TEST_F(SiteTest, HomeWithoutFeaturedLeadsWithNewest) {
  auto a = store_->articles().by_id(main_article_);
  ASSERT_TRUE(a.ok());
  a->featured = false;
  ASSERT_TRUE(store_->articles().update(*a).ok());
  const auto r = get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("Tin mới nhất"));
  EXPECT_THAT(r.body, Not(HasSubstr("Tin nổi bật")));
}

TEST_F(SiteTest, CategoryListsOnlyItsPublishedArticlesNewestFirst) {
  const auto r = get("/chuyen-muc/tin-doi-ngoai");
  ASSERT_EQ(r.status, 200);
  const std::string& h = r.body;
  EXPECT_EQ(count(h, "<h1"), 1);
  EXPECT_THAT(h, HasSubstr("<h1 class=\"page-title\">Tin đối ngoại</h1>"));
  EXPECT_EQ(count(h, "<article class=\"story"), 3);
  const auto first = h.find("Đoàn công tác Lãnh đạo");
  const auto second = h.find("Tiếp xã giao");
  const auto third = h.find("Hội nghị công tác biên giới");
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_THAT(h, HasSubstr("Thứ Sáu, 23/06/2017 08:30"));
  EXPECT_THAT(h, Not(HasSubstr("Bản nháp chưa duyệt")));
  EXPECT_THAT(h, Not(HasSubstr("Tin hẹn giờ ngày mai")));
  EXPECT_THAT(h, Not(HasSubstr("Thông báo tuyển dụng")));
  EXPECT_THAT(h, Not(HasSubstr("class=\"pagination\"")));
  // Menu marks the category, breadcrumb leads back through the parent.
  EXPECT_THAT(h, HasSubstr("<a href=\"/chuyen-muc/tin-doi-ngoai\" aria-current=\"page\">"));
  EXPECT_THAT(h, HasSubstr("<li><a href=\"/chuyen-muc/tin-tuc\">Tin tức - Sự kiện</a></li>"));
}

TEST_F(SiteTest, CategoryIncludesDescendantsAndPaginates) {
  const auto p1 = get("/chuyen-muc/tin-tuc");
  ASSERT_EQ(p1.status, 200);
  EXPECT_EQ(count(p1.body, "<article class=\"story"), 15);
  EXPECT_THAT(p1.body, HasSubstr("Tiếp xã giao"));  // from the child category
  EXPECT_THAT(p1.body, HasSubstr("href=\"/chuyen-muc/tin-tuc?trang=2\" rel=\"next\""));
  EXPECT_THAT(p1.body, Not(HasSubstr("rel=\"prev\"")));

  for (const std::string target : {"/chuyen-muc/tin-tuc?trang=2", "/chuyen-muc/tin-tuc?trang=02"}) {
    const auto p2 = get(target);
    ASSERT_EQ(p2.status, 200) << target;
    EXPECT_EQ(count(p2.body, "<article class=\"story"), 8);
    EXPECT_THAT(p2.body, HasSubstr("Tin hoạt động số 1<"));  // the oldest is last
    EXPECT_THAT(p2.body, HasSubstr("href=\"/chuyen-muc/tin-tuc\" rel=\"prev\""));
    EXPECT_THAT(p2.body, HasSubstr("<title>Tin tức - Sự kiện - Trang 2 - Sở Ngoại vụ"));
  }
  EXPECT_EQ(get("/chuyen-muc/tin-tuc?trang=1").status, 200);
}

TEST_F(SiteTest, CategoryBadPagesAndUnknownSlugsAre404) {
  for (const std::string target : {"/chuyen-muc/tin-tuc?trang=3", "/chuyen-muc/tin-tuc?trang=0",
                                   "/chuyen-muc/tin-tuc?trang=-1", "/chuyen-muc/tin-tuc?trang=abc",
                                   "/chuyen-muc/tin-tuc?trang=", "/chuyen-muc/tin-tuc?trang=2x",
                                   "/chuyen-muc/tin-tuc?trang=99999999999999999999",
                                   "/chuyen-muc/khong-co", "/chuyen-muc/tin-doi-ngoai?trang=2"}) {
    const auto r = get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_THAT(r.body, HasSubstr("Không tìm thấy trang bạn yêu cầu")) << target;
  }
}

TEST_F(SiteTest, EmptyCategoryHasOnePage) {
  ASSERT_TRUE(
      store_->categories().create({0, std::nullopt, "Văn bản pháp quy", "van-ban", "", 9}).ok());
  const auto r = get("/chuyen-muc/van-ban");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("Chuyên mục này chưa có tin bài."));
  EXPECT_EQ(get("/chuyen-muc/van-ban?trang=2").status, 404);
}

TEST_F(SiteTest, ArticleShowsTitleDateLeadFigureBylineAndOtherNews) {
  const auto r = get("/tin-tuc/doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu");
  ASSERT_EQ(r.status, 200);
  const std::string& h = r.body;
  EXPECT_EQ(count(h, "<h1"), 1);
  EXPECT_THAT(h, HasSubstr("<h1 class=\"article-title\">Đoàn công tác Lãnh đạo UBND tỉnh làm việc "
                           "tại Sở Ngoại vụ</h1>"));
  EXPECT_THAT(h, HasSubstr("<title>Đoàn công tác Lãnh đạo UBND tỉnh làm việc tại Sở Ngoại vụ - Sở "
                           "Ngoại vụ tỉnh Lạng Sơn</title>"));
  EXPECT_THAT(
      h,
      HasSubstr("<time datetime=\"2017-06-23T08:30:00+07:00\">Thứ Sáu, 23/06/2017 08:30</time>"));
  EXPECT_THAT(h,
              HasSubstr("<p class=\"article-lead\">Ngày 23/6/2017, đồng chí Nguyễn Công Trưởng"));
  EXPECT_THAT(
      h, HasSubstr("<img src=\"/media/2017/anh.jpg\" alt=\"Phó Chủ tịch UBND tỉnh phát biểu\">"));
  EXPECT_THAT(h, HasSubstr("<figcaption>Đ/c Nguyễn Công Trưởng, Phó Chủ tịch UBND tỉnh làm việc "
                           "tại Sở Ngoại vụ</figcaption>"));
  EXPECT_THAT(h, HasSubstr("<p class=\"byline\">Phùng Anh Văn - TTTTDV&amp;ĐN</p>"));
  EXPECT_THAT(h, HasSubstr("<span class=\"tag\">đối ngoại</span>"));

  const std::string others = after(h, "Các thông tin khác");
  ASSERT_FALSE(others.empty());
  EXPECT_THAT(
      others,
      HasSubstr("<a href=\"/tin-tuc/tiep-xa-giao\">Tiếp xã giao Tổng Lãnh sự Trung Quốc</a>"));
  EXPECT_THAT(others, HasSubstr("Hội nghị công tác biên giới"));
  EXPECT_THAT(others, Not(HasSubstr("doan-cong-tac-lanh-dao")));  // not itself
  EXPECT_THAT(others, Not(HasSubstr("Thông báo tuyển dụng")));    // another category
  EXPECT_THAT(others, Not(HasSubstr("Bản nháp chưa duyệt")));
  // Breadcrumb: home > parent > category; the menu marks the category as active.
  EXPECT_THAT(h, HasSubstr("<li><a href=\"/chuyen-muc/tin-doi-ngoai\">Tin đối ngoại</a></li>"));
}

TEST_F(SiteTest, CoverImagesHaveAltTextAndCaption) {
  const auto list = get("/chuyen-muc/tin-doi-ngoai");
  EXPECT_THAT(list.body,
              HasSubstr("src=\"/media/2017/anh.jpg\" alt=\"Giám đốc Sở tiếp Tổng Lãnh sự\""));
  const auto r = get("/tin-tuc/tiep-xa-giao");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("<figure class=\"cover\">"));
  EXPECT_THAT(r.body, HasSubstr("alt=\"Giám đốc Sở tiếp Tổng Lãnh sự\""));
  EXPECT_THAT(r.body, HasSubstr("<figcaption>Quang cảnh buổi tiếp xã giao</figcaption>"));
  // Every <img> of every page carries an alt attribute.
  for (const std::string target : {"/", "/chuyen-muc/tin-tuc", "/tin-tuc/tiep-xa-giao"}) {
    const std::string h = get(target).body;
    for (auto p = h.find("<img"); p != std::string::npos; p = h.find("<img", p + 1)) {
      EXPECT_NE(h.substr(p, h.find('>', p) - p).find(" alt=\""), std::string::npos) << target;
    }
  }
}

TEST_F(SiteTest, DraftsAndFutureArticlesAre404UntilTheirTime) {
  EXPECT_EQ(get("/tin-tuc/ban-nhap").status, 404);
  const auto future = get("/tin-tuc/tin-hen-gio");
  EXPECT_EQ(future.status, 404);
  EXPECT_THAT(future.body, HasSubstr("Không tìm thấy trang bạn yêu cầu"));
  EXPECT_EQ(get("/tin-tuc/khong-ton-tai").status, 404);

  clock_->set(vn_time(2017, 7, 1, 8, 0));  // the scheduled time has come
  EXPECT_EQ(get("/tin-tuc/tin-hen-gio").status, 200);
  EXPECT_EQ(get("/tin-tuc/ban-nhap").status, 404);
}

TEST_F(SiteTest, OldSlugRedirectsPermanently) {
  const auto r = get("/tin-tuc/hoi-thao-cu");
  EXPECT_EQ(r.status, 301);
  EXPECT_EQ(header(r, "Location"), "/tin-tuc/hoi-thao-hop-tac-quoc-te");
  EXPECT_EQ(get("/tin-tuc/hoi-thao-hop-tac-quoc-te").status, 200);
}

TEST_F(SiteTest, StaticPage) {
  const auto r = get("/trang/gioi-thieu-chung");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("<h1 class=\"article-title\">Giới thiệu chung</h1>"));
  EXPECT_THAT(r.body, HasSubstr("<p>Sở Ngoại vụ là cơ quan chuyên môn thuộc UBND tỉnh.</p>"));
  EXPECT_THAT(
      r.body,
      HasSubstr("<a href=\"/trang/gioi-thieu-chung\" aria-current=\"page\">Giới thiệu chung</a>"));
  EXPECT_EQ(get("/trang/khong-co").status, 404);
}

TEST_F(SiteTest, UnknownPathIsTheVietnamese404Page) {
  for (const std::string target : {"/khong-co-trang-nay", "/tin-tuc", "/a/b/c?x=1"}) {
    const auto r = get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_THAT(r.content_type, HasSubstr("text/html"));
    EXPECT_THAT(r.body, HasSubstr("<html lang=\"vi\">"));
    EXPECT_THAT(r.body, HasSubstr("Không tìm thấy trang bạn yêu cầu"));
    EXPECT_THAT(r.body, HasSubstr("<a class=\"button\" href=\"/\">Về trang chủ</a>"));
    EXPECT_THAT(r.body, HasSubstr("Người chịu trách nhiệm"));  // full layout
    EXPECT_EQ(count(r.body, "<h1"), 1);
  }
}

TEST_F(SiteTest, RobotsTxt) {
  const auto r = get("/robots.txt");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.content_type, HasSubstr("text/plain"));
  EXPECT_THAT(r.body, HasSubstr("User-agent: *"));
  EXPECT_THAT(r.body, HasSubstr("Disallow: /admin/\n"));
  EXPECT_THAT(r.body, HasSubstr("Disallow: /api/\n"));
}

TEST_F(SiteTest, Healthz) {
  const auto r = get("/healthz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "ok");
}

TEST_F(SiteTest, ServesThemeStaticFilesAndMedia) {
  const auto css = get("/static/css/site.css");
  ASSERT_EQ(css.status, 200);
  EXPECT_THAT(css.content_type, HasSubstr("text/css"));
  EXPECT_THAT(css.body, HasSubstr("font-display: swap"));
  const auto img = get("/media/2017/anh.jpg");
  ASSERT_EQ(img.status, 200);
  EXPECT_THAT(header(img, "Cache-Control"), HasSubstr("max-age=31536000"));
  EXPECT_EQ(get("/static/../congtin.db").status, 404);
  EXPECT_EQ(get("/media/../congtin.db").status, 404);
}

// No page may make the browser fetch anything from another host.
TEST_F(SiteTest, PagesAreSelfHosted) {
  for (const std::string target :
       {"/", "/chuyen-muc/tin-tuc", "/chuyen-muc/tin-tuc?trang=2",
        "/tin-tuc/doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu",
        "/trang/gioi-thieu-chung", "/khong-co"}) {
    const auto r = get(target);
    const auto urls = resource_urls(r.body);
    EXPECT_FALSE(urls.empty()) << target;
    for (const auto& u : urls) {
      EXPECT_FALSE(u.starts_with("http:") || u.starts_with("https:") || u.starts_with("//"))
          << target << " loads " << u;
    }
  }
  // The stylesheet's fonts come from our own /static too.
  const auto css = get("/static/css/site.css").body;
  EXPECT_THAT(css, Not(HasSubstr("http")));
  EXPECT_THAT(
      css, HasSubstr("url(../vendor/be-vietnam-pro/be-vietnam-pro-vietnamese-400-normal.woff2)"));
}

// The page cache drops answers by these tags when content changes (cache/page_cache.h).
TEST_F(SiteTest, AnswersSayWhatTheyShowForThePageCache) {
  using V = std::vector<std::string>;
  const std::string main_id = std::to_string(main_article_);
  EXPECT_EQ(get("/").cache_tags, V{"home"});
  EXPECT_EQ(get("/chuyen-muc/tin-doi-ngoai").cache_tags,
            V{"category:" + std::to_string(doi_ngoai_)});
  EXPECT_EQ(get("/tin-tuc/doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu").cache_tags,
            (V{"article:" + main_id, "category:" + std::to_string(doi_ngoai_)}));
  const auto moved = get("/tin-tuc/hoi-thao-cu");
  ASSERT_EQ(moved.cache_tags.size(), 1u);
  EXPECT_TRUE(moved.cache_tags[0].starts_with("article:"));
  EXPECT_EQ(get("/trang/gioi-thieu-chung").cache_tags, V{"page:gioi-thieu-chung"});
  EXPECT_TRUE(get("/tin-tuc/tin-hen-gio").cache_tags.empty());  // 404: dropped by any article event
}

TEST_F(SiteTest, TitlesAreEscaped) {
  add_article("Tin <script>alert(1)</script> \"đặc biệt\"", "tin-dac-biet", thong_bao_,
              vn_time(2017, 6, 29, 8, 0));
  const auto r = get("/tin-tuc/tin-dac-biet");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, Not(HasSubstr("<script>alert(1)")));
  EXPECT_THAT(r.body, HasSubstr("Tin &lt;script&gt;alert(1)&lt;/script&gt; &quot;đặc biệt&quot;"));
}

}  // namespace
}  // namespace congtin::site::testing_support
