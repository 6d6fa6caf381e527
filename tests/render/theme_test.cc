#include "render/theme.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

namespace congtin::render {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path kThemeDir = CONGTIN_THEME_DIR;

// A fresh copy of the real theme that a test may break.
class ThemeCopy {
 public:
  ThemeCopy() {
    dir_ = fs::path(testing::TempDir()) /
           ("theme-" + std::to_string(std::random_device{}()) + "-" +
            testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    fs::copy(kThemeDir / "templates", dir_ / "templates", fs::copy_options::recursive);
  }
  ~ThemeCopy() { fs::remove_all(dir_); }
  const fs::path& dir() const { return dir_; }
  void write(const std::string& rel, const std::string& text) const {
    std::ofstream(dir_ / "templates" / rel, std::ios::binary) << text;
  }

 private:
  fs::path dir_;
};

json chrome() {
  return {
      {"site",
       {{"name", "Sở Ngoại vụ tỉnh Lạng Sơn"},
        {"parent_name", "Ủy ban nhân dân tỉnh Lạng Sơn"},
        {"slogan", "Phát triển kinh tế là nhiệm vụ trung tâm"},
        {"logo_url", "/static/img/emblem.svg"},
        {"owner", "Sở Ngoại vụ tỉnh Lạng Sơn"},
        {"responsible_person", "Hoàng Xuân Thuận"},
        {"license", ""},
        {"address", "Số 2 đường Hùng Vương"},
        {"phone", "0205 3 812 345"},
        {"phone_href", "02053812345"},
        {"fax", ""},
        {"email", "songoaivu@example.gov.vn"}}},
      {"menu", json::array({{{"title", "Trang chủ"},
                             {"url", "/"},
                             {"current", true},
                             {"active", true},
                             {"has_children", false},
                             {"children", json::array()}},
                            {{"title", "Tin tức"},
                             {"url", "/chuyen-muc/tin-tuc"},
                             {"current", false},
                             {"active", false},
                             {"has_children", true},
                             {"children", json::array({{{"title", "Tin đối ngoại"},
                                                        {"url", "/chuyen-muc/tin-doi-ngoai"},
                                                        {"current", false},
                                                        {"active", false}}})}}})},
      {"links", json::array({{{"title", "Cổng TTĐT tỉnh"}, {"url", "https://example.gov.vn"}}})},
      {"has_links", true},
      {"contacts", json::array({{{"name", "Văn phòng Sở"},
                                 {"role", "Hỗ trợ kỹ thuật"},
                                 {"phone", "0205 3 812 345"},
                                 {"phone_href", "02053812345"},
                                 {"email", ""}}})},
      {"has_contacts", true},
      {"pages", json::array()},
      {"has_pages", false},
      {"copyright", "© 2017 Sở Ngoại vụ tỉnh Lạng Sơn"},
      {"page_title", "Trang chủ"},
      {"is_home", false},
  };
}

json summary(const std::string& title) {
  return {{"title", title},
          {"url", "/tin-tuc/x"},
          {"lead", "Tóm tắt"},
          {"date", "Thứ Sáu, 23/06/2017 08:30"},
          {"date_short", "23/06/2017"},
          {"iso_date", "2017-06-23T08:30:00+07:00"},
          {"image", ""},
          {"image_alt", ""}};
}

std::unique_ptr<Theme> load_real() {
  auto t = Theme::load(kThemeDir);
  EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
  return t.ok() ? std::move(t).value() : nullptr;
}

int count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

TEST(Theme, LoadsDefaultThemeWithEveryRequiredTemplate) {
  auto theme = load_real();
  ASSERT_TRUE(theme);
  for (const auto& name : Theme::required_templates())
    EXPECT_TRUE(theme->has_template(name)) << name;
  EXPECT_FALSE(theme->has_template("layout"));
  EXPECT_EQ(theme->static_dir(), kThemeDir / "static");
  EXPECT_TRUE(fs::exists(theme->static_dir() / "css" / "site.css"));
}

// Every page has the layout's landmarks, exactly one h1 and the chrome.
TEST(Theme, EveryPageTemplateRendersInsideTheLayout) {
  auto theme = load_real();
  ASSERT_TRUE(theme);
  std::map<std::string, json> pages;
  json home = chrome();
  home["is_home"] = true;
  home["featured_title"] = "Tin nổi bật";
  home["featured_top"] = summary("Tin đầu");
  home["featured_more"] = json::array({summary("Tin hai")});
  home["has_featured_more"] = true;
  home["sections"] = json::array({{{"name", "Tin tức"},
                                   {"slug", "tin-tuc"},
                                   {"url", "/chuyen-muc/tin-tuc"},
                                   {"first", summary("Tin mục")},
                                   {"rest", json::array()},
                                   {"has_rest", false}}});
  pages["home"] = home;
  json cat = chrome();
  cat["category"] = {{"name", "Tin đối ngoại"}, {"description", ""}};
  cat["articles"] = json::array({summary("Bài một"), summary("Bài hai")});
  cat["has_articles"] = true;
  cat["pagination"] = {
      {"pages",
       json::array({{{"number", 1}, {"url", "/chuyen-muc/a"}, {"current", true}, {"gap", false}},
                    {{"number", 2},
                     {"url", "/chuyen-muc/a?trang=2"},
                     {"current", false},
                     {"gap", false}}})},
      {"prev_url", ""},
      {"next_url", "/chuyen-muc/a?trang=2"}};
  pages["category"] = cat;
  json art = chrome();
  art["article"] = {{"title", "Đoàn công tác làm việc tại Sở"},
                    {"lead", "Sapo"},
                    {"body_html",
                     "<figure><img src=\"/media/a.jpg\" alt=\"Ảnh\"><figcaption>Chú thích "
                     "ảnh</figcaption></figure>"},
                    {"date", "Thứ Sáu, 23/06/2017 08:30"},
                    {"iso_date", "2017-06-23T08:30:00+07:00"},
                    {"cover", nullptr},
                    {"byline", "Phùng Anh Văn - TTTTDV&ĐN"},
                    {"source", ""},
                    {"tags", json::array()},
                    {"has_tags", false}};
  art["others"] = json::array({summary("Tin khác")});
  art["has_others"] = true;
  pages["article"] = art;
  json page = chrome();
  page["page"] = {{"title", "Giới thiệu chung"}, {"body_html", "<p>Chức năng, nhiệm vụ</p>"}};
  pages["page"] = page;
  pages["not_found"] = chrome();
  pages["error"] = chrome();

  const std::map<std::string, std::vector<std::string>> expect = {
      {"home", {"Tin nổi bật", "Tin đầu", "Tin hai", "Tin mục", "<h1 class=\"site-name\">"}},
      {"category", {"Tin đối ngoại", "Bài một", "Bài hai", "?trang=2", "aria-current=\"page\""}},
      {"article",
       {"Đoàn công tác làm việc tại Sở", "Thứ Sáu, 23/06/2017 08:30", "Sapo",
        "<figcaption>Chú thích ảnh</figcaption>", "Phùng Anh Văn - TTTTDV&amp;ĐN",
        "Các thông tin khác", "Tin khác"}},
      {"page", {"Giới thiệu chung", "<p>Chức năng, nhiệm vụ</p>"}},
      {"not_found", {"Không tìm thấy trang bạn yêu cầu", "href=\"/\""}},
      {"error", {"thử lại"}},
  };
  for (const auto& [name, ctx] : pages) {
    SCOPED_TRACE(name);
    const std::string html = theme->render(name, ctx);
    EXPECT_TRUE(html.starts_with("<!DOCTYPE html>"));
    EXPECT_NE(html.find("<html lang=\"vi\">"), std::string::npos);
    EXPECT_EQ(count(html, "<h1"), 1);
    for (const char* landmark : {"<header", "<nav", "<main", "<aside", "<footer"}) {
      EXPECT_NE(html.find(landmark), std::string::npos) << landmark;
    }
    EXPECT_NE(html.find("href=\"#noi-dung\""), std::string::npos);
    EXPECT_NE(html.find("Ủy ban nhân dân tỉnh Lạng Sơn"), std::string::npos);
    EXPECT_NE(html.find("LIÊN KẾT"), std::string::npos);
    EXPECT_NE(html.find("HỖ TRỢ TRỰC TUYẾN"), std::string::npos);
    EXPECT_NE(html.find("Người chịu trách nhiệm: Hoàng Xuân Thuận"), std::string::npos);
    EXPECT_NE(html.find("Tin đối ngoại"), std::string::npos);  // submenu
    for (const auto& s : expect.at(name)) EXPECT_NE(html.find(s), std::string::npos) << s;
  }
}

TEST(Theme, EscapesValuesButNotBodyHtml) {
  auto theme = load_real();
  ASSERT_TRUE(theme);
  json ctx = chrome();
  ctx["page"] = {{"title", "<script>alert(\"x\")</script> & 'q'"},
                 {"body_html", "<p><b>đậm</b></p>"}};
  ctx["page_title"] = "\"><script>";
  const std::string html = theme->render("page", ctx);
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;q&apos;"),
            std::string::npos);
  EXPECT_NE(html.find("<title>&quot;&gt;&lt;script&gt;</title>"), std::string::npos);
  EXPECT_NE(html.find("<p><b>đậm</b></p>"), std::string::npos);
}

// As in mustache.js: "" and null hide a section, so empty settings leave no empty labels.
TEST(Theme, EmptyStringsAndNullAreFalsey) {
  auto theme = load_real();
  ASSERT_TRUE(theme);
  json ctx = chrome();
  ctx["site"]["slogan"] = "";
  ctx["site"]["owner"] = nullptr;
  ctx["pages"] = json::array();
  const std::string html = theme->render("not_found", ctx);
  EXPECT_EQ(html.find("class=\"slogan\""), std::string::npos);
  EXPECT_EQ(html.find("Cơ quan chủ quản"), std::string::npos);
  ctx["site"]["slogan"] = "Khẩu hiệu";
  EXPECT_NE(theme->render("not_found", ctx).find("Khẩu hiệu"), std::string::npos);
}

TEST(Theme, RendersConcurrently) {
  auto theme = load_real();
  ASSERT_TRUE(theme);
  json ctx = chrome();
  ctx["page"] = {{"title", "Trang"}, {"body_html", "<p>x</p>"}};
  const std::string expected = theme->render("page", ctx);
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        if (theme->render("page", ctx) != expected) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches.load(), 0);
}

