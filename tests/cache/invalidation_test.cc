#include "cache/invalidation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

namespace congtin::cache {
namespace {

using content::Event;
using content::EventKind;

Event event(EventKind kind) {
  Event e;
  e.kind = kind;
  return e;
}

bool has(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// Categories: 1 "Tin tức" > 2 "Hoạt động đối ngoại" > 3 "Biên giới"; 4 "Thông báo".
AncestorsFn tree() {
  return [](content::Id id) -> std::vector<content::Id> {
    if (id == 3) return {2, 1};
    if (id == 2) return {1};
    return {};
  };
}

TEST(TagsFor, PublishingTouchesArticleCategoriesWithAncestorsHomeAndFeeds) {
  Event e = event(EventKind::kArticlePublished);
  e.article_id = 42;
  e.category_id = 3;
  auto tags = tags_for(e, tree());
  for (auto want : {"article:42", "category:3", "category:2", "category:1", "home", "feed",
                    "sitemap", "search", "untagged"}) {
    EXPECT_TRUE(has(tags, want)) << want;
  }
  EXPECT_FALSE(has(tags, "category:4"));
  EXPECT_FALSE(has(tags, "site"));
}

TEST(TagsFor, MovingAnArticleTouchesBothCategories) {
  Event e = event(EventKind::kArticleUpdated);
  e.article_id = 42;
  e.category_id = 4;
  e.old_category_id = 3;
  auto tags = tags_for(e, tree());
  for (auto want : {"category:4", "category:3", "category:2", "category:1"}) {
    EXPECT_TRUE(has(tags, want)) << want;
  }
}

TEST(TagsFor, ChromeChangesTouchTheWholeSite) {
  EXPECT_EQ(tags_for(event(EventKind::kSiteChanged), tree()), std::vector<std::string>{"site"});
  EXPECT_EQ(tags_for(event(EventKind::kCategoriesChanged), tree()),
            std::vector<std::string>{"site"});
}

http::Response page(std::vector<std::string> tags) {
  http::Response r;
  r.body = "trang";
  r.cache_tags = std::move(tags);
  return r;
}

TEST(InvalidateOnEvents, PublishingDropsOnlyWhatItTouches) {
  PageCache cache;
  content::EventBus bus;
  invalidate_on_events(cache, bus, tree());
  auto g = cache.generation();
  cache.insert("/", page({"home"}), g);
  cache.insert("/chuyen-muc/tin-tuc", page({"category:1"}), g);
  cache.insert("/chuyen-muc/bien-gioi", page({"category:3"}), g);
  cache.insert("/chuyen-muc/thong-bao", page({"category:4"}), g);
  cache.insert("/tin-tuc/cu", page({"article:7", "category:3"}), g);    // other news of 3
  cache.insert("/tin-tuc/khac", page({"article:8", "category:4"}), g);  // unrelated
  cache.insert("/trang/lien-he", page({"page:lien-he"}), g);

  Event e = event(EventKind::kArticlePublished);
  e.article_id = 42;
  e.category_id = 3;
  bus.publish(e);
  for (auto gone : {"/", "/chuyen-muc/tin-tuc", "/chuyen-muc/bien-gioi", "/tin-tuc/cu"})
    EXPECT_EQ(cache.find(gone), nullptr) << gone;
  for (auto kept : {"/chuyen-muc/thong-bao", "/tin-tuc/khac", "/trang/lien-he"})
    EXPECT_NE(cache.find(kept), nullptr) << kept;

  bus.publish(event(EventKind::kSiteChanged));
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(ExternalChangeWatcher, ClearsWhenTheVersionChanges) {
  PageCache cache;
  std::atomic<std::uint64_t> version{5};
  ExternalChangeWatcher watcher(
      cache, [&]() -> Result<std::uint64_t> { return version.load(); },
      std::chrono::milliseconds(10));
  cache.insert("/a", page({"home"}), cache.generation());
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_NE(cache.find("/a"), nullptr);  // no change, no clear
  version = 6;
  for (int i = 0; i < 200 && watcher.clears() == 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(watcher.clears(), 1u);
  EXPECT_EQ(cache.find("/a"), nullptr);
}

TEST(ExternalChangeWatcher, OwnChangesAreNotClearedTwice) {
  PageCache cache;
  content::EventBus bus;
  std::atomic<std::uint64_t> version{1};
  std::atomic<int> polls{0};
  ExternalChangeWatcher watcher(
      cache,
      [&]() -> Result<std::uint64_t> {
        ++polls;
        return version.load();
      },
      std::chrono::milliseconds(20));
  watcher.watch_own_changes(bus);
  while (polls < 2) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  cache.insert("/khac", page({"article:9"}), cache.generation());
  version = 2;                                      // our own publish...
  bus.publish(event(EventKind::kArticlePublished));  // ...announced by its event
  const int seen = polls;
  while (polls < seen + 3) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(watcher.clears(), 0u);
  EXPECT_NE(cache.find("/khac"), nullptr);
}

TEST(ExternalChangeWatcher, FailuresAreNotChanges) {
  PageCache cache;
  std::atomic<int> calls{0};
  ExternalChangeWatcher watcher(
      cache,
      [&]() -> Result<std::uint64_t> {
        ++calls;
        return Error::unavailable("cơ sở dữ liệu bận");
      },
      std::chrono::milliseconds(5));
  cache.insert("/a", page({"home"}), cache.generation());
  while (calls < 5) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(watcher.clears(), 0u);
  EXPECT_NE(cache.find("/a"), nullptr);
}

}  // namespace
}  // namespace congtin::cache
