// open_sqlite_store(): open modes, their errors, and migrations across reopen.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "store/sqlite/db.h"
#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "temp_dir.h"

namespace congtin::store {
namespace {

using testing::TempDir;

std::string read_all(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

int version_of(const std::filesystem::path& file) {
  auto c = sqlite::Connection::open(file, {});
  EXPECT_TRUE(c.ok());
  auto v = sqlite::schema_version(**c);
  EXPECT_TRUE(v.ok());
  return *v;
}

TEST(OpenTest, CreateMakesAMigratedDatabase) {
  TempDir dir;
  auto store = open_sqlite_store(dir / "congtin.db", OpenMode::kCreate);
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_TRUE((*store)->ping().ok());
  EXPECT_TRUE(std::filesystem::exists(dir / "congtin.db"));
  EXPECT_EQ(version_of(dir / "congtin.db"), sqlite::latest_schema_version());
}

TEST(OpenTest, CreateRefusesAnExistingFileAndLeavesItAlone) {
  TempDir dir;
  const auto file = dir / "congtin.db";
  std::ofstream(file) << "do not touch";
  auto store = open_sqlite_store(file, OpenMode::kCreate);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().kind, ErrorKind::kConflict);
  EXPECT_NE(store.error().message.find("already exists"), std::string::npos);
  EXPECT_EQ(read_all(file), "do not touch");
}

TEST(OpenTest, CreateInAMissingDirectoryIsUnavailable) {
  TempDir dir;
  auto store = open_sqlite_store(dir / "no" / "such" / "congtin.db", OpenMode::kCreate);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().kind, ErrorKind::kUnavailable) << store.error().message;
}

TEST(OpenTest, OpenMissingFileIsNotFoundAndSaysWhatToRun) {
  TempDir dir;
  auto store = open_sqlite_store(dir / "congtin.db", OpenMode::kOpenExisting);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().kind, ErrorKind::kNotFound);
  EXPECT_NE(store.error().message.find("congtin init --data DIR"), std::string::npos)
      << store.error().message;
  EXPECT_FALSE(std::filesystem::exists(dir / "congtin.db")) << "opening must not create it";
}

struct BadFileCase {
  const char* name;
  std::string bytes;
  const char* says;  // what the message must tell the operator
};

TEST(OpenTest, FilesThatAreNotDatabasesAreCorruption) {
  const BadFileCase cases[] = {
      {"empty", "", "is empty"},
      {"text", "Sở Ngoại vụ — đây không phải cơ sở dữ liệu\n", "not an SQLite database"},
      {"short header", std::string("SQLite format", 13), "not an SQLite database"},
      {"garbage", std::string(8192, '\x5a'), "not an SQLite database"},
      {"magic then garbage", std::string("SQLite format 3\0", 16) + std::string(8192, '\xff'),
       "not an SQLite database or is corrupt"},
  };
  for (const auto& c : cases) {
    TempDir dir;
    const auto file = dir / "congtin.db";
    std::ofstream(file, std::ios::binary) << c.bytes;
    auto store = open_sqlite_store(file, OpenMode::kOpenExisting);
    ASSERT_FALSE(store.ok()) << c.name;
    EXPECT_EQ(store.error().kind, ErrorKind::kCorruption)
        << c.name << ": " << store.error().message;
    EXPECT_NE(store.error().message.find(file.string()), std::string::npos) << c.name;
    EXPECT_NE(store.error().message.find(c.says), std::string::npos) << store.error().message;
    EXPECT_EQ(read_all(file), c.bytes) << c.name << ": the file must be left as it was";
  }
}

TEST(OpenTest, ADirectoryIsUnavailable) {
  TempDir dir;
  std::filesystem::create_directory(dir / "congtin.db");
  auto store = open_sqlite_store(dir / "congtin.db", OpenMode::kOpenExisting);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().kind, ErrorKind::kUnavailable) << store.error().message;
}

TEST(OpenTest, ReopenKeepsDataAndVersion) {
  TempDir dir;
  const auto file = dir / "congtin.db";
  {
    auto store = open_sqlite_store(file, OpenMode::kCreate);
    ASSERT_TRUE(store.ok());
    content::Page page;
    page.slug = "gioi-thieu";
    page.title = "Giới thiệu";
    ASSERT_TRUE((*store)->pages().create(page).ok());
  }
  for (int i = 0; i < 3; ++i) {
    auto store = open_sqlite_store(file, OpenMode::kOpenExisting);
    ASSERT_TRUE(store.ok()) << store.error().message;
    auto page = (*store)->pages().by_slug("gioi-thieu");
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->title, "Giới thiệu");
  }
  EXPECT_EQ(version_of(file), sqlite::latest_schema_version());
}

TEST(OpenTest, MigrateIsIdempotent) {
  TempDir dir;
  auto c = sqlite::Connection::open(dir / "m.db", {.create = true});
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(sqlite::migrate(**c).ok());
  ASSERT_TRUE(sqlite::migrate(**c).ok());
  EXPECT_EQ(*sqlite::schema_version(**c), sqlite::latest_schema_version());
}

TEST(OpenTest, MigrationsAreNumberedInOrderWithoutGaps) {
  int expected = 1;
  for (const auto& m : sqlite::migrations()) {
    EXPECT_EQ(m.version, expected++) << m.name;
    EXPECT_FALSE(m.sql.empty());
  }
}

TEST(OpenTest, SchemaFromANewerBinaryIsRefusedNamingBothVersions) {
  TempDir dir;
  const auto file = dir / "congtin.db";
  ASSERT_TRUE(open_sqlite_store(file, OpenMode::kCreate).ok());
  {
    auto c = sqlite::Connection::open(file, {});
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->exec_script("PRAGMA user_version = 999").ok());
  }
  auto store = open_sqlite_store(file, OpenMode::kOpenExisting);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().kind, ErrorKind::kCorruption);
  EXPECT_NE(store.error().message.find("999"), std::string::npos) << store.error().message;
  EXPECT_NE(store.error().message.find(std::to_string(sqlite::latest_schema_version()) + ")"),
            std::string::npos)
      << store.error().message;
}

TEST(OpenTest, OlderSchemaIsMigratedAtOpen) {
  TempDir dir;
  const auto file = dir / "congtin.db";
  {
    // A file at version 0: what an interrupted first init, or a very old binary, leaves.
    auto c = sqlite::Connection::open(file, {.create = true});
    ASSERT_TRUE(c.ok());
    ASSERT_TRUE((*c)->exec_script("CREATE TABLE unrelated (x)").ok());
  }
  auto store = open_sqlite_store(file, OpenMode::kOpenExisting);
  ASSERT_TRUE(store.ok()) << store.error().message;
  EXPECT_TRUE((*store)->articles().slug_taken("x").ok());
  EXPECT_EQ(version_of(file), sqlite::latest_schema_version());
}

}  // namespace
}  // namespace congtin::store
