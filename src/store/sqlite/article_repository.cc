#include <algorithm>

#include "store/sqlite/repositories.h"

namespace congtin::store::sqlite {

using content::Article;
using content::ArticleQuery;
using content::ArticleSummary;
using content::Id;
using content::Time;

namespace {

// String-literal pieces, so that every statement is one literal (and one cache key).
#define CONGTIN_ARTICLE_COLUMNS                                                       \
  "id, title, slug, lead, body_html, cover_image, cover_caption, cover_alt, author, " \
  "author_unit, source, category_id, status, featured, published_at, created_at, updated_at"

// Public articles, filtered by ArticleQuery: ?1 category (with its descendants) or NULL,
// ?2 now, ?3 id to exclude or NULL, ?4 featured only (0/1). SQLite wants the WITH clause
// before SELECT, hence two pieces around the select list. UNION (not UNION ALL) makes the
// walk stop even if the category tree had a cycle.
#define CONGTIN_CATEGORY_SUBTREE     \
  "WITH RECURSIVE subtree(id) AS ("  \
  "  SELECT ?1 WHERE ?1 IS NOT NULL" \
  "  UNION SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id) "
#define CONGTIN_PUBLISHED_FILTER                                   \
  "FROM articles a "                                               \
  "WHERE a.status = 'published' AND a.published_at <= ?2 "         \
  "AND (?1 IS NULL OR a.category_id IN (SELECT id FROM subtree)) " \
  "AND (?3 IS NULL OR a.id <> ?3) "                                \
  "AND (?4 = 0 OR a.featured = 1) "

constexpr std::string_view kPublishedSql = CONGTIN_CATEGORY_SUBTREE
    "SELECT a.id, a.title, a.slug, a.lead, a.cover_image, a.cover_alt, a.category_id, "
    "a.published_at " CONGTIN_PUBLISHED_FILTER
    "ORDER BY a.published_at DESC, a.id DESC LIMIT ?5 OFFSET ?6";

constexpr std::string_view kCountPublishedSql =
    CONGTIN_CATEGORY_SUBTREE "SELECT count(*) " CONGTIN_PUBLISHED_FILTER;

// With a category: `category_id IN subtree` without the `?1 IS NULL OR`, so that SQLite can
// count through articles_category (10 ms instead of 1.4 s cold for a category of 8,000 at
// 100,000 articles: the generic form walks articles_public and reads every row).
#define CONGTIN_CATEGORY_FILTER                                   \
  "FROM articles a "                                              \
  "WHERE a.status = 'published' AND a.published_at <= ?2 "        \
  "AND ?1 IS NOT NULL AND a.category_id IN (SELECT id FROM subtree) " \
  "AND (?3 IS NULL OR a.id <> ?3) "                               \
  "AND (?4 = 0 OR a.featured = 1) "
constexpr std::string_view kCountInCategorySql =
    CONGTIN_CATEGORY_SUBTREE "SELECT count(*) " CONGTIN_CATEGORY_FILTER;

// A category's page: the ids come from articles_category alone (category, status, date and
// the rowid are all in it), sorted, then only the page's rows are read. The planner's own
// choice, a newest-first walk of articles_public reading every row to test its category,
// took 4-11 s cold for page 300 of a category at 100,000 articles; this takes 7 ms for any
// page. INDEXED BY makes that choice fixed (preparing fails if the index ever goes).
constexpr std::string_view kPublishedInCategorySql = CONGTIN_CATEGORY_SUBTREE
    ", page(id) AS (SELECT a.id FROM articles a INDEXED BY articles_category "
    "WHERE a.status = 'published' AND a.published_at <= ?2 "
    "AND ?1 IS NOT NULL AND a.category_id IN (SELECT id FROM subtree) "
    "AND (?3 IS NULL OR a.id <> ?3) AND (?4 = 0 OR a.featured = 1) "
    "ORDER BY a.published_at DESC, a.id DESC LIMIT ?5 OFFSET ?6) "
    "SELECT a.id, a.title, a.slug, a.lead, a.cover_image, a.cover_alt, a.category_id, "
    "a.published_at FROM page JOIN articles a ON a.id = page.id "
    "ORDER BY a.published_at DESC, a.id DESC";
#undef CONGTIN_CATEGORY_FILTER

// Featured articles of the whole site (the home page's lead block): `featured = 1` written
// out, not behind ?4, so that the partial index articles_featured (migration 8) serves it
// instead of a walk over every public article. Same parameters; ?1 and ?4 unused.
constexpr std::string_view kFeaturedSql =
    "SELECT a.id, a.title, a.slug, a.lead, a.cover_image, a.cover_alt, a.category_id, "
    "a.published_at FROM articles a "
    "WHERE a.status = 'published' AND a.featured = 1 AND a.published_at <= ?2 "
    "AND (?3 IS NULL OR a.id <> ?3) AND ?1 IS NULL AND ?4 = 1 "
    "ORDER BY a.published_at DESC, a.id DESC LIMIT ?5 OFFSET ?6";

#undef CONGTIN_CATEGORY_SUBTREE
#undef CONGTIN_PUBLISHED_FILTER

// Binds ?1..?16 in the column order of CONGTIN_ARTICLE_COLUMNS without the id.
void bind_article(Statement& s, const Article& a) {
  s.bind(1, a.title)
      .bind(2, a.slug)
      .bind(3, a.lead)
      .bind(4, a.body_html)
      .bind(5, a.cover_image)
      .bind(6, a.cover_caption)
      .bind(7, a.cover_alt)
      .bind(8, a.author)
      .bind(9, a.author_unit)
      .bind(10, a.source)
      .bind(11, a.category_id == 0 ? std::nullopt : std::optional<Id>(a.category_id))
      .bind(12, content::status_code(a.status))
      .bind(13, a.featured)
      .bind(14,
            a.published_at ? std::optional<std::int64_t>(to_unix(*a.published_at)) : std::nullopt)
      .bind(15, to_unix(a.created_at))
      .bind(16, to_unix(a.updated_at));
}

std::optional<Time> optional_time(const Statement& s, int col) {
  auto v = s.column_optional_int64(col);
  return v ? std::optional<Time>(from_unix(*v)) : std::nullopt;
}

Result<Article> read_article(const Statement& s) {
  Article a{.id = s.column_int64(0),
            .title = s.column_string(1),
            .slug = s.column_string(2),
            .lead = s.column_string(3),
            .body_html = s.column_string(4),
            .cover_image = s.column_string(5),
            .cover_caption = s.column_string(6),
            .cover_alt = s.column_string(7),
            .author = s.column_string(8),
            .author_unit = s.column_string(9),
            .source = s.column_string(10),
            .category_id = s.column_optional_int64(11).value_or(0),
            .tags = {},
            .status = content::ArticleStatus::kDraft,
            .featured = s.column_int64(13) != 0,
            .published_at = optional_time(s, 14),
            .created_at = from_unix(s.column_int64(15)),
            .updated_at = from_unix(s.column_int64(16))};
  auto status = content::status_from_code(s.column_text(12));
  if (!status) {
    return Error::corruption("article " + std::to_string(a.id) + " has an unknown status \"" +
                             s.column_string(12) + "\"");
  }
  a.status = *status;
  return a;
}

// Loads the one article selected by `sql` (bound ?1 = key) with its tags.
template <class Key>
Result<Article> load(ConnectionPool& pool, std::string_view sql, const Key& key,
                     const std::string& what) {
  auto conn = pool.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(sql);
  if (!stmt) return stmt.take_error();
  stmt->bind(1, key);
  auto row = stmt->step();
  if (!row) return row.take_error();
  if (!*row) return Error::not_found("no article with " + what);
  auto article = read_article(*stmt);
  if (!article) return article;
  // The article statement is still active, so its read transaction is still open: the tags
  // come from the same snapshot as the row.
  auto tags = (*conn)->prepare(
      "SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id "
      "WHERE at.article_id = ?1 ORDER BY at.position");
  if (!tags) return tags.take_error();
  tags->bind(1, article->id);
  for (;;) {
    auto more = tags->step();
    if (!more) return more.take_error();
    if (!*more) break;
    article->tags.push_back(tags->column_string(0));
  }
  return article;
}

Status write_tags(Connection& c, Id article_id, const std::vector<std::string>& tags) {
  auto clear = c.prepare("DELETE FROM article_tags WHERE article_id = ?1");
  if (!clear) return clear.take_error();
  if (Status s = clear->bind(1, article_id).run(); !s) return s;
  for (std::size_t i = 0; i < tags.size(); ++i) {
    // DO UPDATE (a no-op) rather than DO NOTHING, so that RETURNING yields the existing row.
    auto tag = c.prepare(
        "INSERT INTO tags (name) VALUES (?1) "
        "ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id");
    if (!tag) return tag.take_error();
    auto row = tag->bind(1, tags[i]).step();
    if (!row) return row.take_error();
    if (!*row) return Error::internal("tag upsert returned no id");
    const Id tag_id = tag->column_int64(0);
    if (Status s = tag->run(); !s) return s;
    // A tag listed twice keeps its first position.
    auto link = c.prepare(
        "INSERT INTO article_tags (article_id, tag_id, position) VALUES (?1, ?2, ?3) "
        "ON CONFLICT DO NOTHING");
    if (!link) return link.take_error();
    Status s =
        link->bind(1, article_id).bind(2, tag_id).bind(3, static_cast<std::int64_t>(i)).run();
    if (!s) return s;
  }
  return {};
}

// Which article holds `slug` as its current (?1) or old slug, if any.
struct SlugOwner {
  std::optional<Id> current;
  std::optional<Id> old;
};

Result<SlugOwner> slug_owner(Connection& c, std::string_view slug) {
  auto stmt = c.prepare(
      "SELECT (SELECT id FROM articles WHERE slug = ?1), "
      "(SELECT article_id FROM article_slugs_old WHERE slug = ?1)");
  if (!stmt) return stmt.take_error();
  auto row = stmt->bind(1, slug).step();
  if (!row) return row.take_error();
  return SlugOwner{stmt->column_optional_int64(0), stmt->column_optional_int64(1)};
}

Error slug_conflict(std::string_view slug) {
  return Error::conflict("article slug \"" + std::string(slug) +
                         "\" is already taken (by another article, now or in the past)");
}

// Rewords a failed article write for the person who will read it.
Error article_write_error(Error e, const Article& a) {
  if (e.kind == ErrorKind::kInvalidArgument && a.category_id != 0)
    e.message = "category " + std::to_string(a.category_id) + " does not exist (" + e.message + ")";
  if (e.kind == ErrorKind::kConflict) return slug_conflict(a.slug);
  return e;
}

void bind_query(Statement& s, const ArticleQuery& q, Time now) {
  s.bind(1, q.category_id).bind(2, to_unix(now)).bind(3, q.exclude_id).bind(4, q.featured_only);
}

}  // namespace

Result<Id> SqliteArticleRepository::create(const Article& a) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  Connection& c = **conn;
  auto tx = Transaction::begin(c);
  if (!tx) return tx.take_error();
  auto owner = slug_owner(c, a.slug);
  if (!owner) return owner.take_error();
  if (owner->current || owner->old) return slug_conflict(a.slug);

