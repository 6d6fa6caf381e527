// The SQLite FTS5 search::SearchIndex: the default search of a one-node congtin, in the same
// database file as the content (tables search_text and search_fts, see search_schema.h).
//
// Index writes from `congtin import` are visible to a running `congtin serve` as soon as they
// commit: both processes read the same file.
//
// Thread-safety: thread-safe; every thread gets its own connection (connection_pool.h), and
// batch() joins the writes of the calling thread into one transaction.
#pragma once

#include <filesystem>
#include <memory>

#include "core/result.h"
#include "search/search_index.h"

namespace congtin::store {

// Opens the index in the database `file`, which open_sqlite_store() must have created or
// migrated already (the schema comes with the content's migrations). kNotFound if the file
// does not exist; kCorruption if it has no search tables (an older schema); kUnavailable if
// it cannot be opened.
Result<std::unique_ptr<search::SearchIndex>> open_sqlite_search_index(
    const std::filesystem::path& file);

}  // namespace congtin::store
