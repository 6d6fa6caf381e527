// Shared by the stats tests: Vietnam times, a real temporary SQLite store, and helpers.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "content/repository.h"
#include "core/clock.h"
#include "stats/repository.h"
#include "store/sqlite/sqlite_store.h"
#include "store/sqlite/stats_repository.h"

namespace congtin::stats::testing {

// UTC seconds for a Vietnam local time.
inline Seconds vn_time(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  using namespace std::chrono;
  return sys_days{year{y} / month{m} / day{d}} + hours{hh} + minutes{mm} + seconds{ss} - hours{7};
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "congtin-stats-XXXXXX");
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A new site database with the content store and the stats repository over it.
class StatsStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::open_sqlite_store(db(), store::OpenMode::kCreate);
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
    reopen_stats();
  }

  void reopen_stats() {
    repo_.reset();
    auto r = store::open_sqlite_stats(db());
    ASSERT_TRUE(r.ok()) << r.error().message;
    repo_ = std::move(*r);
  }

  std::filesystem::path db() const { return dir_.path() / "congtin.db"; }

  content::Id add_article(const std::string& title, const std::string& slug, Seconds published,
                          content::ArticleStatus status = content::ArticleStatus::kPublished) {
    content::Article a;
    a.title = title;
    a.slug = slug;
    a.status = status;
    a.published_at = published;
    a.created_at = published;
    a.updated_at = published;
    auto id = store_->articles().create(a);
    EXPECT_TRUE(id.ok()) << slug << ": " << id.error().message;
    return id.ok() ? *id : 0;
  }

  TempDir dir_;
  std::unique_ptr<content::Store> store_;
  std::unique_ptr<StatsRepository> repo_;
};

// A browser user agent made distinct by n.
inline std::string browser_ua(int n) {
  return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
         "Chrome/120.0." +
         std::to_string(n) + " Safari/537.36";
}

}  // namespace congtin::stats::testing
