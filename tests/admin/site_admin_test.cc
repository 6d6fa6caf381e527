// Site management and the audit log page over HTTP, dispatched through the router without
// sockets, on a real temporary SQLite database with the real admin theme and the real
// (SQLite) audit log.
#include "admin/site_admin.h"

#include <gmock/gmock.h>

#include "../auth/accounts_fixture.h"
#include "admin/admin.h"
#include "browser.h"
#include "content/site_service.h"
#include "store/sqlite/newsroom_store.h"

namespace congtin::admin {
namespace {

using auth::Role;
using content::EventKind;
using testing::Browser;
using ::testing::HasSubstr;
using testing::header;
using ::testing::Not;

const std::string kPassword = "mật-khẩu-đủ-dài";

class SiteAdminTest : public auth::testing::AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    auto theme = render::Theme::load(CONGTIN_ADMIN_THEME_DIR);
    ASSERT_TRUE(theme.ok()) << theme.error().message;
    theme_ = std::move(*theme);
    auto newsroom = store::open_newsroom(dir_ / "congtin.db");
    ASSERT_TRUE(newsroom.ok()) << newsroom.error().message;
    newsroom_ = std::move(*newsroom);
    events_.subscribe([this](const content::Event& e) { events_seen_.push_back(e.kind); });
    AdminOptions o;
    o.static_dir = std::string(CONGTIN_ADMIN_THEME_DIR) + "/static";
    o.vendor_dir = std::string(CONGTIN_DEFAULT_THEME_DIR) + "/static/vendor";
    o.site_name = stored_site_name(*store_);
    office_ = std::make_unique<BackOffice>(*service_, *theme_, clock_, std::move(o));
    office_->add_routes(router_);
    site_ = std::make_unique<SiteAdmin>(office_->deps(),
                                        SiteAdminDeps{*store_, events_, newsroom_->audit()});
    site_->add_routes(router_);
    content::SiteSettings s;
    s.name = "Sở Ngoại vụ tỉnh Lạc Hồng";
    ASSERT_TRUE(content::SiteService(*store_).save_settings(s));
  }

  Browser admin() {
    add_user("quan.tri", Role::kAdmin);
    Browser b{&router_};
    b.login("quan.tri", kPassword);
    return b;
  }
  std::size_t audit_count(std::string_view action) {
    content::AuditQuery q;
    q.action = std::string(action);
    return newsroom_->audit().list(q)->size();
  }

  std::unique_ptr<render::Theme> theme_;
  std::unique_ptr<content::NewsroomStore> newsroom_;
  content::EventBus events_;
  std::vector<EventKind> events_seen_;
  std::unique_ptr<BackOffice> office_;
  std::unique_ptr<SiteAdmin> site_;
  http::Router router_;
};

const std::vector<std::string> kPages = {"/admin/chuyen-muc", "/admin/lien-ket", "/admin/ho-tro",
                                         "/admin/cai-dat", "/admin/nhat-ky"};

TEST_F(SiteAdminTest, OnlyAdministrators) {
  for (Role role : {Role::kContributor, Role::kReporter, Role::kEditor, Role::kChiefEditor}) {
    const std::string name = "nguoi.dung" + std::to_string(static_cast<int>(role));
    add_user(name, role);
    Browser b{&router_};
    b.login(name, kPassword);
    for (const auto& page : kPages) {
      http::Response r = b.get(page);
      EXPECT_EQ(r.status, 403) << page;
      EXPECT_THAT(r.body, HasSubstr("Không được phép"));
    }
    // With a valid token of their own session, a write is still refused.
    http::Response post = b.submit("/admin/tai-khoan", "/admin/lien-ket",
                                   {{"title", "Chính phủ"}, {"url", "https://chinhphu.vn"}});
    EXPECT_EQ(post.status, 403);
  }
  EXPECT_TRUE(store_->site().links()->empty());
  EXPECT_TRUE(events_seen_.empty());

  Browser a = admin();
  for (const auto& page : kPages) {
    http::Response r = a.get(page);
    EXPECT_EQ(r.status, 200) << page;
    EXPECT_FALSE(r.cacheable) << page;
    EXPECT_THAT(r.body, HasSubstr("name=\"_csrf\"")) << page;
  }
  EXPECT_THAT(a.get("/admin").body, HasSubstr("href=\"/admin/cai-dat\""));  // in the nav
  // Without a session: the login page.
  EXPECT_EQ(header(Browser{&router_}.get("/admin/ho-tro"), "Location"),
            "/admin/dang-nhap?tiep=/admin/ho-tro");
}

