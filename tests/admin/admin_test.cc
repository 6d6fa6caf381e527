// The back office over HTTP, dispatched through the router without sockets, on a real
// temporary SQLite database with the real admin theme.
#include "admin/admin.h"

#include <gmock/gmock.h>

#include "../auth/accounts_fixture.h"
#include "browser.h"

namespace congtin::admin {
namespace {

using auth::Role;
using testing::Browser;
using testing::csrf_in;
using ::testing::HasSubstr;
using testing::header;
using testing::headers;
using ::testing::Not;

class AdminTest : public auth::testing::AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    auto theme = render::Theme::load(CONGTIN_ADMIN_THEME_DIR);
    ASSERT_TRUE(theme.ok()) << theme.error().message;
    theme_ = std::move(*theme);
    build(AdminOptions{});
  }
  void build(AdminOptions o) {
    o.static_dir = std::string(CONGTIN_ADMIN_THEME_DIR) + "/static";
    o.vendor_dir = std::string(CONGTIN_DEFAULT_THEME_DIR) + "/static/vendor";
    office_ = std::make_unique<BackOffice>(*service_, *theme_, clock_, std::move(o));
    router_ = http::Router();
    office_->add_routes(router_);
  }
  Browser browser() { return Browser{&router_}; }

  std::unique_ptr<render::Theme> theme_;
  std::unique_ptr<BackOffice> office_;
  http::Router router_;
};

const std::string kPassword = "mật-khẩu-đủ-dài";

TEST_F(AdminTest, LoginLeadsToTheStartPage) {
  add_user("phong.vien", Role::kReporter);
  Browser b = browser();
  http::Response start = b.get("/admin");
  EXPECT_EQ(start.status, 303);
  EXPECT_EQ(header(start, "Location"), "/admin/dang-nhap");
  EXPECT_FALSE(start.cacheable);

  http::Response login_page = b.get("/admin/dang-nhap");
  EXPECT_EQ(login_page.status, 200);
  EXPECT_THAT(login_page.body, HasSubstr("Đăng nhập"));
  EXPECT_FALSE(login_page.cacheable);
  EXPECT_EQ(header(login_page, "Cache-Control"), "no-store");

  http::Response r = b.login("phong.vien", kPassword);
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(header(r, "Location"), "/admin");
  ASSERT_TRUE(b.cookies.contains("congtin_phien"));

  http::Response page = b.get("/admin");
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(page.cacheable);
  EXPECT_EQ(header(page, "Cache-Control"), "no-store");
  EXPECT_EQ(header(page, "X-Frame-Options"), "DENY");
  EXPECT_THAT(page.body, HasSubstr("Xin chào, Người dùng phong.vien"));
  EXPECT_THAT(page.body, HasSubstr("Phóng viên"));
  EXPECT_THAT(page.body, HasSubstr("data-slot=\"workflow-queues\""));
  EXPECT_THAT(page.body, HasSubstr("Hàng đợi công việc"));
  EXPECT_THAT(page.body, Not(HasSubstr("/admin/nguoi-dung")));  // not an administrator
}

TEST_F(AdminTest, QueueProviderFillsTheStartPage) {
  add_user("bien.tap", Role::kEditor);
  office_->set_queue_provider([](const auth::User& u) -> Result<nlohmann::json> {
    return nlohmann::json::array({{{"title", "Chờ biên tập"},
                                   {"empty_text", "Không có bài nào."},
                                   {"items",
                                    {{{"title", "Đoàn công tác thăm Lạng Sơn"},
                                      {"url", "/admin/bai-viet/1"},
                                      {"status", "Chờ biên tập"},
                                      {"updated", u.username}}}}}});
  });
  Browser b = browser();
  b.login("bien.tap", kPassword);
  http::Response page = b.get("/admin");
  EXPECT_THAT(page.body, HasSubstr("Đoàn công tác thăm Lạng Sơn"));
  EXPECT_THAT(page.body, Not(HasSubstr("Hàng đợi công việc (bài nháp")));
}

