// The article screens over HTTP (admin/articles.h): the role × transition table, CSRF, two
// editors saving at once, images without alt text, the list, queues and the preview.
#include "articles_fixture.h"

namespace congtin::admin {
namespace {

using content::ArticleStatus;
using content::WorkflowAction;
using testing::ArticlesTest;
using testing::Browser;
using testing::csrf_in;
using ::testing::HasSubstr;
using testing::header;
using ::testing::Not;

// The state each action is tried from: one where it exists for someone.
ArticleStatus from_state(WorkflowAction a) {
  switch (a) {
    case WorkflowAction::kEdit:
    case WorkflowAction::kSubmit:
      return ArticleStatus::kDraft;
    case WorkflowAction::kReturn:
    case WorkflowAction::kPassOn:
    case WorkflowAction::kPublish:
    case WorkflowAction::kSchedule:
      return ArticleStatus::kSubmitted;
    case WorkflowAction::kUnschedule:
      return ArticleStatus::kScheduled;
    case WorkflowAction::kTakeDown:
      return ArticleStatus::kPublished;
    case WorkflowAction::kRestore:
      return ArticleStatus::kTakenDown;
  }
  return ArticleStatus::kDraft;
}

// The HTTP status the rule table (content/workflow.h) implies.
int expected_status(content::Role role, bool author, ArticleStatus from, WorkflowAction a) {
  if (role == content::Role::kAdmin) return 403;  // the guard: not a newsroom role
  auto t = content::check(role, author, from, a);
  if (t.ok()) return 303;
  return t.error().kind == ErrorKind::kPermissionDenied ? 403 : 409;
}

TEST_F(ArticlesTest, EveryRoleTimesEveryActionIsAllowedOrRefusedOverHttp) {
  int checked = 0;
  for (WorkflowAction a : content::kAllWorkflowActions) {
    for (content::Role role : content::kAllRoles) {
      const ArticleStatus from = from_state(a);
      const content::Id id = article_in(from);
      const std::string path = path_of(id);
      Browser b = as(role);
      // The form needs the token of a page this role can open.
      const std::string token = csrf_in(b.get("/admin/tai-khoan").body);
      std::vector<std::pair<std::string, std::string>> f = {{"_csrf", token}};
      http::Response r;
      if (a == WorkflowAction::kEdit) {
        auto w = newsroom_->record(id);
        ASSERT_TRUE(w.ok());
        f.insert(f.end(), {{"base_revision", std::to_string(w->head_revision_id)},
                           {"title", "Bài thử đã sửa"},
                           {"body", "<p>Nội dung mới.</p>"},
                           {"category_id", std::to_string(category_)}});
        r = b.post(path, f);
      } else {
        f.insert(f.end(), {{"action", std::string(content::action_code(a))},
                           {"comment", "Góp ý của ban biên tập."},
                           {"when", "2026-03-05T09:30"}});
        r = b.post(path + "/thao-tac", f);
      }
      const bool author = role == content::Role::kReporter;
      EXPECT_EQ(r.status, expected_status(role, author, from, a))
          << content::role_code(role) << " × " << content::action_code(a) << " from "
          << content::status_code(from);
      if (r.status == 403) {
        EXPECT_THAT(r.body, HasSubstr("Không được phép"));
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 45);
}

TEST_F(ArticlesTest, EveryPostWithoutTheCsrfTokenIs403AndChangesNothing) {
  const content::Id id = article_in(ArticleStatus::kSubmitted);
  const std::string p = path_of(id);
  Browser b = as(content::Role::kChiefEditor);
  for (const std::string& target : {std::string("/admin/bai-viet/moi"), p, p + "/thao-tac",
                                    p + "/luu-tu-dong", p + "/khoi-phuc-ban"}) {
    for (const std::string& token : {std::string(), std::string("sai-ma")}) {
      std::vector<std::pair<std::string, std::string>> f = {
          {"action", "publish"}, {"title", "Giả mạo"}, {"base_revision", "1"}, {"revision", "1"}};
      if (!token.empty()) f.emplace_back("_csrf", token);
      http::Response r = b.post(target, f);
      EXPECT_EQ(r.status, 403) << target;
      EXPECT_THAT(r.body, HasSubstr("mã bảo vệ CSRF")) << target;
    }
  }
  auto w = newsroom_->record(id);
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(w->state, ArticleStatus::kSubmitted);
  auto revs = newsroom_->revisions(id);
  EXPECT_EQ(revs->size(), 1u);
}

TEST_F(ArticlesTest, TwoEditorsSavingAtOnceLoseNothing) {
  const content::Id id = article_in(ArticleStatus::kSubmitted, "Hội nghị đối ngoại");
  const std::string p = path_of(id);
  Browser first = as(content::Role::kEditor);
  Browser second = as(content::Role::kChiefEditor);
  const std::string page1 = first.get(p).body, page2 = second.get(p).body;
  const std::string base = base_in(page1);
  ASSERT_EQ(base, base_in(page2));
  auto save = [&](Browser& b, const std::string& page, const std::string& body) {
    return b.post(p, {{"_csrf", csrf_in(page)},
                      {"base_revision", base},
                      {"title", "Hội nghị đối ngoại"},
                      {"body", body},
                      {"category_id", std::to_string(category_)}});
  };
  EXPECT_EQ(save(first, page1, "<p>Bản của người thứ nhất.</p>").status, 303);
  http::Response r = save(second, page2, "<p>Bản của người thứ hai.</p>");
  EXPECT_EQ(r.status, 409);
  EXPECT_THAT(r.body, HasSubstr("Bản của bạn không bị mất"));
  EXPECT_THAT(r.body, HasSubstr("Người dùng bien.tap đã lưu bài này"));
  EXPECT_THAT(r.body, HasSubstr("Bản của người thứ hai."));  // their text stays in the form
  EXPECT_THAT(r.body, HasSubstr("/so-sanh?tu="));            // and the link to the diff
  // Both texts are stored; the form is now based on the winner's revision.
  auto revs = newsroom_->revisions(id);
  ASSERT_TRUE(revs.ok());
  ASSERT_EQ(revs->size(), 3u);
  std::string bodies;
  for (const auto& rev : *revs) bodies += rev.content.body_html;
  EXPECT_THAT(bodies, HasSubstr("người thứ nhất"));
  EXPECT_THAT(bodies, HasSubstr("người thứ hai"));
  auto w = newsroom_->record(id);
  EXPECT_EQ(base_in(r.body), std::to_string(w->head_revision_id));
}

TEST_F(ArticlesTest, AutosaveAnswersJsonAndReportsAConflictInsteadOfOverwriting) {
  const content::Id id = article_in(ArticleStatus::kDraft, "Tin nháp");
  const std::string p = path_of(id);
  Browser b = as(content::Role::kReporter);
  const std::string page = b.get(p).body;
  EXPECT_THAT(page, HasSubstr("data-autosave-url=\"" + p + "/luu-tu-dong\""));
  const std::string base = base_in(page);
  b.extra = {{"X-CSRF-Token", csrf_in(page)}};
  http::Response r =
      b.post(p + "/luu-tu-dong",
             {{"base_revision", base}, {"title", "Tin nháp"}, {"body", "<p>Một.</p>"}});
  EXPECT_EQ(r.status, 200) << r.body;
  auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["number"], 2);
  r = b.post(p + "/luu-tu-dong",
             {{"base_revision", base}, {"title", "Tin nháp"}, {"body", "<p>Hai.</p>"}});
  EXPECT_EQ(r.status, 409);
  j = nlohmann::json::parse(r.body);
  EXPECT_THAT(j["error"].get<std::string>(), HasSubstr("không bị mất"));
  EXPECT_TRUE(j.contains("diff_url"));
}

TEST_F(ArticlesTest, AnImageWithoutAltTextIsRefusedWithTheTextKept) {
  Browser b = as(content::Role::kReporter);
  const std::string form = b.get("/admin/bai-viet/moi").body;
  http::Response r =
      b.post("/admin/bai-viet/moi",
             {{"_csrf", csrf_in(form)},
              {"title", "Ảnh không mô tả"},
              {"body", "<p>Chữ của phóng viên.</p><p><img src=\"/media/ab/x.jpg\"></p>"},
              {"category_id", std::to_string(category_)}});
  EXPECT_EQ(r.status, 422);
  EXPECT_THAT(r.body, HasSubstr("chưa có mô tả thay thế (alt)"));
  EXPECT_THAT(r.body, HasSubstr("Chữ của phóng viên."));
  r = b.post("/admin/bai-viet/moi",
             {{"_csrf", csrf_in(form)},
              {"title", "Ảnh có mô tả"},
              {"body",
               "<figure><img src=\"/media/ab/x.jpg\" alt=\"Cửa khẩu Hữu Nghị\">"
               "<figcaption>Cửa khẩu quốc tế Hữu Nghị</figcaption></figure>"},
              {"category_id", std::to_string(category_)}});
  EXPECT_EQ(r.status, 303);
}

TEST_F(ArticlesTest, AnEmptyReturnCommentIs422WithTheServiceMessage) {
  const content::Id id = article_in(ArticleStatus::kSubmitted);
  Browser b = as(content::Role::kEditor);
  const std::string page = b.get(path_of(id)).body;
  http::Response r = b.post(path_of(id) + "/thao-tac",
                            {{"_csrf", csrf_in(page)}, {"action", "return"}, {"comment", " "}});
  EXPECT_EQ(r.status, 422);
  EXPECT_THAT(r.body, HasSubstr("class=\"alert\""));
  EXPECT_EQ(newsroom_->record(id)->state, ArticleStatus::kSubmitted);
}

TEST_F(ArticlesTest, ScheduleReadsTheTimeInVietnam) {
  const content::Id id = article_in(ArticleStatus::kReview);
  Browser b = as(content::Role::kChiefEditor);
  const std::string page = b.get(path_of(id)).body;
  // fixture_now() is 2026-03-02 08:00 UTC = 15:00 in Vietnam.
  http::Response r =
      b.post(path_of(id) + "/thao-tac",
             {{"_csrf", csrf_in(page)}, {"action", "schedule"}, {"when", "2026-03-03T09:30"}});
  ASSERT_EQ(r.status, 303) << r.body;
  auto w = newsroom_->record(id);
  ASSERT_TRUE(w->scheduled_for.has_value());
  EXPECT_EQ(w->scheduled_for->time_since_epoch().count(), 1772505000);  // 02:30 UTC
  EXPECT_THAT(b.get(path_of(id)).body, HasSubstr("03/03/2026 09:30"));
}

TEST_F(ArticlesTest, TheEditPageSaysWhichRevisionIsLiveAndWhatWaits) {
  const content::Id id = article_in(ArticleStatus::kPublished, "Tin đã đăng");
  Browser b = as(content::Role::kEditor);
  std::string page = b.get(path_of(id)).body;
  EXPECT_THAT(page, HasSubstr("Đang hiển thị công khai: <strong>bản 1</strong>"));
  EXPECT_THAT(page, Not(HasSubstr("data-slot=\"pending\"")));
  http::Response r = b.post(path_of(id), {{"_csrf", csrf_in(page)},
                                          {"base_revision", base_in(page)},
                                          {"title", "Tin đã đăng (sửa)"},
                                          {"body", "<p>Nội dung sửa.</p>"},
                                          {"category_id", std::to_string(category_)}});
  ASSERT_EQ(r.status, 303) << r.body;
  page = b.get(path_of(id)).body;
  EXPECT_THAT(page, HasSubstr("Đang hiển thị công khai: <strong>bản 1</strong>"));
  EXPECT_THAT(page, HasSubstr("data-slot=\"pending\""));
  EXPECT_THAT(page, HasSubstr("Bản 2 mới hơn đang qua quy trình duyệt"));
  // The public page still shows revision 1.
  auto row = store_->articles().by_id(id);
  EXPECT_EQ(row->title, "Tin đã đăng");
}

TEST_F(ArticlesTest, ThePreviewIsThePublicArticlePage) {
  const content::Id id = article_in(ArticleStatus::kPublished, "Đoàn công tác thăm Lạng Sơn");
  auto row = store_->articles().by_id(id);
  Browser b = as(content::Role::kEditor);
  http::Response pub = b.get("/tin-tuc/" + row->slug);
  http::Response preview = b.get(path_of(id) + "/xem-truoc");
  ASSERT_EQ(pub.status, 200);
  ASSERT_EQ(preview.status, 200);
  EXPECT_EQ(preview.body, pub.body);
  EXPECT_FALSE(preview.cacheable);
  // A draft previews too, though the public site answers 404.
  const content::Id draft = article_in(ArticleStatus::kDraft, "Bản nháp chưa đăng");
  preview = b.get(path_of(draft) + "/xem-truoc");
  EXPECT_EQ(preview.status, 200);
  EXPECT_THAT(preview.body, HasSubstr("Bản nháp chưa đăng"));
  EXPECT_EQ(b.get("/tin-tuc/" + store_->articles().by_id(draft)->slug).status, 404);
}

TEST_F(ArticlesTest, TheListFiltersByStateAndOwnerAndTheStartPageHasQueues) {
  article_in(ArticleStatus::kDraft, "Bản nháp một");
  article_in(ArticleStatus::kSubmitted, "Bài chờ biên tập");
  article_in(ArticleStatus::kReturned, "Bài bị trả lại");
  Browser ed = as(content::Role::kEditor);
  std::string list = ed.get("/admin/bai-viet?trang-thai=submitted").body;
  EXPECT_THAT(list, HasSubstr("Bài chờ biên tập"));
  EXPECT_THAT(list, Not(HasSubstr("Bản nháp một")));
  list = ed.get("/admin/bai-viet?cua-toi=1").body;
  EXPECT_THAT(list, HasSubstr("Không có bài viết nào phù hợp."));
  list = ed.get("/admin/bai-viet?chuyen-muc=" + std::to_string(category_)).body;
  EXPECT_THAT(list, HasSubstr("Bản nháp một"));
  EXPECT_THAT(ed.get("/admin").body, HasSubstr("Bài chờ biên tập"));

  Browser rep = as(content::Role::kReporter);
  const std::string start = rep.get("/admin").body;
  EXPECT_THAT(start, HasSubstr("Bài nháp của tôi"));
  EXPECT_THAT(start, HasSubstr("Bản nháp một"));
  EXPECT_THAT(start, HasSubstr("Cần sửa."));                                   // the return comment
  EXPECT_THAT(rep.get("/admin").body, HasSubstr("href=\"/admin/bai-viet\""));  // nav

  // An imported article (no workflow record yet) is listed among the published ones, and
  // opening it adopts it into the workflow.
  content::Article imported;
  imported.title = "Bài nhập từ hệ thống cũ";
  imported.slug = "bai-nhap-tu-he-thong-cu";
  imported.body_html = "<p>Nội dung cũ.</p>";
  imported.category_id = category_;
  imported.status = ArticleStatus::kPublished;
  imported.published_at = clock_.now() - std::chrono::hours(1);
  auto imported_id = store_->articles().create(imported);
  ASSERT_TRUE(imported_id.ok());
  list = ed.get("/admin/bai-viet?trang-thai=published").body;
  EXPECT_THAT(list, HasSubstr("Bài nhập từ hệ thống cũ"));
  EXPECT_THAT(ed.get(path_of(*imported_id)).body, HasSubstr("Đang hiển thị công khai"));

  // Administrators take no part in the workflow.
  EXPECT_EQ(as(content::Role::kAdmin).get("/admin/bai-viet").status, 403);
}

TEST_F(ArticlesTest, RevisionsCompareAndRestore) {
  const content::Id id = article_in(ArticleStatus::kDraft, "Tin gốc");
  Browser b = as(content::Role::kReporter);
  std::string page = b.get(path_of(id)).body;
  ASSERT_EQ(b.post(path_of(id), {{"_csrf", csrf_in(page)},
                                 {"base_revision", base_in(page)},
                                 {"title", "Tin đã sửa"},
                                 {"body", "<p>Nội dung bài.</p>"},
                                 {"category_id", std::to_string(category_)}})
                .status,
            303);
  auto revs = newsroom_->revisions(id);
  ASSERT_EQ(revs->size(), 2u);
  http::Response diff = b.get(path_of(id) + "/so-sanh?tu=" + std::to_string(revs->back().id) +
                              "&den=" + std::to_string(revs->front().id));
  EXPECT_EQ(diff.status, 200);
  EXPECT_THAT(diff.body, HasSubstr("<del> gốc</del>"));
  EXPECT_THAT(diff.body, HasSubstr("<ins> đã sửa</ins>"));
  page = b.get(path_of(id)).body;
  http::Response r =
      b.post(path_of(id) + "/khoi-phuc-ban", {{"_csrf", csrf_in(page)},
                                              {"revision", std::to_string(revs->back().id)},
                                              {"base_revision", base_in(page)}});
  EXPECT_EQ(r.status, 303);
  auto head = newsroom_->revision(newsroom_->record(id)->head_revision_id);
  EXPECT_EQ(head->content.title, "Tin gốc");
  EXPECT_EQ(head->number, 3);
}

TEST_F(ArticlesTest, UnknownArticlesAre404) {
  Browser b = as(content::Role::kEditor);
  EXPECT_EQ(b.get("/admin/bai-viet/999999").status, 404);
  EXPECT_EQ(b.get("/admin/bai-viet/abc").status, 404);
  EXPECT_EQ(b.get("/admin/bai-viet/999999/xem-truoc").status, 404);
}

}  // namespace
}  // namespace congtin::admin
