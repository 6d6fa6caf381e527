#include "store/sqlite/revision_repository.h"

#include "store/sqlite/repositories.h"

namespace congtin::store::sqlite {

using content::Id;
using content::Revision;

namespace {

#define CONGTIN_REVISION_COLUMNS                                                              \
  "id, article_id, number, based_on, author_id, author_name, created_at, note, title, slug, " \
  "lead, body_html, cover_image, cover_caption, cover_alt, author, author_unit, source, "     \
  "category_id, tags, featured"

std::string join_lines(const std::vector<std::string>& tags) {
  std::string s;
  for (const auto& t : tags) {
    if (!s.empty()) s += '\n';
    s += t;
  }
  return s;
}

std::vector<std::string> split_lines(std::string_view s) {
  std::vector<std::string> out;
  while (!s.empty()) {
    const auto nl = s.find('\n');
    out.emplace_back(s.substr(0, nl));
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return out;
}

Revision read_revision(const Statement& s) {
  Revision r;
  r.id = s.column_int64(0);
  r.article_id = s.column_int64(1);
  r.number = static_cast<int>(s.column_int64(2));
  r.based_on = s.column_optional_int64(3);
  r.author_id = s.column_int64(4);
  r.author_name = s.column_string(5);
  r.created_at = from_unix(s.column_int64(6));
  r.note = s.column_string(7);
  auto& c = r.content;
  c.title = s.column_string(8);
  c.slug = s.column_string(9);
  c.lead = s.column_string(10);
  c.body_html = s.column_string(11);
  c.cover_image = s.column_string(12);
  c.cover_caption = s.column_string(13);
  c.cover_alt = s.column_string(14);
  c.author = s.column_string(15);
  c.author_unit = s.column_string(16);
  c.source = s.column_string(17);
  c.category_id = s.column_int64(18);
  c.tags = split_lines(s.column_text(19));
  c.featured = s.column_int64(20) != 0;
  return r;
}

}  // namespace

Result<Revision> SqliteRevisionRepository::append(const Revision& r) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  Connection& c = **conn;
  auto tx = Transaction::begin(c);  // the number and the insert under one write lock
  if (!tx) return tx.take_error();
  auto stmt = c.prepare(
      "INSERT INTO article_revisions (" CONGTIN_REVISION_COLUMNS
      ") VALUES (NULL, ?1, (SELECT coalesce(max(number), 0) + 1 FROM article_revisions "
      "WHERE article_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
      "?16, ?17, ?18, ?19) RETURNING " CONGTIN_REVISION_COLUMNS);
  if (!stmt) return stmt.take_error();
  const auto& k = r.content;
  stmt->bind(1, r.article_id)
      .bind(2, r.based_on)
      .bind(3, r.author_id)
      .bind(4, r.author_name)
      .bind(5, to_unix(r.created_at))
      .bind(6, r.note)
      .bind(7, k.title)
      .bind(8, k.slug)
      .bind(9, k.lead)
      .bind(10, k.body_html)
      .bind(11, k.cover_image)
      .bind(12, k.cover_caption)
      .bind(13, k.cover_alt)
      .bind(14, k.author)
      .bind(15, k.author_unit)
      .bind(16, k.source)
      .bind(17, k.category_id)
      .bind(18, join_lines(k.tags))
      .bind(19, k.featured);
  auto row = stmt->step();
  if (!row) return row.take_error();
  if (!*row) return Error::internal("INSERT ... RETURNING gave no row for a revision");
  Revision out = read_revision(*stmt);
  if (auto done = stmt->step(); !done) return done.take_error();
  if (Status s = tx->commit(); !s) return s.take_error();
  return out;
}

Result<Revision> SqliteRevisionRepository::by_id(Id id) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt =
      (*conn)->prepare("SELECT " CONGTIN_REVISION_COLUMNS " FROM article_revisions WHERE id = ?1");
  if (!stmt) return stmt.take_error();
  auto row = stmt->bind(1, id).step();
  if (!row) return row.take_error();
  if (!*row) return Error::not_found("Không tìm thấy bản lưu số " + std::to_string(id) + ".");
  return read_revision(*stmt);
}

Result<std::vector<Revision>> SqliteRevisionRepository::list(Id article_id) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt =
      (*conn)->prepare("SELECT " CONGTIN_REVISION_COLUMNS
                       " FROM article_revisions WHERE article_id = ?1 ORDER BY number DESC");
  if (!stmt) return stmt.take_error();
  stmt->bind(1, article_id);
  std::vector<Revision> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.take_error();
    if (!*row) break;
    out.push_back(read_revision(*stmt));
  }
  return out;
}

#undef CONGTIN_REVISION_COLUMNS

}  // namespace congtin::store::sqlite
