// SQLite implementation of content::RevisionRepository (table article_revisions, migration 3).
// Runs on the calling thread's connection of the pool it borrows, so it joins that thread's
// transaction. Revisions are immutable: a trigger refuses UPDATE. Thread-safe.
#pragma once

#include "content/newsroom_repository.h"
#include "store/sqlite/connection_pool.h"

namespace congtin::store::sqlite {

class SqliteRevisionRepository final : public content::RevisionRepository {
 public:
  explicit SqliteRevisionRepository(ConnectionPool& pool) : pool_(pool) {}
  Result<content::Revision> append(const content::Revision& r) override;
  Result<content::Revision> by_id(content::Id id) override;
  Result<std::vector<content::Revision>> list(content::Id article_id) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace congtin::store::sqlite
