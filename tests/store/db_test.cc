#include "store/sqlite/db.h"

#include <gtest/gtest.h>

#include <array>
#include <fstream>

#include "temp_dir.h"

namespace congtin::store::sqlite {
namespace {

using testing::TempDir;

class DbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto c = Connection::open(dir_ / "t.db", {.create = true});
    ASSERT_TRUE(c.ok()) << c.error().message;
    conn_ = std::move(*c);
    ASSERT_TRUE(
        conn_
            ->exec_script("CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT UNIQUE);"
                          "CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, s TEXT, b BLOB,"
                          "  p INTEGER REFERENCES parent(id), n TEXT NOT NULL DEFAULT '');")
            .ok());
  }

  std::int64_t count(std::string_view table_sql) {
    auto s = conn_->prepare(table_sql);
    EXPECT_TRUE(s.ok());
    auto row = s->step();
    EXPECT_TRUE(row.ok() && *row);
    return s->column_int64(0);
  }

  TempDir dir_;
  std::unique_ptr<Connection> conn_;
};

TEST_F(DbTest, AppliesConnectionPragmas) {
  auto mode = conn_->prepare("PRAGMA journal_mode");
  ASSERT_TRUE(mode.ok());
  ASSERT_TRUE(*mode->step());
  EXPECT_EQ(mode->column_text(0), "wal");
  auto fk = conn_->prepare("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.ok());
  ASSERT_TRUE(*fk->step());
  EXPECT_EQ(fk->column_int64(0), 1);
}

TEST_F(DbTest, RoundTripsEveryTypeByteExact) {
  // Precomposed and decomposed forms must come back exactly as stored: the store never
  // normalises (content/ does, on the way in).
  const std::array<std::string, 4> texts = {"Sở Ngoại vụ tỉnh Lạng Sơn", "Đồng Đăng – ưu tiên ơn",
                                            "Nga\xcc\xa3i vu\xcc\xa3", ""};
  const std::array<std::byte, 4> blob = {std::byte{0}, std::byte{0xff}, std::byte{0x10},
                                         std::byte{0}};
  for (std::size_t k = 0; k < texts.size(); ++k) {
    auto ins = conn_->prepare("INSERT INTO t (i, s, b) VALUES (?1, ?2, ?3)");
    ASSERT_TRUE(ins.ok());
    ASSERT_TRUE(
        ins->bind(1, std::int64_t{1} << 40).bind(2, texts[k]).bind_blob(3, blob).run().ok());
    const std::int64_t id = conn_->last_insert_id();
    auto sel = conn_->prepare("SELECT i, s, b, s IS NULL, p FROM t WHERE id = ?1");
    ASSERT_TRUE(sel.ok());
    sel->bind(1, id);
    ASSERT_TRUE(*sel->step());
    EXPECT_EQ(sel->column_int64(0), std::int64_t{1} << 40);
    EXPECT_EQ(sel->column_string(1), texts[k]);
    EXPECT_EQ(sel->column_int64(3), 0) << "an empty string must bind as '', not NULL";
    auto b = sel->column_blob(2);
    ASSERT_EQ(b.size(), blob.size());
    EXPECT_TRUE(std::equal(b.begin(), b.end(), blob.begin()));
    EXPECT_FALSE(sel->column_optional_int64(4).has_value());
    EXPECT_FALSE(*sel->step());
  }
}

TEST_F(DbTest, Int64ColumnGivesTheFirstColumnOfEveryRow) {
  ASSERT_TRUE(conn_->exec_script("INSERT INTO t (i) VALUES (7), (NULL), (1099511627776)").ok());
  auto ids = conn_->prepare("SELECT i FROM t ORDER BY id");
  ASSERT_TRUE(ids.ok());
  auto all = ids->int64_column();
  ASSERT_TRUE(all.ok()) << all.error().message;
  EXPECT_EQ(*all, (std::vector<std::int64_t>{7, 0, std::int64_t{1} << 40}));  // NULL reads 0
  auto none = conn_->prepare("SELECT i FROM t WHERE i > 1099511627776");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->int64_column()->empty());
  auto broken = conn_->prepare("SELECT i FROM t WHERE p = ?1");
  ASSERT_TRUE(broken.ok());
  broken->bind(3, 1);  // no ?3: step() reports the misuse
  EXPECT_FALSE(broken->int64_column().ok());
}

TEST_F(DbTest, OptionalBindsNullOrValue) {
  auto ins = conn_->prepare("INSERT INTO t (i, s) VALUES (?1, ?2)");
  ASSERT_TRUE(ins.ok());
  ASSERT_TRUE(ins->bind(1, std::optional<std::int64_t>())
                  .bind(2, std::optional<std::string>("x"))
                  .run()
                  .ok());
  auto sel = conn_->prepare("SELECT i, s FROM t");
  ASSERT_TRUE(sel.ok());
  ASSERT_TRUE(*sel->step());
  EXPECT_TRUE(sel->column_is_null(0));
  EXPECT_EQ(sel->column_optional_int64(0), std::nullopt);
  EXPECT_EQ(sel->column_optional_string(1), "x");
}

TEST_F(DbTest, LeaseEndResetsStatementAndClearsBindings) {
  ASSERT_TRUE(conn_->exec_script("INSERT INTO t (i) VALUES (1), (2), (3)").ok());
  {
    auto s = conn_->prepare("SELECT i FROM t WHERE ?1 IS NULL OR i >= ?1 ORDER BY i");
    ASSERT_TRUE(s.ok());
    s->bind(1, 2);
    ASSERT_TRUE(*s->step());
    EXPECT_EQ(s->column_int64(0), 2);
  }  // left mid-way
  auto again = conn_->prepare("SELECT i FROM t WHERE ?1 IS NULL OR i >= ?1 ORDER BY i");
  ASSERT_TRUE(again.ok());
  ASSERT_TRUE(*again->step());
  EXPECT_EQ(again->column_int64(0), 1) << "bindings cleared and cursor back at the start";
}