TEST_F(SiteAdminTest, WritesNeedTheCsrfToken) {
  Browser a = admin();
  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>>
      posts = {{"/admin/lien-ket", {{"title", "Chính phủ"}, {"url", "https://chinhphu.vn"}}},
               {"/admin/ho-tro", {{"name", "Văn phòng"}, {"phone", "0200 3851 201"}}},
               {"/admin/chuyen-muc", {{"name", "Thông báo"}}},
               {"/admin/cai-dat", {{"name", "Tên giả mạo"}}}};
  for (const auto& [path, fields] : posts) {
    EXPECT_EQ(a.post(path, fields).status, 403) << path;
    auto forged = fields;
    forged.emplace_back("_csrf", "đoán-bừa");
    EXPECT_EQ(a.post(path, forged).status, 403) << path;
  }
  EXPECT_TRUE(store_->site().links()->empty());
  EXPECT_TRUE(store_->site().contacts()->empty());
  EXPECT_TRUE(store_->categories().list()->empty());
  EXPECT_EQ(store_->site().settings()->name, "Sở Ngoại vụ tỉnh Lạc Hồng");
  EXPECT_TRUE(events_seen_.empty());
}

TEST_F(SiteAdminTest, BadInputIs422WithAVietnameseMessageAndTheTypedValues) {
  Browser a = admin();
  struct Case {
    std::string page, action;
    std::vector<std::pair<std::string, std::string>> fields;
    std::string message, kept;
  };
  const std::vector<Case> cases = {
      {"/admin/lien-ket",
       "/admin/lien-ket",
       {{"title", "Cổng Chính phủ"}, {"url", "javascript:alert(1)"}},
       "bắt đầu bằng https://",
       "value=\"Cổng Chính phủ\""},
      {"/admin/ho-tro",
       "/admin/ho-tro",
       {{"name", "Văn phòng Sở"}, {"phone", "gọi cho tôi"}},
       "Số điện thoại",
       "value=\"Văn phòng Sở\""},
      {"/admin/ho-tro",
       "/admin/ho-tro",
       {{"name", "Phòng Lãnh sự"}, {"email", "lanhsu@"}},
       "Thư điện tử",
       "value=\"Phòng Lãnh sự\""},
      {"/admin/cai-dat",
       "/admin/cai-dat",
       {{"name", "Sở Ngoại vụ"}, {"email", "không-phải-thư"}, {"slogan", "Hội nhập"}},
       "Thư điện tử",
       "Hội nhập"},
      {"/admin/cai-dat", "/admin/cai-dat", {{"name", ""}}, "Hãy nhập tên cơ quan.", ""},
      {"/admin/chuyen-muc",
       "/admin/chuyen-muc",
       {{"name", "Tin tức"}, {"slug", "Tin Tức"}},
       "không hợp lệ",
       "value=\"Tin tức\""},
  };
  for (const auto& c : cases) {
    http::Response r = a.submit(c.page, c.action, c.fields);
    EXPECT_EQ(r.status, 422) << c.action << " " << c.message;
    EXPECT_THAT(r.body, HasSubstr(c.message)) << c.action;
    EXPECT_THAT(r.body, HasSubstr("role=\"alert\"")) << c.action;
    if (!c.kept.empty()) {
      EXPECT_THAT(r.body, HasSubstr(c.kept)) << c.action;
    }
  }
  EXPECT_TRUE(events_seen_.empty());
  // Unknown ids are 404, not 500.
  EXPECT_EQ(a.get("/admin/lien-ket/999").status, 404);
  EXPECT_EQ(a.get("/admin/chuyen-muc/abc").status, 404);
  EXPECT_EQ(a.submit("/admin/ho-tro", "/admin/ho-tro/999/xoa", {}).status, 404);
}

