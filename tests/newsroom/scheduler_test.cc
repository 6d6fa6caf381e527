// Scheduling with a FakeClock: nothing before the time, published at start-up after
// downtime, within the minute while running; unscheduling stops it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <thread>

#include "content/scheduler.h"
#include "newsroom_fixture.h"

namespace congtin::content::testing {
namespace {

class SchedulerTest : public NewsroomTest {};

TEST_F(SchedulerTest, ScheduleNeedsAFutureTimeAndTheChief) {
  const Id id = reviewed_draft(reporter, "Thông báo nghỉ lễ");
  EXPECT_EQ(error_kind(svc().schedule(chief, id, clock_.now())), ErrorKind::kInvalidArgument);
  EXPECT_EQ(error_kind(svc().schedule(editor, id, clock_.now() + std::chrono::hours(1))),
            ErrorKind::kPermissionDenied);
  ASSERT_TRUE(svc().schedule(chief, id, clock_.now() + std::chrono::hours(1)).ok());
  auto row = store_->articles().by_id(id);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->status, ArticleStatus::kScheduled);
  EXPECT_TRUE(public_titles().empty());
}

TEST_F(SchedulerTest, DueArticlesArePublishedAtStartUpAfterDowntime) {
  const Id id = reviewed_draft(reporter, "Lễ kỷ niệm ngày thành lập");
  const Time when = clock_.now() + std::chrono::hours(1);
  ASSERT_TRUE(svc().schedule(chief, id, when).ok());
  auto none = svc().publish_due(clock_.now());
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);

  // The server was down across the scheduled time; it starts a day later.
  clock_.advance(std::chrono::hours(25));
  take_events();
  Scheduler scheduler(svc(), clock_, std::chrono::hours(1));
  auto first = scheduler.start();
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(*first, 1);
  scheduler.stop();
  auto events = take_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kArticlePublished);
  EXPECT_EQ(public_titles().size(), 1u);
  auto row = store_->articles().by_id(id);
  ASSERT_TRUE(row.ok());
  EXPECT_EQ(row->published_at, when);  // the planned time, not the start-up time
  auto h = svc().history(id);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->back().actor_id, 0);
  EXPECT_EQ(h->back().from, ArticleStatus::kScheduled);
  EXPECT_EQ(h->back().to, ArticleStatus::kPublished);
  // A second pass finds nothing more.
  auto again = svc().publish_due(clock_.now());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

TEST_F(SchedulerTest, GoesLiveWithinTheIntervalWhileRunning) {
  const Id id = reviewed_draft(reporter, "Hội chợ thương mại biên giới");
  ASSERT_TRUE(svc().schedule(chief, id, clock_.now() + std::chrono::seconds(45)).ok());
  Scheduler scheduler(svc(), clock_, std::chrono::milliseconds(20));
  auto first = scheduler.start();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_TRUE(public_titles().empty());
  clock_.advance(std::chrono::seconds(60));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (public_titles().empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  scheduler.stop();
  EXPECT_EQ(public_titles().size(), 1u);
  auto events = take_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].article_id, id);
}

TEST_F(SchedulerTest, UnscheduledArticlesStayOffline) {
  const Id id = reviewed_draft(reporter, "Tin hoãn");
  ASSERT_TRUE(svc().schedule(chief, id, clock_.now() + std::chrono::minutes(5)).ok());
  ASSERT_TRUE(svc().unschedule(chief, id).ok());
  clock_.advance(std::chrono::hours(1));
  auto n = svc().publish_due(clock_.now());
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 0);
  auto rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->state, ArticleStatus::kReview);
  EXPECT_FALSE(rec->scheduled_for);
  EXPECT_TRUE(public_titles().empty());
}

TEST_F(SchedulerTest, AScheduledUpdateReplacesTheLiveContentWhenDue) {
  const Id id = reviewed_draft(reporter, "Giờ làm việc mùa hè");
  ASSERT_TRUE(svc().publish(chief, id).ok());
  auto rec = svc().record(id);
  ASSERT_TRUE(rec.ok());
  ASSERT_TRUE(svc().save(editor, id, rec->head_revision_id, content("Giờ làm việc mùa đông")).ok());
  ASSERT_TRUE(svc().submit(editor, id).ok());
  ASSERT_TRUE(svc().schedule(chief, id, clock_.now() + std::chrono::minutes(10)).ok());
  take_events();
  EXPECT_THAT(public_titles(), ::testing::ElementsAre("Giờ làm việc mùa hè"));
  clock_.advance(std::chrono::minutes(11));
  auto n = svc().publish_due(clock_.now());
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 1);
  auto events = take_events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].kind, EventKind::kArticleUpdated);
  EXPECT_THAT(public_titles(), ::testing::ElementsAre("Giờ làm việc mùa đông"));
}

}  // namespace
}  // namespace congtin::content::testing
