#include "cache/page_cache.h"

#include <algorithm>
#include <cstdio>
#include <boost/url/encode.hpp>
#include <boost/url/parse_query.hpp>
#include <boost/url/rfc/unreserved_chars.hpp>
#include <list>
#include <mutex>
#include <unordered_map>

#include "cache/compress.h"

namespace congtin::cache {
namespace {

// Bookkeeping bytes per entry (nodes, strings, control blocks), so that many tiny pages
// (redirects) still count against the cap.
constexpr std::size_t kEntryOverhead = 512;
// Same threshold as the server's own gzip: smaller bodies are sent as they are.
constexpr std::size_t kCompressMinBytes = 1024;

bool compressible(std::string_view content_type) {
  std::string_view t = content_type.substr(0, content_type.find(';'));
  return t.starts_with("text/") || t == "application/json" || t == "application/xml" ||
         t == "application/rss+xml" || t == "application/atom+xml" ||
         t == "application/javascript" || t == "image/svg+xml";
}

// FNV-1a 64 of the identity bytes, quoted: a strong validator computed once per entry.
std::string strong_etag(std::string_view body) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : body) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char buf[20];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

http::Response CachedPage::to_response() const {
  http::Response r;
  r.status = status;
  r.content_type = content_type;
  r.headers = headers;
  r.etag = etag;
  r.shared_body = body;
  r.gzip_body = gzip;
  r.br_body = br;
  r.cacheable = false;  // already stored; keeps an outer cache from storing it again
  return r;
}

struct PageCache::Shard {
  struct Node {
    std::string key;
    std::shared_ptr<const CachedPage> page;
  };
  std::mutex mu;
  std::list<Node> lru;  // most recently used first
  std::unordered_map<std::string, std::list<Node>::iterator, StringHash, std::equal_to<>> index;
  std::size_t bytes = 0;
  std::uint64_t hits = 0, misses = 0, inserts = 0, evictions = 0;