TEST_F(SiteAdminTest, CategoriesAndMenu) {
  Browser a = admin();
  http::Response created = a.submit("/admin/chuyen-muc", "/admin/chuyen-muc",
                                    {{"name", "Tin tức - Sự kiện"}, {"in_menu", "1"}});
  EXPECT_EQ(created.status, 303);
  EXPECT_EQ(header(created, "Location"), "/admin/chuyen-muc?tb=da-them");
  auto news = store_->categories().by_slug("tin-tuc-su-kien");
  ASSERT_TRUE(news);
  const std::string parent = std::to_string(news->id);
  ASSERT_EQ(a.submit("/admin/chuyen-muc", "/admin/chuyen-muc",
                     {{"name", "Hoạt động đối ngoại"}, {"parent_id", parent}, {"in_menu", "1"}})
                .status,
            303);
  ASSERT_EQ(a.submit("/admin/chuyen-muc", "/admin/chuyen-muc",
                     {{"name", "Tin trong tỉnh"}, {"parent_id", parent}})
                .status,
            303);  // no in_menu: hidden
  auto inside = store_->categories().by_slug("tin-trong-tinh");
  ASSERT_TRUE(inside);
  EXPECT_EQ(*store_->categories().hidden_from_menu(), std::vector<content::Id>{inside->id});

  http::Response list = a.get("/admin/chuyen-muc?tb=da-them");
  EXPECT_THAT(list.body, HasSubstr("Đã thêm."));
  EXPECT_THAT(list.body, HasSubstr("child-name"));
  EXPECT_THAT(list.body, HasSubstr("/admin/chuyen-muc/" + std::to_string(inside->id) + "/len"));

  // Three levels are refused.
  const std::string child = std::to_string(inside->id);
  http::Response deep = a.submit("/admin/chuyen-muc", "/admin/chuyen-muc",
                                 {{"name", "Cấp ba"}, {"parent_id", child}});
  EXPECT_EQ(deep.status, 422);
  EXPECT_THAT(deep.body, HasSubstr("Menu chỉ có hai cấp"));

  // Move the hidden child up, then edit it back into the menu.
  ASSERT_EQ(a.submit("/admin/chuyen-muc", "/admin/chuyen-muc/" + child + "/len", {}).status, 303);
  std::vector<std::string> order;
  const auto all = store_->categories().list();
  for (const auto& c : *all)
    if (c.parent_id == news->id) order.push_back(c.name);
  EXPECT_EQ(order, (std::vector<std::string>{"Tin trong tỉnh", "Hoạt động đối ngoại"}));
  http::Response edit = a.get("/admin/chuyen-muc/" + child);
  EXPECT_EQ(edit.status, 200);
  EXPECT_THAT(edit.body, HasSubstr("value=\"tin-trong-tinh\""));
  ASSERT_EQ(a.submit("/admin/chuyen-muc/" + child, "/admin/chuyen-muc/" + child,
                     {{"name", "Tin trong tỉnh"},
                      {"slug", "tin-tinh"},
                      {"description", "Hoạt động của các sở, ngành"},
                      {"parent_id", parent},
                      {"in_menu", "1"}})
                .status,
            303);
  auto edited = store_->categories().by_id(inside->id);
  EXPECT_EQ(edited->slug, "tin-tinh");
  EXPECT_EQ(edited->description, "Hoạt động của các sở, ngành");
  EXPECT_TRUE(store_->categories().hidden_from_menu()->empty());

  // Delete: refused while it has children, then allowed bottom-up.
  http::Response refused =
      a.submit("/admin/chuyen-muc", "/admin/chuyen-muc/" + parent + "/xoa", {});
  EXPECT_EQ(refused.status, 422);
  EXPECT_THAT(refused.body, HasSubstr("còn mục con"));
  EXPECT_EQ(a.submit("/admin/chuyen-muc", "/admin/chuyen-muc/" + child + "/xoa", {}).status, 303);

  // Every change: one kCategoriesChanged event and one audit entry.
  EXPECT_EQ(events_seen_, std::vector<EventKind>(6, EventKind::kCategoriesChanged));
  EXPECT_EQ(audit_count(content::audit_action::kMenuChange), 6u);
}

