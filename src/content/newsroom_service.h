// NewsroomService: the newsroom's domain — drafts, revisions, the approval workflow,
// scheduling and the queues on each person's start page. The back office handlers are thin
// layers over it: they authenticate, parse the form, call one method, and map the error
// kind to a status (kPermissionDenied → 403, kConflict → 409, kInvalidArgument → 400 with
// the message shown, kNotFound → 404). Messages are Vietnamese, for the person.
//
// Contract of every write:
//   * the rule table (content/workflow.h) is asked first; nothing is written if it refuses;
//   * content text is brought to NFC, titles squashed, body HTML sanitised (html/);
//   * all rows change in one transaction; then, once committed, content events are published
//     on the EventBus (published / updated / unpublished) so the public site, page cache and
//     search follow, and the transition is appended to the audit log (an audit failure is
//     logged, not returned: the transition itself is already recorded in its own table);
//   * the articles row is what the public site shows: once an article is live, the row holds
//     the live revision; newer revisions wait (WorkflowRecord::has_pending()) until approved.
//
// Articles that came in without the newsroom (import, demo) are adopted on first use: their
// row becomes revision 1 and their status the workflow state.
//
// Thread-safe as long as the store is; holds no mutable state.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "content/events.h"
#include "content/newsroom_repository.h"
#include "content/revision_diff.h"
#include "content/workflow.h"
#include "core/clock.h"
#include "core/result.h"

namespace congtin::content {

// What a save that lost the race gets back, so that nothing is lost (see save()).
struct SaveConflict {
  Revision theirs;  // the head revision that landed first
  Revision yours;   // the caller's text, kept as a revision that is not the head
};

struct Queues {
  std::vector<WorkflowRecord> drafts;    // my working copies in Nháp
  std::vector<WorkflowRecord> returned;  // returned to me (last_comment says why)
  std::vector<WorkflowRecord> waiting;   // waiting for my action, by my role
};

class NewsroomService {
 public:
  NewsroomService(NewsroomStore& store, EventBus& events, const Clock& clock)
      : store_(store), events_(events), clock_(clock) {}

  // A new article in Nháp owned by `actor`, with revision 1. The slug is content.slug if
  // given (kInvalidArgument if malformed, kConflict if taken) or made unique from the title.
  // kPermissionDenied for administrators; kInvalidArgument for an empty title, an unknown
  // category or body HTML the sanitiser refuses.
  Result<WorkflowRecord> create_draft(const Actor& actor, ArticleContent content);

  // Saves a new revision based on `base_revision_id` (the revision the editor loaded).
  // If the head is still that revision, the new one becomes the head (and, for a live
  // article, a pending working copy in Nháp owned by the actor). If another save landed
  // meanwhile, the caller's text is still stored — as a revision that is not the head — and
  // the result is kConflict naming both revisions; `conflict`, if given, receives both.
  // Refusals as check(kEdit); validation as create_draft.
  Result<Revision> save(const Actor& actor, Id article_id, Id base_revision_id,
                        ArticleContent content, SaveConflict* conflict = nullptr);

  // Saves a copy of an older revision as the new head (note "Khôi phục từ bản N"); same
  // rules as save().
  Result<Revision> restore_revision(const Actor& actor, Id article_id, Id revision_id,
                                    Id base_revision_id, SaveConflict* conflict = nullptr);

  // The workflow actions. Refusals as check(); kInvalidArgument when a required comment or
  // reason is empty, or a schedule time is not in the future; kConflict when publishing a
  // slug that another article took meanwhile.
  Status submit(const Actor& actor, Id article_id);
  Status return_to_author(const Actor& actor, Id article_id, std::string_view comment);
  Status pass_on(const Actor& actor, Id article_id);
  Status publish(const Actor& actor, Id article_id);
  Status schedule(const Actor& actor, Id article_id, Time when);
  Status unschedule(const Actor& actor, Id article_id);
  Status take_down(const Actor& actor, Id article_id, std::string_view reason);
  Status restore(const Actor& actor, Id article_id);  // a taken-down article back online

  // Publishes every scheduled article whose time has come (the Scheduler calls this).
  // Returns how many went live; one article failing is logged and does not stop the others
  // (its error is returned only if nothing else could be done either).
  Result<int> publish_due(Time now);

  // Reads.
  Result<WorkflowRecord> record(Id article_id);
  Result<std::vector<TransitionRecord>> history(Id article_id);
  Result<std::vector<Revision>> revisions(Id article_id);  // newest first
  Result<Revision> revision(Id revision_id);
  // kInvalidArgument if the two revisions belong to different articles.
  Result<std::vector<FieldDiff>> diff(Id from_revision_id, Id to_revision_id);
  Result<Queues> queues(const Actor& actor);
  // The actions check() allows this actor on this article now (buttons to show).
  std::vector<WorkflowAction> allowed_actions(const Actor& actor, const WorkflowRecord& w) const;

 private:
  Status act(const Actor& actor, Id article_id, WorkflowAction action, std::string_view comment,
             std::optional<Time> when);
  Result<WorkflowRecord> load(Id article_id);  // adopts articles without a record
  Status validate(ArticleContent& c, Id article_id);
  Result<std::string> unique_slug(std::string_view title);
  Result<Revision> save_impl(const Actor& actor, Id article_id, Id base, ArticleContent content,
                             std::string note, SaveConflict* conflict);
  void after_commit(const std::vector<Event>& events, const std::vector<AuditEntry>& audit);

  NewsroomStore& store_;
  EventBus& events_;
  const Clock& clock_;
};

}  // namespace congtin::content
