// The article screens over HTTP without sockets: a real temporary SQLite database (content,
// accounts, newsroom), the real admin and public themes, the back office, the article
// screens and the public site on one router, and a signed-in Browser per role.
#pragma once

#include <gmock/gmock.h>

#include <map>
#include <memory>
#include <regex>

#include "../auth/accounts_fixture.h"
#include "admin/admin.h"
#include "admin/articles.h"
#include "browser.h"
#include "content/newsroom_service.h"
#include "site/site.h"
#include "store/sqlite/newsroom_store.h"

namespace congtin::admin::testing {

using content::Role;

inline const std::string kPassword = "mật-khẩu-đủ-dài";

class ArticlesTest : public auth::testing::AccountsTest {
 protected:
  void SetUp() override {
    AccountsTest::SetUp();
    auto admin_theme = render::Theme::load(CONGTIN_ADMIN_THEME_DIR);
    ASSERT_TRUE(admin_theme.ok()) << admin_theme.error().message;
    admin_theme_ = std::move(*admin_theme);
    auto public_theme = render::Theme::load(CONGTIN_DEFAULT_THEME_DIR);
    ASSERT_TRUE(public_theme.ok()) << public_theme.error().message;
    public_theme_ = std::shared_ptr<const render::Theme>(std::move(*public_theme));
    auto nr = store::open_newsroom(dir_ / "congtin.db");
    ASSERT_TRUE(nr.ok()) << nr.error().message;
    newsroom_store_ = std::shared_ptr<content::NewsroomStore>(std::move(*nr));
    newsroom_ = std::make_unique<content::NewsroomService>(*newsroom_store_, bus_, clock_);

    content::Category c;
    c.name = "Hoạt động đối ngoại";
    c.slug = "hoat-dong-doi-ngoai";
    auto cat = store_->categories().create(c);
    ASSERT_TRUE(cat.ok());
    category_ = *cat;

    AdminOptions o;
    o.static_dir = std::string(CONGTIN_ADMIN_THEME_DIR) + "/static";
    o.vendor_dir = std::string(CONGTIN_DEFAULT_THEME_DIR) + "/static/vendor";
    o.max_form_bytes = 4 << 20;
    office_ = std::make_unique<BackOffice>(*service_, *admin_theme_, clock_, o);
    office_->add_routes(router_);
    ArticleScreensOptions ao;
    ao.editor_dir = std::string(CONGTIN_ADMIN_THEME_DIR) + "/static/vendor/tinymce";
    ao.media_dir = dir_ / "media";
    std::shared_ptr<content::WorkflowRepository> workflow(newsroom_store_,
                                                          &newsroom_store_->workflow());
    screens_ = std::make_unique<ArticleScreens>(*office_, *newsroom_, workflow, *store_,
                                                public_theme_, ao);
    screens_->add_routes(router_);
    office_->set_queue_provider(screens_->queue_provider());
    site_ = std::make_unique<site::PublicSite>(*store_, *public_theme_, clock_, dir_ / "media");
    site_->add_routes(router_);

    const std::pair<Role, const char*> users[] = {{Role::kContributor, "cong.tac.vien"},
                                                  {Role::kReporter, "phong.vien"},
                                                  {Role::kEditor, "bien.tap"},
                                                  {Role::kChiefEditor, "truong.ban"},
                                                  {Role::kAdmin, "quan.tri"}};
    for (const auto& [role, name] : users) {
      const content::Id id = add_user(name, role, kPassword);
      actors_[role] = content::Actor{id, "Người dùng " + std::string(name), role, {}};
    }
  }

  // A Browser signed in with `role`'s account.
  Browser as(Role role) {
    static const std::map<Role, std::string> names = {{Role::kContributor, "cong.tac.vien"},
                                                      {Role::kReporter, "phong.vien"},
                                                      {Role::kEditor, "bien.tap"},
                                                      {Role::kChiefEditor, "truong.ban"},
                                                      {Role::kAdmin, "quan.tri"}};
    Browser b{&router_};
    auto r = b.login(names.at(role), kPassword);
    EXPECT_EQ(r.status, 303);
    return b;
  }

  content::ArticleContent content(std::string title, std::string body = "<p>Nội dung bài.</p>") {
    content::ArticleContent c;
    c.title = std::move(title);
    c.lead = "Sáng nay, đoàn công tác đã đến làm việc.";
    c.body_html = std::move(body);
    c.author = "Phùng Anh Văn";
    c.author_unit = "TTTTDV&ĐN";
    c.category_id = category_;
    return c;
  }

  // A draft written by the reporter (through the service), walked to `state`.
  content::Id article_in(content::ArticleStatus state, std::string title = "Bài thử") {
    using S = content::ArticleStatus;
    auto& svc = *newsroom_;
    const auto& rep = actors_.at(Role::kReporter);
    const auto& ed = actors_.at(Role::kEditor);
    const auto& head = actors_.at(Role::kChiefEditor);
    auto w = svc.create_draft(rep, content(std::move(title)));
    EXPECT_TRUE(w.ok()) << w.error().message;
    const content::Id id = w->article_id;
    auto ok = [](const Status& s) { EXPECT_TRUE(s.ok()) << s.error().message; };
    if (state == S::kDraft) return id;
    ok(svc.submit(rep, id));
    if (state == S::kSubmitted) return id;
    if (state == S::kReturned) {
      ok(svc.return_to_author(ed, id, "Cần sửa."));
      return id;
    }
    ok(svc.pass_on(ed, id));
    if (state == S::kReview) return id;
    if (state == S::kScheduled) {
      ok(svc.schedule(head, id, clock_.now() + std::chrono::hours(24)));
      return id;
    }
    ok(svc.publish(head, id));
    if (state == S::kPublished) return id;
    ok(svc.take_down(head, id, "Cần xác minh."));
    return id;
  }

  static std::string path_of(content::Id id) { return "/admin/bai-viet/" + std::to_string(id); }

  // The hidden base_revision of an edit page.
  static std::string base_in(const std::string& html) {
    static const std::regex re(R"re(name="base_revision" value="(\d+)")re");
    std::smatch m;
    return std::regex_search(html, m, re) ? m[1].str() : std::string();
  }

  content::EventBus bus_;
  content::Id category_ = 0;
  std::unique_ptr<render::Theme> admin_theme_;
  std::shared_ptr<const render::Theme> public_theme_;
  std::shared_ptr<content::NewsroomStore> newsroom_store_;
  std::unique_ptr<content::NewsroomService> newsroom_;
  std::unique_ptr<BackOffice> office_;
  std::unique_ptr<ArticleScreens> screens_;
  std::unique_ptr<site::PublicSite> site_;
  http::Router router_;
  std::map<Role, content::Actor> actors_;
};

}  // namespace congtin::admin::testing
