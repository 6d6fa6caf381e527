#include "store/sqlite/repositories.h"

namespace congtin::store::sqlite {

using content::Id;
using content::Page;

namespace {

Page read_page(const Statement& s) {
  return {.id = s.column_int64(0),
          .slug = s.column_string(1),
          .title = s.column_string(2),
          .body_html = s.column_string(3),
          .position = static_cast<int>(s.column_int64(4)),
          .updated_at = from_unix(s.column_int64(5))};
}

}  // namespace

Result<std::vector<Page>> SqlitePageRepository::list() {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "SELECT id, slug, title, body_html, position, updated_at FROM pages ORDER BY position, id");
  if (!stmt) return stmt.take_error();
  std::vector<Page> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.take_error();
    if (!*row) return out;
    out.push_back(read_page(*stmt));
  }
}

Result<Page> SqlitePageRepository::by_slug(std::string_view slug) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "SELECT id, slug, title, body_html, position, updated_at FROM pages WHERE slug = ?1");
  if (!stmt) return stmt.take_error();
  stmt->bind(1, slug);
  auto row = stmt->step();
  if (!row) return row.take_error();
  if (!*row) return Error::not_found("no page with slug \"" + std::string(slug) + "\"");
  return read_page(*stmt);
}

Result<Id> SqlitePageRepository::create(const Page& p) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "INSERT INTO pages (slug, title, body_html, position, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return stmt.take_error();
  Status st = stmt->bind(1, p.slug)
                  .bind(2, p.title)
                  .bind(3, p.body_html)
                  .bind(4, p.position)
                  .bind(5, to_unix(p.updated_at))
                  .run();
  if (!st) {
    Error e = st.take_error();
    if (e.kind == ErrorKind::kConflict) e.message = "page slug \"" + p.slug + "\" is already taken";
    return e;
  }
  return (*conn)->last_insert_id();
}

}  // namespace congtin::store::sqlite
