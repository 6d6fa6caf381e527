// Sessions, revocation, TOTP login and user management through the real SQLite repositories.
#include "auth/auth_service.h"

#include "accounts_fixture.h"

namespace congtin::auth {
namespace {

using testing::AccountsTest;
namespace action = content::audit_action;

const Client kClient{"192.0.2.10", "test"};

TEST_F(AccountsTest, LoginStartsARevocableSession) {
  add_user("phong.vien", Role::kReporter);
  const std::string token = sign_in("Phong.Vien");  // usernames are case-insensitive
  auto a = service_->authenticate(token);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_EQ(a->user.username, "phong.vien");
  EXPECT_FALSE(a->session.totp_pending);
  EXPECT_EQ(a->session.csrf_token.size(), 43u);
  // Only the hash is stored.
  EXPECT_TRUE(accounts_->sessions->by_token_hash(token).error().kind == ErrorKind::kNotFound);
  EXPECT_TRUE(accounts_->sessions->by_token_hash(token_hash(token)).ok());

  ASSERT_TRUE(service_->logout(token, kClient).ok());
  EXPECT_EQ(service_->authenticate(token).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(audit_.count(action::kLogin), 1u);
  EXPECT_EQ(audit_.count(action::kLogout), 1u);
}

TEST_F(AccountsTest, BadPasswordUnknownUserAndDisabledUserLookAlike) {
  const Id id = add_user("bien.tap", Role::kEditor);
  auto wrong = service_->login("bien.tap", "sai-mật-khẩu-rồi", kClient);
  auto unknown = service_->login("khong.co.ai", "mật-khẩu-đủ-dài", kClient);
  ASSERT_TRUE(wrong.ok() && unknown.ok());
  EXPECT_EQ(wrong->outcome, LoginResult::kRejected);
  EXPECT_EQ(wrong->message, "Tên đăng nhập hoặc mật khẩu không đúng.");
  EXPECT_EQ(unknown->message, wrong->message);
  EXPECT_TRUE(wrong->token.empty());

  auto u = accounts_->users->by_id(id);
  u->disabled = true;
  ASSERT_TRUE(accounts_->users->update(*u).ok());
  auto disabled = service_->login("bien.tap", "mật-khẩu-đủ-dài", kClient);
  EXPECT_EQ(disabled->outcome, LoginResult::kRejected);
  EXPECT_EQ(disabled->message, wrong->message);
  EXPECT_EQ(audit_.count(action::kLoginFailed), 3u);
}

TEST_F(AccountsTest, SessionEndsWhenIdleOrTooOld) {
  add_user("ctv", Role::kContributor);
  const std::string token = sign_in("ctv");
  clock_.advance(std::chrono::hours(7));
  EXPECT_TRUE(service_->authenticate(token).ok());  // touched: idle time restarts
  clock_.advance(std::chrono::hours(7));
  EXPECT_TRUE(service_->authenticate(token).ok());
  clock_.advance(std::chrono::hours(8));
  EXPECT_EQ(service_->authenticate(token).error().kind, ErrorKind::kNotFound);  // idle 8 h

  const std::string again = sign_in("ctv");
  for (int i = 0; i < 7 * 4; ++i) {
    clock_.advance(std::chrono::hours(6));
    if (!service_->authenticate(again).ok()) break;
  }
  EXPECT_FALSE(service_->authenticate(again).ok());  // 7 days at most
}

TEST_F(AccountsTest, DisablingAUserEndsTheirSessionsAtOnce) {
  const Id admin_id = add_user("quan.tri", Role::kAdmin);
  const Id reporter = add_user("phong.vien", Role::kReporter);
  const std::string admin_token = sign_in("quan.tri");
  const std::string t1 = sign_in("phong.vien");
  const std::string t2 = sign_in("phong.vien", "mật-khẩu-đủ-dài", "198.51.100.4");
  auto admin = service_->authenticate(admin_token);
  ASSERT_TRUE(admin.ok());
  ASSERT_EQ(admin->user.id, admin_id);

  ASSERT_TRUE(service_->set_disabled(*admin, reporter, true, kClient).ok());
  EXPECT_EQ(service_->authenticate(t1).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(service_->authenticate(t2).error().kind, ErrorKind::kNotFound);
  EXPECT_EQ(audit_.count(action::kUserDisable), 1u);
  // Even a session row that survived (written by another node at that moment) is refused.
  Session stray;
  stray.token_hash = token_hash("stray-token");
  stray.user_id = reporter;
  stray.csrf_token = "x";
  stray.created_at = stray.last_seen_at = clock_.now();
  stray.expires_at = clock_.now() + std::chrono::hours(1);
  ASSERT_TRUE(accounts_->sessions->create(stray).ok());
  EXPECT_EQ(service_->authenticate("stray-token").error().kind, ErrorKind::kPermissionDenied);
  EXPECT_EQ(accounts_->sessions->by_token_hash(stray.token_hash).error().kind,
            ErrorKind::kNotFound);
}

TEST_F(AccountsTest, PasswordChangeEndsOtherSessionsOnly) {
  add_user("bien.tap", Role::kEditor);
  const std::string here = sign_in("bien.tap");
  const std::string elsewhere = sign_in("bien.tap", "mật-khẩu-đủ-dài", "198.51.100.9");
  auto a = service_->authenticate(here);
  ASSERT_TRUE(a.ok());
  auto wrong = service_->change_password(*a, "không-phải", "mật-khẩu-mới-dài", kClient);
  EXPECT_EQ(wrong.error().message, "Mật khẩu hiện tại không đúng.");
  auto weak = service_->change_password(*a, "mật-khẩu-đủ-dài", "ngắn", kClient);
  EXPECT_EQ(weak.error().kind, ErrorKind::kInvalidArgument);
  ASSERT_TRUE(service_->change_password(*a, "mật-khẩu-đủ-dài", "mật-khẩu-mới-dài", kClient).ok());
  EXPECT_TRUE(service_->authenticate(here).ok());
  EXPECT_FALSE(service_->authenticate(elsewhere).ok());
  EXPECT_EQ(service_->login("bien.tap", "mật-khẩu-đủ-dài", kClient)->outcome,
            LoginResult::kRejected);
  EXPECT_EQ(service_->login("bien.tap", "mật-khẩu-mới-dài", kClient)->outcome,
            LoginResult::kSignedIn);
}

TEST_F(AccountsTest, LockoutRefusesEvenTheRightPassword) {
  add_user("truong.ban", Role::kChiefEditor);
  for (int i = 0; i < 5; ++i)
    ASSERT_EQ(service_->login("truong.ban", "sai-mật-khẩu-" + std::to_string(i), kClient)->outcome,
              LoginResult::kRejected);
  auto r = service_->login("truong.ban", "mật-khẩu-đủ-dài", kClient);
  EXPECT_EQ(r->outcome, LoginResult::kRejected);
  EXPECT_TRUE(r->throttled);
  EXPECT_NE(r->message.find("tạm thời bị khóa"), std::string::npos) << r->message;
  clock_.advance(std::chrono::hours(6));
  EXPECT_EQ(service_->login("truong.ban", "mật-khẩu-đủ-dài", kClient)->outcome,
            LoginResult::kSignedIn);
}

TEST_F(AccountsTest, TotpLoginNeedsAFreshCodeAndRotatesTheToken) {
  add_user("quan.tri", Role::kAdmin);
  const std::string first = sign_in("quan.tri");
  auto a = service_->authenticate(first);
  auto secret = service_->begin_totp_enrolment(*a);
  ASSERT_TRUE(secret.ok());
  const auto now = [&] { return clock_.now().time_since_epoch().count(); };
  EXPECT_EQ(service_->confirm_totp_enrolment(*a, "000000", kClient).error().kind,
            ErrorKind::kInvalidArgument);
  ASSERT_TRUE(service_->confirm_totp_enrolment(*a, *totp::code_at(*secret, now()), kClient).ok());

  clock_.advance(std::chrono::seconds(60));
  auto r = service_->login("quan.tri", "mật-khẩu-đủ-dài", kClient);
  ASSERT_EQ(r->outcome, LoginResult::kTotpRequired);
  auto pending = service_->authenticate(r->token);
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->session.totp_pending);

  auto bad = service_->verify_totp(r->token, "123456", kClient);
  EXPECT_EQ(bad->outcome, LoginResult::kRejected);
  EXPECT_EQ(bad->message, "Mã xác thực không đúng hoặc đã hết hạn.");

  const std::string code = *totp::code_at(*secret, now());
  auto ok = service_->verify_totp(r->token, code.substr(0, 3) + " " + code.substr(3), kClient);
  ASSERT_EQ(ok->outcome, LoginResult::kSignedIn);
  EXPECT_NE(ok->token, r->token);
  EXPECT_FALSE(service_->authenticate(r->token).ok());  // the pending token is gone
  EXPECT_FALSE(service_->authenticate(ok->token)->session.totp_pending);

  // The same code cannot be used twice (a replay within its 90 s window).
  auto r2 = service_->login("quan.tri", "mật-khẩu-đủ-dài", kClient);
  EXPECT_EQ(service_->verify_totp(r2->token, code, kClient)->outcome, LoginResult::kRejected);
}

TEST_F(AccountsTest, AdministratorsMustEnrolWhenTheSiteRequiresIt) {
  add_user("quan.tri", Role::kAdmin);
  add_user("bien.tap", Role::kEditor);
  const std::string admin_token = sign_in("quan.tri");
  const std::string editor_token = sign_in("bien.tap");
  EXPECT_FALSE(service_->authenticate(admin_token)->must_enrol_totp);
  ASSERT_TRUE(
      service_->set_require_admin_totp(*service_->authenticate(admin_token), true, kClient).ok());
  EXPECT_TRUE(service_->authenticate(admin_token)->must_enrol_totp);
  EXPECT_FALSE(service_->authenticate(editor_token)->must_enrol_totp);
  // Until enrolled, the administrator cannot manage users.
  EXPECT_EQ(service_->list_users(*service_->authenticate(admin_token)).error().kind,
            ErrorKind::kPermissionDenied);
}

TEST_F(AccountsTest, OnlyAdministratorsManageUsers) {
  add_user("quan.tri", Role::kAdmin);
  for (Role r : content::kAllRoles) {
    if (r == Role::kAdmin) continue;
    const std::string name = std::string(content::role_code(r)) + ".x";
    std::string uname = name;
    for (char& c : uname)
      if (c == '_') c = '.';
    add_user(uname, r);
    auto who = service_->authenticate(sign_in(uname));
    ASSERT_TRUE(who.ok());
    EXPECT_EQ(service_->list_users(*who).error().kind, ErrorKind::kPermissionDenied) << name;
    EXPECT_EQ(service_->create_user(*who, {"moi.tao", "", Role::kAdmin, "mật-khẩu-đủ-dài"}, kClient)
                  .error()
                  .kind,
              ErrorKind::kPermissionDenied)
        << name;
  }
}

TEST_F(AccountsTest, UserManagementRules) {
  const Id admin_id = add_user("quan.tri", Role::kAdmin);
  auto admin = service_->authenticate(sign_in("quan.tri"));
  ASSERT_TRUE(admin.ok());

  auto created = service_->create_user(
      *admin, {"Nguyen.Van.A", "  Nguyễn   Văn A ", Role::kReporter, "mật-khẩu-đủ-dài"}, kClient);
  ASSERT_TRUE(created.ok()) << created.error().message;
  auto u = accounts_->users->by_id(*created);
  EXPECT_EQ(u->username, "nguyen.van.a");
  EXPECT_EQ(u->display_name, "Nguyễn Văn A");
  EXPECT_EQ(
      service_
          ->create_user(*admin, {"nguyen.van.a", "", Role::kReporter, "mật-khẩu-đủ-dài"}, kClient)
          .error()
          .kind,
      ErrorKind::kConflict);
  EXPECT_EQ(
      service_->create_user(*admin, {"có dấu", "", Role::kReporter, "mật-khẩu-đủ-dài"}, kClient)
          .error()
          .kind,
      ErrorKind::kInvalidArgument);

  ASSERT_TRUE(service_->set_role(*admin, *created, Role::kEditor, kClient).ok());
  EXPECT_EQ(accounts_->users->by_id(*created)->role, Role::kEditor);
  // Not oneself, not the last administrator.
  EXPECT_EQ(service_->set_role(*admin, admin_id, Role::kEditor, kClient).error().kind,
            ErrorKind::kPermissionDenied);
  EXPECT_EQ(service_->set_disabled(*admin, admin_id, true, kClient).error().kind,
            ErrorKind::kPermissionDenied);

  const std::string victim_token = sign_in("nguyen.van.a");
  ASSERT_TRUE(service_->reset_password(*admin, *created, "mật-khẩu-mới-dài", kClient).ok());
  EXPECT_FALSE(service_->authenticate(victim_token).ok());
  EXPECT_EQ(service_->login("nguyen.van.a", "mật-khẩu-mới-dài", kClient)->outcome,
            LoginResult::kSignedIn);
  EXPECT_EQ(audit_.count(action::kUserCreate), 2u);  // one by the console, one here
  EXPECT_EQ(audit_.count(action::kUserRole), 1u);
  EXPECT_EQ(audit_.count(action::kUserPasswordReset), 1u);
}

TEST_F(AccountsTest, UsersRoundTripThroughSqlite) {
  User u;
  u.username = "thu.nghiem";
  u.display_name = "Thử Nghiệm";
  u.role = Role::kChiefEditor;
  u.password_hash = "$argon2id$x";
  u.totp_secret = std::string("\0\x01\xff secret", 10);
  u.created_at = u.updated_at = clock_.now();
  auto id = accounts_->users->create(u);
  ASSERT_TRUE(id.ok());
  auto back = accounts_->users->by_username("thu.nghiem");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->id, *id);
  EXPECT_EQ(back->role, Role::kChiefEditor);
  EXPECT_EQ(back->totp_secret, u.totp_secret);
  EXPECT_EQ(back->created_at, u.created_at);
  EXPECT_TRUE(*accounts_->users->advance_totp_step(*id, 10));
  EXPECT_FALSE(*accounts_->users->advance_totp_step(*id, 10));
  EXPECT_FALSE(*accounts_->users->advance_totp_step(*id, 9));
  EXPECT_EQ(accounts_->users->create(u).error().kind, ErrorKind::kConflict);
}

}  // namespace
}  // namespace congtin::auth
