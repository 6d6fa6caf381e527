// The SQLite-backed content::Store: the default database of a one-node congtin.
//
// One file (data/congtin.db) in WAL mode, with -wal and -shm files beside it. Every thread
// that uses the store gets its own connection, opened on first use and closed when the thread
// ends or the store is destroyed, whichever comes first; readers never block each other or the
// writer, and writers queue for up to 5 s before a call fails with kUnavailable.
//
// Thread-safety: the returned Store and its repositories may be used from any number of threads
// at once. Destroying the store while another thread is inside one of its calls is a bug;
// destroying it while threads that once used it are still alive (idle) is fine.
#pragma once

#include <filesystem>
#include <memory>

#include "content/repository.h"
#include "core/result.h"

namespace congtin::store {

enum class OpenMode {
  kCreate,        // a new database: the file must not exist yet
  kOpenExisting,  // a database made earlier by kCreate (congtin init)
};

// Opens the database in `file` and brings its schema up to date (migrations are applied at
// every open; they are no-ops when there is nothing pending).
//
// kCreate:        kConflict if the file already exists; kUnavailable if it cannot be created
//                 (missing directory, no permission). A failed kCreate leaves no file behind.
// kOpenExisting:  kNotFound if the file does not exist; kUnavailable if it cannot be read or
//                 written; kCorruption if it is not an SQLite database, is damaged, or has a
//                 schema version newer than this binary knows (the message names both).
// Both:           kUnavailable if the database stays locked by another process.
Result<std::unique_ptr<content::Store>> open_sqlite_store(const std::filesystem::path& file,
                                                          OpenMode mode);

}  // namespace congtin::store
