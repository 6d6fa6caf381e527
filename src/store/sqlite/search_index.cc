#include "store/sqlite/search_index.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <string>

#include "store/sqlite/connection_pool.h"
#include "store/sqlite/search_fts_query.h"
#include "store/sqlite/search_rank.h"

namespace congtin::store {
namespace {

using sqlite::Connection;
using sqlite::ConnectionPool;
using sqlite::Transaction;

constexpr int kMaxLimit = 100;
constexpr int kMaxOffset = 10000;

std::int64_t to_unix(content::Time t) { return t.time_since_epoch().count(); }
content::Time from_unix(std::int64_t s) { return content::Time(std::chrono::seconds(s)); }

// ?5 of the search statements: the category ids as a JSON array for json_each, or NULL.
std::optional<std::string> categories_json(const std::vector<content::Id>& ids) {
  if (ids.empty()) return std::nullopt;
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

// CROSS JOIN keeps FTS5 as the outer loop: the planner would otherwise be free to scan
// search_text and probe the full-text index once per row.
constexpr std::string_view kFrom =
    " FROM search_fts CROSS JOIN search_docs s ON s.article_id = search_fts.rowid"
    " WHERE search_fts MATCH ?1 AND s.published_at <= ?2 AND s.published_at >= ?3"
    " AND s.published_at < ?4"
    " AND (?5 IS NULL OR s.category_id IN (SELECT value FROM json_each(?5)))";

// Counting stops at kMaxCount: counting every match of a very common word would cost more
// than the search itself.
constexpr std::int64_t kMaxCount = 1000;
// A query matching more than kRankWindow articles ranks the kRankWindow newest of them:
// scoring every match of a common word among 100,000 articles would take a second.
constexpr int kRankWindow = 300;

// One walk of the matches, newest first (FTS5 walks its doclists in rowid order and consumes
// the ORDER BY), gives the capped count and the scores of the window: congtin_rank scores
// the first kRankWindow rows and gives the rest 0 without reading their positions. A second
// walk for the count, as before, cost as much again, since intersecting the doclists of
// common words is most of the work. The score comes back scaled to an integer (the statement
// API reads integers and text); equal scores at that precision fall to recency.
const std::string kSearchSql =
    "SELECT search_fts.rowid, CAST(1000000.0 * congtin_rank(search_fts, ?6, ?7, ?8, " +
    std::to_string(kRankWindow) + ") AS INTEGER), s.published_at" + std::string(kFrom) +
    " ORDER BY search_fts.rowid DESC LIMIT " + std::to_string(kMaxCount);

// The tuning of an index connection for queries (see connection()).
constexpr const char* kQueryTuning = "PRAGMA cache_size = -32768; PRAGMA mmap_size = 4294967296";

struct Bounds {
  std::int64_t now, from, until;
  std::optional<std::string> categories;
};

class SqliteSearchIndex final : public search::SearchIndex {
 public:
  explicit SqliteSearchIndex(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

  Status put(const search::Document& d) override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    auto tx = Transaction::begin(**conn);
    if (!tx) return tx.take_error();
    if (Status s = remove_row(**conn, d.id); !s) return s;

    // Text is NFC by the content model's contract, so it is stored as it comes.
    search::Document folded;
    if (!d.folded) {
      folded = d;
      search::fold_document(folded);
    }
    const search::Document& f = d.folded ? d : folded;
    const std::string& title = d.title;
    const std::string& lead = d.lead;
    const std::string& body = d.body_text;
    const std::string meta = search::meta_text(d);
    const std::string &f_title = f.f_title, &f_lead = f.f_lead, &f_body = f.f_body,
                      &f_meta = f.f_meta;
    {
      auto st = (*conn)->prepare(
          "INSERT INTO search_docs(article_id, slug, category_id, published_at)"
          " VALUES (?1, ?2, ?3, ?4)");
      if (!st) return st.take_error();
      st->bind(1, d.id).bind(2, d.slug).bind(3, d.category_id).bind(4, to_unix(d.published_at));
      if (Status s = st->run(); !s) return s;
    }
    {
      auto st = (*conn)->prepare(
          "INSERT INTO search_text(article_id, f_title, f_lead, f_body, f_meta, title, lead,"
          " body, meta) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
      if (!st) return st.take_error();
      st->bind(1, d.id).bind(2, f_title).bind(3, f_lead).bind(4, f_body).bind(5, f_meta);
      st->bind(6, title).bind(7, lead).bind(8, body).bind(9, meta);
      if (Status s = st->run(); !s) return s;
    }
    {
      auto st = (*conn)->prepare(
          "INSERT INTO search_fts(rowid, f_title, f_lead, f_body, f_meta, title, lead, meta)"
          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
      if (!st) return st.take_error();
      st->bind(1, d.id).bind(2, f_title).bind(3, f_lead).bind(4, f_body).bind(5, f_meta);
      st->bind(6, title).bind(7, lead).bind(8, meta);
      if (Status s = st->run(); !s) return s;
    }
    return tx->commit();
  }

  Status remove(content::Id id) override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    auto tx = Transaction::begin(**conn);
    if (!tx) return tx.take_error();
    if (Status s = remove_row(**conn, id); !s) return s;
    return tx->commit();
  }

  Status clear() override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    auto tx = Transaction::begin(**conn);
    if (!tx) return tx.take_error();
    if (Status s = (*conn)->exec_script(
            "INSERT INTO search_fts(search_fts) VALUES ('delete-all'); DELETE FROM search_text;"
            " DELETE FROM search_docs;");
        !s)
      return s;
    return tx->commit();
  }

  Result<search::SearchPage> search(const search::SearchRequest& r) override {
    search::SearchPage page;
    const auto exprs = sqlite::fts_expressions(r.query);
    if (exprs.filter.empty()) return page;
    const int limit = std::clamp(r.limit, 1, kMaxLimit);
    const int offset = std::clamp(r.offset, 0, kMaxOffset);
    Bounds bounds{to_unix(r.now),
                  r.from ? to_unix(*r.from) : std::numeric_limits<std::int64_t>::min(),
                  r.until ? to_unix(*r.until) : std::numeric_limits<std::int64_t>::max(),
                  categories_json(r.category_ids)};

    auto conn = connection();
    if (!conn) return conn.take_error();
    Connection& c = **conn;
    std::vector<search::Hit> window;
    {
      auto st = c.prepare(kSearchSql);
      if (!st) return st.take_error();
      bind_bounds(*st, exprs.ranked, bounds);
      st->bind(6, exprs.weights).bind(7, exprs.slots).bind(8, exprs.sides);
      for (;;) {
        auto row = st->step();
        if (!row) return row.take_error();
        if (!*row) break;
        if (page.total++ >= kRankWindow) continue;
        search::Hit h;
        h.id = st->column_int64(0);
        h.score = static_cast<double>(st->column_int64(1)) / 1e6;
        h.published_at = from_unix(st->column_int64(2));
        window.push_back(std::move(h));
      }
    }
    page.reachable = static_cast<std::int64_t>(window.size());
    if (page.reachable <= offset) return page;
    const auto last = window.begin() + std::min<std::size_t>(window.size(), offset + limit);
    std::partial_sort(window.begin(), last, window.end(),
                      [](const search::Hit& a, const search::Hit& b) {
                        if (a.score != b.score) return a.score > b.score;
                        if (a.published_at != b.published_at)
                          return a.published_at > b.published_at;
                        return a.id > b.id;
                      });
    std::vector<search::Hit> hits(std::make_move_iterator(window.begin() + offset),
                                  std::make_move_iterator(last));
    for (auto& h : hits) {
      auto st = c.prepare(
          "SELECT d.slug, d.category_id, t.title, t.lead, t.body, t.f_lead, t.f_body"
          " FROM search_docs d"
          " JOIN search_text t ON t.article_id = d.article_id WHERE d.article_id = ?1");
      if (!st) return st.take_error();
      st->bind(1, h.id);
      auto row = st->step();
      if (!row) return row.take_error();
      if (!*row) return Error::corruption("search index row " + std::to_string(h.id) + " vanished");
      h.slug = st->column_string(0);
      h.category_id = st->column_int64(1);
      h.title = st->column_string(2);
      h.lead = st->column_string(3);
      h.body_text = st->column_string(4);
      h.folded_lead = st->column_string(5);
      h.folded_body = st->column_string(6);
    }
    page.hits = std::move(hits);
    return page;
  }

  Result<std::vector<content::Id>> ids_in_category(content::Id category_id) override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    auto st = (*conn)->prepare("SELECT article_id FROM search_docs WHERE category_id = ?1");
    if (!st) return st.take_error();
    st->bind(1, category_id);
    std::vector<content::Id> ids;
    for (;;) {
      auto row = st->step();
      if (!row) return row.take_error();
      if (!*row) break;
      ids.push_back(st->column_int64(0));
    }
    return ids;
  }

  Result<std::int64_t> size() override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    auto st = (*conn)->prepare("SELECT count(*) FROM search_docs");
    if (!st) return st.take_error();
    auto row = st->step();
    if (!row) return row.take_error();
    return *row ? st->column_int64(0) : 0;
  }