// Layers below the page's view model render exactly as the same keys merged into it: for every
// page kind of the real theme with the chrome split off into layers, and for the lookup rules
// a merged object implies (dotted names, shadowing, sections falling back to the root).
TEST(Theme, LayersRenderAsTheirKeysMergedIntoThePage) {
  auto theme = load_real();
  ASSERT_TRUE(theme);
  json full = chrome();
  full["page"] = {{"title", "Giới thiệu chung"}, {"body_html", "<p>Sở Ngoại vụ</p>"}};
  full["article"] = {{"title", "Tin \"nóng\" & mới"}, {"body_html", "<p>x</p>"}, {"tags", {"a"}}};
  json page = full, menu, common;
  for (const auto& [key, value] : full.items()) {
    if (key == "menu") {
      menu[key] = value;
    } else if (key == "site" || key == "links" || key == "contacts" || key == "pages" ||
               key.starts_with("has_")) {
      common[key] = value;
    } else {
      continue;
    }
    page.erase(key);
  }
  const Layer menu_layer(menu), common_layer(common);
  const Layer* below[] = {&menu_layer, &common_layer};
  for (const auto& name : Theme::required_templates()) {
    SCOPED_TRACE(name);
    EXPECT_EQ(theme->render(name, page, below), theme->render(name, full));
  }

  ThemeCopy copy;
  copy.write("probe.mustache",
             "[{{site.name}}|{{meta.x}}|{{meta.y}}|{{#list}}{{v}}{{site.name}}{{k}};{{/list}}"
             "|{{#obj}}{{obj.z}}{{site.slogan}}{{/obj}}|{{#flag}}F{{/flag}}{{^gone}}G{{/gone}}]");
  auto probe = Theme::load(copy.dir());
  ASSERT_TRUE(probe.ok()) << probe.error().message;
  const json own = {{"meta", {{"y", "page-y"}}},
                    {"list", {{{"v", "1"}}, {{"v", "2"}, {"site", {{"name", "trong"}}}}}},
                    {"obj", {{"z", "Z"}}},
                    {"gone", ""}};
  const json layered = {{"meta", {{"x", "layer-x"}, {"y", "layer-y"}}},
                        {"site", {{"name", "Sở <A>"}, {"slogan", "S"}}},
                        {"k", "K"},
                        {"flag", true},
                        {"gone", "không"}};
  json merged = layered;
  merged.update(own);
  const Layer layer(layered);
  const Layer* one[] = {&layer};
  const std::string want = (*probe)->render("probe", merged);
  EXPECT_EQ((*probe)->render("probe", own, one), want);
  EXPECT_NE(want.find("[Sở &lt;A&gt;||page-y|1Sở &lt;A&gt;K;2trongK;|ZS|FG]"), std::string::npos)
      << want;
}