  auto insert = c.prepare("INSERT INTO articles (" CONGTIN_ARTICLE_COLUMNS
                          ") VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
                          "?13, ?14, ?15, ?16)");
  if (!insert) return insert.take_error();
  bind_article(*insert, a);
  if (Status s = insert->run(); !s) return article_write_error(s.take_error(), a);
  const Id id = c.last_insert_id();
  if (Status s = write_tags(c, id, a.tags); !s) return s.take_error();
  if (Status s = tx->commit(); !s) return s.take_error();
  return id;
}

Status SqliteArticleRepository::update(const Article& a) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  Connection& c = **conn;
  auto tx = Transaction::begin(c);
  if (!tx) return tx.take_error();

  std::string old_slug;
  {
    auto current = c.prepare("SELECT slug FROM articles WHERE id = ?1");
    if (!current) return current.take_error();
    auto row = current->bind(1, a.id).step();
    if (!row) return row.take_error();
    if (!*row) return Error::not_found("no article with id " + std::to_string(a.id));
    old_slug = current->column_string(0);
  }

  if (old_slug != a.slug) {
    auto owner = slug_owner(c, a.slug);
    if (!owner) return owner.take_error();
    if (owner->current || (owner->old && *owner->old != a.id)) return slug_conflict(a.slug);
    // Going back to one of its own old slugs: that slug is current again, not a redirect.
    auto forget = c.prepare("DELETE FROM article_slugs_old WHERE slug = ?1");
    if (!forget) return forget.take_error();
    if (Status s = forget->bind(1, a.slug).run(); !s) return s;
    auto keep = c.prepare(
        "INSERT INTO article_slugs_old (slug, article_id) VALUES (?1, ?2) "
        "ON CONFLICT (slug) DO UPDATE SET article_id = excluded.article_id");
    if (!keep) return keep.take_error();
    if (Status s = keep->bind(1, old_slug).bind(2, a.id).run(); !s) return s;
  }

  auto update = c.prepare(
      "UPDATE articles SET title = ?1, slug = ?2, lead = ?3, body_html = ?4, cover_image = ?5, "
      "cover_caption = ?6, cover_alt = ?7, author = ?8, author_unit = ?9, source = ?10, "
      "category_id = ?11, status = ?12, featured = ?13, published_at = ?14, created_at = ?15, "
      "updated_at = ?16 WHERE id = ?17");
  if (!update) return update.take_error();
  bind_article(*update, a);
  update->bind(17, a.id);
  if (Status s = update->run(); !s) return article_write_error(s.take_error(), a);
  if (Status s = write_tags(c, a.id, a.tags); !s) return s;
  return tx->commit();
}

