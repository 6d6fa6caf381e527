// NewsroomService over a real SQLite file: the whole approval path, refusals that change
// nothing, take-down and restore, queues, adoption of imported articles.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "newsroom_fixture.h"

namespace congtin::content::testing {
namespace {

using ::testing::ElementsAre;

class FlowTest : public NewsroomTest {};

TEST_F(FlowTest, ReporterWritesEditorReturnsReporterFixesChiefPublishes) {
  auto w = svc().create_draft(reporter, content("Đoàn công tác tỉnh Quảng Tây thăm Lạng Sơn"));
  ASSERT_TRUE(w.ok()) << w.error().message;
  const Id id = w->article_id;
  EXPECT_EQ(w->state, ArticleStatus::kDraft);
  EXPECT_EQ(w->owner_id, reporter.user_id);
  EXPECT_FALSE(w->live_revision_id);

  ASSERT_TRUE(svc().submit(reporter, id).ok());
  auto q = svc().queues(editor);
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->waiting.size(), 1u);
  EXPECT_EQ(q->waiting[0].title, "Đoàn công tác tỉnh Quảng Tây thăm Lạng Sơn");

  // A return needs a comment; an empty or blank one changes nothing.
  EXPECT_EQ(error_kind(svc().return_to_author(editor, id, "  ")), ErrorKind::kInvalidArgument);
  ASSERT_TRUE(svc().return_to_author(editor, id, "Bổ sung chú thích ảnh").ok());
  q = svc().queues(reporter);
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->returned.size(), 1u);
  EXPECT_EQ(q->returned[0].last_comment, "Bổ sung chú thích ảnh");
  EXPECT_TRUE(q->drafts.empty());

  auto rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  auto fixed = content("Đoàn công tác tỉnh Quảng Tây thăm Lạng Sơn");
  fixed.cover_caption = "Quang cảnh buổi làm việc";
  ASSERT_TRUE(svc().save(reporter, id, rec->head_revision_id, fixed).ok());
  ASSERT_TRUE(svc().submit(reporter, id).ok());
  ASSERT_TRUE(svc().pass_on(editor, id).ok());
  q = svc().queues(chief);
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->waiting.size(), 1u);

  EXPECT_TRUE(public_titles().empty());
  EXPECT_TRUE(take_events().empty());
  clock_.advance(std::chrono::minutes(5));
  ASSERT_TRUE(svc().publish(chief, id).ok());
  auto events = take_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kArticlePublished);
  EXPECT_EQ(events[0].article_id, id);
  EXPECT_EQ(events[0].category_id, category_);
  EXPECT_THAT(public_titles(), ElementsAre("Đoàn công tác tỉnh Quảng Tây thăm Lạng Sơn"));
  auto row = store_->articles().by_id(id);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->cover_caption, "Quang cảnh buổi làm việc");
  EXPECT_EQ(row->published_at, clock_.now());

  auto h = svc().history(id);
  ASSERT_TRUE(h.ok());
  ASSERT_EQ(h->size(), 5u);
  const auto& ret = (*h)[1];
  EXPECT_EQ(ret.action, WorkflowAction::kReturn);
  EXPECT_EQ(ret.actor_name, "btv.hoa");
  EXPECT_EQ(ret.from, ArticleStatus::kSubmitted);
  EXPECT_EQ(ret.to, ArticleStatus::kReturned);
  EXPECT_EQ(ret.comment, "Bổ sung chú thích ảnh");
  EXPECT_EQ(h->back().action, WorkflowAction::kPublish);
  EXPECT_EQ(h->back().at, clock_.now());

  AuditQuery aq;
  aq.target_type = "article";
  aq.target_id = id;
  auto audit = newsroom_->audit().list(aq);
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 5u);
  EXPECT_EQ(audit->back().address, "203.0.113.5");  // oldest: the reporter's submit
  EXPECT_EQ(audit->front().actor_name, "tb.nam");
  EXPECT_EQ(audit->front().detail, "Duyệt và xuất bản: Chờ duyệt → Đã xuất bản");
}

