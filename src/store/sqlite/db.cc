#include "store/sqlite/db.h"

#include <sqlite3.h>

#include <atomic>
#include <cassert>

namespace congtin::store::sqlite {

namespace {

std::atomic<std::uint64_t> g_commit_epoch{0};
std::atomic<std::int64_t> g_commits_in_flight{0};

// SQLite's commit hook: runs inside the commit, before other connections can see it.
int on_commit(void* pending_flag) {
  bool& pending = *static_cast<bool*>(pending_flag);
  if (!pending) {
    pending = true;
    g_commits_in_flight.fetch_add(1, std::memory_order_seq_cst);
  }
  g_commit_epoch.fetch_add(1, std::memory_order_seq_cst);
  return 0;  // go on with the commit
}

// After a statement of the connection returned: its commit, if any, is visible or abandoned.
void settle_commit(bool* pending) {
  if (pending == nullptr || !*pending) return;
  *pending = false;
  g_commit_epoch.fetch_add(1, std::memory_order_seq_cst);
  g_commits_in_flight.fetch_sub(1, std::memory_order_seq_cst);
}

// The first line of an SQL text, shortened: enough to tell which statement failed.
std::string sql_excerpt(std::string_view sql) {
  constexpr std::size_t kMax = 80;
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n')) sql.remove_prefix(1);
  std::string out(sql.substr(0, std::min(sql.find('\n'), kMax)));
  if (out.size() < sql.size()) out += "…";
  return out;
}

}  // namespace

Error sqlite_error(int rc, sqlite3* db, std::string_view context) {
  std::string detail =
      db != nullptr && sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string message = std::string(context) + ": " + detail;
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Error::unavailable(message + " (the database stayed busy; try again)");
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return Error::conflict(message);
      return Error::invalid(message);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Error::corruption(message);
    case SQLITE_IOERR:
    case SQLITE_FULL:
      return Error::io(message);
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return Error::unavailable(message);
    default:
      return Error::internal(message);
  }
}

CommitActivity own_commit_activity() {
  // in_flight first: a commit that returns between the two loads then shows in epoch.
  CommitActivity a;
  a.in_flight = g_commits_in_flight.load(std::memory_order_seq_cst);
  a.epoch = g_commit_epoch.load(std::memory_order_seq_cst);
  return a;
}

// --- Statement -------------------------------------------------------------------------------

Statement::Statement(Statement&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      commit_pending_(std::exchange(other.commit_pending_, nullptr)),
      bind_error_(other.bind_error_),
      bind_error_index_(other.bind_error_index_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    stmt_ = std::exchange(other.stmt_, nullptr);
    in_use_ = std::exchange(other.in_use_, nullptr);
    commit_pending_ = std::exchange(other.commit_pending_, nullptr);
    bind_error_ = other.bind_error_;
    bind_error_index_ = other.bind_error_index_;
  }
  return *this;
}

Statement::~Statement() { release(); }

