#include "cache/invalidation.h"

#include <spdlog/spdlog.h>

#include <unordered_map>

namespace congtin::cache {
namespace {

void add_category(std::vector<std::string>& tags, content::Id id, const AncestorsFn& ancestors) {
  if (id == 0) return;
  tags.push_back("category:" + std::to_string(id));
  if (!ancestors) return;
  for (content::Id a : ancestors(id)) tags.push_back("category:" + std::to_string(a));
}

}  // namespace

std::vector<std::string> tags_for(const content::Event& e, const AncestorsFn& ancestors) {
  using content::EventKind;
  switch (e.kind) {
    case EventKind::kArticlePublished:
    case EventKind::kArticleUpdated:
    case EventKind::kArticleUnpublished: {
      std::vector<std::string> tags = {"home", "feed", "sitemap", "search", "untagged"};
      if (e.article_id != 0) tags.push_back("article:" + std::to_string(e.article_id));
      add_category(tags, e.category_id, ancestors);
      if (e.old_category_id && *e.old_category_id != e.category_id)
        add_category(tags, *e.old_category_id, ancestors);
      return tags;
    }
    case EventKind::kCategoriesChanged:
    case EventKind::kSiteChanged:
      return {"site"};
  }
  return {"site"};  // an unknown kind: be safe
}

AncestorsFn ancestors_from(content::CategoryRepository& categories) {
  return [&categories](content::Id id) {
    std::vector<content::Id> out;
    auto all = categories.list();
    if (!all) {
      spdlog::warn("page cache: cannot read categories for invalidation: {}", all.error().message);
      return out;
    }
    std::unordered_map<content::Id, std::optional<content::Id>> parent;
    for (const auto& c : *all) parent[c.id] = c.parent_id;
    // Bounded by the number of categories, so a cycle in bad data cannot loop forever.
    for (std::size_t i = 0; i < all->size(); ++i) {
      auto it = parent.find(id);
      if (it == parent.end() || !it->second) break;
      id = *it->second;
      out.push_back(id);
    }
    return out;
  };
}

void invalidate_on_events(PageCache& cache, content::EventBus& bus, AncestorsFn ancestors) {
  bus.subscribe([&cache, ancestors = std::move(ancestors)](const content::Event& e) {
    auto tags = tags_for(e, ancestors);
    std::size_t n = cache.invalidate(tags);
    spdlog::debug("page cache: event {} dropped {} entries", static_cast<int>(e.kind), n);
  });
}

ExternalChangeWatcher::ExternalChangeWatcher(PageCache& cache, VersionFn version,
                                             std::chrono::milliseconds interval)
    : ExternalChangeWatcher(
          std::move(version), [&cache] { cache.clear(); }, interval) {}

ExternalChangeWatcher::ExternalChangeWatcher(VersionFn version, std::function<void()> on_change,
                                             std::chrono::milliseconds interval)
    : version_(std::move(version)), on_change_(std::move(on_change)), interval_(interval) {
  thread_ = std::thread([this] { run(); });
}

ExternalChangeWatcher::~ExternalChangeWatcher() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void ExternalChangeWatcher::watch_own_changes(content::EventBus& bus) {
  bus.subscribe([this](const content::Event&) { note_own_change(); });
}

void ExternalChangeWatcher::run() {
  std::optional<std::uint64_t> last;
  bool failing = false;
  std::unique_lock lock(mu_);
  while (!stop_) {
    lock.unlock();
    auto v = version_();
    if (!v) {
      if (!failing)
        spdlog::warn("page cache: cannot poll for outside writes: {}", v.error().message);
      failing = true;
    } else {
      failing = false;
      // Read the flag before comparing: an event published after this point belongs to the
      // next interval.
      const bool own = own_change_.exchange(false, std::memory_order_acq_rel);
      if (last && *last != *v && !own) {
        on_change_();
        clears_.fetch_add(1, std::memory_order_relaxed);
        spdlog::info("database changed by another process; cached pages and chrome renewed");
      }
      last = *v;
    }
    lock.lock();
    cv_.wait_for(lock, interval_, [this] { return stop_; });
  }
}

}  // namespace congtin::cache
