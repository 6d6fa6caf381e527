#include "site_test_support.h"
#include "site/site.h"

#include <fstream>
#include <random>
#include <regex>

#include "store/sqlite/sqlite_store.h"

namespace congtin::site::testing_support {

namespace fs = std::filesystem;
using namespace std::chrono;
using content::ArticleStatus;

Seconds vn_time(int y, unsigned m, unsigned d, int hh, int mm) {
  return Seconds(sys_days(year(y) / month(m) / day(d)) + hours(hh) + minutes(mm) - hours(7));
}

void SiteTest::SetUp() {
  dir_ = fs::path(::testing::TempDir()) /
         ("site-" + std::to_string(std::random_device{}()) + "-" +
          ::testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::create_directories(dir_ / "media" / "2017");
  std::ofstream(dir_ / "media" / "2017" / "anh.jpg", std::ios::binary) << "\xFF\xD8\xFF jpeg";

  auto store = store::open_sqlite_store(dir_ / "congtin.db", store::OpenMode::kCreate);
  ASSERT_TRUE(store.ok()) << store.error().message;
  store_ = std::move(store).value();
  auto theme = render::Theme::load(CONGTIN_THEME_DIR);
  ASSERT_TRUE(theme.ok()) << theme.error().message;
  theme_ = std::move(theme).value();
  clock_ = std::make_unique<FakeClock>(test_now());

  content::SiteSettings s;
  s.name = "Sở Ngoại vụ tỉnh Lạng Sơn";
  s.parent_name = "Ủy ban nhân dân tỉnh Lạng Sơn";
  s.slogan = "Phát triển kinh tế là nhiệm vụ trung tâm, xây dựng Đảng là nhiệm vụ then chốt";
  s.owner = "Ủy ban nhân dân tỉnh Lạng Sơn";
  s.responsible_person = "Hoàng Xuân Thuận - Giám đốc Sở";
  s.address = "Số 2 đường Hùng Vương, thành phố Lạng Sơn";
  s.phone = "0205 3 812 345";
  s.email = "songoaivu@langson.example.gov.vn";
  s.copyright = "Bản quyền thuộc Sở Ngoại vụ tỉnh Lạng Sơn";
  ASSERT_TRUE(store_->site().save_settings(s).ok());
  ASSERT_TRUE(
      store_->site().add_link({0, "Cổng TTĐT Chính phủ", "https://chinhphu.example.vn", 1}).ok());
  ASSERT_TRUE(store_->site()
                  .add_contact({0, "Văn phòng Sở", "Hỗ trợ kỹ thuật", "0205 3 800 800",
                                "vanphong@example.gov.vn", 1})
                  .ok());

  auto cat = [&](const std::string& name, const std::string& slug,
                 std::optional<content::Id> parent, int pos) {
    content::Category c;
    c.name = name;
    c.slug = slug;
    c.parent_id = parent;
    c.position = pos;
    auto id = store_->categories().create(c);
    EXPECT_TRUE(id.ok()) << id.error().message;
    return id.ok() ? *id : 0;
  };
  tin_tuc_ = cat("Tin tức - Sự kiện", "tin-tuc", std::nullopt, 1);
  doi_ngoai_ = cat("Tin đối ngoại", "tin-doi-ngoai", tin_tuc_, 2);
  thong_bao_ = cat("Thông báo", "thong-bao", std::nullopt, 3);

  content::Article a;
  a.title = "Đoàn công tác Lãnh đạo UBND tỉnh làm việc tại Sở Ngoại vụ";
  a.slug = "doan-cong-tac-lanh-dao-ubnd-tinh-lam-viec-tai-so-ngoai-vu";
  a.lead =
      "Ngày 23/6/2017, đồng chí Nguyễn Công Trưởng, Phó Chủ tịch UBND tỉnh đã làm việc với Sở "
      "Ngoại vụ.";
  a.body_html =
      "<p>Tại buổi làm việc, đồng chí Phó Chủ tịch khẳng định vai trò của công tác đối ngoại.</p>"
      "<figure><img src=\"/media/2017/anh.jpg\" alt=\"Phó Chủ tịch UBND tỉnh phát biểu\">"
      "<figcaption>Đ/c Nguyễn Công Trưởng, Phó Chủ tịch UBND tỉnh làm việc tại Sở Ngoại "
      "vụ</figcaption></figure>"
      "<p>Kết luận tại cuộc họp…</p>";
  a.author = "Phùng Anh Văn";
  a.author_unit = "TTTTDV&ĐN";
  a.category_id = doi_ngoai_;
  a.status = ArticleStatus::kPublished;
  a.featured = true;
  a.published_at = vn_time(2017, 6, 23, 8, 30);
  a.created_at = a.updated_at = *a.published_at;
  a.tags = {"đối ngoại"};
  auto id = store_->articles().create(a);
  ASSERT_TRUE(id.ok()) << id.error().message;
  main_article_ = *id;

  const content::Id with_cover = add_article("Tiếp xã giao Tổng Lãnh sự Trung Quốc", "tiep-xa-giao",
                                             doi_ngoai_, vn_time(2017, 6, 20, 9, 0));
  auto c = store_->articles().by_id(with_cover);
  ASSERT_TRUE(c.ok());
  c->cover_image = "/media/2017/anh.jpg";
  c->cover_alt = "Giám đốc Sở tiếp Tổng Lãnh sự";
  c->cover_caption = "Quang cảnh buổi tiếp xã giao";
  ASSERT_TRUE(store_->articles().update(*c).ok());
  add_article("Hội nghị công tác biên giới", "hoi-nghi-bien-gioi", doi_ngoai_,
              vn_time(2017, 6, 15, 14, 0));
  add_article("Bản nháp chưa duyệt", "ban-nhap", doi_ngoai_, vn_time(2017, 6, 24, 8, 0),
              ArticleStatus::kDraft);
  add_article("Tin hẹn giờ ngày mai", "tin-hen-gio", doi_ngoai_, vn_time(2017, 7, 1, 8, 0));
  add_article("Thông báo tuyển dụng viên chức năm 2017", "thong-bao-tuyen-dung", thong_bao_,
              vn_time(2017, 6, 22, 7, 0));
  // 20 older articles straight in "Tin tức - Sự kiện": with the 3 of its child, 23 → 2 pages.
  for (int i = 1; i <= 20; ++i) {
    add_article("Tin hoạt động số " + std::to_string(i), "tin-hoat-dong-" + std::to_string(i),
                tin_tuc_, vn_time(2017, 5, i, 8, 0));
  }
  // An article whose slug changed: the old one must redirect.
  const content::Id moved = add_article("Hội thảo hợp tác quốc tế", "hoi-thao-cu", thong_bao_,
                                        vn_time(2017, 6, 10, 8, 0));
  auto m = store_->articles().by_id(moved);
  ASSERT_TRUE(m.ok());
  m->slug = "hoi-thao-hop-tac-quoc-te";
  ASSERT_TRUE(store_->articles().update(*m).ok());

  content::Page p;
  p.slug = "gioi-thieu-chung";
  p.title = "Giới thiệu chung";
  p.body_html = "<p>Sở Ngoại vụ là cơ quan chuyên môn thuộc UBND tỉnh.</p>";
  p.position = 1;
  ASSERT_TRUE(store_->pages().create(p).ok());
  p.slug = "co-cau-to-chuc";
  p.title = "Cơ cấu tổ chức";
  p.body_html = "<p>Ban Giám đốc và các phòng.</p>";
  p.position = 2;
  ASSERT_TRUE(store_->pages().create(p).ok());

  PublicSite site(*store_, *theme_, *clock_, dir_ / "media");
  site.add_routes(router_);
}

void SiteTest::TearDown() {
  router_ = http::Router();
  store_.reset();
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

content::Id SiteTest::add_article(const std::string& title, const std::string& slug,
                                  content::Id category, Seconds published_at, ArticleStatus status,
                                  bool featured) {
  content::Article a;
  a.title = title;
  a.slug = slug;
  a.lead = "Tóm tắt: " + title;
  a.body_html = "<p>Nội dung bài viết.</p>";
  a.category_id = category;
  a.status = status;
  a.featured = featured;
  a.published_at = published_at;
  a.created_at = a.updated_at = published_at;
  auto id = store_->articles().create(a);
  EXPECT_TRUE(id.ok()) << id.error().message;
  return id.ok() ? *id : 0;
}

http::Response SiteTest::get(const std::string& target) const {
  http::Request req;
  req.method = "GET";
  req.target = target;
  const auto q = target.find('?');
  req.path = target.substr(0, q);
  if (q != std::string::npos) req.query = target.substr(q + 1);
  req.remote_addr = "127.0.0.1";
  http::Response r = router_.dispatch(req);
  // Lets a person look at the pages (and a later accessibility check reuse them).
  if (const char* out = std::getenv("CONGTIN_SITE_DUMP_DIR");
      out && r.content_type.starts_with("text/html")) {
    std::string name = target == "/" ? "index" : target.substr(1);
    for (char& ch : name) {
      if (ch == '/' || ch == '?' || ch == '=') ch = '_';
    }
    std::ofstream(fs::path(out) / (name + ".html"), std::ios::binary) << r.body;
  }
  return r;
}

std::vector<std::string> SiteTest::resource_urls(const std::string& html) {
  static const std::regex tag(R"(<(link|script|img)\b[^>]*>)", std::regex::icase);
  static const std::regex attr(R"(\b(?:src|href|srcset)\s*=\s*["']([^"']*)["'])",
                               std::regex::icase);
  std::vector<std::string> out;
  for (std::sregex_iterator it(html.begin(), html.end(), tag), end; it != end; ++it) {
    const std::string t = it->str();
    for (std::sregex_iterator a(t.begin(), t.end(), attr); a != end; ++a) out.push_back((*a)[1]);
  }
  return out;
}

}  // namespace congtin::site::testing_support
