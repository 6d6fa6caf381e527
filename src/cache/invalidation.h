// Keeping the page cache true to the content: content events drop exactly the pages they
// touch, and writes by other processes (congtin import while the server runs) drop
// everything.
//
// What an event drops (tag names in cache/page_cache.h):
//   article published / updated / unpublished:
//       "article:ID", "category:C" for its category and every ancestor (listings include
//       descendants), the same for the category it left when it moved, "home", "feed",
//       "sitemap", "search" and "untagged" (answers whose handler said nothing about what they
//       show);
//   categories changed, site changed:
//       "site" (every entry: the menu, the header and the sidebars are on every page).
//
// Thread-safety: tags_for() is a pure function; the subscriber runs on the publishing
// thread; ExternalChangeWatcher owns one thread that only calls its version function and
// PageCache::clear().
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "cache/page_cache.h"
#include "content/events.h"
#include "content/repository.h"
#include "core/result.h"

namespace congtin::cache {

// The category's ancestors, nearest first (not including itself); empty if unknown.
using AncestorsFn = std::function<std::vector<content::Id>(content::Id)>;

// The tags event e touches.
std::vector<std::string> tags_for(const content::Event& e, const AncestorsFn& ancestors);

// Ancestors from the category repository (one list() per call: events are rare). On a store
// error it returns no ancestors and logs; the "untagged"/TTL backstops remain.
AncestorsFn ancestors_from(content::CategoryRepository& categories);

// Subscribes cache invalidation to bus. Call during start-up; cache and the repository
// behind ancestors must outlive the bus's use.
void invalidate_on_events(PageCache& cache, content::EventBus& bus, AncestorsFn ancestors);

// Polls version() every interval on its own thread and clears the cache when the value
// changes. version() must change when another process changes content. Changes this process
// made itself come with events, which invalidate precisely; note_own_change() (subscribed to
// the bus by watch_own_changes()) makes the next change of version() pass without a clear.
// The price: an outside write in the same interval as one of ours waits for the cache's
// max_age. A failing version() is logged once per failure streak and treated as "no change".
//
// With store::OutsideWrites::poll() (store/sqlite/sqlite_store.h) as version(), this
// process's own commits never change the value, so watch_own_changes() is not needed.
class ExternalChangeWatcher {
 public:
  using VersionFn = std::function<Result<std::uint64_t>()>;
  ExternalChangeWatcher(PageCache& cache, VersionFn version,
                        std::chrono::milliseconds interval = std::chrono::seconds(1));
  // The general form: on_change() runs on the watcher's thread instead of clearing a cache
  // (e.g. renew the site's in-memory chrome, then clear the page cache, in that order).
  ExternalChangeWatcher(VersionFn version, std::function<void()> on_change,
                        std::chrono::milliseconds interval = std::chrono::seconds(1));
  ~ExternalChangeWatcher();  // stops and joins the thread
  ExternalChangeWatcher(const ExternalChangeWatcher&) = delete;
  ExternalChangeWatcher& operator=(const ExternalChangeWatcher&) = delete;

  // This process changed content (an event was published): absorb the next version change.
  void note_own_change() { own_change_.store(true, std::memory_order_release); }
  // Subscribes note_own_change() to bus.
  void watch_own_changes(content::EventBus& bus);

  // Times the cache was cleared because of an external change.
  std::uint64_t clears() const { return clears_.load(std::memory_order_relaxed); }

 private:
  void run();

  VersionFn version_;
  std::function<void()> on_change_;
  std::chrono::milliseconds interval_;
  std::atomic<std::uint64_t> clears_{0};
  std::atomic<bool> own_change_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace congtin::cache
