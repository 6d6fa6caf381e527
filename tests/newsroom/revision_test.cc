// Revisions: every save is one, concurrent saves lose nothing, a published article's edit
// waits while the live one stays, restore, diff between revisions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "newsroom_fixture.h"

namespace congtin::content::testing {
namespace {

class RevisionTest : public NewsroomTest {};

TEST_F(RevisionTest, EverySaveIsANumberedRevision) {
  auto w = svc().create_draft(reporter, content("Bản 1"));
  ASSERT_TRUE(w.ok());
  Id head = w->head_revision_id;
  for (int i = 2; i <= 4; ++i) {
    auto r = svc().save(reporter, w->article_id, head, content("Bản " + std::to_string(i)));
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->number, i);
    EXPECT_EQ(r->based_on, head);
    head = r->id;
  }
  auto revs = svc().revisions(w->article_id);
  ASSERT_TRUE(revs.ok());
  ASSERT_EQ(revs->size(), 4u);
  EXPECT_EQ((*revs)[0].content.title, "Bản 4");  // newest first
  EXPECT_EQ((*revs)[3].content.title, "Bản 1");
  EXPECT_EQ((*revs)[0].content.slug, "ban-1");  // the slug stays unless changed on purpose
}

TEST_F(RevisionTest, SecondOfTwoSavesOnTheSameBaseGetsConflictAndLosesNothing) {
  const Id id = reviewed_draft(reporter, "Hội thảo biên giới");
  ASSERT_TRUE(svc().return_to_author(chief, id, "Viết lại phần mở đầu").ok());
  ASSERT_TRUE(svc().submit(reporter, id).ok());  // back in Chờ biên tập: editors may edit
  auto rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  const Id base = rec->head_revision_id;

  auto first = svc().save(editor, id, base, content("Hội thảo về quản lý biên giới"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  SaveConflict conflict;
  auto second =
      svc().save(editor2, id, base, content("Hội thảo biên giới Việt – Trung"), &conflict);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind, ErrorKind::kConflict);
  EXPECT_NE(second.error().message.find("btv.hoa"), std::string::npos) << second.error().message;
  EXPECT_EQ(conflict.theirs.id, first->id);
  EXPECT_EQ(conflict.theirs.content.title, "Hội thảo về quản lý biên giới");
  EXPECT_EQ(conflict.yours.content.title, "Hội thảo biên giới Việt – Trung");
  EXPECT_EQ(conflict.yours.author_name, "btv.son");

  rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->head_revision_id, first->id);    // the first save is the head
  auto kept = svc().revision(conflict.yours.id);  // the second is stored, not the head
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->content.title, "Hội thảo biên giới Việt – Trung");
  auto d = svc().diff(first->id, conflict.yours.id);
  ASSERT_TRUE(d.ok());
  ASSERT_FALSE(d->empty());
  EXPECT_EQ((*d)[0].field, "title");
}