TEST(Theme, UnknownTemplateIsABug) {
  auto theme = load_real();
  ASSERT_TRUE(theme);
  EXPECT_THROW(theme->render("no_such_page", json::object()), std::invalid_argument);
}

TEST(ThemeLoad, MissingDirectoryNamesIt) {
  auto t = Theme::load("/nonexistent/theme-dir");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(t.error().message.find("/nonexistent/theme-dir"), std::string::npos);
}

TEST(ThemeLoad, MissingRequiredTemplateNamesTheFile) {
  for (const std::string name : {"layout", "article", "not_found"}) {
    ThemeCopy copy;
    fs::remove(copy.dir() / "templates" / (name + ".mustache"));
    auto t = Theme::load(copy.dir());
    ASSERT_FALSE(t.ok()) << name;
    EXPECT_EQ(t.error().kind, ErrorKind::kNotFound);
    EXPECT_NE(t.error().message.find(name + ".mustache"), std::string::npos) << t.error().message;
  }
}

struct BrokenCase {
  std::string file;
  std::string text;
  std::string expect_in_message;
};

TEST(ThemeLoad, BrokenTemplateNamesTheFile) {
  const std::vector<BrokenCase> cases = {
      {"article.mustache", "<h1>{{#article}}{{title}}</h1>", "article.mustache"},
      {"page.mustache", "<h1>{{page.title</h1>", "page.mustache"},
      {"partials/footer.mustache", "<footer>{{#site}}</footer>", "partials/footer.mustache"},
      {"layout.mustache", "<html>{{/x}}{{> content}}</html>", "layout.mustache"},
      {"home.mustache", "{{> khong_co}}", "khong_co"},
      {"partials/story.mustache", "{{> story}}", "story.mustache"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    ThemeCopy copy;
    copy.write(c.file, c.text);
    auto t = Theme::load(copy.dir());
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().kind, ErrorKind::kInvalidArgument);
    EXPECT_NE(t.error().message.find(c.expect_in_message), std::string::npos) << t.error().message;
  }
}

TEST(ThemeLoad, ExtraPageTemplatesAreLoadedToo) {
  ThemeCopy copy;
  copy.write("search.mustache", "<h1>Tìm kiếm {{q}}</h1>");
  auto t = Theme::load(copy.dir());
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_NE((*t)->render("search", {{"q", "ngoại vụ"}}).find("Tìm kiếm ngoại vụ"),
            std::string::npos);
}

}  // namespace
}  // namespace congtin::render
