// Many threads on one store, and stores dying while threads that used them live on.
#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>
#include <vector>

#include "store/sqlite/connection_pool.h"
#include "store_fixture.h"

namespace congtin::store {
namespace {

using testing::at;
using testing::StoreTest;
using testing::TempDir;

using ConcurrencyTest = StoreTest;

TEST_F(ConcurrencyTest, EightThreadsReadAndWriteWithoutErrors) {
  constexpr int kThreads = 8;
  constexpr int kRounds = 40;
  const content::Id cat = category("tin-tuc");
  std::atomic<int> failures{0};
  auto check = [&](bool ok, const std::string& what) {
    if (!ok) {
      ++failures;
      ADD_FAILURE() << what;
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRounds; ++i) {
        const std::string slug = "t" + std::to_string(t) + "-" + std::to_string(i);
        auto id = store().articles().create(article(slug, cat, 1000 + i));
        check(id.ok(), id.ok() ? "" : id.error().message);
        if (!id.ok()) continue;
        auto got = store().articles().by_id(*id);
        check(got.ok() && got->slug == slug, "read back " + slug);
        content::ArticleQuery q;
        q.category_id = cat;
        auto list = store().articles().published(q, at(5000));
        check(list.ok(), "published");
        auto n = store().articles().count_published(q, at(5000));
        check(n.ok() && *n >= i + 1, "count");
        // A multi-statement write inside an explicit transaction.
        Status s = store().transaction([&]() -> Status {
          content::Article a = *got;
          a.slug = slug + "-moi";
          a.tags = {"Đối ngoại", "luồng " + std::to_string(t)};
          return store().articles().update(a);
        });
        check(s.ok(), s.ok() ? "" : s.error().message);
        auto settings = store().site().settings();
        check(settings.ok(), "settings");
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*store().articles().count_published({}, at(5000)), kThreads * kRounds);
  EXPECT_TRUE(store().articles().by_old_slug("t7-39").ok());
}

TEST(StoreLifetimeTest, StoreDestroyedWhileThreadsThatUsedItLive) {
  TempDir dir;
  const auto file = dir / "congtin.db";
  auto opened = open_sqlite_store(file, OpenMode::kCreate);
  ASSERT_TRUE(opened.ok());
  std::unique_ptr<content::Store> store = std::move(*opened);

  constexpr int kThreads = 4;
  std::barrier used(kThreads + 1);
  std::barrier destroyed(kThreads + 1);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      if (!store->ping().ok()) ++failures;
      if (!store->site().links().ok()) ++failures;
      used.arrive_and_wait();
      destroyed.arrive_and_wait();
      // The thread lives on and uses another store; its stale slot must be harmless.
      auto other =
          open_sqlite_store(dir / ("khac-" + std::to_string(t) + ".db"), OpenMode::kCreate);
      if (!other.ok() || !(*other)->ping().ok()) ++failures;
    });
  }
  used.arrive_and_wait();
  store.reset();
  // Every connection is closed: the last close checkpoints and removes the WAL file.
  EXPECT_FALSE(std::filesystem::exists(file.string() + "-wal"));
  destroyed.arrive_and_wait();
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);

  auto reopened = open_sqlite_store(file, OpenMode::kOpenExisting);
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
}

TEST(ConnectionPoolTest, OneConnectionPerThreadReleasedWhenTheThreadEnds) {
  TempDir dir;
  auto c = sqlite::Connection::open(dir / "p.db", {.create = true});
  ASSERT_TRUE(c.ok());
  auto pool = sqlite::ConnectionPool::create(dir / "p.db", {});
  auto mine = pool->this_thread();
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(*pool->this_thread(), *mine) << "same thread, same connection";
  EXPECT_EQ(pool->size(), 1u);

  sqlite::Connection* theirs = nullptr;
  std::barrier ready(2);
  std::barrier done(2);
  std::thread t([&] {
    auto r = pool->this_thread();
    theirs = r.ok() ? *r : nullptr;
    ready.arrive_and_wait();
    done.arrive_and_wait();
  });
  ready.arrive_and_wait();
  EXPECT_NE(theirs, nullptr);
  EXPECT_NE(theirs, *mine);
  EXPECT_EQ(pool->size(), 2u);
  done.arrive_and_wait();
  t.join();
  EXPECT_EQ(pool->size(), 1u) << "the ended thread's connection is closed";
}

TEST(ConnectionPoolTest, PoolDestroyedBeforeItsThreadsEnd) {
  TempDir dir;
  ASSERT_TRUE(sqlite::Connection::open(dir / "p.db", {.create = true}).ok());
  auto pool = sqlite::ConnectionPool::create(dir / "p.db", {});
  std::barrier used(2);
  std::barrier gone(2);
  std::thread t([&] {
    EXPECT_TRUE(pool->this_thread().ok());
    used.arrive_and_wait();
    gone.arrive_and_wait();
    // Thread exit runs the slot destructor against a dead pool.
  });
  used.arrive_and_wait();
  pool.reset();
  gone.arrive_and_wait();
  t.join();
}

}  // namespace
}  // namespace congtin::store
