// A real temporary SQLite database (migrated by the content store) with the FTS5 search index
// opened on it, for the index, indexer and site tests.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "content/repository.h"
#include "search/search_index.h"
#include "store/sqlite/search_index.h"
#include "store/sqlite/sqlite_store.h"

namespace congtin::search::testing_support {

// UTC seconds for a Vietnam local time.
inline content::Time vn_time(int y, unsigned m, unsigned d, int hh = 8, int mm = 0) {
  using namespace std::chrono;
  return content::Time(sys_days(year(y) / month(m) / day(d)) + hours(hh) + minutes(mm) - hours(7));
}

// The way the SQLite index answers, from CONGTIN_SEARCH_PATH: "fts5" or "memory" (tests/search/
// CMakeLists.txt runs the suites once more with each); otherwise the production default.
inline store::SqliteSearchOptions options() {
  store::SqliteSearchOptions o;
  const char* path = std::getenv("CONGTIN_SEARCH_PATH");
  const std::string_view p = path ? path : "";
  if (p == "fts5") o.path = store::SqliteSearchOptions::Path::kFts5;
  if (p == "memory") {
    o.path = store::SqliteSearchOptions::Path::kMemory;
    o.build_in_background = false;
  }
  return o;
}

class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("search-" + std::to_string(std::random_device{}()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    auto store = store::open_sqlite_store(dir_ / "congtin.db", store::OpenMode::kCreate);
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    auto index = store::open_sqlite_search_index(dir_ / "congtin.db", options());
    ASSERT_TRUE(index.ok()) << index.error().message;
    index_ = std::move(index).value();
  }
  void TearDown() override {
    index_.reset();
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  void put(content::Id id, std::string title, std::string body = "",
           content::Time at = vn_time(2017, 6, 1), content::Id category = 1,
           std::string lead = "") {
    Document d;
    d.id = id;
    d.slug = "bai-" + std::to_string(id);
    d.title = std::move(title);
    d.lead = std::move(lead);
    d.body_text = std::move(body);
    d.category_id = category;
    d.published_at = at;
    Status s = index_->put(d);
    ASSERT_TRUE(s.ok()) << s.error().message;
  }

  SearchPage find(std::string_view q, SearchRequest r = {}) {
    r.query = parse_query(q);
    if (r.now == content::Time{}) r.now = vn_time(2030, 1, 1);
    auto page = index_->search(r);
    EXPECT_TRUE(page.ok()) << q << ": " << page.error().message;
    return page.ok() ? *page : SearchPage{};
  }

  // Ids of the hits, best first.
  std::vector<content::Id> ids(std::string_view q, SearchRequest r = {}) {
    std::vector<content::Id> out;
    for (const auto& h : find(q, r).hits) out.push_back(h.id);
    return out;
  }

  std::filesystem::path dir_;
  std::unique_ptr<content::Store> store_;
  std::unique_ptr<SearchIndex> index_;
};

}  // namespace congtin::search::testing_support