TEST_F(DbTest, NestedUseOfTheSameSqlGetsItsOwnStatement) {
  ASSERT_TRUE(conn_->exec_script("INSERT INTO t (i) VALUES (1), (2)").ok());
  constexpr std::string_view kSql = "SELECT i FROM t ORDER BY i";
  auto outer = conn_->prepare(kSql);
  ASSERT_TRUE(outer.ok());
  std::vector<std::int64_t> pairs;
  while (*outer->step()) {
    auto inner = conn_->prepare(kSql);
    ASSERT_TRUE(inner.ok());
    while (*inner->step()) pairs.push_back(outer->column_int64(0) * 10 + inner->column_int64(0));
  }
  EXPECT_EQ(pairs, (std::vector<std::int64_t>{11, 12, 21, 22}));
}

TEST_F(DbTest, BindMisuseIsReportedByStep) {
  auto s = conn_->prepare("SELECT ?1");
  ASSERT_TRUE(s.ok());
  auto r = s->bind(1, 1).bind(7, 2).step();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::kInternal);
  EXPECT_NE(r.error().message.find("parameter 7"), std::string::npos) << r.error().message;
}

TEST_F(DbTest, SqlErrorIsInternal) {
  auto s = conn_->prepare("SELEC nonsense");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().kind, ErrorKind::kInternal);
}

struct ConstraintCase {
  const char* name;
  const char* sql;
  ErrorKind kind;
};

TEST_F(DbTest, ConstraintViolationsMapToErrorKinds) {
  ASSERT_TRUE(conn_->exec_script("INSERT INTO parent (id, name) VALUES (1, 'a')").ok());
  const ConstraintCase cases[] = {
      {"unique", "INSERT INTO parent (name) VALUES ('a')", ErrorKind::kConflict},
      {"primary key", "INSERT INTO parent (id, name) VALUES (1, 'b')", ErrorKind::kConflict},
      {"foreign key", "INSERT INTO t (p) VALUES (99)", ErrorKind::kInvalidArgument},
      {"not null", "INSERT INTO t (n) VALUES (NULL)", ErrorKind::kInvalidArgument},
  };
  for (const auto& c : cases) {
    auto s = conn_->prepare(c.sql);
    ASSERT_TRUE(s.ok()) << c.name;
    Status st = s->run();
    ASSERT_FALSE(st.ok()) << c.name;
    EXPECT_EQ(st.error().kind, c.kind) << c.name << ": " << st.error().message;
  }
}

TEST_F(DbTest, TransactionCommitsOrRollsBack) {
  {
    auto tx = Transaction::begin(*conn_);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(conn_->exec_script("INSERT INTO t (i) VALUES (1)").ok());
    ASSERT_TRUE(tx->commit().ok());
  }
  {
    auto tx = Transaction::begin(*conn_);
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(conn_->exec_script("INSERT INTO t (i) VALUES (2)").ok());
  }  // no commit
  EXPECT_FALSE(conn_->in_transaction());
  EXPECT_EQ(count("SELECT count(*) FROM t"), 1);
}

TEST_F(DbTest, NestedTransactionIsASavepoint) {
  auto outer = Transaction::begin(*conn_);
  ASSERT_TRUE(outer.ok());
  ASSERT_TRUE(conn_->exec_script("INSERT INTO t (i) VALUES (1)").ok());
  {
    auto inner = Transaction::begin(*conn_);
    ASSERT_TRUE(inner.ok());
    ASSERT_TRUE(conn_->exec_script("INSERT INTO t (i) VALUES (2)").ok());
  }  // inner rolled back only
  EXPECT_TRUE(conn_->in_transaction());
  {
    auto inner = Transaction::begin(*conn_);
    ASSERT_TRUE(inner.ok());
    ASSERT_TRUE(conn_->exec_script("INSERT INTO t (i) VALUES (3)").ok());
    ASSERT_TRUE(inner->commit().ok());
  }
  ASSERT_TRUE(outer->commit().ok());
  EXPECT_EQ(count("SELECT group_concat(i) = '1,3' FROM t"), 1);
}

TEST_F(DbTest, BusyWriterGetsUnavailable) {
  auto other = Connection::open(dir_ / "t.db", {.create = false, .busy_timeout_ms = 50});
  ASSERT_TRUE(other.ok()) << other.error().message;
  auto held = Transaction::begin(*conn_);
  ASSERT_TRUE(held.ok());
  auto blocked = Transaction::begin(**other);
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.error().kind, ErrorKind::kUnavailable) << blocked.error().message;
  // Readers are not blocked by the writer in WAL mode.
  auto read = (*other)->prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(read.ok());
  EXPECT_TRUE(read->step().ok());
}

TEST(DbOpenTest, MissingFileWithoutCreateIsUnavailable) {
  TempDir dir;
  auto c = Connection::open(dir / "missing.db", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().kind, ErrorKind::kUnavailable) << c.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir / "missing.db"));
}

TEST(DbOpenTest, GarbageFileIsCorruption) {
  TempDir dir;
  std::ofstream(dir / "garbage.db") << std::string(4096, 'x');
  auto c = Connection::open(dir / "garbage.db", {});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.error().kind, ErrorKind::kCorruption) << c.error().message;
}

}  // namespace
}  // namespace congtin::store::sqlite
