// A thin RAII layer over the SQLite C API, shared by every SQLite-backed part of congtin
// (content repositories, the FTS5 search index, statistics counters, users).
//
// Connection owns one sqlite3 handle and a cache of prepared statements keyed by SQL text.
// Statement is a short-lived lease on one prepared statement: bind values, step through rows,
// read columns; when the lease ends the statement is reset and its bindings cleared, ready for
// the next caller. Transaction is a scope guard: BEGIN IMMEDIATE, or a SAVEPOINT when the
// connection is already inside a transaction, rolled back unless commit() succeeds.
//
// Thread-safety: a Connection and everything borrowed from it belong to one thread at a time
// (the store gives each thread its own connection; see connection_pool.h). Statements and
// Transactions must not outlive their Connection.
//
// Values always travel as bound parameters; SQL text is fixed at compile time. Failures come
// back as Errors (see sqlite_error below); bind misuse (a bad index) is reported by the next
// step() so that binding can be chained.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace congtin::store::sqlite {

// Turns an SQLite result code into an Error whose kind a caller can act on:
// busy/locked -> kUnavailable, unique/primary-key constraint -> kConflict, other constraints
// (foreign key, not null, check) -> kInvalidArgument, corrupt/not-a-database -> kCorruption,
// I/O and full disk -> kIo, cannot open -> kUnavailable, anything else -> kInternal.
// `context` says what was being done ("insert article"); db may be null.
Error sqlite_error(int rc, sqlite3* db, std::string_view context);

// What this process's connections are doing with commits, so that a watcher can tell its
// own writes from other processes' (see OutsideWrites in sqlite_store.h). `epoch` grows when
// a commit starts (SQLite's commit hook, before other connections can see it) and again when
// the statement that committed returns (after they can); `in_flight` counts commits started
// and not yet returned. Only writing transactions count; reads never touch either.
// Thread-safe (atomics).
struct CommitActivity {
  std::uint64_t epoch = 0;
  std::int64_t in_flight = 0;
};
CommitActivity own_commit_activity();

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();  // resets the statement and clears bindings (cached) or finalizes it

  // Parameters are 1-based, as in SQLite ("?1"). Text and blobs are copied.
  Statement& bind(int index, std::int64_t v);
  Statement& bind(int index, int v) { return bind(index, static_cast<std::int64_t>(v)); }
  Statement& bind(int index, bool v) { return bind(index, static_cast<std::int64_t>(v)); }
  Statement& bind(int index, std::string_view v);
  Statement& bind(int index, const char* v) { return bind(index, std::string_view(v)); }
  Statement& bind(int index, std::nullopt_t);
  template <class T>
  Statement& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind(index, std::nullopt);
  }
  Statement& bind_blob(int index, std::span<const std::byte> v);

  // Advances to the next row: true when a row is ready, false when the statement is done.
  // kUnavailable when the database stayed busy past the busy timeout.
  Result<bool> step();
  // Steps until done; for statements that return no rows (INSERT, UPDATE, DELETE, DDL).
  Status run();
  // Steps until done and gives the first column of every row as an integer (a list of ids).
  Result<std::vector<std::int64_t>> int64_column();

  // Column readers for the current row (0-based). Text and blob views are valid until the
  // next step() or the end of the lease. NULL reads as 0, "" or an empty span.
  bool column_is_null(int col) const;
  std::int64_t column_int64(int col) const;
  std::string_view column_text(int col) const;
  std::string column_string(int col) const { return std::string(column_text(col)); }
  std::optional<std::int64_t> column_optional_int64(int col) const;
  std::optional<std::string> column_optional_string(int col) const;
  std::span<const std::byte> column_blob(int col) const;

  // The SQL text, for error messages.
  std::string_view sql() const;

 private:
  friend class Connection;
  Statement(sqlite3_stmt* stmt, bool* in_use, bool* commit_pending)
      : stmt_(stmt), in_use_(in_use), commit_pending_(commit_pending) {}
  void release() noexcept;
  void note_bind(int rc, int index);

  sqlite3_stmt* stmt_ = nullptr;
  bool* in_use_ = nullptr;  // the cache slot's flag; null for an uncached (owned) statement
  bool* commit_pending_ = nullptr;  // the connection's flag (see CommitActivity)
  int bind_error_ = 0;      // first failed bind, reported by step()
  int bind_error_index_ = 0;
};

class Connection {
 public:
  struct Options {
    bool create = false;         // create the file if it is missing
    int busy_timeout_ms = 5000;  // how long a writer waits for another before kUnavailable
  };

  // Opens `file` read-write and applies the connection PRAGMAs every congtin connection uses:
  // journal_mode=WAL, synchronous=NORMAL, foreign_keys=ON, temp_store=MEMORY and the busy
  // timeout. kUnavailable if the file cannot be opened or is read-only, kCorruption if it is
  // not an SQLite database.
  static Result<std::unique_ptr<Connection>> open(const std::filesystem::path& file,
                                                  const Options& options);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();  // finalizes cached statements, then closes the handle

  // A lease on the prepared statement for `sql` (one statement). Prepared once per
  // connection and cached; if the cached one is already leased (nested use), a fresh
  // uncached statement is prepared instead. kInternal on an SQL error (a bug).
  Result<Statement> prepare(std::string_view sql);

  // Runs fixed SQL that may hold several statements (migrations, PRAGMAs). Never pass text
  // built from values here.
  Status exec_script(std::string_view sql);

  std::int64_t last_insert_id() const;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  std::int64_t changes() const;
  // True between BEGIN and COMMIT/ROLLBACK.
  bool in_transaction() const;
  const std::filesystem::path& file() const { return file_; }
  sqlite3* handle() const { return db_; }

  Error error(int rc, std::string_view context) const { return sqlite_error(rc, db_, context); }

 private:
  Connection(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}
  friend class Statement;

  // Set by the commit hook while a commit of this connection is on its way; cleared, with
  // the process-wide CommitActivity updated, when the statement that committed returns.
  bool commit_pending_ = false;

  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };

  sqlite3* db_;
  std::filesystem::path file_;
  // std::map: node addresses stay put, so leases may point at their slot's in_use flag.
  std::map<std::string, CachedStatement, std::less<>> cache_;
};

// A write transaction scope. On a connection outside any transaction it runs BEGIN IMMEDIATE
// (taking the write lock up front, so a reader never has to upgrade and fail); inside one it
// opens a SAVEPOINT, so a failed inner operation undoes only its own writes. Rolled back by
// the destructor unless commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> begin(Connection& c);

  Transaction(Transaction&& other) noexcept
      : conn_(std::exchange(other.conn_, nullptr)), savepoint_(other.savepoint_) {}
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();

  // COMMIT (or RELEASE the savepoint). On failure the transaction is rolled back.
  Status commit();

 private:
  Transaction(Connection* conn, bool savepoint) : conn_(conn), savepoint_(savepoint) {}
  void rollback() noexcept;

  Connection* conn_;  // null once finished
  bool savepoint_;
};

}  // namespace congtin::store::sqlite