TEST_F(AdminTest, LoginReturnsOnlyToBackOfficePaths) {
  add_user("quan.tri", Role::kAdmin);
  EXPECT_EQ(header(browser().get("/admin/nguoi-dung"), "Location"),
            "/admin/dang-nhap?tiep=/admin/nguoi-dung");
  for (const std::string bad : {"//evil.example/admin/", "https://evil.example", "/tin-tuc/x",
                                "/admin/\\evil", "/admin//evil"}) {
    Browser b = browser();
    EXPECT_EQ(header(b.login("quan.tri", kPassword, bad), "Location"), "/admin") << bad;
  }
  Browser b = browser();
  EXPECT_EQ(header(b.login("quan.tri", kPassword, "/admin/nguoi-dung"), "Location"),
            "/admin/nguoi-dung");
}

TEST_F(AdminTest, NoStatisticsEntryWhenStatisticsAreOff) {
  add_user("quan.tri", Role::kAdmin);
  Browser b = browser();
  ASSERT_EQ(b.login("quan.tri", kPassword).status, 303);
  const std::string page = b.get("/admin").body;
  EXPECT_THAT(page, HasSubstr("/admin/nguoi-dung"));
  EXPECT_THAT(page, Not(HasSubstr("/admin/thong-ke")));  // AdminOptions::statistics is off
}

TEST_F(AdminTest, BadPasswordSaysSoInVietnamese) {
  add_user("phong.vien", Role::kReporter);
  Browser b = browser();
  http::Response r = b.login("phong.vien", "sai-mật-khẩu");
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("Tên đăng nhập hoặc mật khẩu không đúng."));
  EXPECT_THAT(r.body, HasSubstr("value=\"phong.vien\""));  // the username is kept
  EXPECT_FALSE(b.cookies.contains("congtin_phien"));
  EXPECT_EQ(audit_.count(content::audit_action::kLoginFailed), 1u);
}

TEST_F(AdminTest, CookieFlags) {
  add_user("quan.tri", Role::kAdmin);
  auto session_cookie = [](const http::Response& r) {
    for (const auto& c : headers(r, "Set-Cookie"))
      if (c.starts_with("congtin_phien=")) return c;
    return std::string();
  };
  Browser plain = browser();
  std::string c = session_cookie(plain.login("quan.tri", kPassword));
  EXPECT_THAT(c, HasSubstr("; HttpOnly"));
  EXPECT_THAT(c, HasSubstr("; SameSite=Lax"));
  EXPECT_THAT(c, HasSubstr("; Path=/admin"));
  EXPECT_THAT(c, Not(HasSubstr("Secure")));

  // X-Forwarded-Proto from anyone but a trusted proxy is ignored.
  Browser spoof = browser();
  spoof.extra = {{"X-Forwarded-Proto", "https"}};
  EXPECT_THAT(session_cookie(spoof.login("quan.tri", kPassword)), Not(HasSubstr("Secure")));

  AdminOptions behind_proxy;
  behind_proxy.trusted_proxies = {"127.0.0.1"};
  build(behind_proxy);
  Browser proxied = browser();
  proxied.address = "127.0.0.1";
  proxied.extra = {{"X-Forwarded-Proto", "https"}, {"X-Forwarded-For", "203.0.113.5"}};
  EXPECT_THAT(session_cookie(proxied.login("quan.tri", kPassword)), HasSubstr("; Secure"));
  // The audit log has the client's address, not the proxy's.
  content::AuditQuery q;
  q.action = content::audit_action::kLogin;
  auto logins = audit_.list(q);
  EXPECT_EQ(logins->front().address, "203.0.113.5");

  AdminOptions forced;
  forced.force_secure_cookies = true;
  build(forced);
  Browser direct = browser();
  EXPECT_THAT(session_cookie(direct.login("quan.tri", kPassword)), HasSubstr("; Secure"));
}

