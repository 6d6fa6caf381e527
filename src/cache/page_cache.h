// PageCache: rendered public pages kept in memory, compressed once, shared by every hit.
//
// An entry is the whole answer to one URL (path plus normalised query): status, headers,
// the identity bytes and, for compressible bodies of 1 KiB or more, their gzip (level 9)
// and brotli encodings, made once at insert. The server picks the variant per request
// (Accept-Encoding) from the same entry, so "variant" never multiplies the rendering.
// Each entry has a strong ETag (of the identity bytes) and tags saying what it shows.
//
// Tags (set by the handlers in Response::cache_tags):
//   "home"           the home page
//   "article:ID"     the page of article ID (and its old slugs' 301s)
//   "category:ID"    any page listing articles of category ID: its listing pages, the
//                    "other news" of its articles, home blocks
//   "page:SLUG"      a static page
//   "feed"           RSS/Atom feeds
//   "sitemap"        sitemaps
//   "search"         search results
// Every entry implicitly carries "site" (the chrome: settings, menu, links) and entries that
// came without tags carry "untagged"; see cache/invalidation.h for which event drops what.
//
// Bounds: the byte cap counts every variant's bytes plus a fixed overhead per entry; inserts
// evict least-recently-used entries of the same shard until the shard fits its share of the
// cap (shards = options.shards, each capped at max_bytes / shards). An entry larger than a
// shard's share is not stored. Entries older than max_age are treated as missing (a backstop
// for changes no event announces: scheduled articles coming due, the year in the footer).
//
// Stale inserts: a render that started before an invalidation must not be stored after it.
// Callers read generation() before rendering and pass it to insert(); any invalidation in
// between makes insert() return the page without storing it.
//
// Thread-safety: every method may be called from any thread. Lookups and inserts lock one
// shard (a plain mutex held for a hash lookup and a list splice, no allocation, no copying of
// bodies); invalidation and clear() lock the shards one after the other.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace congtin::cache {

struct PageCacheOptions {
  std::size_t max_bytes = 64 << 20;       // cap on stored bytes, all variants counted
  std::chrono::seconds max_age{300};      // 0 = no age limit
  int shards = 16;
  bool brotli = true;                     // also keep a brotli variant
  int brotli_quality = 5;  // 0..11: 5 is 7% under gzip -9 at its cost (bench/RESULTS.md)
};

// One stored answer. Immutable once built; shared by the cache and every answer in flight.
struct CachedPage {
  int status = 200;
  std::string content_type;
  http::Headers headers;
  std::string etag;  // strong, of the identity bytes
  std::shared_ptr<const std::string> body;  // identity, never null
  std::shared_ptr<const std::string> gzip;  // null when not worth compressing
  std::shared_ptr<const std::string> br;    // null when not worth compressing or off
  std::vector<std::string> tags;            // as given, plus "site" (and "untagged")
  std::chrono::steady_clock::time_point stored_at;
  std::size_t bytes = 0;  // what it counts against the cap

  // The answer for a hit: shares the bytes, copies only small strings.
  http::Response to_response() const;
};

struct PageCacheStats {
  std::uint64_t hits = 0, misses = 0, inserts = 0, evictions = 0, invalidations = 0;
  std::size_t entries = 0, bytes = 0;
};

class PageCache {
 public:
  explicit PageCache(PageCacheOptions options = {});
  ~PageCache();
  PageCache(const PageCache&) = delete;
  PageCache& operator=(const PageCache&) = delete;

  // The cache key of a request: the decoded path, then '?' and the query with its
  // parameters decoded, sorted by name (stable, so repeated names keep their order) and
  // encoded again, when there is a query. "/a?b=2&a=%31" and "/a?a=1&b=2" share a key.
  static std::string key_for(std::string_view path, std::string_view query);

  // The live entry for key, or null (missing or older than max_age). Counts a hit or miss.
  std::shared_ptr<const CachedPage> find(std::string_view key);

  // Builds an entry from res (moving its body out, compressing) and stores it under key
  // unless an invalidation happened since `generation` was read or the entry exceeds a
  // shard's share of the cap. Returns the entry either way, so the caller answers from it.
  std::shared_ptr<const CachedPage> insert(std::string key, http::Response&& res,
                                           std::uint64_t generation);

  // Drops every entry carrying any of tags. Returns how many were dropped.
  std::size_t invalidate(std::span<const std::string> tags);
  // Drops everything (a write this process was not told about).
  void clear();

  // Increases at every invalidate() and clear(); read it before rendering a miss.
  std::uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  PageCacheStats stats() const;
  const PageCacheOptions& options() const { return options_; }

 private:
  struct Shard;
  Shard& shard_for(std::string_view key);

  PageCacheOptions options_;
  std::vector<std::unique_ptr<Shard>> shards_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<std::uint64_t> invalidations_{0};
};

}  // namespace congtin::cache
