// open_newsroom(): the SQLite-backed content::NewsroomStore — articles, categories, revisions,
// workflow records, transitions and the audit log of one congtin database, over one
// connection pool so that NewsroomStore::transaction() spans all of them.
//
// Like the accounts store, it runs on its own ConnectionPool over the same file as the content
// store (WAL lets them work side by side); the content store's open must have run first, since
// it applies the migrations (the newsroom schema is migration 3). Do not call one store's
// transaction() inside the other's on the same thread: the inner one would wait for the
// outer one's write lock until the busy timeout.
//
// Thread-safety: the returned store may be used from any number of threads at once.
#pragma once

#include <filesystem>
#include <memory>

#include "content/newsroom_repository.h"
#include "core/result.h"

namespace congtin::store {

// kNotFound if the file is missing; kCorruption if it lacks the newsroom tables (not yet
// migrated by this congtin); kUnavailable if it cannot be opened or stays busy.
Result<std::unique_ptr<content::NewsroomStore>> open_newsroom(const std::filesystem::path& file);

}  // namespace congtin::store
