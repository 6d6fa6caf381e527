// The newsroom's approval workflow as pure rules: which role may take which action on an
// article in which state, and what state it leads to. No storage, no clock: NewsroomService
// (content/newsroom_service.h) asks check() before every write, and the back office asks it
// to decide which buttons to show; the HTTP layer answers a refusal with 403 (or 409).
//
//   Nháp ──submit──▶ Chờ biên tập ──pass on──▶ Chờ duyệt ──publish──▶ Đã xuất bản
//     ▲                 │  │  └──────publish / schedule (trưởng ban)──┐     │ take down
//     │ edit            │  └return (comment)─▶ Trả lại ──submit──▶ …  ▼     ▼ (reason)
//   Trả lại ◀─return────┘                             Hẹn giờ ──(time)──▶  Gỡ xuống ──restore─▶
//
// Two states per article are in play: the working state (of the newest revision, the one
// being edited and approved) and the live state (of what the public site shows: published,
// taken down, or nothing yet). Editing a published article starts a new working copy in
// Nháp while the live one stays; take down and restore act on the live state, every other
// action on the working state. The caller passes the state the action acts on.
//
// "Author" means the person who started the working copy (who wrote the draft, or who began
// editing a published article); a returned article goes back to them.
//
// Thread-safe: pure functions over constants.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "content/model.h"
#include "content/roles.h"
#include "core/result.h"

namespace congtin::content {

enum class WorkflowAction {
  kEdit,    // save a new revision (the state stays, except as noted in check())
  kSubmit,  // Gửi biên tập: Nháp / Trả lại → Chờ biên tập
  kReturn,  // Trả lại: Chờ biên tập / Chờ duyệt → Trả lại; a comment is required
  kPassOn,  // Chuyển duyệt: Chờ biên tập → Chờ duyệt
  kPublish,     // Duyệt và xuất bản: Chờ biên tập / Chờ duyệt → Đã xuất bản
  kSchedule,    // Hẹn giờ xuất bản: Chờ biên tập / Chờ duyệt → Hẹn giờ
  kUnschedule,  // Hủy hẹn giờ: Hẹn giờ → Chờ duyệt
  kTakeDown,    // Gỡ xuống: (live) Đã xuất bản → Gỡ xuống; a reason is required
  kRestore,     // Khôi phục: (live) Gỡ xuống → Đã xuất bản
};

inline constexpr std::array<WorkflowAction, 9> kAllWorkflowActions = {
    WorkflowAction::kEdit,       WorkflowAction::kSubmit,   WorkflowAction::kReturn,
    WorkflowAction::kPassOn,     WorkflowAction::kPublish,  WorkflowAction::kSchedule,
    WorkflowAction::kUnschedule, WorkflowAction::kTakeDown, WorkflowAction::kRestore};

inline constexpr std::array<ArticleStatus, 7> kAllArticleStatuses = {
    ArticleStatus::kDraft,     ArticleStatus::kSubmitted, ArticleStatus::kReview,
    ArticleStatus::kScheduled, ArticleStatus::kPublished, ArticleStatus::kReturned,
    ArticleStatus::kTakenDown};

// Stored form ("edit", "submit", "return", "pass_on", "publish", "schedule", "unschedule",
// "take_down", "restore") and its inverse; plus the Vietnamese label of the button.
std::string_view action_code(WorkflowAction a);
std::optional<WorkflowAction> action_from_code(std::string_view code);
std::string_view action_label_vi(WorkflowAction a);  // "Gửi biên tập", "Trả lại", ...

// "Nháp", "Chờ biên tập", "Chờ duyệt", "Hẹn giờ", "Đã xuất bản", "Trả lại", "Gỡ xuống".
std::string_view status_label_vi(ArticleStatus s);

// The outcome of an allowed action.
struct Transition {
  WorkflowAction action;
  ArticleStatus from;
  ArticleStatus to;
  bool comment_required = false;  // kReturn (the comment) and kTakeDown (the reason)
};

// May an account of `role` write new articles at all? (Every role but kAdmin.)
bool may_create(Role role);

// The rule table. Allowed: the transition. Refused:
//   kPermissionDenied — the action exists in this state but not for this role or for a
//                       non-author (HTTP 403); the message, in Vietnamese, says who may.
//   kConflict         — the action makes no sense in this state, for anyone (HTTP 409),
//                       e.g. publishing a draft that was never submitted.
// Administrators take no part in the workflow (separation of duties: the IT officer runs
// the site, the board decides what it says).
Result<Transition> check(Role role, bool actor_is_author, ArticleStatus from,
                         WorkflowAction action);

// Who is acting, as the workflow needs to know it.
struct Actor {
  Id user_id = 0;
  std::string name;  // username or display name, kept in the record if the user goes
  Role role = Role::kContributor;
  std::string address;  // the client's address, for the audit log; may be empty
};

}  // namespace congtin::content
