#include "store/sqlite/stats_repository.h"

#include "store/sqlite/connection_pool.h"
#include "store/sqlite/migrations.h"

namespace congtin::store {
namespace {

using sqlite::ConnectionPool;
using sqlite::Statement;
using sqlite::Transaction;

class SqliteStatsRepository final : public stats::StatsRepository {
 public:
  explicit SqliteStatsRepository(std::shared_ptr<ConnectionPool> pool) : pool_(std::move(pool)) {}

  Status add(const stats::Batch& b) override {
    auto conn = pool_->this_thread();
    if (!conn) return conn.take_error();
    auto tx = Transaction::begin(**conn);
    if (!tx) return tx.take_error();
    for (const stats::DayCount& d : b.days) {
      auto st = (*conn)->prepare(
          "INSERT INTO stats_days (day, visits, views) VALUES (?1, ?2, ?3) "
          "ON CONFLICT (day) DO UPDATE SET visits = visits + excluded.visits, "
          "views = views + excluded.views");
      if (!st) return st.take_error();
      if (Status s = st->bind(1, d.day).bind(2, d.visits).bind(3, d.views).run(); !s) return s;
    }
    for (const auto& a : b.articles) {
      auto st = (*conn)->prepare(
          "INSERT INTO stats_article_days (article_id, day, views) VALUES (?1, ?2, ?3) "
          "ON CONFLICT (article_id, day) DO UPDATE SET views = views + excluded.views");
      if (!st) return st.take_error();
      if (Status s = st->bind(1, a.article_id).bind(2, a.day).bind(3, a.views).run(); !s)
        return s;
    }
    for (const auto& k : b.keys) {
      auto st = (*conn)->prepare(
          "INSERT INTO stats_key_days (kind, day, key, visits) VALUES (?1, ?2, ?3, ?4) "
          "ON CONFLICT (kind, day, key) DO UPDATE SET visits = visits + excluded.visits");
      if (!st) return st.take_error();
      if (Status s = st->bind(1, k.kind).bind(2, k.day).bind(3, k.key).bind(4, k.visits).run();
          !s)
        return s;
    }
    return tx->commit();
  }

  Result<std::vector<stats::DayCount>> days(std::string_view from, std::string_view to) override {
    auto st = prepare(
        "SELECT day, visits, views FROM stats_days WHERE day BETWEEN ?1 AND ?2 ORDER BY day");
    if (!st) return st.take_error();
    st->bind(1, from).bind(2, to);
    return rows<stats::DayCount>(*st, [](Statement& s) {
      return stats::DayCount{s.column_string(0), s.column_int64(1), s.column_int64(2)};
    });
  }

  Result<stats::Totals> totals() override {
    auto st = prepare("SELECT coalesce(sum(visits), 0), coalesce(sum(views), 0) FROM stats_days");
    if (!st) return st.take_error();
    auto row = st->step();
    if (!row) return row.take_error();
    return stats::Totals{st->column_int64(0), st->column_int64(1)};
  }

  Result<std::vector<stats::ArticleCount>> top_articles(std::string_view from,
                                                        std::string_view to,
                                                        int limit) override {
    auto st = prepare(
        "SELECT article_id, sum(views) AS v FROM stats_article_days WHERE day BETWEEN ?1 AND ?2 "
        "GROUP BY article_id ORDER BY v DESC, article_id LIMIT ?3");
    if (!st) return st.take_error();
    st->bind(1, from).bind(2, to).bind(3, limit);
    return rows<stats::ArticleCount>(*st, [](Statement& s) {
      return stats::ArticleCount{s.column_int64(0), s.column_int64(1)};
    });
  }

  Result<std::int64_t> article_views(std::int64_t article_id) override {
    auto st = prepare("SELECT coalesce(sum(views), 0) FROM stats_article_days WHERE article_id = ?1");
    if (!st) return st.take_error();
    st->bind(1, article_id);
    auto row = st->step();
    if (!row) return row.take_error();
    return st->column_int64(0);
  }

  Result<std::vector<stats::KeyCount>> top_keys(std::string_view kind, std::string_view from,
                                                std::string_view to, int limit) override {
    auto st = prepare(
        "SELECT key, sum(visits) AS v FROM stats_key_days WHERE kind = ?1 AND day BETWEEN ?2 AND "
        "?3 GROUP BY key ORDER BY v DESC, key LIMIT ?4");
    if (!st) return st.take_error();
    st->bind(1, kind).bind(2, from).bind(3, to).bind(4, limit);
    return rows<stats::KeyCount>(*st, [](Statement& s) {
      return stats::KeyCount{s.column_string(0), s.column_int64(1)};
    });
  }

 private:
  Result<Statement> prepare(std::string_view sql) {
    auto conn = pool_->this_thread();
    if (!conn) return conn.take_error();
    return (*conn)->prepare(sql);
  }

  template <class T, class Fn>
  static Result<std::vector<T>> rows(Statement& st, Fn&& read) {
    std::vector<T> out;
    for (;;) {
      auto row = st.step();
      if (!row) return row.take_error();
      if (!*row) return out;
      out.push_back(read(st));
    }
  }

  std::shared_ptr<ConnectionPool> pool_;
};

}  // namespace

Result<std::unique_ptr<stats::StatsRepository>> open_sqlite_stats(
    const std::filesystem::path& file) {
  auto pool = sqlite::open_existing_pool(file);
  if (!pool) return pool.take_error();
  auto conn = (*pool)->this_thread();
  if (!conn) return conn.take_error();
  if (Status s = sqlite::migrate(**conn); !s) return s.take_error();
  return std::unique_ptr<stats::StatsRepository>(new SqliteStatsRepository(std::move(*pool)));
}

}  // namespace congtin::store