Result<Article> SqliteArticleRepository::by_id(Id id) {
  return load(pool_, "SELECT " CONGTIN_ARTICLE_COLUMNS " FROM articles WHERE id = ?1", id,
              "id " + std::to_string(id));
}

Result<Article> SqliteArticleRepository::by_slug(std::string_view slug) {
  return load(pool_, "SELECT " CONGTIN_ARTICLE_COLUMNS " FROM articles WHERE slug = ?1", slug,
              "slug \"" + std::string(slug) + "\"");
}

Result<Article> SqliteArticleRepository::by_old_slug(std::string_view old_slug) {
  return load(pool_,
              "SELECT " CONGTIN_ARTICLE_COLUMNS
              " FROM articles WHERE id = "
              "(SELECT article_id FROM article_slugs_old WHERE slug = ?1)",
              old_slug, "old slug \"" + std::string(old_slug) + "\"");
}

Result<bool> SqliteArticleRepository::slug_taken(std::string_view slug) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto owner = slug_owner(**conn, slug);
  if (!owner) return owner.take_error();
  return owner->current.has_value() || owner->old.has_value();
}

Result<std::vector<ArticleSummary>> SqliteArticleRepository::published(const ArticleQuery& q,
                                                                       Time now) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  const bool featured_site_wide = q.featured_only && !q.category_id;
  auto stmt = (*conn)->prepare(featured_site_wide ? kFeaturedSql
                               : q.category_id    ? kPublishedInCategorySql
                                                  : kPublishedSql);
  if (!stmt) return stmt.take_error();
  bind_query(*stmt, q, now);
  stmt->bind(5, std::clamp(q.limit, 0, 1000)).bind(6, std::max(q.offset, 0));
  std::vector<ArticleSummary> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.take_error();
    if (!*row) return out;
    ArticleSummary s{.id = stmt->column_int64(0),
                     .title = stmt->column_string(1),
                     .slug = stmt->column_string(2),
                     .lead = stmt->column_string(3),
                     .cover_image = stmt->column_string(4),
                     .cover_alt = stmt->column_string(5),
                     .category_id = stmt->column_optional_int64(6).value_or(0),
                     .published_at = optional_time(*stmt, 7)};
    out.push_back(std::move(s));
  }
}

Result<std::int64_t> SqliteArticleRepository::count_published(const ArticleQuery& q, Time now) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(q.category_id ? kCountInCategorySql : kCountPublishedSql);
  if (!stmt) return stmt.take_error();
  bind_query(*stmt, q, now);
  auto row = stmt->step();
  if (!row) return row.take_error();
  if (!*row) return Error::internal("count returned no row");
  return stmt->column_int64(0);
}

Result<std::vector<Id>> SqliteArticleRepository::published_ids(Time now) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  // One statement: one snapshot of the database.
  auto stmt = (*conn)->prepare(
      "SELECT id FROM articles WHERE status = 'published' AND published_at <= ?1"
      " ORDER BY published_at DESC, id DESC");
  if (!stmt) return stmt.take_error();
  stmt->bind(1, to_unix(now));
  return stmt->int64_column();
}

#undef CONGTIN_ARTICLE_COLUMNS

}  // namespace congtin::store::sqlite
