#include "store/sqlite/repositories.h"
#include "store/sqlite/row_changes.h"

namespace congtin::store::sqlite {

using content::Category;
using content::Id;

namespace {

Category read_category(const Statement& s) {
  return {.id = s.column_int64(0),
          .parent_id = s.column_optional_int64(1),
          .name = s.column_string(2),
          .slug = s.column_string(3),
          .description = s.column_string(4),
          .position = static_cast<int>(s.column_int64(5))};
}

// Runs a query that selects the columns read_category() reads, for at most one category bound to
// ?1.
template <class Key>
Result<Category> one(ConnectionPool& pool, std::string_view sql, const Key& key,
                     std::string_view what) {
  auto conn = pool.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(sql);
  if (!stmt) return stmt.take_error();
  stmt->bind(1, key);
  auto row = stmt->step();
  if (!row) return row.take_error();
  if (!*row) return Error::not_found("no category with " + std::string(what));
  return read_category(*stmt);
}

}  // namespace

Result<std::vector<Category>> SqliteCategoryRepository::list() {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "SELECT id, parent_id, name, slug, description, position FROM categories "
      "ORDER BY position, id");
  if (!stmt) return stmt.take_error();
  std::vector<Category> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.take_error();
    if (!*row) return out;
    out.push_back(read_category(*stmt));
  }
}

Result<Category> SqliteCategoryRepository::by_id(Id id) {
  return one(pool_,
             "SELECT id, parent_id, name, slug, description, position FROM categories "
             "WHERE id = ?1",
             id, "id " + std::to_string(id));
}

Result<Category> SqliteCategoryRepository::by_slug(std::string_view slug) {
  return one(pool_,
             "SELECT id, parent_id, name, slug, description, position FROM categories "
             "WHERE slug = ?1",
             slug, "slug \"" + std::string(slug) + "\"");
}

Result<Category> SqliteCategoryRepository::by_name(std::string_view name) {
  // Names are not unique; the oldest wins so the answer is stable.
  return one(pool_,
             "SELECT id, parent_id, name, slug, description, position FROM categories "
             "WHERE name = ?1 ORDER BY id LIMIT 1",
             name, "name \"" + std::string(name) + "\"");
}

Result<Id> SqliteCategoryRepository::create(const Category& c) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "INSERT INTO categories (parent_id, name, slug, description, position) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return stmt.take_error();
  Status st = stmt->bind(1, c.parent_id)
                  .bind(2, c.name)
                  .bind(3, c.slug)
                  .bind(4, c.description)
                  .bind(5, c.position)
                  .run();
  if (!st) {
    Error e = st.take_error();
    if (e.kind == ErrorKind::kConflict) {
      e.message = "category slug \"" + c.slug + "\" is already taken";
    } else if (e.kind == ErrorKind::kInvalidArgument && c.parent_id) {
      e.message = "parent category " + std::to_string(*c.parent_id) + " does not exist";
    }
    return e;
  }
  return (*conn)->last_insert_id();
}

Status SqliteCategoryRepository::update(const Category& c) {
  Status st =
      change_one(pool_,
                 "UPDATE categories SET parent_id = ?2, name = ?3, slug = ?4, description = ?5, "
                 "position = ?6 WHERE id = ?1",
                 c.id, "category " + std::to_string(c.id) + " does not exist", [&](Statement& s) {
                   s.bind(2, c.parent_id)
                       .bind(3, c.name)
                       .bind(4, c.slug)
                       .bind(5, c.description)
                       .bind(6, c.position);
                 });
  if (!st) {
    Error e = st.take_error();
    if (e.kind == ErrorKind::kConflict) {
      e.message = "category slug \"" + c.slug + "\" is already taken";
    } else if (e.kind == ErrorKind::kInvalidArgument && c.parent_id) {
      e.message = "parent category " + std::to_string(*c.parent_id) + " does not exist";
    }
    return e;
  }
  return {};
}

Status SqliteCategoryRepository::remove(Id id) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto tx = Transaction::begin(**conn);
  if (!tx) return tx.take_error();
  auto children = (*conn)->prepare("SELECT count(*) FROM categories WHERE parent_id = ?1");
  if (!children) return children.take_error();
  children->bind(1, id);
  if (auto row = children->step(); !row) return row.take_error();
  if (children->column_int64(0) > 0)
    return Error::conflict("category " + std::to_string(id) + " still has child categories");
  auto articles = article_count(id);
  if (!articles) return articles.take_error();
  if (*articles > 0)
    return Error::conflict("category " + std::to_string(id) + " still has articles");
  Status st = change_one(pool_, "DELETE FROM categories WHERE id = ?1", id,
                         "category " + std::to_string(id) + " does not exist", [](Statement&) {});
  if (!st) return st;
  return tx->commit();
}

Status SqliteCategoryRepository::set_order(const std::vector<Id>& ids) {
  return set_positions(pool_, "UPDATE categories SET position = ?2 WHERE id = ?1", ids, "category");
}

Result<std::int64_t> SqliteCategoryRepository::article_count(Id id) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  // A newsroom working copy may move an article to another category before it is approved;
  // its newest revision counts too, so that approving it never points at a deleted category.
  auto stmt = (*conn)->prepare(
      "SELECT count(*) FROM (SELECT id FROM articles WHERE category_id = ?1 "
      "UNION SELECT w.article_id FROM article_workflow w "
      "JOIN article_revisions r ON r.id = w.head_revision_id WHERE r.category_id = ?1)");
  if (!stmt) return stmt.take_error();
  stmt->bind(1, id);
  auto row = stmt->step();
  if (!row) return row.take_error();
  return stmt->column_int64(0);
}

Result<std::vector<Id>> SqliteCategoryRepository::hidden_from_menu() {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare("SELECT id FROM categories WHERE in_menu = 0 ORDER BY id");
  if (!stmt) return stmt.take_error();
  return stmt->int64_column();
}

Status SqliteCategoryRepository::set_in_menu(Id id, bool in_menu) {
  return change_one(pool_, "UPDATE categories SET in_menu = ?2 WHERE id = ?1", id,
                    "category " + std::to_string(id) + " does not exist",
                    [&](Statement& s) { s.bind(2, in_menu); });
}

}  // namespace congtin::store::sqlite