TEST_F(FlowTest, RefusedActionsChangeNothing) {
  const Id id = reviewed_draft(reporter, "Hội nghị xúc tiến đầu tư");
  EXPECT_EQ(error_kind(svc().publish(reporter, id)), ErrorKind::kPermissionDenied);
  EXPECT_EQ(error_kind(svc().publish(editor, id)), ErrorKind::kPermissionDenied);
  EXPECT_EQ(error_kind(svc().publish(admin, id)), ErrorKind::kPermissionDenied);
  EXPECT_EQ(error_kind(svc().submit(reporter, id)), ErrorKind::kConflict);
  EXPECT_EQ(error_kind(svc().take_down(chief, id, "Sai")), ErrorKind::kConflict);  // not live
  auto rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->state, ArticleStatus::kReview);
  EXPECT_EQ(error_kind(svc().save(reporter, id, rec->head_revision_id, content("Sửa"))),
            ErrorKind::kPermissionDenied);
  auto h = svc().history(id);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->size(), 2u);
  EXPECT_TRUE(take_events().empty());
  auto revs = svc().revisions(id);
  ASSERT_TRUE(revs.ok());
  EXPECT_EQ(revs->size(), 1u);
}

TEST_F(FlowTest, DraftsArePrivateToTheirAuthor) {
  auto w = svc().create_draft(reporter, content("Bản nháp riêng"));
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(error_kind(svc().save(reporter2, w->article_id, w->head_revision_id, content("X"))),
            ErrorKind::kPermissionDenied);
  EXPECT_EQ(error_kind(svc().submit(editor, w->article_id)), ErrorKind::kPermissionDenied);
  EXPECT_EQ(error_kind(svc().create_draft(admin, content("Quản trị viết bài"))),
            ErrorKind::kPermissionDenied);
}

// The back office's list by category: the head revision's category, with the categories
// below it at any depth, filtered in the query (not among the newest 1,000 records only).
TEST_F(FlowTest, WorkflowListFiltersByTheHeadRevisionsCategoryAndThoseBelowIt) {
  auto category = [&](std::string slug, std::optional<Id> parent) {
    Category c;
    c.name = slug;
    c.slug = std::move(slug);
    c.parent_id = parent;
    auto id = store_->categories().create(c);
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  };
  const Id child = category("bien-gioi", category_), grandchild = category("cua-khau", child);
  const Id other = category("thong-bao", std::nullopt);
  auto draft = [&](std::string title, Id in) {
    ArticleContent c = content(std::move(title));
    c.category_id = in;
    auto w = svc().create_draft(reporter, c);
    EXPECT_TRUE(w.ok()) << w.error().message;
    return w.ok() ? *w : WorkflowRecord{};
  };
  draft("Ở trên", category_);
  draft("Ở giữa", child);
  const WorkflowRecord moved = draft("Ở dưới, rồi chuyển", grandchild);
  draft("Ở chỗ khác", other);
  auto titles = [&](std::optional<Id> in) {
    WorkflowQuery q;
    q.category_id = in;
    auto list = newsroom_->workflow().list(q);
    EXPECT_TRUE(list.ok()) << list.error().message;
    std::set<std::string> out;
    if (list.ok())
      for (const auto& w : *list) out.insert(w.title);
    return out;
  };
  using Titles = std::set<std::string>;
  EXPECT_EQ(titles(category_), (Titles{"Ở trên", "Ở giữa", "Ở dưới, rồi chuyển"}));
  EXPECT_EQ(titles(child), (Titles{"Ở giữa", "Ở dưới, rồi chuyển"}));
  EXPECT_EQ(titles(other), Titles{"Ở chỗ khác"});
  EXPECT_EQ(titles(std::nullopt).size(), 4u);
  // A saved revision that moves the article moves it in the list.
  ArticleContent c = content("Ở dưới, rồi chuyển");
  c.category_id = other;
  ASSERT_TRUE(svc().save(reporter, moved.article_id, moved.head_revision_id, c).ok());
  EXPECT_EQ(titles(child), Titles{"Ở giữa"});
  EXPECT_EQ(titles(other), (Titles{"Ở chỗ khác", "Ở dưới, rồi chuyển"}));
}

