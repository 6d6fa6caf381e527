// A fresh SQLite store in its own temp directory, for repository tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <optional>

#include "content/repository.h"
#include "store/sqlite/sqlite_store.h"
#include "temp_dir.h"

namespace congtin::store::testing {

// The error kind of a result, or nullopt when it is ok: lets a test expect an error without
// crashing on .error() of a result that unexpectedly succeeded.
template <class R>
std::optional<ErrorKind> error_kind(const R& r) {
  return r.ok() ? std::nullopt : std::optional<ErrorKind>(r.error().kind);
}

inline content::Time at(std::int64_t unix_seconds) {
  return content::Time(std::chrono::seconds(unix_seconds));
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = open_sqlite_store(dir_ / "congtin.db", OpenMode::kCreate);
    ASSERT_TRUE(s.ok()) << s.error().message;
    store_ = std::move(*s);
  }

  content::Store& store() { return *store_; }

  // A published article in `category` at unix time `when`; slug must be unique.
  content::Article article(std::string slug, content::Id category, std::int64_t when) {
    content::Article a;
    a.title = "Bài " + slug;
    a.slug = std::move(slug);
    a.category_id = category;
    a.status = content::ArticleStatus::kPublished;
    a.published_at = at(when);
    a.created_at = at(when - 100);
    a.updated_at = at(when);
    return a;
  }

  content::Id create(const content::Article& a) {
    auto id = store_->articles().create(a);
    EXPECT_TRUE(id.ok()) << a.slug << ": " << id.error().message;
    return id.ok() ? *id : 0;
  }

  content::Id category(std::string slug, std::optional<content::Id> parent = std::nullopt) {
    content::Category c;
    c.parent_id = parent;
    c.name = "Chuyên mục " + slug;
    c.slug = slug;
    auto id = store_->categories().create(c);
    EXPECT_TRUE(id.ok()) << slug << ": " << id.error().message;
    return id.ok() ? *id : 0;
  }

  TempDir dir_;
  std::unique_ptr<content::Store> store_;
};

}  // namespace congtin::store::testing