TEST_F(AdminTest, PostWithoutCsrfTokenIs403) {
  add_user("bien.tap", Role::kEditor);
  Browser b = browser();
  b.login("bien.tap", kPassword);
  const std::vector<std::pair<std::string, std::string>> change = {
      {"current_password", kPassword},
      {"new_password", "mật-khẩu-mới-dài"},
      {"new_password_again", "mật-khẩu-mới-dài"}};

  http::Response none = b.post("/admin/tai-khoan/mat-khau", change);
  EXPECT_EQ(none.status, 403);
  EXPECT_THAT(none.body, HasSubstr("thiếu mã bảo vệ CSRF"));
  EXPECT_FALSE(none.cacheable);
  auto forged = change;
  forged.emplace_back("_csrf", "đoán-bừa");
  EXPECT_EQ(b.post("/admin/tai-khoan/mat-khau", forged).status, 403);
  EXPECT_EQ(b.post("/admin/dang-xuat", {}).status, 403);
  // The password did not change.
  EXPECT_EQ(service_->login("bien.tap", kPassword, {"192.0.2.1", ""})->outcome,
            auth::LoginResult::kSignedIn);

  // Another session's token is not this session's token.
  Browser other = browser();
  other.login("bien.tap", kPassword);
  auto stolen = change;
  stolen.emplace_back("_csrf", csrf_in(other.get("/admin/tai-khoan").body));
  EXPECT_EQ(b.post("/admin/tai-khoan/mat-khau", stolen).status, 403);

  // The header works too (for fetch and uploads).
  b.extra = {{"X-CSRF-Token", csrf_in(b.get("/admin/tai-khoan").body)}};
  http::Response ok = b.post("/admin/tai-khoan/mat-khau", change);
  EXPECT_EQ(ok.status, 303);
  EXPECT_EQ(header(ok, "Location"), "/admin/tai-khoan?tb=mat-khau-da-doi");
  EXPECT_THAT(b.get("/admin/tai-khoan?tb=mat-khau-da-doi").body, HasSubstr("Đã đổi mật khẩu."));
}

TEST_F(AdminTest, LoginFormNeedsItsOwnToken) {
  add_user("bien.tap", Role::kEditor);
  Browser b = browser();
  b.get("/admin/dang-nhap");  // has the cookie, but posts no token
  http::Response r =
      b.post("/admin/dang-nhap", {{"username", "bien.tap"}, {"password", kPassword}});
  EXPECT_EQ(r.status, 403);
  EXPECT_FALSE(b.cookies.contains("congtin_phien"));
  Browser no_cookie = browser();
  http::Response r2 = no_cookie.post(
      "/admin/dang-nhap", {{"_csrf", "abc"}, {"username", "bien.tap"}, {"password", kPassword}});
  EXPECT_EQ(r2.status, 403);
}