TEST_F(SiteAdminTest, LinksContactsAndSettings) {
  Browser a = admin();
  ASSERT_EQ(a.submit("/admin/lien-ket", "/admin/lien-ket",
                     {{"title", "Cổng Chính phủ"}, {"url", "https://chinhphu.vn"}})
                .status,
            303);
  ASSERT_EQ(a.submit("/admin/lien-ket", "/admin/lien-ket",
                     {{"title", "Bộ Ngoại giao"}, {"url", "https://mofa.gov.vn"}})
                .status,
            303);
  auto links = *store_->site().links();
  ASSERT_EQ(links.size(), 2u);
  const std::string second = "/admin/lien-ket/" + std::to_string(links[1].id);
  ASSERT_EQ(a.submit("/admin/lien-ket", second + "/len", {}).status, 303);
  EXPECT_EQ(store_->site().links()->front().title, "Bộ Ngoại giao");
  ASSERT_EQ(a.submit(second, second,
                     {{"title", "Bộ Ngoại giao Việt Nam"}, {"url", "https://mofa.gov.vn/vi"}})
                .status,
            303);
  http::Response page = a.get("/admin/lien-ket");
  EXPECT_THAT(page.body, HasSubstr("Bộ Ngoại giao Việt Nam"));
  EXPECT_THAT(page.body, HasSubstr("href=\"https://mofa.gov.vn/vi\""));
  ASSERT_EQ(a.submit("/admin/lien-ket", second + "/xoa", {}).status, 303);
  EXPECT_EQ(store_->site().links()->size(), 1u);

  ASSERT_EQ(a.submit("/admin/ho-tro", "/admin/ho-tro",
                     {{"name", "Văn phòng Sở"},
                      {"role", "Hành chính"},
                      {"phone", "0200 3851 201"},
                      {"email", "vanphong@lachong.example.gov.vn"}})
                .status,
            303);
  EXPECT_EQ(store_->site().contacts()->front().email, "vanphong@lachong.example.gov.vn");

  http::Response settings = a.get("/admin/cai-dat");
  EXPECT_THAT(settings.body, HasSubstr("value=\"Sở Ngoại vụ tỉnh Lạc Hồng\""));
  EXPECT_THAT(settings.body,
              HasSubstr("<title>Cài đặt trang — Quản trị — Sở Ngoại vụ tỉnh Lạc Hồng"));
  http::Response saved = a.submit("/admin/cai-dat", "/admin/cai-dat",
                                  {{"name", "Sở Ngoại vụ tỉnh Lạc Hồng mới"},
                                   {"slogan", "Hội nhập quốc tế – Biên giới hòa bình"},
                                   {"logo_url", "/media/ab/logo.png"},
                                   {"phone", "0200 3851 200"},
                                   {"email", "songoaivu@lachong.example.gov.vn"}});
  EXPECT_EQ(saved.status, 303);
  EXPECT_EQ(header(saved, "Location"), "/admin/cai-dat?tb=cai-dat-trang-da-luu");
  EXPECT_EQ(store_->site().settings()->slogan, "Hội nhập quốc tế – Biên giới hòa bình");
  const std::string after = a.get("/admin/cai-dat?tb=cai-dat-trang-da-luu").body;
  EXPECT_THAT(after, HasSubstr("Đã lưu cài đặt trang."));
  // The new name in the back office's header and titles at once, without a restart.
  EXPECT_THAT(after, HasSubstr("— Quản trị — Sở Ngoại vụ tỉnh Lạc Hồng mới</title>"));

  // add, add, move, edit, delete, contact, settings: each one event, kSiteChanged.
  EXPECT_EQ(events_seen_, std::vector<EventKind>(7, EventKind::kSiteChanged));
  EXPECT_EQ(audit_count(content::audit_action::kLinkChange), 5u);
  EXPECT_EQ(audit_count(content::audit_action::kContactChange), 1u);
  EXPECT_EQ(audit_count(content::audit_action::kSettingChange), 1u);
}

