// OutsideWrites (sqlite_store.h): PRAGMA data_version tells that the file changed; this
// process's own commits, through any congtin connection, are ignored; another process's (or
// a connection that is not congtin's) are counted.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store/sqlite/db.h"
#include "store/sqlite/sqlite_store.h"
#include "temp_dir.h"

namespace congtin::store {
namespace {

using testing::TempDir;

// A write by a plain SQLite connection, without congtin's commit hook: as another program
// (the sqlite3 shell, an older congtin) would make it.
void foreign_write(const std::filesystem::path& file, const std::string& sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

class OutsideWritesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = open_sqlite_store(file_, OpenMode::kCreate);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(*store);
    auto w = OutsideWrites::open(file_);
    ASSERT_TRUE(w.ok()) << w.error().message;
    watcher_ = std::move(*w);
  }
  std::uint64_t poll() {
    auto v = watcher_->poll();
    EXPECT_TRUE(v.ok()) << v.error().message;
    return v.ok() ? *v : 0;
  }
  Status own_write(const std::string& name) {
    content::SiteSettings s;
    s.name = name;
    return store_->site().save_settings(s);
  }

  TempDir dir_;
  std::filesystem::path file_ = dir_ / "congtin.db";
  std::unique_ptr<content::Store> store_;
  std::unique_ptr<OutsideWrites> watcher_;
};

TEST_F(OutsideWritesTest, OwnCommitsAreIgnored) {
  EXPECT_EQ(poll(), 0u);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(own_write("Sở Ngoại vụ " + std::to_string(i)).ok());
    EXPECT_EQ(poll(), 0u) << "commit " << i << " was this process's";
  }
  // Another congtin connection of this process (as statistics and sessions have).
  auto other = sqlite::Connection::open(file_, {});
  ASSERT_TRUE(other.ok());
  ASSERT_TRUE((*other)->exec_script("UPDATE site_settings SET value = value").ok());
  EXPECT_EQ(poll(), 0u);
  // Reads change nothing.
  ASSERT_TRUE(store_->site().settings().ok());
  EXPECT_EQ(poll(), 0u);
  EXPECT_EQ(sqlite::own_commit_activity().in_flight, 0);
}

TEST_F(OutsideWritesTest, ForeignCommitsAreCountedOncePerPoll) {
  EXPECT_EQ(poll(), 0u);
  foreign_write(file_,
                "INSERT INTO links(title, url, position) VALUES ('Cổng TTĐT', 'https://x.vn', 1)");
  EXPECT_EQ(poll(), 1u);
  EXPECT_EQ(poll(), 1u) << "nothing new since";
  foreign_write(file_, "DELETE FROM links");
  foreign_write(
      file_, "INSERT INTO links(title, url, position) VALUES ('Bộ Ngoại giao', 'https://y.vn', 1)");
  EXPECT_EQ(poll(), 2u) << "two commits between polls: one change seen";
}

TEST_F(OutsideWritesTest, AnotherProcessIsSeen) {
  EXPECT_EQ(poll(), 0u);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Only the SQLite C API in the child: it is a separate program as far as the file knows.
    sqlite3* db = nullptr;
    int rc = sqlite3_open(file_.c_str(), &db);
    if (rc == SQLITE_OK) {
      sqlite3_busy_timeout(db, 5000);
      rc = sqlite3_exec(db, "INSERT INTO contacts(name) VALUES ('Phòng Lãnh sự')", nullptr, nullptr,
                        nullptr);
    }
    sqlite3_close(db);
    _exit(rc == SQLITE_OK ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(poll(), 1u);
  ASSERT_TRUE(own_write("Sở Ngoại vụ tỉnh Lạng Sơn").ok());
  EXPECT_EQ(poll(), 1u);
}

TEST_F(OutsideWritesTest, MissingFileIsNotFound) {
  auto w = OutsideWrites::open(dir_ / "khong-co.db");
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.error().kind, ErrorKind::kNotFound);
}

}  // namespace
}  // namespace congtin::store
