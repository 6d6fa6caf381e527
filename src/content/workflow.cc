#include "content/workflow.h"

#include <cstdint>

namespace congtin::content {

namespace {

using A = WorkflowAction;
using S = ArticleStatus;

constexpr std::uint8_t bit(Role r) { return static_cast<std::uint8_t>(1u << static_cast<int>(r)); }
constexpr std::uint8_t kChief = bit(Role::kChiefEditor);
constexpr std::uint8_t kEditors = bit(Role::kEditor) | kChief;
constexpr std::uint8_t kWriters =
    bit(Role::kContributor) | bit(Role::kReporter) | bit(Role::kEditor) | kChief;

struct Rule {
  S from;
  A action;
  S to;
  std::uint8_t roles;  // who may
  bool author_only;    // and, among them, only the author of the working copy
  bool comment_required;
};

// The whole workflow. A (state, action) pair that is not here is refused for everyone.
constexpr Rule kRules[] = {
    // Writing: the author owns a draft until it is submitted; then editors, then the chief.
    {S::kDraft, A::kEdit, S::kDraft, kWriters, true, false},
    {S::kReturned, A::kEdit, S::kReturned, kWriters, true, false},
    {S::kSubmitted, A::kEdit, S::kSubmitted, kEditors, false, false},
    {S::kReview, A::kEdit, S::kReview, kChief, false, false},
    {S::kScheduled, A::kEdit, S::kScheduled, kChief, false, false},
    // Editing what is live starts a new working copy; the live revision stays until approved.
    {S::kPublished, A::kEdit, S::kDraft, kWriters, false, false},
    {S::kTakenDown, A::kEdit, S::kDraft, kEditors, false, false},

    {S::kDraft, A::kSubmit, S::kSubmitted, kWriters, true, false},
    {S::kReturned, A::kSubmit, S::kSubmitted, kWriters, true, false},

    {S::kSubmitted, A::kReturn, S::kReturned, kEditors, false, true},
    {S::kReview, A::kReturn, S::kReturned, kChief, false, true},
    {S::kSubmitted, A::kPassOn, S::kReview, kEditors, false, false},

    {S::kSubmitted, A::kPublish, S::kPublished, kChief, false, false},
    {S::kReview, A::kPublish, S::kPublished, kChief, false, false},
    {S::kSubmitted, A::kSchedule, S::kScheduled, kChief, false, false},
    {S::kReview, A::kSchedule, S::kScheduled, kChief, false, false},
    {S::kScheduled, A::kUnschedule, S::kReview, kChief, false, false},

    {S::kPublished, A::kTakeDown, S::kTakenDown, kChief, false, true},
    {S::kTakenDown, A::kRestore, S::kPublished, kChief, false, false},
};

struct ActionName {
  A action;
  std::string_view code;
  std::string_view label;
};
constexpr ActionName kActionNames[] = {
    {A::kEdit, "edit", "Lưu bản sửa"},
    {A::kSubmit, "submit", "Gửi biên tập"},
    {A::kReturn, "return", "Trả lại"},
    {A::kPassOn, "pass_on", "Chuyển duyệt"},
    {A::kPublish, "publish", "Duyệt và xuất bản"},
    {A::kSchedule, "schedule", "Hẹn giờ xuất bản"},
    {A::kUnschedule, "unschedule", "Hủy hẹn giờ"},
    {A::kTakeDown, "take_down", "Gỡ xuống"},
    {A::kRestore, "restore", "Khôi phục"},
};

std::string quoted(std::string_view s) { return "“" + std::string(s) + "”"; }

}  // namespace

std::string_view action_code(WorkflowAction a) {
  for (const auto& n : kActionNames)
    if (n.action == a) return n.code;
  return "";
}

std::optional<WorkflowAction> action_from_code(std::string_view code) {
  for (const auto& n : kActionNames)
    if (n.code == code) return n.action;
  return std::nullopt;
}

std::string_view action_label_vi(WorkflowAction a) {
  for (const auto& n : kActionNames)
    if (n.action == a) return n.label;
  return "";
}

std::string_view status_label_vi(ArticleStatus s) {
  switch (s) {
    case S::kDraft:
      return "Nháp";
    case S::kSubmitted:
      return "Chờ biên tập";
    case S::kReview:
      return "Chờ duyệt";
    case S::kScheduled:
      return "Hẹn giờ";
    case S::kPublished:
      return "Đã xuất bản";
    case S::kReturned:
      return "Trả lại";
    case S::kTakenDown:
      return "Gỡ xuống";
  }
  return "";
}

bool may_create(Role role) { return (kWriters & bit(role)) != 0; }

Result<Transition> check(Role role, bool actor_is_author, ArticleStatus from,
                         WorkflowAction action) {
  for (const Rule& r : kRules) {
    if (r.from != from || r.action != action) continue;
    if ((r.roles & bit(role)) == 0) {
      return Error{ErrorKind::kPermissionDenied,
                   "Tài khoản " + quoted(role_label_vi(role)) + " không được " +
                       quoted(action_label_vi(action)) + " bài viết đang ở trạng thái " +
                       quoted(status_label_vi(from)) + "."};
    }
    if (r.author_only && !actor_is_author) {
      return Error{ErrorKind::kPermissionDenied,
                   "Chỉ người viết bài mới được " + quoted(action_label_vi(action)) +
                       " khi bài đang ở trạng thái " + quoted(status_label_vi(from)) + "."};
    }
    return Transition{action, from, r.to, r.comment_required};
  }
  return Error::conflict("Không thể " + quoted(action_label_vi(action)) +
                         " khi bài viết đang ở trạng thái " + quoted(status_label_vi(from)) + ".");
}

}  // namespace congtin::content
