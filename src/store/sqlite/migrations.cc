#include "store/sqlite/migrations.h"

#include <array>
#include <string>

#include "store/sqlite/account_schema.h"
#include "store/sqlite/media_schema.h"
#include "store/sqlite/newsroom_schema.h"
#include "store/sqlite/search_schema.h"
#include "store/sqlite/site_schema.h"
#include "store/sqlite/stats_schema.h"

namespace congtin::store::sqlite {

namespace {

// Times are integer UTC seconds; article status is the text code of content::status_code().
// Articles and categories use AUTOINCREMENT so that an id is never reused after a delete:
// search index rows, statistics and cached pages refer to articles by id.
constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE site_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE categories (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  parent_id   INTEGER REFERENCES categories(id) ON DELETE RESTRICT,
  name        TEXT NOT NULL,
  slug        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  position    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX categories_parent ON categories(parent_id);
CREATE INDEX categories_name ON categories(name);

CREATE TABLE articles (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  title         TEXT NOT NULL,
  slug          TEXT NOT NULL UNIQUE,
  lead          TEXT NOT NULL DEFAULT '',
  body_html     TEXT NOT NULL DEFAULT '',
  cover_image   TEXT NOT NULL DEFAULT '',
  cover_caption TEXT NOT NULL DEFAULT '',
  cover_alt     TEXT NOT NULL DEFAULT '',
  author        TEXT NOT NULL DEFAULT '',
  author_unit   TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL DEFAULT '',
  category_id   INTEGER REFERENCES categories(id) ON DELETE RESTRICT,  -- NULL: none (id 0)
  status        TEXT NOT NULL,
  featured      INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
  published_at  INTEGER,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);
-- Public listings: status = 'published' AND published_at <= now, newest first.
CREATE INDEX articles_public ON articles(status, published_at DESC, id DESC);
CREATE INDEX articles_category ON articles(category_id, status, published_at DESC);

-- Slugs an article had before; they redirect (301) to its current slug.
CREATE TABLE article_slugs_old (
  slug       TEXT PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX article_slugs_old_article ON article_slugs_old(article_id);

CREATE TABLE tags (
  id   INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE article_tags (
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  position   INTEGER NOT NULL,  -- keeps the order the editor gave
  PRIMARY KEY (article_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX article_tags_tag ON article_tags(tag_id);

CREATE TABLE pages (
  id         INTEGER PRIMARY KEY,
  slug       TEXT NOT NULL UNIQUE,
  title      TEXT NOT NULL,
  body_html  TEXT NOT NULL DEFAULT '',
  position   INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL
);

CREATE TABLE links (
  id       INTEGER PRIMARY KEY,
  title    TEXT NOT NULL,
  url      TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE contacts (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL,
  role     TEXT NOT NULL DEFAULT '',
  phone    TEXT NOT NULL DEFAULT '',
  email    TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0
);
)sql";

// Append new migrations here; never edit a released one.
constexpr std::array kMigrations{
    Migration{1, "initial schema", kInitialSchema},
    Migration{2, "accounts and sessions", kAccountsSchema},
    Migration{3, "newsroom: revisions, workflow, transitions, audit log", kNewsroomSchema},
    Migration{4, "visitor statistics", kStatsSchema},
    Migration{5, "search index", kSearchSchema},
    Migration{6, "categories: shown in the menu or not", kCategoryMenuSchema},
    Migration{7, "media library", kMediaSchema},
    // The home page's featured block: few rows are featured, so without this the newest-first
    // walk of articles_public reads every article (2 s cold at 100,000) to find five. Two
    // equality columns make the planner prefer it without ANALYZE statistics.
    Migration{8, "index of featured public articles",
              "CREATE INDEX articles_featured ON articles(status, featured, published_at DESC, "
              "id DESC) WHERE featured = 1;"},
    Migration{9, "search index keyed by recency (rebuilt at start)", kSearchByRecencySchema},
    Migration{10, "search index write counter", kSearchGenerationSchema},
};

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }

int latest_schema_version() { return kMigrations.back().version; }

Result<int> schema_version(Connection& c) {
  auto stmt = c.prepare("PRAGMA user_version");
  if (!stmt) return stmt.take_error();
  auto row = stmt->step();
  if (!row) return row.take_error();
  if (!*row) return Error::internal("PRAGMA user_version returned no row");
  return static_cast<int>(stmt->column_int64(0));
}

Status migrate(Connection& c) {
  const int latest = latest_schema_version();
  for (const Migration& m : kMigrations) {
    auto current = schema_version(c);
    if (!current) return current.take_error();
    if (*current > latest) {
      return Error::corruption(
          "database file " + c.file().string() + " has schema version " + std::to_string(*current) +
          ", newer than the version this congtin knows (" + std::to_string(latest) +
          "); it was written by a newer congtin: upgrade the binary");
    }
    if (*current >= m.version) continue;

    auto tx = Transaction::begin(c);
    if (!tx) return tx.take_error();
    // Another process may have migrated while we waited for the write lock.
    auto locked = schema_version(c);
    if (!locked) return locked.take_error();
    if (*locked >= m.version) continue;
    if (*locked != m.version - 1) {
      return Error::corruption("database schema version " + std::to_string(*locked) +
                               " is not followed by migration " + std::to_string(m.version));
    }
    Status s = c.exec_script(m.sql);
    if (!s) {
      Error e = s.take_error();
      e.message = "migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                  ") failed: " + e.message;
      return e;
    }
    // PRAGMA takes no bound parameters; the version is a constant of this binary, not input.
    s = c.exec_script("PRAGMA user_version = " + std::to_string(m.version));
    if (!s) return s;
    s = tx->commit();
    if (!s) return s;
  }
  return {};
}

}  // namespace congtin::store::sqlite
