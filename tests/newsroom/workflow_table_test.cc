// The workflow as a table: every role × every action × every state × author or not, allowed
// or refused, with the refusal kind the HTTP layer turns into 403 (kPermissionDenied) or 409
// (kConflict). The expectation below is written out by hand from the issue, not derived from
// the code's table.
#include <gtest/gtest.h>

#include <string>

#include "content/workflow.h"

namespace congtin::content {
namespace {

using A = WorkflowAction;
using S = ArticleStatus;

struct Expected {
  S from;
  A action;
  const char* author;  // roles allowed when the actor started the working copy
  const char* other;   // roles allowed otherwise; c r e h a = cộng tác viên, phóng viên,
                       // biên tập viên, trưởng ban, quản trị
  S to;
  bool comment = false;
};

// Anything not listed is refused for everyone with kConflict.
constexpr Expected kExpected[] = {
    {S::kDraft, A::kEdit, "creh", "", S::kDraft},
    {S::kReturned, A::kEdit, "creh", "", S::kReturned},
    {S::kSubmitted, A::kEdit, "eh", "eh", S::kSubmitted},
    {S::kReview, A::kEdit, "h", "h", S::kReview},
    {S::kScheduled, A::kEdit, "h", "h", S::kScheduled},
    {S::kPublished, A::kEdit, "creh", "creh", S::kDraft},
    {S::kTakenDown, A::kEdit, "eh", "eh", S::kDraft},
    {S::kDraft, A::kSubmit, "creh", "", S::kSubmitted},
    {S::kReturned, A::kSubmit, "creh", "", S::kSubmitted},
    {S::kSubmitted, A::kReturn, "eh", "eh", S::kReturned, true},
    {S::kReview, A::kReturn, "h", "h", S::kReturned, true},
    {S::kSubmitted, A::kPassOn, "eh", "eh", S::kReview},
    {S::kSubmitted, A::kPublish, "h", "h", S::kPublished},
    {S::kReview, A::kPublish, "h", "h", S::kPublished},
    {S::kSubmitted, A::kSchedule, "h", "h", S::kScheduled},
    {S::kReview, A::kSchedule, "h", "h", S::kScheduled},
    {S::kScheduled, A::kUnschedule, "h", "h", S::kReview},
    {S::kPublished, A::kTakeDown, "h", "h", S::kTakenDown, true},
    {S::kTakenDown, A::kRestore, "h", "h", S::kPublished},
};

char letter(Role r) {
  switch (r) {
    case Role::kContributor:
      return 'c';
    case Role::kReporter:
      return 'r';
    case Role::kEditor:
      return 'e';
    case Role::kChiefEditor:
      return 'h';
    case Role::kAdmin:
      return 'a';
  }
  return '?';
}

const Expected* find(S from, A action) {
  for (const auto& e : kExpected)
    if (e.from == from && e.action == action) return &e;
  return nullptr;
}

TEST(WorkflowTable, EveryRoleActionStateAndAuthorship) {
  int allowed = 0, denied = 0, conflict = 0;
  for (Role role : kAllRoles) {
    for (A action : kAllWorkflowActions) {
      for (S from : kAllArticleStatuses) {
        for (bool author : {true, false}) {
          const std::string where = std::string(role_code(role)) + " " +
                                    std::string(action_code(action)) + " from " +
                                    std::string(status_code(from)) + (author ? " (author)" : "");
          auto got = check(role, author, from, action);
          const Expected* e = find(from, action);
          if (e == nullptr) {
            ASSERT_FALSE(got.ok()) << where;
            EXPECT_EQ(got.error().kind, ErrorKind::kConflict) << where;
            EXPECT_FALSE(got.error().message.empty());
            ++conflict;
            continue;
          }
          const std::string roles = author ? e->author : e->other;
          if (roles.find(letter(role)) != std::string::npos) {
            ASSERT_TRUE(got.ok()) << where << ": " << got.error().message;
            EXPECT_EQ(got->from, from) << where;
            EXPECT_EQ(got->to, e->to) << where;
            EXPECT_EQ(got->action, action) << where;
            EXPECT_EQ(got->comment_required, e->comment) << where;
            ++allowed;
          } else {
            ASSERT_FALSE(got.ok()) << where;
            EXPECT_EQ(got.error().kind, ErrorKind::kPermissionDenied) << where;
            ++denied;
          }
        }
      }
    }
  }
  EXPECT_EQ(allowed + denied + conflict, 5 * 9 * 7 * 2);
  EXPECT_GT(allowed, 40);
}

TEST(WorkflowTable, AdministratorsTakeNoPartInTheWorkflow) {
  EXPECT_FALSE(may_create(Role::kAdmin));
  for (Role r : {Role::kContributor, Role::kReporter, Role::kEditor, Role::kChiefEditor})
    EXPECT_TRUE(may_create(r)) << role_code(r);
  for (A action : kAllWorkflowActions)
    for (S from : kAllArticleStatuses) EXPECT_FALSE(check(Role::kAdmin, true, from, action).ok());
}

TEST(WorkflowTable, RefusalsSayWhyInVietnamese) {
  auto denied = check(Role::kReporter, true, S::kReview, A::kPublish);
  ASSERT_FALSE(denied.ok());
  EXPECT_EQ(denied.error().message,
            "Tài khoản “Phóng viên” không được “Duyệt và xuất bản” bài viết đang ở trạng thái "
            "“Chờ duyệt”.");
  auto not_author = check(Role::kEditor, false, S::kDraft, A::kSubmit);
  ASSERT_FALSE(not_author.ok());
  EXPECT_NE(not_author.error().message.find("Chỉ người viết bài"), std::string::npos);
  auto wrong_state = check(Role::kChiefEditor, true, S::kDraft, A::kPublish);
  ASSERT_FALSE(wrong_state.ok());
  EXPECT_EQ(wrong_state.error().message,
            "Không thể “Duyệt và xuất bản” khi bài viết đang ở trạng thái “Nháp”.");
}

TEST(WorkflowTable, CodesRoundTripAndLabelsAreVietnamese) {
  for (A a : kAllWorkflowActions) {
    EXPECT_EQ(action_from_code(action_code(a)), a);
    EXPECT_FALSE(action_label_vi(a).empty());
  }
  EXPECT_FALSE(action_from_code("delete").has_value());
  EXPECT_EQ(status_label_vi(S::kSubmitted), "Chờ biên tập");
  EXPECT_EQ(status_label_vi(S::kReview), "Chờ duyệt");
  EXPECT_EQ(status_label_vi(S::kTakenDown), "Gỡ xuống");
}

}  // namespace
}  // namespace congtin::content
