// The SQLite FTS5 search::SearchIndex: the default search of a one-node congtin, in the same
// database file as the content (tables search_text and search_fts, see search_schema.h).
//
// Index writes from `congtin import` are visible to a running `congtin serve` as soon as they
// commit: both processes read the same file.
//
// Thread-safety: thread-safe; every thread gets its own connection (connection_pool.h), and
// batch() joins the writes of the calling thread into one transaction.
//
// Two ways to answer a query, with the same results, order and scores: FTS5 walks the
// doclists of its words newest first and congtin_rank scores the window; or, when its words
// are common and their intersection small (where that walk is longest), the in-memory word
// sets (search_memory.h) give the matching documents at once and their folded text is scored
// in C++. The word sets are built in a background thread (warm_up(), or the first search
// that finds them missing or older than the index's last write), follow this object's own
// writes by an update in place (also in the background), and are used only while they
// describe the index as it is (search_generation); otherwise FTS5 answers.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "search/search_index.h"

namespace congtin::store {

// Opens the index in the database `file`, which open_sqlite_store() must have created or
// migrated already (the schema comes with the content's migrations). kNotFound if the file
// does not exist; kCorruption if it has no search tables (an older schema); kUnavailable if
// it cannot be opened.
struct SqliteSearchOptions {
  // Which way answers (tests compare them): kAuto picks the cheaper by an estimate.
  enum class Path { kAuto, kFts5, kMemory };
  Path path = Path::kAuto;
  // False: a search that finds the word sets missing or stale builds them itself, at once,
  // instead of in the background (tests).
  bool build_in_background = true;
  // Told, from the background thread, the outcome of each build ("search: in-memory word sets
  // ready: 100000 documents, ...") and update in place; serve logs it.
  std::function<void(const std::string&)> report;
};

Result<std::unique_ptr<search::SearchIndex>> open_sqlite_search_index(
    const std::filesystem::path& file, SqliteSearchOptions options = {});

}  // namespace congtin::store