void Statement::release() noexcept {
  if (stmt_ == nullptr) return;
  if (in_use_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
  in_use_ = nullptr;
}

void Statement::note_bind(int rc, int index) {
  if (rc != SQLITE_OK && bind_error_ == 0) {
    bind_error_ = rc;
    bind_error_index_ = index;
  }
}

Statement& Statement::bind(int index, std::int64_t v) {
  note_bind(sqlite3_bind_int64(stmt_, index, v), index);
  return *this;
}

Statement& Statement::bind(int index, std::string_view v) {
  // A non-null pointer even for "", so that an empty string binds as '' rather than NULL.
  note_bind(sqlite3_bind_text64(stmt_, index, v.empty() ? "" : v.data(), v.size(), SQLITE_TRANSIENT,
                                SQLITE_UTF8),
            index);
  return *this;
}

Statement& Statement::bind(int index, std::nullopt_t) {
  note_bind(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

Statement& Statement::bind_blob(int index, std::span<const std::byte> v) {
  note_bind(v.empty() ? sqlite3_bind_zeroblob(stmt_, index, 0)
                      : sqlite3_bind_blob64(stmt_, index, v.data(), v.size(), SQLITE_TRANSIENT),
            index);
  return *this;
}

Result<bool> Statement::step() {
  sqlite3* db = sqlite3_db_handle(stmt_);
  if (bind_error_ != 0) {
    return Error::internal("binding parameter " + std::to_string(bind_error_index_) + " of `" +
                           sql_excerpt(sql()) + "`: " + sqlite3_errstr(bind_error_));
  }
  int rc = sqlite3_step(stmt_);
  settle_commit(commit_pending_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(rc, db, "running `" + sql_excerpt(sql()) + "`");
}

Status Statement::run() {
  for (;;) {
    auto r = step();
    if (!r) return r.take_error();
    if (!*r) return {};
  }
}

Result<std::vector<std::int64_t>> Statement::int64_column() {
  std::vector<std::int64_t> out;
  for (;;) {
    auto r = step();
    if (!r) return r.take_error();
    if (!*r) return out;
    out.push_back(column_int64(0));
  }
}

bool Statement::column_is_null(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

std::int64_t Statement::column_int64(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string_view Statement::column_text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (p == nullptr) return {};
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::optional<std::int64_t> Statement::column_optional_int64(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_int64(col);
}

std::optional<std::string> Statement::column_optional_string(int col) const {
  if (column_is_null(col)) return std::nullopt;
  return column_string(col);
}

std::span<const std::byte> Statement::column_blob(int col) const {
  const auto* p = static_cast<const std::byte*>(sqlite3_column_blob(stmt_, col));
  if (p == nullptr) return {};
  return {p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col))};
}

std::string_view Statement::sql() const {
  const char* s = sqlite3_sql(stmt_);
  return s == nullptr ? std::string_view() : std::string_view(s);
}

// --- Connection ------------------------------------------------------------------------------

Result<std::unique_ptr<Connection>> Connection::open(const std::filesystem::path& file,
                                                     const Options& options) {
  // NOMUTEX: each connection is used by one thread at a time, so SQLite's own per-connection
  // mutex would be pure cost. EXRESCODE: extended codes tell a unique violation from others.
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  if (options.create) flags |= SQLITE_OPEN_CREATE;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(file.c_str(), &raw, flags, nullptr);
  // Owned from here on, even when the open failed (SQLite still allocates a handle).
  std::unique_ptr<Connection> conn(new Connection(raw, file));
  if (rc != SQLITE_OK) {
    return sqlite_error(rc, raw,
                        "cannot open database file " + file.string() +
                            " (check that it exists and is readable and writable)");
  }
  if (sqlite3_db_readonly(raw, "main") == 1) {
    return Error::unavailable("database file " + file.string() +
                              " is read-only for this user; congtin needs to write to it and to "
                              "create files beside it (-wal, -shm)");
  }
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  sqlite3_commit_hook(raw, on_commit, &conn->commit_pending_);
  // journal_mode is persistent in the file and a no-op when already WAL; it is also the first
  // statement that reads the file, so a file that is not a database fails here.
  Status s = conn->exec_script(
      "PRAGMA foreign_keys = ON;"
      "PRAGMA journal_mode = WAL;"
      "PRAGMA synchronous = NORMAL;"
      "PRAGMA temp_store = MEMORY;");
  if (!s) {
    Error e = s.take_error();
    if (e.kind == ErrorKind::kCorruption) {
      e.message = "database file " + file.string() + " is not an SQLite database or is corrupt (" +
                  e.message + "); restore it from a backup";
    }
    return e;
  }
  return conn;
}

Connection::~Connection() {
  settle_commit(&commit_pending_);
  for (auto& [sql, cached] : cache_) {
    assert(!cached.in_use && "a Statement outlived its Connection");
    sqlite3_finalize(cached.stmt);
  }
  cache_.clear();
  // sqlite3_close_v2 defers the close if something is still unfinalized instead of leaking.
  sqlite3_close_v2(db_);
}

Result<Statement> Connection::prepare(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Statement(it->second.stmt, &it->second.in_use, &commit_pending_);
  }
  sqlite3_stmt* stmt = nullptr;
  const bool cache = it == cache_.end();
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              cache ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return sqlite_error(rc, db_, "preparing `" + sql_excerpt(sql) + "`");
  }
  if (stmt == nullptr) return Error::internal("preparing an empty SQL text");
  if (!cache) return Statement(stmt, nullptr, &commit_pending_);  // cached one busy: nested use
  auto [slot, inserted] = cache_.emplace(std::string(sql), CachedStatement{stmt, true});
  assert(inserted);
  return Statement(stmt, &slot->second.in_use, &commit_pending_);
}

Status Connection::exec_script(std::string_view sql) {
  std::string text(sql);  // sqlite3_exec wants a NUL-terminated string
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  settle_commit(&commit_pending_);
  if (rc == SQLITE_OK) return {};
  return sqlite_error(rc, db_, "running `" + sql_excerpt(sql) + "`");
}

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }

std::int64_t Connection::changes() const { return sqlite3_changes64(db_); }

bool Connection::in_transaction() const { return sqlite3_get_autocommit(db_) == 0; }

// --- Transaction -----------------------------------------------------------------------------

Result<Transaction> Transaction::begin(Connection& c) {
  const bool savepoint = c.in_transaction();
  Status s = c.exec_script(savepoint ? "SAVEPOINT congtin_nested" : "BEGIN IMMEDIATE");
  if (!s) return s.take_error();
  return Transaction(&c, savepoint);
}

Transaction::~Transaction() { rollback(); }

Status Transaction::commit() {
  if (conn_ == nullptr) return Error::internal("transaction already finished");
  Status s = conn_->exec_script(savepoint_ ? "RELEASE congtin_nested" : "COMMIT");
  if (!s) {
    rollback();
    return s;
  }
  conn_ = nullptr;
  return {};
}

void Transaction::rollback() noexcept {
  if (conn_ == nullptr) return;
  Connection* c = std::exchange(conn_, nullptr);
  // Some errors (full disk, I/O) make SQLite roll back on its own; then there is nothing to
  // undo and the statements below would only fail.
  if (!c->in_transaction()) return;
  if (savepoint_) {
    (void)c->exec_script("ROLLBACK TO congtin_nested; RELEASE congtin_nested");
  } else {
    (void)c->exec_script("ROLLBACK");
  }
}

}  // namespace congtin::store::sqlite
