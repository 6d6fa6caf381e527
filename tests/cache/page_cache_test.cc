#include "cache/page_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace congtin::cache {
namespace {

http::Response page(std::string body, std::vector<std::string> tags = {}, int status = 200) {
  http::Response r;
  r.status = status;
  r.body = std::move(body);
  r.cache_tags = std::move(tags);
  return r;
}

std::string big(char c, std::size_t n = 4000) {
  // Vietnamese text compresses like real pages do.
  std::string s;
  while (s.size() < n) s += "Đoàn công tác Sở Ngoại vụ làm việc tại cửa khẩu ";
  s += c;
  return s;
}

TEST(PageCacheKey, NormalisesQuery) {
  struct Case {
    std::string_view path, query, want;
  } cases[] = {
      {"/tin-tuc/a", "", "/tin-tuc/a"},
      {"/chuyen-muc/b", "trang=2", "/chuyen-muc/b?trang=2"},
      {"/a", "b=2&a=%31", "/a?a=1&b=2"},
      {"/a", "a=1&b=2", "/a?a=1&b=2"},
      {"/a", "x=2&x=1", "/a?x=2&x=1"},  // repeated names keep their order
      {"/tim-kiem", "q=ngo%E1%BA%A1i+v%E1%BB%A5", "/tim-kiem?q=ngo%E1%BA%A1i%20v%E1%BB%A5"},
      // Raw UTF-8 is not a valid query (the server answers 400); kept apart, verbatim.
      {"/tim-kiem", "q=ngoại%20vụ", "/tim-kiem?!q=ngoại%20vụ"},
      {"/a", "flag", "/a?flag"},
      {"/a", "flag=", "/a?flag="},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(PageCache::key_for(c.path, c.query), c.want) << c.path << "?" << c.query;
  }
}

TEST(PageCache, MissThenHitSharesBytes) {
  PageCache cache;
  EXPECT_EQ(cache.find("/a"), nullptr);
  auto stored = cache.insert("/a", page(big('a'), {"article:1"}), cache.generation());
  auto hit = cache.find("/a");
  ASSERT_NE(hit, nullptr);
  EXPECT_EQ(hit.get(), stored.get());
  EXPECT_EQ(*hit->body, big('a'));
  EXPECT_FALSE(hit->etag.empty());
  ASSERT_NE(hit->gzip, nullptr);
  ASSERT_NE(hit->br, nullptr);
  EXPECT_LT(hit->br->size(), hit->gzip->size());
  EXPECT_LT(hit->gzip->size(), hit->body->size() / 4);

  auto res = hit->to_response();
  EXPECT_EQ(res.shared_body.get(), hit->body.get());  // shared, not copied
  EXPECT_TRUE(res.body.empty());
  EXPECT_EQ(res.identity_body(), big('a'));
  EXPECT_FALSE(res.cacheable);

  auto st = cache.stats();
  EXPECT_EQ(st.hits, 1u);
  EXPECT_EQ(st.misses, 1u);
  EXPECT_EQ(st.entries, 1u);
}

// The cap counts sizes; the memory held must be those sizes, not the capacity a string grew
// to or a compressor's output bound (which is larger than the page itself).
TEST(PageCache, StoresBodiesAtTheirExactSize) {
  PageCache cache;
  std::string body = big('b');
  body.reserve(body.size() * 2);  // as a string grown by appending
  auto stored = cache.insert("/b", page(std::move(body)), cache.generation());
  ASSERT_NE(stored->gzip, nullptr);
  ASSERT_NE(stored->br, nullptr);
  for (const auto* s : {stored->body.get(), stored->gzip.get(), stored->br.get()}) {
    EXPECT_LE(s->capacity(), s->size() + 32) << s->size();
  }
}

TEST(PageCache, SmallOrBinaryBodiesAreNotCompressed) {
  PageCache cache;
  auto small = cache.insert("/s", page("ngắn"), cache.generation());
  EXPECT_EQ(small->gzip, nullptr);
  EXPECT_EQ(small->br, nullptr);
  auto r = page(big('x'));
  r.content_type = "image/png";
  auto png = cache.insert("/p", std::move(r), cache.generation());
  EXPECT_EQ(png->gzip, nullptr);
}

TEST(PageCache, EvictsLeastRecentlyUsedByBytes) {
  PageCacheOptions o;
  o.shards = 1;
  o.brotli = false;
  o.max_bytes = 3 * (4000 + 1024 + 512);  // room for about three pages with their gzip
  PageCache cache(o);
  cache.insert("/1", page(big('1')), cache.generation());
  cache.insert("/2", page(big('2')), cache.generation());
  cache.insert("/3", page(big('3')), cache.generation());
  ASSERT_NE(cache.find("/1"), nullptr);  // /1 is now the most recent; /2 the oldest
  cache.insert("/4", page(big('4')), cache.generation());
  EXPECT_EQ(cache.find("/2"), nullptr);
  EXPECT_NE(cache.find("/1"), nullptr);
  EXPECT_NE(cache.find("/3"), nullptr);
  EXPECT_NE(cache.find("/4"), nullptr);
  auto st = cache.stats();
  EXPECT_LE(st.bytes, o.max_bytes);
  EXPECT_GE(st.evictions, 1u);
}

TEST(PageCache, EntryLargerThanShardIsNotStored) {
  PageCacheOptions o;
  o.shards = 4;
  o.max_bytes = 8000;  // 2000 per shard
  PageCache cache(o);
  auto p = cache.insert("/big", page(big('b')), cache.generation());
  EXPECT_EQ(*p->body, big('b'));  // still answered
  EXPECT_EQ(cache.find("/big"), nullptr);
}

TEST(PageCache, InvalidateDropsExactlyTheTaggedEntries) {
  PageCache cache;
  cache.insert("/", page(big('h'), {"home", "category:1", "category:2"}), cache.generation());
  cache.insert("/tin-tuc/a", page(big('a'), {"article:1", "category:1"}), cache.generation());
  cache.insert("/tin-tuc/b", page(big('b'), {"article:2", "category:2"}), cache.generation());
  cache.insert("/trang/gioi-thieu", page(big('p'), {"page:gioi-thieu"}), cache.generation());
  cache.insert("/api/v1/articles", page("{}"), cache.generation());  // untagged

  std::vector<std::string> tags = {"category:1", "untagged"};
  EXPECT_EQ(cache.invalidate(tags), 3u);
  EXPECT_EQ(cache.find("/"), nullptr);
  EXPECT_EQ(cache.find("/tin-tuc/a"), nullptr);
  EXPECT_EQ(cache.find("/api/v1/articles"), nullptr);
  EXPECT_NE(cache.find("/tin-tuc/b"), nullptr);
  EXPECT_NE(cache.find("/trang/gioi-thieu"), nullptr);

  std::vector<std::string> site = {"site"};
  EXPECT_EQ(cache.invalidate(site), 2u);
  EXPECT_EQ(cache.stats().entries, 0u);
}

TEST(PageCache, RenderOverlappingAnInvalidationIsNotStored) {
  PageCache cache;
  const auto g = cache.generation();  // the render starts...
  std::vector<std::string> tags = {"article:1"};
  cache.invalidate(tags);  // ...the article is edited meanwhile...
  auto p = cache.insert("/tin-tuc/a", page(big('a'), {"article:1"}), g);  // ...old bytes
  EXPECT_EQ(*p->body, big('a'));
  EXPECT_EQ(cache.find("/tin-tuc/a"), nullptr);
}

TEST(PageCache, ClearDropsEverything) {
  PageCache cache;
  cache.insert("/a", page("a"), cache.generation());
  cache.insert("/b", page("b"), cache.generation());
  cache.clear();
  EXPECT_EQ(cache.find("/a"), nullptr);
  EXPECT_EQ(cache.stats().bytes, 0u);
}

TEST(PageCache, EntriesExpireAfterMaxAge) {
  PageCacheOptions o;
  o.max_age = std::chrono::seconds(1);
  PageCache cache(o);
  cache.insert("/a", page("a"), cache.generation());
  EXPECT_NE(cache.find("/a"), nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(cache.find("/a"), nullptr);
}

TEST(PageCache, ConcurrentFindsInsertsAndInvalidations) {
  PageCacheOptions o;
  o.max_bytes = 200'000;  // small, so eviction runs too
  o.brotli = false;
  PageCache cache(o);
  std::atomic<bool> wrong{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3000; ++i) {
        std::string key = "/tin-tuc/" + std::to_string((i * 7 + t) % 50);
        if (auto p = cache.find(key)) {
          if (p->body->back() != key.back()) wrong = true;
        } else {
          std::string body = big('x', 2000) + key;
          cache.insert(key, page(body, {"article:" + key.substr(9)}), cache.generation());
        }
        if (t == 0 && i % 100 == 0) {
          std::vector<std::string> tags = {"article:" + std::to_string(i % 50)};
          cache.invalidate(tags);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_FALSE(wrong);
  auto st = cache.stats();
  EXPECT_LE(st.bytes, o.max_bytes);
  EXPECT_GT(st.hits, 0u);
}

}  // namespace
}  // namespace congtin::cache