TEST_F(SiteAdminTest, AuditLogFiltersAndPages) {
  Browser a = admin();
  // Its own clock, so that the days pass for the entries but not for the session.
  FakeClock when{auth::testing::fixture_now()};
  content::SiteService svc(*store_, events_, newsroom_->audit(), when);
  const content::SiteActor other{42, "bien.tap", "198.51.100.4"};
  // Day 1 (2026-03-02, 15:00 in Vietnam): 55 link additions by the administrator's account
  // name; day 2: a contact by another user; day 3: a settings change.
  const content::SiteActor me{1, "quan.tri", "192.0.2.10"};
  for (int i = 0; i < 55; ++i)
    ASSERT_TRUE(svc.create_link(me, {0, "Liên kết " + std::to_string(i), "https://a.vn", 0}));
  when.advance(std::chrono::hours(24));
  ASSERT_TRUE(svc.create_contact(other, {0, "Văn phòng", "", "0200 3851 201", "", 0}));
  when.advance(std::chrono::hours(24));
  content::SiteSettings s = *store_->site().settings();
  s.slogan = "Khẩu hiệu mới";
  ASSERT_TRUE(svc.update_settings(me, s));

  http::Response all = a.get("/admin/nhat-ky");
  EXPECT_EQ(all.status, 200);
  EXPECT_FALSE(all.cacheable);
  // Newest first, in Vietnam time.
  const auto newest = all.body.find("Sửa cài đặt trang: Khẩu hiệu");
  const auto older = all.body.find("Thêm hỗ trợ trực tuyến");
  ASSERT_NE(newest, std::string::npos);
  ASSERT_NE(older, std::string::npos);
  EXPECT_LT(newest, older);
  EXPECT_THAT(all.body, HasSubstr("04/03/2026 15:00"));
  EXPECT_THAT(all.body, HasSubstr("rel=\"next\""));

  http::Response by_user = a.get("/admin/nhat-ky?nguoi=42");
  EXPECT_THAT(by_user.body, HasSubstr("Thêm hỗ trợ trực tuyến “Văn phòng”"));
  EXPECT_THAT(by_user.body, Not(HasSubstr("Thêm liên kết")));

  http::Response by_kind = a.get("/admin/nhat-ky?hanh-dong=setting_change");
  EXPECT_THAT(by_kind.body, HasSubstr("Khẩu hiệu"));
  EXPECT_THAT(by_kind.body, Not(HasSubstr("Thêm liên kết")));

  // The middle day only: the contact, not the links before nor the settings after.
  http::Response day2 = a.get("/admin/nhat-ky?tu=2026-03-03&den=2026-03-03");
  EXPECT_THAT(day2.body, HasSubstr("Thêm hỗ trợ trực tuyến"));
  EXPECT_THAT(day2.body, Not(HasSubstr("Thêm liên kết")));
  EXPECT_THAT(day2.body, Not(HasSubstr("Sửa cài đặt trang")));

  // Up to day 1: 55 links over two pages of 50, and the second page ends with the first one.
  http::Response day1 = a.get("/admin/nhat-ky?den=2026-03-02");
  EXPECT_THAT(day1.body, HasSubstr("Liên kết 54"));
  EXPECT_THAT(day1.body, Not(HasSubstr("Thêm hỗ trợ")));
  EXPECT_THAT(day1.body, HasSubstr("trang=2"));
  http::Response page2 = a.get("/admin/nhat-ky?hanh-dong=&nguoi=&tu=&den=2026-03-02&trang=2");
  EXPECT_THAT(page2.body, HasSubstr("Liên kết 0”"));
  EXPECT_THAT(page2.body, Not(HasSubstr("Liên kết 54")));
  EXPECT_THAT(page2.body, Not(HasSubstr("rel=\"next\"")));
  EXPECT_THAT(page2.body, HasSubstr("rel=\"prev\""));

  for (const std::string bad :
       {"/admin/nhat-ky?tu=02/03/2026", "/admin/nhat-ky?nguoi=abc",
        "/admin/nhat-ky?hanh-dong=drop_table", "/admin/nhat-ky?tu=2026-03-04&den=2026-03-02",
        "/admin/nhat-ky?trang=0"}) {
    http::Response r = a.get(bad);
    EXPECT_EQ(r.status, 422) << bad;
    EXPECT_THAT(r.body, HasSubstr("role=\"alert\"")) << bad;
  }
  // Read-only: there is no route that changes it.
  EXPECT_EQ(a.submit("/admin/nhat-ky", "/admin/nhat-ky", {}).status, 405);
}

}  // namespace
}  // namespace congtin::admin
