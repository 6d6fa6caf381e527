#include "store/sqlite/sqlite_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>

#include "store/sqlite/connection_pool.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/repositories.h"

namespace congtin::store {

namespace {

using sqlite::Connection;
using sqlite::ConnectionPool;

class SqliteStore final : public content::Store {
 public:
  explicit SqliteStore(std::shared_ptr<ConnectionPool> pool)
      : pool_(std::move(pool)),
        site_(*pool_),
        categories_(*pool_),
        articles_(*pool_),
        pages_(*pool_) {}

  content::SiteRepository& site() override { return site_; }
  content::CategoryRepository& categories() override { return categories_; }
  content::ArticleRepository& articles() override { return articles_; }
  content::PageRepository& pages() override { return pages_; }

  Status transaction(const std::function<Status()>& fn) override {
    auto conn = pool_->this_thread();
    if (!conn) return conn.take_error();
    if ((*conn)->in_transaction()) {
      return Error::internal("Store::transaction called inside another transaction");
    }
    auto tx = sqlite::Transaction::begin(**conn);
    if (!tx) return tx.take_error();
    // On an error or an exception from fn, tx's destructor rolls back; exceptions propagate.
    Status s = fn();
    if (!s) return s;
    return tx->commit();
  }

  Status ping() override {
    auto conn = pool_->this_thread();
    if (!conn) return conn.take_error();
    auto stmt = (*conn)->prepare("SELECT 1");
    if (!stmt) return stmt.take_error();
    auto row = stmt->step();
    if (!row) return row.take_error();
    return {};
  }

 private:
  // Declared first so that it outlives the repositories that borrow it.
  std::shared_ptr<ConnectionPool> pool_;
  sqlite::SqliteSiteRepository site_;
  sqlite::SqliteCategoryRepository categories_;
  sqlite::SqliteArticleRepository articles_;
  sqlite::SqlitePageRepository pages_;
};

// Creates the file, failing if it exists (O_EXCL, so two `init`s cannot both win). SQLite
// takes an empty file as an empty database; the -wal and -shm files get its permissions.
Status create_empty_file(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd >= 0) {
    ::close(fd);
    return {};
  }
  const int err = errno;
  if (err == EEXIST) {
    return Error::conflict("database file " + file.string() +
                           " already exists; open it instead, or move it away to start afresh");
  }
  return Error::unavailable("cannot create database file " + file.string() + ": " +
                            std::strerror(err) +
                            " (check that the directory exists and is "
                            "writable)");
}

// Checks, without SQLite, that the file is readable and starts like an SQLite database, so a
// wrong path gives a clear message rather than "file is not a database" at the first query.
// Only before this process opens the file through SQLite: closing any other descriptor of the
// file drops every POSIX lock the process holds on it (fcntl semantics), SQLite's included.
// Another process then believes it is the last connection, checkpoints and removes the WAL
// under our connections, and they read "database disk image is malformed" until restarted.
Status check_existing_file(const std::filesystem::path& file) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (status.type() == std::filesystem::file_type::not_found) {
    return Error::not_found("database file " + file.string() +
                            " does not exist; run `congtin init --data DIR` first");
  }
  if (ec) {
    return Error::unavailable("cannot read database file " + file.string() + ": " + ec.message());
  }
  if (status.type() != std::filesystem::file_type::regular) {
    return Error::unavailable("database path " + file.string() + " is not a regular file");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Error::unavailable("cannot read database file " + file.string() + ": " +
                              std::strerror(errno));
  }
  constexpr std::string_view kMagic("SQLite format 3\0", 16);
  std::array<char, 16> header{};
  in.read(header.data(), header.size());
  if (in.gcount() == 0) {
    return Error::corruption("database file " + file.string() +
                             " is empty; restore it from a backup, or remove it and run "
                             "`congtin init --data DIR`");
  }
  if (std::string_view(header.data(), static_cast<std::size_t>(in.gcount())) != kMagic) {
    return Error::corruption("database file " + file.string() +
                             " is not an SQLite database (wrong header); check the path or "
                             "restore it from a backup");
  }
  return {};
}

