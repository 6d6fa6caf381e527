#include "site/chrome_cache.h"

#include <algorithm>
#include <iterator>

namespace congtin::site {
namespace {

struct Registry {
  std::mutex mu;
  std::map<const content::Store*, std::weak_ptr<ChromeCache>> followed;
};

Registry& registry() {
  static Registry* r = new Registry;  // never destroyed: caches may outlive static teardown
  return *r;
}

}  // namespace

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

Result<std::shared_ptr<const ChromeLayers>> ChromeCache::layers() {
  std::uint64_t generation;
  {
    std::lock_guard lock(mu_);
    if (layers_) return layers_;
    generation = generation_;
  }
  auto chrome = this->chrome();
  if (!chrome) return chrome.take_error();
  auto made = std::make_shared<const ChromeLayers>(std::move(*chrome));
  std::lock_guard lock(mu_);
  if (generation == generation_) layers_ = made;
  return made;
}

Result<std::shared_ptr<const render::Layer>> ChromeCache::others_layer(content::Id category,
                                                                       content::Id article,
                                                                       int count, Seconds now) {
  auto list = latest(category, false, now);
  if (!list) return list.take_error();
  const Summaries& all = **list;
  // Only the first count + 1 can be cut differently: leaving out any later article (or one
  // not listed at all) gives the same first `count`.
  const std::size_t top = std::min(all.size(), static_cast<std::size_t>(count) + 1);
  content::Id left_out = 0;
  for (std::size_t i = 0; i < top; ++i) {
    if (all[i].id == article) left_out = article;
  }
  const auto key = std::make_tuple(category, left_out, count);
  {
    std::lock_guard lock(mu_);
    if (auto it = others_.find(key); it != others_.end() && it->second.from == *list) {
      return it->second.layer;
    }
  }
  nlohmann::json others = nlohmann::json::array();
  for (const auto& a : all) {
    if (static_cast<int>(others.size()) == count) break;
    if (a.id != left_out || left_out == 0) others.push_back(summary_json(a));
  }
  const bool has_others = !others.empty();
  auto layer = std::make_shared<const render::Layer>(
      nlohmann::json{{"others", std::move(others)}, {"has_others", has_others}});
  std::lock_guard lock(mu_);
  // A list renewed meanwhile makes its own layer on the next call.
  if (others_.size() < kMaxOthers || others_.contains(key)) others_[key] = Others{*list, layer};
  return layer;
}

void ChromeCache::renew() {
  std::lock_guard lock(mu_);
  ++generation_;
  chrome_.reset();
  layers_.reset();
  lists_.clear();
  others_.clear();
}

void ChromeCache::follow(content::EventBus& bus) {
  bus.subscribe([this](const content::Event&) { renew(); });
}

void ChromeCache::publish(const std::shared_ptr<ChromeCache>& cache) {
  auto& r = registry();
  std::lock_guard lock(r.mu);
  for (auto it = r.followed.begin(); it != r.followed.end();) {
    it = it->second.expired() ? r.followed.erase(it) : std::next(it);
  }
  r.followed[&cache->store_] = cache;
}

std::shared_ptr<ChromeCache> ChromeCache::followed(const content::Store& store) {
  auto& r = registry();
  std::lock_guard lock(r.mu);
  auto it = r.followed.find(&store);
  return it == r.followed.end() ? nullptr : it->second.lock();
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
