// The SQLite media::MediaRepository: the media library's rows (table of migration "media
// library", see media_schema.h) in the site's database file.
//
// Opens its own per-thread connections to the file (WAL) and applies pending migrations, like
// open_sqlite_store(). Thread-safety: the repository may be used from any number of threads.
#pragma once

#include <filesystem>
#include <memory>

#include "core/result.h"
#include "media/repository.h"

namespace congtin::store {

// kNotFound if the file does not exist (run `congtin init`), kUnavailable if it cannot be
// opened or stays locked, kCorruption as open_sqlite_store().
Result<std::unique_ptr<media::MediaRepository>> open_sqlite_media(
    const std::filesystem::path& file);

}  // namespace congtin::store