  Status batch(const std::function<Status()>& fn) override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    // Bulk writes touch much of the index: a larger page cache (128 MiB, for this connection
    // only) saves most of the re-reads of a rebuild. Memory-mapped reads stay on: at 100,000
    // articles a rebuild took 62 s with them and 94 s without (bench/RESULTS.md §0). The
    // mapped pages count in the process's resident size (2.4 GB peak against 1.4 GB) but
    // are clean pages of the file, which the kernel takes back under pressure.
    if ((*conn)->in_transaction()) return run_batch(**conn, fn);
    if (Status s = (*conn)->exec_script("PRAGMA cache_size = -131072"); !s) return s;
    Status s = run_batch(**conn, fn);
    if (Status back = (*conn)->exec_script(kQueryTuning); !back && s) return back;
    return s;
  }

  Status optimize() override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    // Merging reads the whole index: without the map, as in batch(), it passes through the
    // page cache instead of staying resident (1.4 GB at 100,000 articles).
    if (Status s = (*conn)->exec_script("PRAGMA mmap_size = 0"); !s) return s;
    Status s = (*conn)->exec_script("INSERT INTO search_fts(search_fts) VALUES ('optimize')");
    if (Status back = (*conn)->exec_script(kQueryTuning); !back && s) return back;
    return s;
  }

 private:
  // The calling thread's connection, tuned for the index on first use: a 32 MiB page cache
  // and memory-mapped reads (the full-text index is read far more than written, and mmap
  // saves a copy per page). A reused address may skip the tuning; that only costs speed.
  Result<Connection*> connection() {
    auto conn = pool_->this_thread();
    if (!conn) return conn;
    thread_local std::vector<std::pair<const void*, const Connection*>> tuned;
    const std::pair<const void*, const Connection*> key{pool_.get(), *conn};
    if (std::find(tuned.begin(), tuned.end(), key) == tuned.end()) {
      if (Status s = (*conn)->exec_script(kQueryTuning); !s) return s.take_error();
      tuned.push_back(key);
    }
    return conn;
  }

  static void bind_bounds(sqlite::Statement& st, const std::string& match, const Bounds& b) {
    st.bind(1, match).bind(2, b.now).bind(3, b.from).bind(4, b.until).bind(5, b.categories);
  }

  static Status run_batch(Connection& c, const std::function<Status()>& fn) {
    auto tx = Transaction::begin(c);
    if (!tx) return tx.take_error();
    // On an error or an exception from fn, tx's destructor rolls back.
    if (Status s = fn(); !s) return s;
    return tx->commit();
  }

  // Takes the row out of the full-text index with the very values it was indexed with (an
  // external-content table needs them), then out of search_text.
  static Status remove_row(Connection& c, content::Id id) {
    auto old = c.prepare(
        "SELECT f_title, f_lead, f_body, f_meta, title, lead, meta FROM search_text"
        " WHERE article_id = ?1");
    if (!old) return old.take_error();
    old->bind(1, id);
    auto row = old->step();
    if (!row) return row.take_error();
    if (!*row) return {};
    auto del = c.prepare(
        "INSERT INTO search_fts(search_fts, rowid, f_title, f_lead, f_body, f_meta, title, lead,"
        " meta) VALUES ('delete', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    if (!del) return del.take_error();
    del->bind(1, id);
    for (int col = 0; col < 7; ++col) del->bind(col + 2, old->column_text(col));
    if (Status s = del->run(); !s) return s;
    for (const char* sql : {"DELETE FROM search_text WHERE article_id = ?1",
                            "DELETE FROM search_docs WHERE article_id = ?1"}) {
      auto gone = c.prepare(sql);
      if (!gone) return gone.take_error();
      gone->bind(1, id);
      if (Status s = gone->run(); !s) return s;
    }
    return {};
  }

  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace

Result<std::unique_ptr<search::SearchIndex>> open_sqlite_search_index(
    const std::filesystem::path& file) {
  sqlite::register_search_rank();  // before the pool opens its first connection
  auto pool = sqlite::open_existing_pool(file);
  if (!pool) return pool.take_error();
  if (Status s = sqlite::require_tables(**pool, {"search_docs", "search_text", "search_fts"},
                                        "search index");
      !s)
    return s.take_error();
  return std::unique_ptr<search::SearchIndex>(new SqliteSearchIndex(std::move(*pool)));
}

}  // namespace congtin::store
