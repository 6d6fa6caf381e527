#include "site/chrome_cache.h"

namespace congtin::site {

Result<std::shared_ptr<const Chrome>> ChromeCache::chrome() {
  std::uint64_t generation;
  {
    std::lock_guard lock(mu_);
    if (chrome_) return chrome_;
    generation = generation_;
    ++chrome_loads_;
  }
  // Read outside the lock: other threads keep serving (they may load too; the last one wins).
  auto loaded = load_chrome(store_);
  if (!loaded) return loaded.take_error();
  auto shared = std::make_shared<const Chrome>(std::move(*loaded));
  std::lock_guard lock(mu_);
  if (generation == generation_) chrome_ = shared;
  return shared;
}

Result<std::shared_ptr<const Summaries>> ChromeCache::latest(std::optional<content::Id> category,
                                                             bool featured_only, Seconds now) {
  const ListKey key{category.value_or(0), featured_only};
  std::uint64_t generation;
  {
    std::lock_guard lock(mu_);
    auto it = lists_.find(key);
    // A clock that went back (tests, NTP) must not show articles from its "future".
    if (it != lists_.end() && now >= it->second.loaded_at &&
        now - it->second.loaded_at < kLatestTtl) {
      return it->second.list;
    }
    generation = generation_;
    ++latest_loads_;
  }
  content::ArticleQuery q;
  q.category_id = category;
  q.featured_only = featured_only;
  q.limit = kLatestDepth;
  auto loaded = store_.articles().published(q, now);
  if (!loaded) return loaded.take_error();
  auto shared = std::make_shared<const Summaries>(std::move(*loaded));
  std::lock_guard lock(mu_);
  if (generation == generation_) lists_[key] = Listed{shared, now};
  return shared;
}

void ChromeCache::renew() {
  std::lock_guard lock(mu_);
  ++generation_;
  chrome_.reset();
  lists_.clear();
}

void ChromeCache::follow(content::EventBus& bus) {
  bus.subscribe([this](const content::Event&) { renew(); });
}

std::uint64_t ChromeCache::chrome_loads() const {
  std::lock_guard lock(mu_);
  return chrome_loads_;
}

std::uint64_t ChromeCache::latest_loads() const {
  std::lock_guard lock(mu_);
  return latest_loads_;
}

}  // namespace congtin::site
