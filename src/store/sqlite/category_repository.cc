#include "store/sqlite/repositories.h"

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

}  // namespace congtin::store::sqlite
