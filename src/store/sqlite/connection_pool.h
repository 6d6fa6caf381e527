// ConnectionPool: one SQLite connection per thread for one database file.
//
// SQLite connections are cheap but not meant to be shared between threads that run at the same
// time, and WAL mode lets many readers and one writer work in parallel only when each has its
// own connection. So the pool opens a connection the first time a thread asks and hands that
// same connection to the thread afterwards, which is also what lets Store::transaction() work:
// every repository call on the thread joins the thread's open transaction.
//
// Lifetime: the pool owns every connection it opened. When a thread ends, its connection is
// closed and dropped from the pool; when the pool is destroyed, every remaining connection is
// closed, even those of threads that are still alive (they hold only a weak reference, so they
// never touch a dead pool). The pool must be held by a shared_ptr (create()).
//
// Thread-safety: this_thread() may be called from any thread. The returned Connection belongs
// to the calling thread and must not be handed to another thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "store/sqlite/db.h"

namespace congtin::store::sqlite {

class ConnectionPool : public std::enable_shared_from_this<ConnectionPool> {
 public:
  // Opens no connection yet; the first this_thread() does.
  static std::shared_ptr<ConnectionPool> create(std::filesystem::path file,
                                                Connection::Options options);

  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  ~ConnectionPool();  // closes every connection

  // The calling thread's connection, opened on first use. The pointer stays valid on this
  // thread until the thread ends or the pool is destroyed. Errors are those of
  // Connection::open (kUnavailable, kCorruption).
  Result<Connection*> this_thread();

  // How many connections are open (for tests and diagnostics).
  std::size_t size() const;

  const std::filesystem::path& file() const { return file_; }

 private:
  ConnectionPool(std::filesystem::path file, Connection::Options options);
  friend struct ThreadConnections;
  // Called when a thread that has a connection here ends.
  void release(Connection* c);

  const std::uint64_t id_;  // never reused, unlike addresses: tells pools apart in thread slots
  const std::filesystem::path file_;
  const Connection::Options options_;
  mutable std::mutex mu_;
  std::unordered_map<Connection*, std::unique_ptr<Connection>> connections_;
};

// A pool on a database file that `congtin init` made, for the repositories that open their
// own pool beside the store (accounts, newsroom, search, statistics, media): kNotFound,
// naming `congtin init`, when the file does not exist. Opens no connection yet.
Result<std::shared_ptr<ConnectionPool>> open_existing_pool(const std::filesystem::path& file);

// kCorruption naming `what` ("newsroom") unless every one of `tables` is in the schema: the
// store (open_sqlite_store) applies the migrations; such repositories only check they ran.
Status require_tables(ConnectionPool& pool, const std::vector<std::string_view>& tables,
                      std::string_view what);

}  // namespace congtin::store::sqlite