  void erase(std::list<Node>::iterator it) {
    bytes -= it->page->bytes;
    index.erase(it->key);
    lru.erase(it);
  }
};

PageCache::PageCache(PageCacheOptions options) : options_(options) {
  if (options_.shards < 1) options_.shards = 1;
  for (int i = 0; i < options_.shards; ++i) shards_.push_back(std::make_unique<Shard>());
}

PageCache::~PageCache() = default;

PageCache::Shard& PageCache::shard_for(std::string_view key) {
  // The map hashes again with the same function; the top bits pick the shard so that the
  // two uses of the hash do not correlate.
  std::size_t h = StringHash{}(key);
  return *shards_[(h >> 48) % shards_.size()];
}

std::string PageCache::key_for(std::string_view path, std::string_view query) {
  std::string key(path);
  if (query.empty()) return key;
  auto params = boost::urls::parse_query(query);
  if (!params) {
    // Not a well-formed query: keep it verbatim, so it cannot collide with a clean one.
    key += "?!";
    key += query;
    return key;
  }
  boost::urls::encoding_opts opts(/*space_as_plus=*/true);
  std::vector<std::pair<std::string, std::string>> items;
  for (auto p : *params) {
    items.emplace_back(p.key.decode(opts), p.has_value ? "=" + p.value.decode(opts) : "");
  }
  std::stable_sort(items.begin(), items.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  char sep = '?';
  for (const auto& [k, v] : items) {
    key += sep;
    sep = '&';
    key += boost::urls::encode(k, boost::urls::unreserved_chars);
    if (!v.empty()) {
      key += '=';
      key += boost::urls::encode(std::string_view(v).substr(1), boost::urls::unreserved_chars);
    }
  }
  return key;
}

std::shared_ptr<const CachedPage> PageCache::find(std::string_view key) {
  Shard& s = shard_for(key);
  std::lock_guard lock(s.mu);
  auto it = s.index.find(key);
  if (it == s.index.end()) {
    ++s.misses;
    return nullptr;
  }
  auto node = it->second;
  if (options_.max_age.count() > 0 &&
      std::chrono::steady_clock::now() - node->page->stored_at > options_.max_age) {
    s.erase(node);
    ++s.misses;
    return nullptr;
  }
  s.lru.splice(s.lru.begin(), s.lru, node);
  ++s.hits;
  return node->page;
}

std::shared_ptr<const CachedPage> PageCache::insert(std::string key, http::Response&& res,
                                                    std::uint64_t generation) {
  // Build outside any lock: compression is the slow part of a miss.
  auto page = std::make_shared<CachedPage>();
  page->status = res.status;
  page->content_type = std::move(res.content_type);
  page->headers = std::move(res.headers);
  // Bodies are kept at their exact size: a rendered page's string has grown by doubling and
  // a compressor's output was allocated at its bound (brotli's for an 11 KB page is 11 KB for
  // 2.8 KB of output), so stored as they came the entries took 1.5-4 times what the cap
  // counts (bench/RESULTS.md §0: RSS after the memory test).
  const auto exact = [](std::string&& s) {
    s.shrink_to_fit();
    return std::make_shared<const std::string>(std::move(s));
  };
  page->body = res.shared_body ? std::move(res.shared_body) : exact(std::move(res.body));
  page->etag = res.etag.empty() ? strong_etag(*page->body) : std::move(res.etag);
  if (page->body->size() >= kCompressMinBytes && compressible(page->content_type)) {
    if (auto z = gzip_best(*page->body)) page->gzip = exact(std::move(*z));
    if (options_.brotli) {
      if (auto b = brotli(*page->body, options_.brotli_quality)) page->br = exact(std::move(*b));
    }
  }
  page->tags = std::move(res.cache_tags);
  if (page->tags.empty()) page->tags.emplace_back("untagged");
  page->tags.emplace_back("site");
  page->stored_at = std::chrono::steady_clock::now();
  page->bytes = kEntryOverhead + key.size() + page->body->size() +
                (page->gzip ? page->gzip->size() : 0) + (page->br ? page->br->size() : 0);

  Shard& s = shard_for(key);
  const std::size_t cap = options_.max_bytes / shards_.size();
  if (page->bytes > cap) return page;
  std::lock_guard lock(s.mu);
  // Checked under the shard lock: invalidate() bumps the generation before it takes any
  // shard lock, so an entry stored here is either seen by that sweep or refused now.
  if (generation_.load(std::memory_order_acquire) != generation) return page;
  if (auto old = s.index.find(key); old != s.index.end()) s.erase(old->second);
  while (!s.lru.empty() && s.bytes + page->bytes > cap) {
    s.erase(std::prev(s.lru.end()));
    ++s.evictions;
  }
  s.lru.push_front({std::move(key), page});
  s.index.emplace(s.lru.front().key, s.lru.begin());
  s.bytes += page->bytes;
  ++s.inserts;
  return page;
}

std::size_t PageCache::invalidate(std::span<const std::string> tags) {
  generation_.fetch_add(1, std::memory_order_acq_rel);
  invalidations_.fetch_add(1, std::memory_order_relaxed);
  std::size_t dropped = 0;
  for (auto& sp : shards_) {
    Shard& s = *sp;
    std::lock_guard lock(s.mu);
    // A scan, not a tag index: events are rare (a publish, an edit) and a shard holds a few
    // hundred entries, so this costs microseconds and keeps inserts cheap.
    for (auto it = s.lru.begin(); it != s.lru.end();) {
      const auto& own = it->page->tags;
      bool hit = std::any_of(tags.begin(), tags.end(), [&](const std::string& t) {
        return std::find(own.begin(), own.end(), t) != own.end();
      });
      auto next = std::next(it);
      if (hit) {
        s.erase(it);
        ++dropped;
      }
      it = next;
    }
  }
  return dropped;
}

void PageCache::clear() {
  generation_.fetch_add(1, std::memory_order_acq_rel);
  invalidations_.fetch_add(1, std::memory_order_relaxed);
  for (auto& sp : shards_) {
    std::lock_guard lock(sp->mu);
    sp->index.clear();
    sp->lru.clear();
    sp->bytes = 0;
  }
}

PageCacheStats PageCache::stats() const {
  PageCacheStats st;
  for (const auto& sp : shards_) {
    std::lock_guard lock(sp->mu);
    st.hits += sp->hits;
    st.misses += sp->misses;
    st.inserts += sp->inserts;
    st.evictions += sp->evictions;
    st.entries += sp->index.size();
    st.bytes += sp->bytes;
  }
  st.invalidations = invalidations_.load(std::memory_order_relaxed);
  return st;
}

}  // namespace congtin::cache