TEST_F(AdminTest, PostWithoutSessionIs403AndOversizedFormsAreRefused) {
  Browser b = browser();
  http::Response r = b.post("/admin/nguoi-dung", {{"username", "x"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_THAT(r.body, HasSubstr("Phiên đăng nhập đã hết hạn"));

  add_user("quan.tri", Role::kAdmin);
  b.login("quan.tri", kPassword);
  const std::string token = csrf_in(b.get("/admin/tai-khoan").body);
  http::Response big =
      b.post("/admin/tai-khoan/mat-khau", {{"_csrf", token}, {"x", std::string(70 * 1024, 'a')}});
  EXPECT_EQ(big.status, 403);
  EXPECT_THAT(big.body, HasSubstr("quá lớn"));
}

TEST_F(AdminTest, AccountLockoutAfterFiveFailures) {
  add_user("truong.ban", Role::kChiefEditor);
  Browser b = browser();
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(b.login("truong.ban", "sai-" + std::to_string(i)).status, 200);
  Browser elsewhere = browser();
  elsewhere.address = "198.51.100.20";
  http::Response r = elsewhere.login("truong.ban", kPassword);
  EXPECT_EQ(r.status, 429);
  EXPECT_THAT(r.body, HasSubstr("Tài khoản này tạm thời bị khóa vì đăng nhập sai quá 5 lần"));
  EXPECT_EQ(header(r, "Retry-After"), std::to_string(6 * 3600));
  EXPECT_FALSE(elsewhere.cookies.contains("congtin_phien"));
  clock_.advance(std::chrono::hours(6));
  EXPECT_EQ(elsewhere.login("truong.ban", kPassword).status, 303);
}

TEST_F(AdminTest, AddressLockoutAfterFiftyFailures) {
  add_user("phong.vien", Role::kReporter);
  Browser scanner = browser();
  scanner.address = "203.0.113.66";
  for (int i = 0; i < 50; ++i)
    ASSERT_EQ(scanner.login("nguoi" + std::to_string(i), "đoán-mò-mật-khẩu").status, 200) << i;
  http::Response r = scanner.login("phong.vien", kPassword);
  EXPECT_EQ(r.status, 429);
  EXPECT_THAT(r.body, HasSubstr("Có quá nhiều lần đăng nhập sai từ địa chỉ mạng của bạn"));
  Browser colleague = browser();
  colleague.address = "203.0.113.67";
  EXPECT_EQ(colleague.login("phong.vien", kPassword).status, 303);
}

TEST_F(AdminTest, DisabledUsersSessionEndsAtOnce) {
  add_user("quan.tri", Role::kAdmin);
  const auth::Id reporter = add_user("phong.vien", Role::kReporter);
  Browser admin = browser();
  admin.login("quan.tri", kPassword);
  Browser victim = browser();
  victim.login("phong.vien", kPassword);
  ASSERT_EQ(victim.get("/admin").status, 200);

  const std::string page = "/admin/nguoi-dung/" + std::to_string(reporter);
  http::Response r = admin.submit(page, page + "/khoa", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(header(r, "Location"), page + "?tb=da-khoa");

  http::Response after = victim.get("/admin");
  EXPECT_EQ(after.status, 303);
  EXPECT_THAT(header(after, "Location"), HasSubstr("/admin/dang-nhap"));
  EXPECT_FALSE(victim.cookies.contains("congtin_phien"));        // cleared
  EXPECT_EQ(victim.login("phong.vien", kPassword).status, 200);  // refused
  EXPECT_EQ(audit_.count(content::audit_action::kUserDisable), 1u);
}

TEST_F(AdminTest, RoleGuardOnUserManagement) {
  struct Case {
    Role role;
    int get_status;
    int post_status;
  };
  const Case cases[] = {
      {Role::kContributor, 403, 403}, {Role::kReporter, 403, 403}, {Role::kEditor, 403, 403},
      {Role::kChiefEditor, 403, 403}, {Role::kAdmin, 200, 303},
  };
  int n = 0;
  for (const auto& c : cases) {
    const std::string name = "nguoi.dung" + std::to_string(n++);
    add_user(name, c.role);
    Browser b = browser();
    ASSERT_EQ(b.login(name, kPassword).status, 303);
    http::Response list = b.get("/admin/nguoi-dung");
    EXPECT_EQ(list.status, c.get_status) << content::role_code(c.role);
    if (c.get_status == 403) {
      EXPECT_THAT(list.body, HasSubstr("không được phép dùng chức năng này"));
      EXPECT_THAT(list.body, HasSubstr(std::string(content::role_label_vi(c.role))));
    }
    const std::string token = csrf_in(b.get("/admin/tai-khoan").body);
    http::Response create = b.post("/admin/nguoi-dung", {{"_csrf", token},
                                                         {"username", "moi" + std::to_string(n)},
                                                         {"display_name", "Người Mới"},
                                                         {"role", "quan_tri"},
                                                         {"password", kPassword}});
    EXPECT_EQ(create.status, c.post_status) << content::role_code(c.role);
  }
  // Only the administrator's create went through.
  EXPECT_EQ(*accounts_->users->count(), 6);
}

TEST_F(AdminTest, AdministratorManagesUsers) {
  add_user("quan.tri", Role::kAdmin);
  Browser b = browser();
  b.login("quan.tri", kPassword);
  http::Response created = b.submit("/admin/nguoi-dung", "/admin/nguoi-dung",
                                    {{"username", "tran.thi.b"},
                                     {"display_name", "Trần Thị B"},
                                     {"role", "bien_tap_vien"},
                                     {"password", "mật-khẩu-ban-đầu"}});
  ASSERT_EQ(created.status, 303);
  auto u = accounts_->users->by_username("tran.thi.b");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->role, Role::kEditor);
  const std::string page = "/admin/nguoi-dung/" + std::to_string(u->id);
  EXPECT_THAT(b.get(page + "?tb=da-tao").body, HasSubstr("Đã tạo người dùng."));

  EXPECT_EQ(b.submit(page, page + "/vai-tro", {{"role", "truong_ban"}}).status, 303);
  EXPECT_EQ(accounts_->users->by_id(u->id)->role, Role::kChiefEditor);

  http::Response mismatch =
      b.submit(page, page + "/dat-lai-mat-khau",
               {{"password", "mật-khẩu-mới-một"}, {"password_again", "khác"}});
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_THAT(mismatch.body, HasSubstr("Hai lần nhập mật khẩu mới không khớp nhau."));

  http::Response dup = b.submit(
      "/admin/nguoi-dung", "/admin/nguoi-dung",
      {{"username", "tran.thi.b"}, {"role", "phong_vien"}, {"password", "mật-khẩu-ban-đầu"}});
  EXPECT_EQ(dup.status, 422);
  EXPECT_THAT(dup.body, HasSubstr("đã có người dùng"));

  EXPECT_EQ(b.get("/admin/nguoi-dung/999").status, 404);
  EXPECT_EQ(b.get("/admin/nguoi-dung/abc").status, 404);
}

TEST_F(AdminTest, RequiredTotpSendsAdministratorsToEnrolment) {
  add_user("quan.tri", Role::kAdmin);
  Browser b = browser();
  b.login("quan.tri", kPassword);
  ASSERT_EQ(b.submit("/admin/nguoi-dung", "/admin/cai-dat/hai-buoc", {{"require_admin_totp", "1"}})
                .status,
            303);
  http::Response r = b.get("/admin/nguoi-dung");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(header(r, "Location"), "/admin/tai-khoan/hai-buoc?tb=can-hai-buoc");
  http::Response setup = b.get("/admin/tai-khoan/hai-buoc");
  EXPECT_EQ(setup.status, 200);
  EXPECT_THAT(setup.body, HasSubstr("<svg"));
  EXPECT_THAT(setup.body, HasSubstr("otpauth://totp/"));

  auto u = accounts_->users->by_username("quan.tri");
  const std::string code =
      *auth::totp::code_at(u->totp_secret, clock_.now().time_since_epoch().count());
  ASSERT_EQ(
      b.submit("/admin/tai-khoan/hai-buoc", "/admin/tai-khoan/hai-buoc", {{"code", code}}).status,
      303);
  EXPECT_EQ(b.get("/admin/nguoi-dung").status, 200);

  // The next login asks for a code.
  clock_.advance(std::chrono::minutes(2));
  Browser again = browser();
  http::Response r2 = again.login("quan.tri", kPassword);
  EXPECT_EQ(header(r2, "Location"), "/admin/xac-thuc");
  EXPECT_EQ(header(again.get("/admin"), "Location"), "/admin/xac-thuc");
  const std::string code2 =
      *auth::totp::code_at(u->totp_secret, clock_.now().time_since_epoch().count());
  http::Response verified = again.submit("/admin/xac-thuc", "/admin/xac-thuc", {{"code", code2}});
  EXPECT_EQ(header(verified, "Location"), "/admin");
  EXPECT_EQ(again.get("/admin").status, 200);
}

TEST_F(AdminTest, LogoutEndsTheSession) {
  add_user("ctv", Role::kContributor);
  Browser b = browser();
  b.login("ctv", kPassword);
  const std::string token = b.cookies["congtin_phien"];
  http::Response r = b.submit("/admin", "/admin/dang-xuat", {});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(header(r, "Location"), "/admin/dang-nhap?tb=da-dang-xuat");
  EXPECT_FALSE(b.cookies.contains("congtin_phien"));
  EXPECT_FALSE(service_->authenticate(token).ok());
  EXPECT_THAT(b.get("/admin/dang-nhap?tb=da-dang-xuat").body, HasSubstr("Bạn đã đăng xuất."));
}

TEST_F(AdminTest, StaticFilesAndFontAreServed) {
  Browser b = browser();
  http::Response css = b.get("/admin/static/css/admin.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_THAT(css.body, HasSubstr("Be Vietnam Pro"));
  EXPECT_EQ(b.get("/admin/static/vendor/be-vietnam-pro/be-vietnam-pro-vietnamese-400-normal.woff2")
                .status,
            200);
  EXPECT_EQ(b.get("/admin/static/../../CMakeLists.txt").status, 404);
}

}  // namespace
}  // namespace congtin::admin
