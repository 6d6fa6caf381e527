#include "store/sqlite/connection_pool.h"

#include <atomic>
#include <utility>

namespace congtin::store::sqlite {

namespace {
std::atomic<std::uint64_t> next_pool_id{1};
}  // namespace

// The calling thread's connections, one per live pool. The thread keeps only weak references:
// when the thread ends it gives each connection back to its pool if the pool still exists;
// when a pool dies first, its entry here is stale and swept on the next insertion.
struct ThreadConnections {
  struct Slot {
    std::weak_ptr<ConnectionPool> pool;
    Connection* connection;
  };
  std::unordered_map<std::uint64_t, Slot> slots;

  ~ThreadConnections() {
    for (auto& [id, slot] : slots) {
      if (auto pool = slot.pool.lock()) pool->release(slot.connection);
    }
  }

  void sweep() {
    std::erase_if(slots, [](const auto& entry) { return entry.second.pool.expired(); });
  }
};

namespace {
thread_local ThreadConnections this_thread_connections;
}  // namespace

std::shared_ptr<ConnectionPool> ConnectionPool::create(std::filesystem::path file,
                                                       Connection::Options options) {
  return std::shared_ptr<ConnectionPool>(new ConnectionPool(std::move(file), options));
}

ConnectionPool::ConnectionPool(std::filesystem::path file, Connection::Options options)
    : id_(next_pool_id.fetch_add(1)), file_(std::move(file)), options_(options) {}

ConnectionPool::~ConnectionPool() {
  // No lock: the last shared_ptr is gone, so no thread can be inside release() or
  // this_thread() on this pool.
  connections_.clear();
}

Result<Connection*> ConnectionPool::this_thread() {
  auto& slots = this_thread_connections.slots;
  if (auto it = slots.find(id_); it != slots.end()) return it->second.connection;

  auto opened = Connection::open(file_, options_);
  if (!opened) return opened.take_error();
  Connection* raw = opened->get();
  {
    std::lock_guard lock(mu_);
    connections_.emplace(raw, std::move(*opened));
  }
  this_thread_connections.sweep();
  slots.emplace(id_, ThreadConnections::Slot{weak_from_this(), raw});
  return raw;
}

std::size_t ConnectionPool::size() const {
  std::lock_guard lock(mu_);
  return connections_.size();
}

void ConnectionPool::release(Connection* c) {
  std::unique_ptr<Connection> closing;
  {
    std::lock_guard lock(mu_);
    auto it = connections_.find(c);
    if (it == connections_.end()) return;
    closing = std::move(it->second);
    connections_.erase(it);
  }
  // closing is destroyed here, outside the lock: closing may checkpoint the WAL.
}

Result<std::shared_ptr<ConnectionPool>> open_existing_pool(const std::filesystem::path& file) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) {
    return Error::not_found("database file " + file.string() +
                            " does not exist; run `congtin init --data DIR` first");
  }
  return ConnectionPool::create(file, Connection::Options{});
}

Status require_tables(ConnectionPool& pool, const std::vector<std::string_view>& tables,
                      std::string_view what) {
  auto conn = pool.this_thread();
  if (!conn) return conn.take_error();
  std::string sql = "SELECT count(*) FROM sqlite_schema WHERE name IN (";
  for (std::size_t i = 0; i < tables.size(); ++i) sql += i == 0 ? "?" : ", ?";
  sql += ")";
  auto st = (*conn)->prepare(sql);
  if (!st) return st.take_error();
  for (std::size_t i = 0; i < tables.size(); ++i) st->bind(static_cast<int>(i + 1), tables[i]);
  auto row = st->step();
  if (!row) return row.take_error();
  if (!*row || st->column_int64(0) != static_cast<std::int64_t>(tables.size())) {
    return Error::corruption("database file " + pool.file().string() + " has no " +
                             std::string(what) +
                             " tables; open it with this congtin's `serve` or `init` first (the "
                             "store applies the migrations)");
  }
  return {};
}

}  // namespace congtin::store::sqlite
