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

#include <cstdint>
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

// OutsideWrites: notices commits that other processes make to the database file (`congtin
// import` while the server runs, an operator's sqlite3 session), and ignores this process's
// own, which announce themselves through content events — statistics and session writes
// included, so they never look like content changes from outside.
//
// It holds one connection of its own and asks SQLite's `PRAGMA data_version`, which changes
// when any other connection has committed; commits of this process's connections are told
// apart with sqlite::own_commit_activity() (db.h). A change seen while none of ours was under
// way is from outside. The price: when another process commits during a poll interval in
// which this process also committed, the change is taken for ours and only a later outside
// commit (or the page cache's max_age) brings it in.
//
// Thread-safety: one thread polls (the watcher's); poll() must not be called concurrently.
class OutsideWrites {
 public:
  // kNotFound if the file does not exist; otherwise the errors of open_sqlite_store().
  static Result<std::unique_ptr<OutsideWrites>> open(const std::filesystem::path& file);
  ~OutsideWrites();
  OutsideWrites(const OutsideWrites&) = delete;
  OutsideWrites& operator=(const OutsideWrites&) = delete;

  // How many outside changes were seen so far (0 on the first call): the value grows by one
  // on each call that finds the database changed by another process since the call before.
  // A read error (kUnavailable, kIo) leaves the count as it was.
  Result<std::uint64_t> poll();

 private:
  struct Impl;
  explicit OutsideWrites(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace congtin::store