// Removes what a failed kCreate made, so that running `init` again works.
void remove_database_files(const std::filesystem::path& file) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(file.string() + suffix, ec);
  }
}

Status open_and_migrate(ConnectionPool& pool, OpenMode mode) {
  auto conn = pool.this_thread();
  if (!conn) return conn.take_error();
  if (mode == OpenMode::kOpenExisting) {
    // Reading the schema touches the first pages: a damaged header or schema shows up here.
    auto stmt = (*conn)->prepare("SELECT count(*) FROM sqlite_schema");
    if (!stmt) return stmt.take_error();
    auto row = stmt->step();
    if (!row) return row.take_error();
  }
  return sqlite::migrate(**conn);
}

}  // namespace

Result<std::unique_ptr<content::Store>> open_sqlite_store(const std::filesystem::path& file,
                                                          OpenMode mode) {
  Status checked = mode == OpenMode::kCreate ? create_empty_file(file) : check_existing_file(file);
  if (!checked) return checked.take_error();

  auto pool = ConnectionPool::create(file, Connection::Options{});
  Status opened = open_and_migrate(*pool, mode);
  if (!opened) {
    pool.reset();  // close the connection before removing the files
    if (mode == OpenMode::kCreate) remove_database_files(file);
    Error e = opened.take_error();
    if (e.kind == ErrorKind::kCorruption && e.message.find(file.string()) == std::string::npos)
      e.message = "database file " + file.string() + " is damaged: " + e.message;
    return e;
  }
  return std::unique_ptr<content::Store>(new SqliteStore(std::move(pool)));
}

// --- OutsideWrites ---------------------------------------------------------------------------

struct OutsideWrites::Impl {
  std::unique_ptr<Connection> conn;
  std::optional<std::int64_t> last_version;
  std::uint64_t last_epoch = 0;  // own_commit_activity().epoch before the last read
  std::uint64_t seen = 0;

  Result<std::int64_t> data_version() {
    auto stmt = conn->prepare("PRAGMA data_version");
    if (!stmt) return stmt.take_error();
    auto row = stmt->step();
    if (!row) return row.take_error();
    if (!*row) return Error::internal("PRAGMA data_version returned no row");
    return stmt->column_int64(0);
  }
};

Result<std::unique_ptr<OutsideWrites>> OutsideWrites::open(const std::filesystem::path& file) {
  // Not check_existing_file(): the store is open in this process already (see there why a
  // second descriptor must not be opened and closed beside SQLite's).
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    return Error::not_found("database file " + file.string() + " does not exist");
  auto conn = Connection::open(file, Connection::Options{});
  if (!conn) return conn.take_error();
  auto impl = std::make_unique<Impl>();
  impl->conn = std::move(*conn);
  return std::unique_ptr<OutsideWrites>(new OutsideWrites(std::move(impl)));
}

OutsideWrites::OutsideWrites(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
OutsideWrites::~OutsideWrites() = default;

Result<std::uint64_t> OutsideWrites::poll() {
  // Order matters (see CommitActivity): epoch before the read; after it, in_flight then
  // epoch. One of ours that became visible since the last read then shows as a changed
  // epoch or as still in flight, so a change with neither is another process's.
  const std::uint64_t epoch_before = sqlite::own_commit_activity().epoch;
  auto version = impl_->data_version();
  if (!version) return version.take_error();
  const auto after = sqlite::own_commit_activity();
  if (impl_->last_version && *impl_->last_version != *version && after.in_flight == 0 &&
      after.epoch == impl_->last_epoch) {
    ++impl_->seen;
  }
  impl_->last_version = *version;
  impl_->last_epoch = epoch_before;
  return impl_->seen;
}

}  // namespace congtin::store
