#include "store/sqlite/search_index.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "search/exact_forms.h"
#include "store/sqlite/connection_pool.h"
#include "store/sqlite/search_doc_key.h"
#include "store/sqlite/search_fts_query.h"
#include "store/sqlite/search_memory.h"
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

// ?6 of the search statements: the category ids as a JSON array for json_each, or NULL.
std::optional<std::string> categories_json(const std::vector<content::Id>& ids) {
  if (ids.empty()) return std::nullopt;
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

// A query matching more than kRankWindow articles ranks the kRankWindow newest of them:
// scoring every match of a common word among 100,000 articles would take a second. Counting
// stops there too (SearchPage::more): the walk to the window is the cost of a search, and
// counting on to 1,000, as before, tripled it for queries of many common words, for a
// number no page could reach.
constexpr int kRankWindow = 300;

// Scores travel as integers (the statement API reads integers and text): × 10^6.
constexpr double kScoreScale = 1e6;
const std::string kRankSql = "CAST(1000000.0 * congtin_rank(search_fts, ?4, ?5, " +
                             std::to_string(kRankWindow) + ") AS INTEGER)";

// One walk of the matches, newest first, gives the window, its scores and whether there are
// more. FTS5 walks its doclists in ascending rowid order, which the doc_key
// makes newest first, and applies the key range of the dates itself (?2, ?3), so only a
// category filter reads search_docs. The score comes back scaled to an integer; equal scores
// at that precision fall to recency.
const std::string kWalkSql =
    "SELECT search_fts.rowid, " + kRankSql +
    " FROM search_fts WHERE search_fts MATCH ?1 AND search_fts.rowid BETWEEN ?2 AND ?3"
    " ORDER BY search_fts.rowid LIMIT " +
    std::to_string(kRankWindow + 1);
// CROSS JOIN keeps FTS5 as the outer loop: the planner would otherwise be free to scan
// search_docs and probe the full-text index once per row.
const std::string kWalkInCategoriesSql =
    "SELECT search_fts.rowid, " + kRankSql +
    " FROM search_fts CROSS JOIN search_docs s ON s.article_id = " +
    std::to_string(sqlite::kMaxId) + " - (search_fts.rowid & " + std::to_string(sqlite::kMaxId) +
    ") WHERE search_fts MATCH ?1 AND search_fts.rowid BETWEEN ?2 AND ?3"
    " AND s.category_id IN (SELECT value FROM json_each(?6))"
    " ORDER BY search_fts.rowid LIMIT " +
    std::to_string(kRankWindow + 1);
// Rule 3 of search_index.h: each exact form (a word typed with diacritics, found as typed)
// in the title, lead or meta adds weight × tf·(k1+1)/(tf+k1), like a folded match at average
// length, to the document's score. The fields come from search_text, short columns first.
constexpr double kExactK1 = 1.2;
constexpr const char* kShortFieldsSql =
    "SELECT title, lead, meta FROM search_text WHERE doc_key = ?1";
const double kShortFieldWeights[] = {search::kRanking.title, search::kRanking.lead,
                                     search::kRanking.meta};

// fields: title, lead and meta, case_fold()ed already when `folded`.
std::int64_t exact_points(const std::string_view (&fields)[3], bool folded,
                          const search::ExactForms& forms, std::vector<int>& tf) {
  double score = 0;
  for (int col = 0; col < 3; ++col) {
    if (folded) {
      forms.count_folded(fields[col], tf);
    } else {
      forms.count(fields[col], tf);
    }
    for (int f : tf) {
      if (f > 0) score += kShortFieldWeights[col] * f * (kExactK1 + 1) / (f + kExactK1);
    }
  }
  return static_cast<std::int64_t>(score * kScoreScale);
}

// From the in-memory copy when there is one, else from search_text.
Result<std::int64_t> exact_score(Connection& c, const sqlite::MemoryIndex* memory, std::int64_t key,
                                 const search::ExactForms& forms, std::vector<int>& tf) {
  if (std::string_view fields[3]; memory && memory->short_fields(key, fields))
    return exact_points(fields, true, forms, tf);
  auto st = c.prepare(kShortFieldsSql);
  if (!st) return st.take_error();
  st->bind(1, key);
  auto row = st->step();
  if (!row) return row.take_error();
  if (!*row) return std::int64_t{0};
  const std::string_view fields[3] = {st->column_text(0), st->column_text(1), st->column_text(2)};
  return exact_points(fields, false, forms, tf);
}

// The cost of each way to answer, in nanoseconds: FTS5 steps through the postings of the
// query's words up to the window's last match (kFtsPostingNs each) and reads the positions
// of each ranked row; the in-memory way reads and splits each document it ranks. Measured
// at 100,000 articles (bench/RESULTS.md §0).
constexpr double kFtsPostingNs = 13;
constexpr double kFtsRowNs = 1500;
constexpr double kScanRowNs = 13000;

// n: the documents that match, after the filters; count: before them.
double fts_cost(const sqlite::MemoryIndex::Candidates& c, double n, bool categories) {
  const double walked = n <= kRankWindow ? 1.0 : (kRankWindow + 1) / n;
  // With a category filter every match the walk meets costs a search_docs lookup.
  const double joins = categories ? static_cast<double>(c.count) * walked * kFtsRowNs : 0;
  // Prefixes are merged whole before the first row; other words walked to the window's end.
  const auto prefix = static_cast<double>(c.prefix_postings);
  return kFtsPostingNs * ((static_cast<double>(c.postings) - prefix) * walked + prefix) +
         kFtsRowNs * std::min<double>(n, kRankWindow) + joins;
}
double memory_cost(const sqlite::MemoryIndex::Candidates& c, double n) {
  // A phrase to check may fail in many candidates before the window fills.
  return kScanRowNs * (c.exact ? std::min<double>(n, kRankWindow) : n);
}
// Beyond this many candidates the in-memory way cannot be cheaper: their keys are not even
// collected (sorting 100,000 keys alone takes a millisecond).
constexpr std::int64_t kMaxCandidates = 20000;

// Set on a thread while it runs a batch (run_batch()): its writes leave the write count to
// the batch, which moves it once. At 100,000 articles a rebuild saves 200,000 statements.
thread_local bool tls_in_batch = false;

// A deferred read transaction around the statements of one search: one snapshot for all of
// them, and one lock of the database's shared memory instead of one per statement.
class ReadTransaction {
 public:
  explicit ReadTransaction(Connection& c) : c_(c.in_transaction() ? nullptr : &c) {}
  Status begin() { return c_ ? c_->exec_script("BEGIN") : Status{}; }
  ~ReadTransaction() {
    if (c_ && c_->in_transaction()) (void)c_->exec_script("COMMIT");
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  Connection* c_;
};

struct Scored {
  std::int64_t key = 0;
  std::int64_t score = 0;  // congtin_rank × 10^6
};

// FTS5 settings for bulk writes and back (run_batch()); 4, 16 and 1 MiB are FTS5's defaults.
constexpr const char* kBulkLoadSettings =
    "INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 0);"
    "INSERT INTO search_fts(search_fts, rank) VALUES ('crisismerge', 64);"
    "INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', 67108864);";
constexpr const char* kDefaultSettings =
    "INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 4);"
    "INSERT INTO search_fts(search_fts, rank) VALUES ('crisismerge', 16);"
    "INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', 1048576);";

// Empties the index (clear(), replace_all()): FTS5 drops its postings at once.
constexpr const char* kClearSql =
    "INSERT INTO search_fts(search_fts) VALUES ('delete-all'); DELETE FROM search_text;"
    " DELETE FROM search_docs;";

// Merges the index into one segment (optimize(), replace_all()).
constexpr const char* kOptimizeSql = "INSERT INTO search_fts(search_fts) VALUES ('optimize')";

// The tuning of an index connection for queries (see connection()).
constexpr const char* kQueryTuning = "PRAGMA cache_size = -32768; PRAGMA mmap_size = 4294967296";

class SqliteSearchIndex final : public search::SearchIndex {
 public:
  SqliteSearchIndex(std::shared_ptr<ConnectionPool> pool, SqliteSearchOptions options)
      : pool_(std::move(pool)), options_(options) {}
  ~SqliteSearchIndex() override {
    memory_.stop = true;
    std::thread builder;
    {
      std::lock_guard lock(memory_.mu);
      builder = std::move(memory_.builder);
    }
    if (builder.joinable()) builder.join();
  }

  Status put(const search::Document& d) override {
    const auto key = sqlite::doc_key(d.id, to_unix(d.published_at));
    if (!key) return out_of_range(d.id);
    auto conn = connection();
    if (!conn) return conn.take_error();
    // Alone, not within a batch: the in-memory word sets can follow it (see own_write).
    const bool alone = !(*conn)->in_transaction();
    auto tx = Transaction::begin(**conn);
    if (!tx) return tx.take_error();
    // The count the word sets must be at to follow this write (own_write), if they may.
    auto before = alone ? generation(**conn) : Result<std::int64_t>(0);
    if (!before) return before.take_error();
    std::optional<sqlite::MemoryIndex::Doc> old;
    if (auto removed = remove_row(**conn, d.id, alone ? &old : nullptr); !removed)
      return removed.take_error();

    search::Document scratch;
    const search::Document& f = folded(d, scratch);
    const std::string meta = search::meta_text(d);
    if (Status s = insert_rows(**conn, *key, d, f, meta); !s) return s;
    if (!tls_in_batch) {
      if (Status s = count_write(**conn); !s) return s;
    }
    if (Status s = tx->commit(); !s) return s;
    if (alone) {
      own_write(*before, std::move(old),
                sqlite::MemoryIndex::Doc{d.id,
                                         *key,
                                         d.category_id,
                                         {f.f_title, f.f_lead, f.f_body, f.f_meta},
                                         {d.title, d.lead, meta}});
    }
    return {};
  }

  Status remove(content::Id id) override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    const bool alone = !(*conn)->in_transaction();
    auto tx = Transaction::begin(**conn);
    if (!tx) return tx.take_error();
    auto before = alone ? generation(**conn) : Result<std::int64_t>(0);
    if (!before) return before.take_error();
    std::optional<sqlite::MemoryIndex::Doc> old;
    auto removed = remove_row(**conn, id, alone ? &old : nullptr);
    if (!removed) return removed.take_error();
    if (!*removed) return {};  // nothing was indexed: nothing changes, the count neither
    if (!tls_in_batch) {
      if (Status s = count_write(**conn); !s) return s;
    }
    if (Status s = tx->commit(); !s) return s;
    if (alone) own_write(*before, std::move(old), std::nullopt);
    return {};
  }

  Status clear() override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    auto tx = Transaction::begin(**conn);
    if (!tx) return tx.take_error();
    if (Status s = (*conn)->exec_script(kClearSql); !s) return s;
    if (Status s = count_write(**conn); !s) return s;
    return tx->commit();
  }

  // clear() and put() without what they need beside other writes: no savepoint around each
  // (a savepoint copies every page it changes, and a rebuild reuses a gigabyte of freed
  // pages: the clearing alone took 10.7 s instead of 5 at 100,000 articles), no lookup of
  // an old row, and no update of the word sets, which the count moved by the batch makes
  // stale. An error anywhere rolls the whole batch back.
  Status replace_all(const NextDocument& next) override {
    return batch([&]() -> Status {
      auto conn = connection();
      if (!conn) return conn.take_error();
      if (Status s = (*conn)->exec_script(kClearSql); !s) return s;
      search::Document scratch;
      for (;;) {
        auto d = next();
        if (!d) return d.take_error();
        if (!*d) break;
        const auto key = sqlite::doc_key((*d)->id, to_unix((*d)->published_at));
        if (!key) return out_of_range((*d)->id);
        if (Status s = insert_rows(**conn, *key, **d, folded(**d, scratch), search::meta_text(**d));
            !s)
          return s;
      }
      // Merged into one segment here, while the new segments are still in the page cache:
      // 2.8 s at 100,000 articles, where optimize() after the commit took 4.4 s.
      return (*conn)->exec_script(kOptimizeSql);
    });
  }

  Result<search::SearchPage> search(const search::SearchRequest& r) override {
    search::SearchPage page;
    auto filter = sqlite::fts_expression(r.query);
    if (filter.match.empty()) return page;
    const int limit = std::clamp(r.limit, 1, kMaxLimit);
    const int offset = std::clamp(r.offset, 0, kMaxOffset);
    // Published at or before now, and in [from, until).
    std::optional<std::int64_t> until = to_unix(r.now) + 1;
    if (r.until) until = std::min(*until, to_unix(*r.until));
    const auto keys = sqlite::key_range(
        r.from ? std::optional<std::int64_t>(to_unix(*r.from)) : std::nullopt, until);
    if (keys.first > keys.last) return page;
    const auto categories = categories_json(r.category_ids);

    auto conn = connection();
    if (!conn) return conn.take_error();
    Connection& c = **conn;
    ReadTransaction read(c);
    if (Status s = read.begin(); !s) return s.take_error();

    // The window, newest first (ascending keys), scored.
    const search::ExactForms forms(r.query);
    std::vector<Scored> window;
    auto memory = memory_index(c);
    if (!memory) return memory.take_error();
    std::optional<sqlite::MemoryIndex::Candidates> found;
    std::vector<std::int64_t> candidates;
    bool in_memory = false;
    if (*memory && options_.path != SqliteSearchOptions::Path::kFts5) {
      auto words = sqlite::Fts5Words::this_thread(c);
      if (!words) return words.take_error();
      if (Status s = sqlite::split_phrases(filter, **words); !s) return s.take_error();
      found = (*memory)->candidates(filter);
    }
    if (found &&
        (options_.path == SqliteSearchOptions::Path::kMemory || found->count <= kMaxCandidates)) {
      candidates = (*memory)->keys(*found, keys, r.category_ids);
      const auto n = static_cast<double>(candidates.size());
      in_memory = options_.path == SqliteSearchOptions::Path::kMemory ||
                  memory_cost(*found, n) < fts_cost(*found, n, categories.has_value());
    }
    if (in_memory) {
      if (Status s =
              memory_window(c, **memory, filter, candidates, found->exact, forms, page, window);
          !s)
        return s.take_error();
    } else {
      if (Status s = fts_window(c, filter, keys, categories, page, window); !s)
        return s.take_error();
      if (static_cast<std::int64_t>(window.size()) > offset && !forms.empty()) {
        std::vector<int> tf;
        for (auto& scored : window) {
          auto extra = exact_score(c, memory->get(), scored.key, forms, tf);
          if (!extra) return extra.take_error();
          scored.score += *extra;
        }
      }
    }
    if (page.total > kRankWindow) page.total = kRankWindow, page.more = true;
    page.reachable = static_cast<std::int64_t>(window.size());
    if (page.reachable <= offset) return page;
    // Best first; on equal scores the newer (smaller key) first.
    const auto last = window.begin() + std::min<std::size_t>(window.size(), offset + limit);
    std::partial_sort(window.begin(), last, window.end(), [](const Scored& a, const Scored& b) {
      return a.score != b.score ? a.score > b.score : a.key < b.key;
    });
    for (auto it = window.begin() + offset; it != last; ++it) {
      auto st = c.prepare(
          "SELECT d.article_id, d.slug, d.category_id, d.published_at, t.title, t.lead, t.body,"
          " t.f_lead, t.f_body FROM search_text t JOIN search_docs d ON d.doc_key = t.doc_key"
          " WHERE t.doc_key = ?1");
      if (!st) return st.take_error();
      st->bind(1, it->key);
      auto row = st->step();
      if (!row) return row.take_error();
      if (!*row)
        return Error::corruption("search index row " + std::to_string(it->key) + " vanished");
      search::Hit h;
      h.id = st->column_int64(0);
      h.slug = st->column_string(1);
      h.category_id = st->column_int64(2);
      h.published_at = from_unix(st->column_int64(3));
      h.title = st->column_string(4);
      h.lead = st->column_string(5);
      h.body_text = st->column_string(6);
      h.folded_lead = st->column_string(7);
      h.folded_body = st->column_string(8);
      h.score = static_cast<double>(it->score) / kScoreScale;
      page.hits.push_back(std::move(h));
    }
    return page;
  }

  Result<std::vector<content::Id>> ids_in_category(content::Id category_id) override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    auto st = (*conn)->prepare("SELECT article_id FROM search_docs WHERE category_id = ?1");
    if (!st) return st.take_error();
    st->bind(1, category_id);
    return st->int64_column();
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

  Result<bool> empty() override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    auto st = (*conn)->prepare("SELECT NOT EXISTS (SELECT 1 FROM search_docs)");
    if (!st) return st.take_error();
    auto row = st->step();
    if (!row) return row.take_error();
    return *row && st->column_int64(0) != 0;
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

  void warm_up() override {
    if (options_.path == SqliteSearchOptions::Path::kFts5 || !options_.build_in_background) return;
    std::unique_lock lock(memory_.mu);
    if (!memory_.current) start_build(lock);
  }

  Status optimize() override {
    auto conn = connection();
    if (!conn) return conn.take_error();
    // Merging reads the whole index: without the map, as in batch(), it passes through the
    // page cache instead of staying resident (1.4 GB at 100,000 articles).
    if (Status s = (*conn)->exec_script("PRAGMA mmap_size = 0"); !s) return s;
    Status s = (*conn)->exec_script(kOptimizeSql);
    // A rebuild leaves the whole index in the write-ahead log (a gigabyte at 100,000
    // articles), where every read must look its pages up until the next checkpoint: write it
    // back now. Readers in other processes can keep part of it from being written back;
    // SQLite's automatic checkpoints finish the job then.
    if (s) s = (*conn)->exec_script("PRAGMA wal_checkpoint(TRUNCATE)");
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

  // FTS5's way: one walk of the matches, newest first, counting to kRankWindow + 1 and
  // scoring the first kRankWindow with congtin_rank.
  static Status fts_window(Connection& c, const sqlite::FtsExpression& filter,
                           sqlite::KeyRange keys, const std::optional<std::string>& categories,
                           search::SearchPage& page, std::vector<Scored>& window) {
    auto st = c.prepare(categories ? kWalkInCategoriesSql : kWalkSql);
    if (!st) return st.take_error();
    st->bind(1, filter.match).bind(2, keys.first).bind(3, keys.last);
    st->bind(4, filter.weights).bind(5, filter.slots);
    if (categories) st->bind(6, *categories);
    for (;;) {
      auto row = st->step();
      if (!row) return row.take_error();
      if (!*row) return {};
      if (page.total++ >= kRankWindow) continue;
      window.push_back({st->column_int64(0), st->column_int64(1)});
    }
  }

  // The in-memory way: the candidates newest first, each read, checked and scored as
  // congtin_rank and exact_score would, until kRankWindow + 1 have matched.
  static Status memory_window(Connection& c, const sqlite::MemoryIndex& memory,
                              const sqlite::FtsExpression& filter,
                              const std::vector<std::int64_t>& candidates, bool exact,
                              const search::ExactForms& forms, search::SearchPage& page,
                              std::vector<Scored>& window) {
    auto words = sqlite::Fts5Words::this_thread(c);
    if (!words) return words.take_error();
    sqlite::DocScorer scorer(filter, memory.rank_query(filter), **words);
    std::vector<int> tf;
    for (std::int64_t key : candidates) {
      if (page.total > kRankWindow) break;
      if (page.total == kRankWindow && exact) {  // counted, not ranked
        ++page.total;
        break;
      }
      auto st =
          c.prepare("SELECT f_title, f_lead, f_body, f_meta FROM search_text WHERE doc_key = ?1");
      if (!st) return st.take_error();
      st->bind(1, key);
      auto row = st->step();
      if (!row) return row.take_error();
      if (!*row) continue;  // cannot happen within the generation the memory index was built at
      const std::string_view folded[sqlite::kRankColumns] = {
          st->column_text(0), st->column_text(1), st->column_text(2), st->column_text(3)};
      auto score = scorer.score(folded);
      if (!score) return score.take_error();
      if (!*score) continue;
      if (page.total++ >= kRankWindow) continue;
      // As the SQL CAST of kRankSql: truncated toward zero.
      Scored scored{key, static_cast<std::int64_t>(kScoreScale * **score)};
      if (!forms.empty()) {
        auto extra = exact_score(c, &memory, key, forms, tf);
        if (!extra) return extra.take_error();
        scored.score += *extra;
      }
      window.push_back(scored);
    }
    return {};
  }

  // The in-memory index if it describes the index as c's read transaction sees it; null
  // otherwise (FTS5 answers), after starting a build or, without background builds,
  // building it here.
  Result<std::shared_ptr<const sqlite::MemoryIndex>> memory_index(Connection& c) {
    using Ptr = std::shared_ptr<const sqlite::MemoryIndex>;
    if (options_.path == SqliteSearchOptions::Path::kFts5) return Ptr();
    auto writes = generation(c);
    if (!writes) return writes.take_error();
    std::unique_lock lock(memory_.mu);
    if (memory_.current && memory_.current->generation() == *writes) return memory_.current;
    if (options_.build_in_background) {
      start_build(lock);
      return Ptr();
    }
    lock.unlock();
    // The word sets are an accelerator: when they cannot be built, FTS5 answers.
    auto built = build_memory_index();
    if (!built || (*built)->generation() != *writes) return Ptr();
    lock.lock();
    memory_.current = *built;
    return *built;
  }

  // A MemoryIndex from a connection of its own, outside any transaction of this thread's.
  Result<std::shared_ptr<const sqlite::MemoryIndex>> build_memory_index() {
    auto conn = Connection::open(pool_->file(), {});
    if (!conn) return conn.take_error();
    return sqlite::MemoryIndex::build(**conn, memory_.stop);
  }

  // Starts a background build unless one runs or the last one ended too recently (the
  // index changing faster than it can be built: a bulk import in another process).
  void start_build(std::unique_lock<std::mutex>&) {
    const auto now = std::chrono::steady_clock::now();
    if (memory_.building || now < memory_.not_before || memory_.stop) return;
    // At the threads' usual priority: a lower one starves the build for as long as the
    // server is busy, which is when the word sets pay most.
    in_background([this, now] {
      auto built = build_memory_index();
      const auto end = std::chrono::steady_clock::now();
      if (options_.report) {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(end - now).count();
        options_.report(
            built ? "search: in-memory word sets ready: " + std::to_string((*built)->documents()) +
                        " documents, " + std::to_string((*built)->words()) + " words, " +
                        std::to_string((*built)->bytes() >> 20) + " MiB, built in " +
                        std::to_string(ms) + " ms"
                  : "search: in-memory word sets not built (" + built.error().message +
                        "); full-text search answers alone");
      }
      std::lock_guard lock(memory_.mu);
      if (built) memory_.current = std::move(*built);
      memory_.not_before =
          end + (built ? std::max<std::chrono::steady_clock::duration>(std::chrono::seconds(2),
                                                                       2 * (end - now))
                       : std::chrono::steady_clock::duration(std::chrono::seconds(30)));
    });
  }

  static Result<std::int64_t> generation(Connection& c) {
    auto st = c.prepare("SELECT n FROM search_generation");
    if (!st) return st.take_error();
    auto row = st->step();
    if (!row) return row.take_error();
    return *row ? st->column_int64(0) : 0;
  }

  // After a write of this thread committed, moving the write count from `before` to
  // before + 1: the word sets follow it if they were current just before, as a copy with the
  // article taken out and in (a quarter of a second at 100,000 articles, against seconds for
  // a rebuild), made in the background like a build so that the writer's thread (a server
  // worker) does not wait for it. Otherwise, or if a build or update is under way, or if it
  // fails, they stay as they are, stale, and a later search starts a rebuild.
  void own_write(std::int64_t before, std::optional<sqlite::MemoryIndex::Doc> removed,
                 std::optional<sqlite::MemoryIndex::Doc> added) {
    std::unique_lock lock(memory_.mu);
    auto base = memory_.current;
    if (!base || base->generation() != before || memory_.building || memory_.stop) return;
    auto update = [this, base, before, removed = std::move(removed),
                   added = std::move(added)]() -> Status {
      const auto start = std::chrono::steady_clock::now();
      auto conn = Connection::open(pool_->file(), {});
      if (!conn) return conn.take_error();
      auto words = sqlite::Fts5Words::this_thread(**conn);
      if (!words) return words.take_error();
      auto next = base->updated(removed ? &*removed : nullptr, added ? &*added : nullptr,
                                before + 1, **words);
      if (!next) return next.take_error();
      {
        std::lock_guard lock(memory_.mu);
        if (memory_.current != base) return {};
        memory_.current = *next;
      }
      if (options_.report) {
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
        options_.report("search: in-memory word sets updated for article " +
                        std::to_string(added ? added->id : removed->id) + " in " +
                        std::to_string(ms) + " ms");
      }
      return {};
    };
    if (!options_.build_in_background) {
      lock.unlock();
      (void)update();
      return;
    }
    in_background([update = std::move(update)] { (void)update(); });
  }

  // Runs work on the builder thread, marked as building until it returns. The caller holds
  // memory_.mu and has checked that nothing is building.
  void in_background(std::function<void()> work) {
    if (memory_.builder.joinable()) memory_.builder.join();  // finished: building is false
    memory_.building = true;
    memory_.builder = std::thread([this, work = std::move(work)] {
      work();
      std::lock_guard lock(memory_.mu);
      memory_.building = false;
    });
  }

  static Status count_write(Connection& c) {
    auto st = c.prepare("UPDATE search_generation SET n = n + 1");
    if (!st) return st.take_error();
    return st->run();
  }

  static Status run_batch(Connection& c, const std::function<Status()>& fn) {
    auto tx = Transaction::begin(c);
    if (!tx) return tx.take_error();
    // FTS5's settings for a bulk load, within the transaction (they are rows of
    // search_fts_config): no incremental merging (automerge 0; a level merges only at 64
    // segments) and a 64 MiB buffer of pending terms instead of 1 MiB, so the index is written
    // a few times in large segments instead of being merged over and over; replace_all()
    // merges them at its end, optimize() after other batches. The FTS5 part of a rebuild of
    // 100,000 articles fell from 25 s to 13 s. The defaults come back before the commit. On an
    // error or an exception from fn, tx's destructor rolls all of it back.
    if (Status s = c.exec_script(kBulkLoadSettings); !s) return s;
    {
      struct InBatch {
        InBatch() { tls_in_batch = true; }
        ~InBatch() { tls_in_batch = false; }
      } in_batch;
      if (Status s = fn(); !s) return s;
    }
    if (Status s = count_write(c); !s) return s;
    if (Status s = c.exec_script(kDefaultSettings); !s) return s;
    return tx->commit();
  }

  // d if it comes folded, else a folded copy of it in scratch. Text is NFC by the content
  // model's contract, so it is stored as it comes.
  static const search::Document& folded(const search::Document& d, search::Document& scratch) {
    if (d.folded) return d;
    scratch = d;
    search::fold_document(scratch);
    return scratch;
  }

  static Error out_of_range(content::Id id) {
    return Error::invalid("article id " + std::to_string(id) +
                          " is outside what the search index can hold");
  }

  // The rows of document d under key: its filters, its text (f: d folded) and its postings.
  static Status insert_rows(Connection& c, std::int64_t key, const search::Document& d,
                            const search::Document& f, const std::string& meta) {
    {
      auto st = c.prepare(
          "INSERT INTO search_docs(article_id, doc_key, slug, category_id, published_at)"
          " VALUES (?1, ?2, ?3, ?4, ?5)");
      if (!st) return st.take_error();
      st->bind(1, d.id).bind(2, key).bind(3, d.slug).bind(4, d.category_id);
      st->bind(5, to_unix(d.published_at));
      if (Status s = st->run(); !s) return s;
    }
    {
      auto st = c.prepare(
          "INSERT INTO search_text(doc_key, f_title, f_lead, f_body, f_meta, title, lead,"
          " body, meta) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
      if (!st) return st.take_error();
      st->bind(1, key).bind(2, f.f_title).bind(3, f.f_lead).bind(4, f.f_body);
      st->bind(5, f.f_meta).bind(6, d.title).bind(7, d.lead).bind(8, d.body_text).bind(9, meta);
      if (Status s = st->run(); !s) return s;
    }
    {
      auto st = c.prepare(
          "INSERT INTO search_fts(rowid, f_title, f_lead, f_body, f_meta)"
          " VALUES (?1, ?2, ?3, ?4, ?5)");
      if (!st) return st.take_error();
      st->bind(1, key).bind(2, f.f_title).bind(3, f.f_lead).bind(4, f.f_body);
      st->bind(5, f.f_meta);
      if (Status s = st->run(); !s) return s;
    }
    return {};
  }

  // Takes the row out of the full-text index with the very values it was indexed with (an
  // external-content table needs them), then out of search_text and search_docs.
  // False when the article was not indexed.
  static Result<bool> remove_row(Connection& c, content::Id id,
                                 std::optional<sqlite::MemoryIndex::Doc>* removed = nullptr) {
    auto old = c.prepare(
        "SELECT t.doc_key, t.f_title, t.f_lead, t.f_body, t.f_meta"
        " FROM search_docs d JOIN search_text t ON t.doc_key = d.doc_key"
        " WHERE d.article_id = ?1");
    if (!old) return old.take_error();
    old->bind(1, id);
    auto row = old->step();
    if (!row) return row.take_error();
    if (!*row) return false;
    const std::int64_t key = old->column_int64(0);
    if (removed) {
      auto& doc = removed->emplace();
      doc.id = id, doc.key = key;
      for (int col = 0; col < sqlite::kRankColumns; ++col)
        doc.folded[col] = std::string(old->column_text(col + 1));
    }
    auto del = c.prepare(
        "INSERT INTO search_fts(search_fts, rowid, f_title, f_lead, f_body, f_meta)"
        " VALUES ('delete', ?1, ?2, ?3, ?4, ?5)");
    if (!del) return del.take_error();
    del->bind(1, key);
    for (int col = 1; col < 5; ++col) del->bind(col + 1, old->column_text(col));
    if (Status s = del->run(); !s) return s.take_error();
    for (const char* sql : {"DELETE FROM search_text WHERE doc_key = ?1",
                            "DELETE FROM search_docs WHERE doc_key = ?1"}) {
      auto gone = c.prepare(sql);
      if (!gone) return gone.take_error();
      gone->bind(1, key);
      if (Status s = gone->run(); !s) return s.take_error();
    }
    return true;
  }

  std::shared_ptr<ConnectionPool> pool_;
  const SqliteSearchOptions options_;
  struct Memory {
    std::mutex mu;
    std::shared_ptr<const sqlite::MemoryIndex> current;
    std::thread builder;
    bool building = false;
    std::chrono::steady_clock::time_point not_before{};
    std::atomic<bool> stop{false};
  } memory_;
};

}  // namespace

Result<std::unique_ptr<search::SearchIndex>> open_sqlite_search_index(
    const std::filesystem::path& file, SqliteSearchOptions options) {
  sqlite::register_search_rank();  // before the pool opens its first connection
  auto pool = sqlite::open_existing_pool(file);
  if (!pool) return pool.take_error();
  if (Status s = sqlite::require_tables(
          **pool, {"search_docs", "search_text", "search_fts", "search_generation"},
          "search index");
      !s)
    return s.take_error();
  return std::unique_ptr<search::SearchIndex>(new SqliteSearchIndex(std::move(*pool), options));
}

}  // namespace congtin::store
