// The SQLite stats::StatsRepository: daily visitor aggregates in the site's database file
// (tables of migration "visitor statistics", see stats_schema.h).
//
// It opens its own per-thread connections to the file (WAL: the flusher's write never blocks
// page readers) and applies pending migrations, like open_sqlite_store().
// Thread-safety: the repository may be used from any number of threads.
#pragma once

#include <filesystem>
#include <memory>

#include "core/result.h"
#include "stats/repository.h"

namespace congtin::store {

// kNotFound if the file does not exist (run `congtin init`), kUnavailable if it cannot be
// opened or stays locked, kCorruption as open_sqlite_store().
Result<std::unique_ptr<stats::StatsRepository>> open_sqlite_stats(
    const std::filesystem::path& file);

}  // namespace congtin::store
