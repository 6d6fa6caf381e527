#include "store/sqlite/newsroom_store.h"

#include "store/sqlite/audit_repository.h"
#include "store/sqlite/connection_pool.h"
#include "store/sqlite/repositories.h"
#include "store/sqlite/revision_repository.h"
#include "store/sqlite/workflow_repository.h"

namespace congtin::store {

namespace {

using sqlite::Connection;
using sqlite::ConnectionPool;

class SqliteNewsroomStore final : public content::NewsroomStore {
 public:
  explicit SqliteNewsroomStore(std::shared_ptr<ConnectionPool> pool)
      : pool_(std::move(pool)),
        articles_(*pool_),
        categories_(*pool_),
        revisions_(*pool_),
        workflow_(*pool_),
        audit_(*pool_) {}

  content::ArticleRepository& articles() override { return articles_; }
  content::CategoryRepository& categories() override { return categories_; }
  content::RevisionRepository& revisions() override { return revisions_; }
  content::WorkflowRepository& workflow() override { return workflow_; }
  content::AuditLog& audit() override { return audit_; }

  Status transaction(const std::function<Status()>& fn) override {
    auto conn = pool_->this_thread();
    if (!conn) return conn.take_error();
    if ((*conn)->in_transaction())
      return Error::internal("NewsroomStore::transaction called inside another transaction");
    auto tx = sqlite::Transaction::begin(**conn);
    if (!tx) return tx.take_error();
    Status s = fn();  // on error or exception, tx's destructor rolls back
    if (!s) return s;
    return tx->commit();
  }

 private:
  std::shared_ptr<ConnectionPool> pool_;  // first: outlives the repositories
  sqlite::SqliteArticleRepository articles_;
  sqlite::SqliteCategoryRepository categories_;
  sqlite::SqliteRevisionRepository revisions_;
  sqlite::SqliteWorkflowRepository workflow_;
  sqlite::SqliteAuditLog audit_;
};

}  // namespace

Result<std::unique_ptr<content::NewsroomStore>> open_newsroom(const std::filesystem::path& file) {
  auto pool = sqlite::open_existing_pool(file);
  if (!pool) return pool.take_error();
  if (Status s = sqlite::require_tables(
          **pool, {"article_revisions", "article_workflow", "article_transitions", "audit_log"},
          "newsroom");
      !s)
    return s.take_error();
  return std::unique_ptr<content::NewsroomStore>(new SqliteNewsroomStore(std::move(*pool)));
}

}  // namespace congtin::store