TEST_F(RevisionTest, RacingSavesOnTwoThreadsHaveExactlyOneWinner) {
  const Id id = reviewed_draft(reporter, "Tin đua");
  ASSERT_TRUE(svc().return_to_author(chief, id, "Sửa").ok());
  ASSERT_TRUE(svc().submit(reporter, id).ok());
  auto rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  const Id base = rec->head_revision_id;
  std::atomic<int> ok{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      auto r =
          svc().save(i % 2 ? editor : editor2, id, base, content("Phiên bản " + std::to_string(i)));
      if (r.ok())
        ++ok;
      else if (r.error().kind == ErrorKind::kConflict)
        ++conflicts;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(conflicts.load(), 3);
  auto revs = svc().revisions(id);
  ASSERT_TRUE(revs.ok());
  EXPECT_EQ(revs->size(), 1u + 4u);  // nothing lost
}

TEST_F(RevisionTest, EditingAPublishedArticleWaitsForApprovalWhileTheLiveOneStays) {
  const Id id = reviewed_draft(reporter, "Lịch làm việc tuần 24");
  ASSERT_TRUE(svc().publish(chief, id).ok());
  take_events();
  auto rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  const Id live = *rec->live_revision_id;
  EXPECT_FALSE(rec->has_pending());

  auto edit = content("Lịch làm việc tuần 24 (điều chỉnh)");
  edit.slug = "lich-lam-viec-tuan-24-dieu-chinh";
  auto r = svc().save(reporter2, id, live, edit);
  ASSERT_TRUE(r.ok()) << r.error().message;
  rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  EXPECT_TRUE(rec->has_pending());
  EXPECT_EQ(rec->live_revision_id, live);
  EXPECT_EQ(rec->state, ArticleStatus::kDraft);
  EXPECT_EQ(rec->live_state(), ArticleStatus::kPublished);
  EXPECT_EQ(rec->owner_id, reporter2.user_id);  // whoever started the edit owns it
  EXPECT_TRUE(take_events().empty());
  EXPECT_THAT(public_titles(), ::testing::ElementsAre("Lịch làm việc tuần 24"));
  auto row = store_->articles().by_id(id);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->slug, "lich-lam-viec-tuan-24");
  EXPECT_EQ(row->status, ArticleStatus::kPublished);
  const auto published_at = row->published_at;

  clock_.advance(std::chrono::hours(2));
  ASSERT_TRUE(svc().submit(reporter2, id).ok());
  ASSERT_TRUE(svc().pass_on(editor, id).ok());
  EXPECT_THAT(public_titles(), ::testing::ElementsAre("Lịch làm việc tuần 24"));
  ASSERT_TRUE(svc().publish(chief, id).ok());
  auto events = take_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kArticleUpdated);
  EXPECT_EQ(events[0].slug, "lich-lam-viec-tuan-24-dieu-chinh");
  EXPECT_EQ(events[0].old_slug, "lich-lam-viec-tuan-24");
  EXPECT_THAT(public_titles(), ::testing::ElementsAre("Lịch làm việc tuần 24 (điều chỉnh)"));
  row = store_->articles().by_id(id);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->published_at, published_at);  // an update keeps the first publication time
  EXPECT_EQ(row->updated_at, clock_.now());
  auto moved = store_->articles().by_old_slug("lich-lam-viec-tuan-24");
  ASSERT_TRUE(moved.ok());  // the old address redirects
  EXPECT_EQ(moved->id, id);
  rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  EXPECT_FALSE(rec->has_pending());
  EXPECT_EQ(rec->live_revision_id, r->id);
}

TEST_F(RevisionTest, RestoreMakesAnOldRevisionTheNewHead) {
  auto w = svc().create_draft(reporter, content("Tiêu đề gốc", "<p>Đoạn văn gốc.</p>"));
  ASSERT_TRUE(w.ok());
  auto v2 = svc().save(reporter, w->article_id, w->head_revision_id,
                       content("Tiêu đề sửa", "<p>Đoạn văn đã sửa.</p>"));
  ASSERT_TRUE(v2.ok());
  auto v3 = svc().restore_revision(reporter, w->article_id, w->head_revision_id, v2->id);
  ASSERT_TRUE(v3.ok()) << v3.error().message;
  EXPECT_EQ(v3->number, 3);
  EXPECT_EQ(v3->content.title, "Tiêu đề gốc");
  EXPECT_EQ(v3->note, "Khôi phục từ bản 1");
  auto d = svc().diff(v2->id, v3->id);
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->size(), 2u);
  EXPECT_EQ((*d)[1].field, "body");
  // Restoring from a stale base is a conflict like any save.
  EXPECT_EQ(error_kind(svc().restore_revision(reporter, w->article_id, v2->id, v2->id)),
            ErrorKind::kConflict);
  auto other = svc().create_draft(reporter, content("Bài khác"));
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(error_kind(svc().diff(v2->id, other->head_revision_id)), ErrorKind::kInvalidArgument);
}

}  // namespace
}  // namespace congtin::content::testing
