// SQLite implementation of content::WorkflowRepository (tables article_workflow and
// article_transitions, migration 3). Runs on the calling thread's connection of the pool it
// borrows, so it joins that thread's transaction. Transitions are append-only: triggers
// refuse UPDATE and DELETE. Thread-safe.
#pragma once

#include "content/newsroom_repository.h"
#include "store/sqlite/connection_pool.h"

namespace congtin::store::sqlite {

class SqliteWorkflowRepository final : public content::WorkflowRepository {
 public:
  explicit SqliteWorkflowRepository(ConnectionPool& pool) : pool_(pool) {}
  Status create(const content::WorkflowRecord& w) override;
  Result<content::WorkflowRecord> get(content::Id article_id) override;
  Status update(const content::WorkflowRecord& w, content::Id expected_head) override;
  Result<std::vector<content::WorkflowRecord>> list(const content::WorkflowQuery& q) override;
  Result<std::vector<content::Id>> due(content::Time now) override;
  Result<content::Id> record(const content::TransitionRecord& t) override;
  Result<std::vector<content::TransitionRecord>> history(content::Id article_id) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace congtin::store::sqlite