TEST_F(FlowTest, ContentIsValidatedAndCleaned) {
  EXPECT_EQ(error_kind(svc().create_draft(reporter, content("   "))), ErrorKind::kInvalidArgument);
  auto bad_slug = content("Tin mới");
  bad_slug.slug = "Tin Mới";
  EXPECT_EQ(error_kind(svc().create_draft(reporter, bad_slug)), ErrorKind::kInvalidArgument);
  auto bad_cat = content("Tin mới");
  bad_cat.category_id = 999;
  EXPECT_EQ(error_kind(svc().create_draft(reporter, bad_cat)), ErrorKind::kInvalidArgument);

  // Combining marks in, NFC out; scripts dropped; a slug made from the title, unique.
  auto w =
      svc().create_draft(reporter, content("  Vie\xCC\xA3\xCC\x82t   Nam  ",
                                           "<p onclick=\"x()\">Chào<script>alert(1)</script></p>"));
  ASSERT_TRUE(w.ok()) << w.error().message;
  auto rev = svc().revision(w->head_revision_id);
  ASSERT_TRUE(rev.ok());
  EXPECT_EQ(rev->content.title, "Việt Nam");
  EXPECT_EQ(rev->content.slug, "viet-nam");
  EXPECT_EQ(rev->content.body_html.find("script"), std::string::npos);
  EXPECT_EQ(rev->content.body_html.find("onclick"), std::string::npos);
  auto again = svc().create_draft(reporter, content("Việt Nam"));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->title, "Việt Nam");
  auto rev2 = svc().revision(again->head_revision_id);
  ASSERT_TRUE(rev2.ok());
  EXPECT_EQ(rev2->content.slug, "viet-nam-2");
}

TEST_F(FlowTest, TakeDownNeedsAReasonRemovesFromListingsAndRestoreBringsItBack) {
  const Id id = reviewed_draft(reporter, "Thông báo tuyển dụng");
  ASSERT_TRUE(svc().publish(chief, id).ok());
  take_events();
  EXPECT_EQ(error_kind(svc().take_down(chief, id, "")), ErrorKind::kInvalidArgument);
  EXPECT_EQ(error_kind(svc().take_down(editor, id, "Sai số liệu")), ErrorKind::kPermissionDenied);
  ASSERT_EQ(public_titles().size(), 1u);

  ASSERT_TRUE(svc().take_down(chief, id, "Sai số liệu").ok());
  auto events = take_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kArticleUnpublished);
  EXPECT_EQ(events[0].article_id, id);
  EXPECT_TRUE(public_titles().empty());
  ArticleQuery q;
  q.category_id = category_;
  auto n = store_->articles().count_published(q, clock_.now());
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0);
  auto row = store_->articles().by_id(id);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->status, ArticleStatus::kTakenDown);
  auto rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->state, ArticleStatus::kTakenDown);
  EXPECT_EQ(rec->last_comment, "Sai số liệu");

  ASSERT_TRUE(svc().restore(chief, id).ok());
  events = take_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kArticlePublished);
  EXPECT_EQ(public_titles().size(), 1u);
}

TEST_F(FlowTest, ImportedArticlesAreAdoptedOnFirstUse) {
  Article a;
  a.title = "Bài nhập từ hệ thống cũ";
  a.slug = "bai-nhap";
  a.category_id = category_;
  a.status = ArticleStatus::kPublished;
  a.published_at = at(1'700'000'000);
  a.created_at = a.updated_at = at(1'700'000'000);
  auto id = store_->articles().create(a);
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(svc().take_down(chief, *id, "Hết hiệu lực").ok());
  auto revs = svc().revisions(*id);
  ASSERT_TRUE(revs.ok());
  ASSERT_EQ(revs->size(), 1u);
  EXPECT_EQ((*revs)[0].content.title, "Bài nhập từ hệ thống cũ");
  EXPECT_TRUE(public_titles().empty());
  EXPECT_EQ(error_kind(svc().record(12345)), ErrorKind::kNotFound);
}

TEST_F(FlowTest, AllowedActionsAreTheButtonsToShow) {
  const Id id = reviewed_draft(reporter, "Lịch tiếp công dân");
  auto rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  EXPECT_THAT(svc().allowed_actions(chief, *rec),
              ElementsAre(WorkflowAction::kEdit, WorkflowAction::kReturn, WorkflowAction::kPublish,
                          WorkflowAction::kSchedule));
  EXPECT_TRUE(svc().allowed_actions(reporter, *rec).empty());
  EXPECT_TRUE(svc().allowed_actions(editor, *rec).empty());
}

}  // namespace
}  // namespace congtin::content::testing
