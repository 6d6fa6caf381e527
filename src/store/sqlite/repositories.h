// SQLite implementations of the content repositories (content/repository.h). Internal to
// store/: the rest of the program sees them only through content::Store.
//
// Each repository borrows the store's ConnectionPool and runs every call on the calling
// thread's connection, so calls made inside Store::transaction() join that transaction.
// Multi-statement writes use a Transaction scope (a SAVEPOINT inside an outer transaction).
// Thread-safe: the objects hold no mutable state of their own.
#pragma once

#include <cstdint>

#include "content/repository.h"
#include "store/sqlite/connection_pool.h"

namespace congtin::store::sqlite {

inline std::int64_t to_unix(content::Time t) { return t.time_since_epoch().count(); }
inline content::Time from_unix(std::int64_t s) { return content::Time(std::chrono::seconds(s)); }

class SqliteSiteRepository final : public content::SiteRepository {
 public:
  explicit SqliteSiteRepository(ConnectionPool& pool) : pool_(pool) {}
  Result<content::SiteSettings> settings() override;
  Status save_settings(const content::SiteSettings& s) override;
  Result<std::vector<content::LinkItem>> links() override;
  Result<content::Id> add_link(const content::LinkItem& item) override;
  Result<std::vector<content::ContactItem>> contacts() override;
  Result<content::Id> add_contact(const content::ContactItem& item) override;
  Status update_link(const content::LinkItem& item) override;
  Status delete_link(content::Id id) override;
  Status set_link_order(const std::vector<content::Id>& ids) override;
  Status update_contact(const content::ContactItem& item) override;
  Status delete_contact(content::Id id) override;
  Status set_contact_order(const std::vector<content::Id>& ids) override;

 private:
  ConnectionPool& pool_;
};

class SqliteCategoryRepository final : public content::CategoryRepository {
 public:
  explicit SqliteCategoryRepository(ConnectionPool& pool) : pool_(pool) {}
  Result<std::vector<content::Category>> list() override;
  Result<content::Category> by_id(content::Id id) override;
  Result<content::Category> by_slug(std::string_view slug) override;
  Result<content::Category> by_name(std::string_view name) override;
  Result<content::Id> create(const content::Category& c) override;
  Status update(const content::Category& c) override;
  Status remove(content::Id id) override;
  Status set_order(const std::vector<content::Id>& ids) override;
  Result<std::int64_t> article_count(content::Id id) override;
  Result<std::vector<content::Id>> hidden_from_menu() override;
  Status set_in_menu(content::Id id, bool in_menu) override;

 private:
  ConnectionPool& pool_;
};

class SqliteArticleRepository final : public content::ArticleRepository {
 public:
  explicit SqliteArticleRepository(ConnectionPool& pool) : pool_(pool) {}
  Result<content::Id> create(const content::Article& a) override;
  Status update(const content::Article& a) override;
  Result<content::Article> by_id(content::Id id) override;
  Result<content::Article> by_slug(std::string_view slug) override;
  Result<content::Article> by_old_slug(std::string_view old_slug) override;
  Result<bool> slug_taken(std::string_view slug) override;
  Result<std::vector<content::ArticleSummary>> published(const content::ArticleQuery& q,
                                                         content::Time now) override;
  Result<std::int64_t> count_published(const content::ArticleQuery& q, content::Time now) override;
  Result<std::vector<content::Id>> published_ids(content::Time now) override;

 private:
  ConnectionPool& pool_;
};

class SqlitePageRepository final : public content::PageRepository {
 public:
  explicit SqlitePageRepository(ConnectionPool& pool) : pool_(pool) {}
  Result<std::vector<content::Page>> list() override;
  Result<content::Page> by_slug(std::string_view slug) override;
  Result<content::Id> create(const content::Page& p) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace congtin::store::sqlite
