// NewsroomService, the workflow half: transitions, going live, scheduling, reads and queues.
#include "content/newsroom_service.h"

#include <spdlog/spdlog.h>

#include "text/date.h"
#include "text/vietnamese.h"

namespace congtin::content {

namespace {

constexpr std::string_view kSchedulerName = "Hệ thống (hẹn giờ)";

// Puts the head revision on the site: the articles row takes its content. Appends the event
// the followers need: kArticleUpdated if the article was already public, else published.
Status go_live(NewsroomStore& store, WorkflowRecord& w, Time now,
               std::optional<Time> first_published_at, std::vector<Event>& events) {
  auto rev = store.revisions().by_id(w.head_revision_id);
  if (!rev) return rev.take_error();
  auto row = store.articles().by_id(w.article_id);
  if (!row) return row.take_error();
  const bool was_public = w.live_state() == ArticleStatus::kPublished;
  const std::string old_slug = row->slug;
  const Id old_category = row->category_id;
  apply_content(rev->content, *row);
  row->status = ArticleStatus::kPublished;
  if (!w.live_revision_id || !row->published_at)
    row->published_at = first_published_at.value_or(now);
  row->updated_at = now;
  if (auto u = store.articles().update(*row); !u) {
    if (u.error().kind == ErrorKind::kConflict) {
      return Error::conflict("Không thể xuất bản: đường dẫn “" + row->slug +
                             "” đã được bài viết khác sử dụng; hãy sửa đường dẫn rồi gửi lại.");
    }
    return u;
  }
  w.live_revision_id = w.head_revision_id;
  w.taken_down = false;
  w.state = ArticleStatus::kPublished;
  w.scheduled_for.reset();
  Event e;
  e.kind = was_public ? EventKind::kArticleUpdated : EventKind::kArticlePublished;
  e.article_id = row->id;
  e.slug = row->slug;
  e.category_id = row->category_id;
  if (was_public && old_slug != row->slug) e.old_slug = old_slug;
  if (was_public && old_category != row->category_id) e.old_category_id = old_category;
  events.push_back(std::move(e));
  return {};
}

// Sets the articles row's status (public or not) without touching its content.
Status set_row_status(NewsroomStore& store, Id id, ArticleStatus status, Time now,
                      std::vector<Event>* events) {
  auto row = store.articles().by_id(id);
  if (!row) return row.take_error();
  if (row->status == status) return {};
  row->status = status;
  row->updated_at = now;
  if (auto u = store.articles().update(*row); !u) return u;
  if (events != nullptr) {
    Event e;
    e.kind = status == ArticleStatus::kPublished ? EventKind::kArticlePublished
                                                 : EventKind::kArticleUnpublished;
    e.article_id = id;
    e.slug = row->slug;
    e.category_id = row->category_id;
    events->push_back(std::move(e));
  }
  return {};
}

AuditEntry audit_of(const TransitionRecord& t, std::string_view address) {
  std::string detail = std::string(action_label_vi(t.action)) + ": " +
                       std::string(status_label_vi(t.from)) + " → " +
                       std::string(status_label_vi(t.to));
  if (!t.comment.empty()) detail += ". " + t.comment;
  return {0,
          t.at,
          t.actor_id == 0 ? std::nullopt : std::optional<Id>(t.actor_id),
          t.actor_name,
          std::string(audit_action::kTransition),
          "article",
          t.article_id,
          std::move(detail),
          std::string(address)};
}

}  // namespace

void NewsroomService::after_commit(const std::vector<Event>& events,
                                   const std::vector<AuditEntry>& audit) {
  for (const Event& e : events) events_.publish(e);
  for (const AuditEntry& a : audit) {
    if (auto s = store_.audit().append(a); !s) {
      spdlog::error("audit log: cannot record \"{}\" on article {}: {}", a.detail,
                    a.target_id.value_or(0), s.error().message);
    }
  }
}

Status NewsroomService::act(const Actor& actor, Id article_id, WorkflowAction action,
                            std::string_view comment_in, std::optional<Time> when) {
  const Time now = clock_.now();
  const std::string comment = text::squash_spaces(text::to_nfc(comment_in));
  std::vector<Event> events;
  std::vector<AuditEntry> audit;
  Status s = store_.transaction([&]() -> Status {
    auto w = load(article_id);
    if (!w) return w.take_error();
    const bool on_live = action == WorkflowAction::kTakeDown || action == WorkflowAction::kRestore;
    const std::optional<ArticleStatus> from = on_live ? w->live_state() : w->state;
    if (!from) return Error::conflict("Bài viết chưa từng được xuất bản.");
    auto t = check(actor.role, w->owner_id == actor.user_id, *from, action);
    if (!t) return t.take_error();
    if (t->comment_required && comment.empty()) {
      return Error::invalid(action == WorkflowAction::kReturn
                                ? "Cần ghi nhận xét khi trả lại bài viết cho tác giả."
                                : "Cần ghi lý do khi gỡ bài viết xuống.");
    }
    WorkflowRecord next = *w;
    next.updated_at = now;
    switch (action) {
      case WorkflowAction::kSchedule:
        if (!when || *when <= now)
          return Error::invalid("Thời điểm hẹn giờ xuất bản phải ở sau thời điểm hiện tại.");
        next.state = ArticleStatus::kScheduled;
        next.scheduled_for = when;
        break;
      case WorkflowAction::kPublish:
        if (auto g = go_live(store_, next, now, std::nullopt, events); !g) return g;
        break;
      case WorkflowAction::kTakeDown:
        if (auto r = set_row_status(store_, article_id, ArticleStatus::kTakenDown, now, &events);
            !r)
          return r;
        next.taken_down = true;
        if (!w->has_pending()) next.state = ArticleStatus::kTakenDown;
        next.last_comment = comment;
        break;
      case WorkflowAction::kRestore:
        if (auto r = set_row_status(store_, article_id, ArticleStatus::kPublished, now, &events);
            !r)
          return r;
        next.taken_down = false;
        if (!w->has_pending()) next.state = ArticleStatus::kPublished;
        break;
      default:  // submit, return, pass on, unschedule: only the state moves
        next.state = t->to;
        next.scheduled_for.reset();
        next.last_comment = action == WorkflowAction::kReturn ? comment : "";
        break;
    }
    // A never-published article's row mirrors the working state (never kPublished here).
    if (!next.live_revision_id) {
      if (auto r = set_row_status(store_, article_id, next.state, now, nullptr); !r) return r;
    }
    if (auto u = store_.workflow().update(next, w->head_revision_id); !u) return u;
    TransitionRecord tr{0,
                        article_id,
                        on_live ? w->live_revision_id : w->head_revision_id,
                        actor.user_id,
                        actor.name,
                        now,
                        action,
                        t->from,
                        t->to,
                        comment};
    if (action == WorkflowAction::kSchedule) {
      tr.comment = "Hẹn giờ xuất bản lúc " + text::format_vi_datetime(*when);
    }
    if (auto id = store_.workflow().record(tr); !id) return id.take_error();
    audit.push_back(audit_of(tr, actor.address));
    return {};
  });
  if (!s) return s;
  after_commit(events, audit);
  return {};
}

Status NewsroomService::submit(const Actor& a, Id id) {
  return act(a, id, WorkflowAction::kSubmit, "", std::nullopt);
}
Status NewsroomService::return_to_author(const Actor& a, Id id, std::string_view comment) {
  return act(a, id, WorkflowAction::kReturn, comment, std::nullopt);
}
Status NewsroomService::pass_on(const Actor& a, Id id) {
  return act(a, id, WorkflowAction::kPassOn, "", std::nullopt);
}
Status NewsroomService::publish(const Actor& a, Id id) {
  return act(a, id, WorkflowAction::kPublish, "", std::nullopt);
}
Status NewsroomService::schedule(const Actor& a, Id id, Time when) {
  return act(a, id, WorkflowAction::kSchedule, "", when);
}
Status NewsroomService::unschedule(const Actor& a, Id id) {
  return act(a, id, WorkflowAction::kUnschedule, "", std::nullopt);
}
Status NewsroomService::take_down(const Actor& a, Id id, std::string_view reason) {
  return act(a, id, WorkflowAction::kTakeDown, reason, std::nullopt);
}
Status NewsroomService::restore(const Actor& a, Id id) {
  return act(a, id, WorkflowAction::kRestore, "", std::nullopt);
}

Result<int> NewsroomService::publish_due(Time now) {
  auto due = store_.workflow().due(now);
  if (!due) return due.take_error();
  int published = 0;
  std::optional<Error> first_error;
  for (Id id : *due) {
    std::vector<Event> events;
    std::vector<AuditEntry> audit;
    Status s = store_.transaction([&]() -> Status {
      auto w = store_.workflow().get(id);
      if (!w) return w.take_error();
      // Re-read under the write lock: it may have been unscheduled or published meanwhile.
      if (w->state != ArticleStatus::kScheduled || !w->scheduled_for || *w->scheduled_for > now)
        return {};
      WorkflowRecord next = *w;
      next.updated_at = now;
      // A first publication carries the planned time, even after downtime.
      if (auto g = go_live(store_, next, now, w->scheduled_for, events); !g) return g;
      if (auto u = store_.workflow().update(next, w->head_revision_id); !u) return u;
      TransitionRecord tr{0,
                          id,
                          w->head_revision_id,
                          0,
                          std::string(kSchedulerName),
                          now,
                          WorkflowAction::kPublish,
                          ArticleStatus::kScheduled,
                          ArticleStatus::kPublished,
                          "Đến giờ hẹn"};
      if (auto r = store_.workflow().record(tr); !r) return r.take_error();
      audit.push_back(audit_of(tr, ""));
      return {};
    });
    if (!s) {
      spdlog::error("scheduler: article {} could not be published: {}", id, s.error().message);
      if (!first_error) first_error = s.error();
      continue;
    }
    if (!events.empty()) ++published;
    after_commit(events, audit);
  }
  if (published == 0 && first_error) return *first_error;
  return published;
}

Result<WorkflowRecord> NewsroomService::record(Id article_id) {
  Result<WorkflowRecord> out = Error::internal("unset");
  Status s = store_.transaction([&]() -> Status {
    out = load(article_id);
    return out ? Status{} : Status{out.error()};
  });
  if (!s) return s.take_error();
  return out;
}

Result<std::vector<TransitionRecord>> NewsroomService::history(Id id) {
  return store_.workflow().history(id);
}
Result<std::vector<Revision>> NewsroomService::revisions(Id id) {
  if (auto r = record(id); !r) return r.take_error();  // adopts, so revision 1 exists
  return store_.revisions().list(id);
}
Result<Revision> NewsroomService::revision(Id id) { return store_.revisions().by_id(id); }

Result<std::vector<FieldDiff>> NewsroomService::diff(Id from_id, Id to_id) {
  auto a = store_.revisions().by_id(from_id);
  if (!a) return a.take_error();
  auto b = store_.revisions().by_id(to_id);
  if (!b) return b.take_error();
  if (a->article_id != b->article_id)
    return Error::invalid("Hai bản lưu thuộc hai bài viết khác nhau, không so sánh được.");
  return diff_contents(a->content, b->content);
}

Result<Queues> NewsroomService::queues(const Actor& actor) {
  Queues q;
  auto list = [&](std::optional<Id> owner, std::vector<ArticleStatus> states,
                  std::vector<WorkflowRecord>& out) -> Status {
    WorkflowQuery wq;
    wq.owner_id = owner;
    wq.states = std::move(states);
    auto r = store_.workflow().list(wq);
    if (!r) return r.take_error();
    out = std::move(*r);
    return {};
  };
  if (auto s = list(actor.user_id, {ArticleStatus::kDraft}, q.drafts); !s) return s.take_error();
  if (auto s = list(actor.user_id, {ArticleStatus::kReturned}, q.returned); !s)
    return s.take_error();
  std::vector<ArticleStatus> waiting;
  if (actor.role == Role::kEditor) waiting = {ArticleStatus::kSubmitted};
  if (actor.role == Role::kChiefEditor) waiting = {ArticleStatus::kReview};
  if (!waiting.empty()) {
    if (auto s = list(std::nullopt, waiting, q.waiting); !s) return s.take_error();
  }
  return q;
}

std::vector<WorkflowAction> NewsroomService::allowed_actions(const Actor& actor,
                                                             const WorkflowRecord& w) const {
  std::vector<WorkflowAction> out;
  for (WorkflowAction a : kAllWorkflowActions) {
    const bool on_live = a == WorkflowAction::kTakeDown || a == WorkflowAction::kRestore;
    const auto from = on_live ? w.live_state() : std::optional<ArticleStatus>(w.state);
    if (from && check(actor.role, w.owner_id == actor.user_id, *from, a)) out.push_back(a);
  }
  return out;
}

}  // namespace congtin::content
