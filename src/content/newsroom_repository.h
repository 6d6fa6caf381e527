// Repository interfaces of the newsroom: revisions, workflow records and transitions.
//
// Same conventions as content/repository.h: thread-safe, failures are values (kNotFound for
// a missing key, kConflict for a lost compare-and-set, kUnavailable when the database is
// busy or gone). Implementations live in store/sqlite/ (workflow_repository, revision_repository,
// newsroom_store).
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "content/audit.h"
#include "content/repository.h"
#include "content/revision.h"
#include "core/result.h"

namespace congtin::content {

class RevisionRepository {
 public:
  virtual ~RevisionRepository() = default;
  // Stores r with the next number of its article (ignores r.id and r.number) and returns
  // it as stored. Revisions are never changed or deleted afterwards.
  virtual Result<Revision> append(const Revision& r) = 0;
  virtual Result<Revision> by_id(Id id) = 0;
  // Every revision of the article, newest first.
  virtual Result<std::vector<Revision>> list(Id article_id) = 0;
};

struct WorkflowQuery {
  std::optional<Id> owner_id;         // only working copies this user started
  std::vector<ArticleStatus> states;  // empty: any
  // Only those whose head revision is filed in this category or one below it, at any depth
  // (as ArticleQuery::category_id).
  std::optional<Id> category_id;
  int limit = 100;  // clamped to [0, 1000]
};

class WorkflowRepository {
 public:
  virtual ~WorkflowRepository() = default;
  // kConflict if the article already has a record.
  virtual Status create(const WorkflowRecord& w) = 0;
  virtual Result<WorkflowRecord> get(Id article_id) = 0;
  // Replaces the record if its head is still expected_head (compare-and-set, so that two
  // saves based on the same revision cannot both win); kConflict otherwise, kNotFound if
  // there is no record.
  virtual Status update(const WorkflowRecord& w, Id expected_head) = 0;
  // Most recently changed first; `title` is filled from the head revision.
  virtual Result<std::vector<WorkflowRecord>> list(const WorkflowQuery& q) = 0;
  // Articles in kScheduled whose scheduled_for <= now, earliest first.
  virtual Result<std::vector<Id>> due(Time now) = 0;

  // Transitions are append-only: the store refuses UPDATE and DELETE on them.
  virtual Result<Id> record(const TransitionRecord& t) = 0;
  // Oldest first.
  virtual Result<std::vector<TransitionRecord>> history(Id article_id) = 0;
};

// The newsroom's view of one database: the articles plus the newsroom tables, with
// transactions spanning all of them.
class NewsroomStore {
 public:
  virtual ~NewsroomStore() = default;
  virtual ArticleRepository& articles() = 0;
  virtual CategoryRepository& categories() = 0;
  virtual RevisionRepository& revisions() = 0;
  virtual WorkflowRepository& workflow() = 0;
  virtual AuditLog& audit() = 0;
  // As content::Store::transaction: fn's calls on this thread are one transaction.
  virtual Status transaction(const std::function<Status()>& fn) = 0;
};

}  // namespace congtin::content
