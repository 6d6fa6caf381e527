// The SQL of the search index migration, kept beside the index that uses it; migrations.cc
// lists it in order with the others. Never edit it once released.
#pragma once

#include <string_view>

namespace congtin::store::sqlite {

// search_docs holds what queries filter and sort on, in small rows that stay in the page
// cache: joining the big search_text rows instead costs a page read per match.
// search_text holds each indexed article twice: folded (f_*: text::fold, no diacritics) and
// as written (title, lead, body, meta). search_fts indexes the folded columns and the
// original title, lead and meta with the built-in unicode61 tokenizer, diacritics kept: the
// folded columns match what visitors type without marks, the original ones let a query typed
// with marks rank exact matches higher. The original body is stored for snippets but not
// indexed: it would double the largest part of the index (and of a rebuild) for a signal
// that the title and lead already give. Folding happens
// in C++ (text::fold) for documents and queries alike, so no custom tokenizer has to be
// registered on every connection: any SQLite (the sqlite3 shell, a backup tool, another
// module's connection) can read and write this file. search_fts is an external-content
// table over search_text: deleting a row hands FTS5 the exact values it indexed (read back
// from search_text), and 'delete-all' empties the index at once for a rebuild.
inline constexpr std::string_view kSearchSchema = R"sql(
CREATE TABLE search_docs (
  article_id   INTEGER PRIMARY KEY,  -- articles.id; no foreign key: the index follows events
  slug         TEXT NOT NULL,
  category_id  INTEGER NOT NULL,     -- 0: none
  published_at INTEGER NOT NULL      -- UTC seconds; queries filter published_at <= now
);
CREATE INDEX search_docs_category ON search_docs(category_id);

CREATE TABLE search_text (
  article_id INTEGER PRIMARY KEY,
  f_title TEXT NOT NULL, f_lead TEXT NOT NULL, f_body TEXT NOT NULL, f_meta TEXT NOT NULL,
  title   TEXT NOT NULL, lead   TEXT NOT NULL, body   TEXT NOT NULL, meta   TEXT NOT NULL
);

CREATE VIRTUAL TABLE search_fts USING fts5(
  f_title, f_lead, f_body, f_meta, title, lead, meta,
  content = 'search_text', content_rowid = 'article_id',
  tokenize = 'unicode61 remove_diacritics 0'
);
)sql";

// Migration 9: the index keyed by recency. FTS5 walks a doclist fastest in ascending rowid
// order, and every search walks its matches newest first; the rowid of search_fts (and of its
// content table search_text) is therefore doc_key (search_doc_key.h): the publication time,
// reversed, above the article id, so ascending keys are newest first and a date range is a
// key range FTS5 applies itself, without reading search_docs for every match. Keys this
// large cost space: a doclist's rowid deltas take 5-6 bytes instead of 1-2, and the index of
// 100,000 articles is 305 MB where article ids as rowids would give 188 MB; searches are
// faster all the same (bench/RESULTS.md §0). search_text keeps the short columns before the
// bodies, so reading a title does not walk the body's overflow pages. Only the folded columns
// are indexed: a word's exact form (as typed, with diacritics) is counted by the index code
// in the title, lead and meta of the documents it ranks (store/sqlite/search_fts_query.h
// says why). The old tables are dropped: the index is rebuilt from the articles (`congtin
// serve` does it at start when the index is empty and articles are published).
inline constexpr std::string_view kSearchByRecencySchema = R"sql(
DROP TABLE search_fts;
DROP TABLE search_text;
DROP TABLE search_docs;

CREATE TABLE search_docs (
  article_id   INTEGER PRIMARY KEY,  -- articles.id; no foreign key: the index follows events
  doc_key      INTEGER NOT NULL UNIQUE,
  slug         TEXT NOT NULL,
  category_id  INTEGER NOT NULL,     -- 0: none
  published_at INTEGER NOT NULL      -- UTC seconds
);
CREATE INDEX search_docs_category ON search_docs(category_id);

CREATE TABLE search_text (
  doc_key INTEGER PRIMARY KEY,
  f_title TEXT NOT NULL, f_lead TEXT NOT NULL, f_meta TEXT NOT NULL,
  title   TEXT NOT NULL, lead   TEXT NOT NULL, meta   TEXT NOT NULL,
  f_body  TEXT NOT NULL, body   TEXT NOT NULL
);

CREATE VIRTUAL TABLE search_fts USING fts5(
  f_title, f_lead, f_body, f_meta,
  content = 'search_text', content_rowid = 'doc_key',
  tokenize = 'unicode61 remove_diacritics 0'
);
)sql";

// Migration 10: a counter of the index's writes. put, remove and clear add one in the
// transaction that writes, whatever process runs them; the in-memory word sets a server keeps
// beside FTS5 (search_memory.h) are valid only for the count they were built at.
inline constexpr std::string_view kSearchGenerationSchema = R"sql(
CREATE TABLE search_generation (n INTEGER NOT NULL);
INSERT INTO search_generation(n) VALUES (0);
)sql";

}  // namespace congtin::store::sqlite
