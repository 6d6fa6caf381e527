// Revisions and workflow records of the newsroom: plain values, like content/model.h.
//
// Every save of an article is a Revision (numbered 1, 2, 3... per article, never changed
// afterwards). The articles table (content::Article) holds what the public site shows: once
// an article is live, its row is the content of the live revision, and newer revisions wait
// in the revisions table until they are approved. WorkflowRecord says which revision is the
// newest (head), which one is live, and what state the newest one is in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "content/model.h"
#include "content/workflow.h"

namespace congtin::content {

// The part of an article that people edit and that a revision keeps.
struct ArticleContent {
  std::string title;
  std::string slug;
  std::string lead;
  std::string body_html;
  std::string cover_image;
  std::string cover_caption;
  std::string cover_alt;
  std::string author;
  std::string author_unit;
  std::string source;
  Id category_id = 0;
  std::vector<std::string> tags;
  bool featured = false;

  bool operator==(const ArticleContent&) const = default;
};

ArticleContent content_of(const Article& a);
// Copies every field of c into a; leaves id, status and times alone.
void apply_content(const ArticleContent& c, Article& a);

struct Revision {
  Id id = 0;  // assigned by the store
  Id article_id = 0;
  int number = 0;              // 1, 2, 3... per article; assigned by the store
  std::optional<Id> based_on;  // the revision the editor started from (none for the first)
  Id author_id = 0;            // who saved it
  std::string author_name;
  Time created_at{};
  // Why it exists when it is not an ordinary save: "Khôi phục từ bản 3", "Bản lưu bị xung
  // đột: ..." (see NewsroomService::save).
  std::string note;
  ArticleContent content;
};

// One step of the workflow, as shown under the article: who, when, from, to, comment.
struct TransitionRecord {
  Id id = 0;  // assigned by the store
  Id article_id = 0;
  std::optional<Id> revision_id;  // the revision the action applied to
  Id actor_id = 0;                // 0: the system (the scheduler)
  std::string actor_name;
  Time at{};
  WorkflowAction action = WorkflowAction::kSubmit;
  ArticleStatus from = ArticleStatus::kDraft;
  ArticleStatus to = ArticleStatus::kDraft;
  std::string comment;  // required for kReturn and kTakeDown
};

// Where an article stands in the workflow.
struct WorkflowRecord {
  Id article_id = 0;
  ArticleStatus state = ArticleStatus::kDraft;  // of the head revision (the working copy)
  Id owner_id = 0;  // who started the working copy; returns go back to them
  std::string owner_name;
  Id head_revision_id = 0;  // the newest revision: what editors see and approve
  // The revision the public site shows (or showed, when taken down); nullopt until the
  // article is first published. Equal to head_revision_id when nothing is pending.
  std::optional<Id> live_revision_id;
  bool taken_down = false;            // live revision is off the site (Gỡ xuống)
  std::optional<Time> scheduled_for;  // set while state is kScheduled
  std::string last_comment;           // the comment of the last return or take-down
  Time updated_at{};
  std::string title;  // of the head revision; filled by reads, ignored by writes

  // The state of what the public sees: kPublished, kTakenDown, or nullopt (never live).
  std::optional<ArticleStatus> live_state() const {
    if (!live_revision_id) return std::nullopt;
    return taken_down ? ArticleStatus::kTakenDown : ArticleStatus::kPublished;
  }
  // True when a revision newer than the live one waits for approval.
  bool has_pending() const { return live_revision_id && *live_revision_id != head_revision_id; }
};

}  // namespace congtin::content
