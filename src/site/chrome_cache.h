// ChromeCache: what most public pages show besides their own content, kept in memory so that
// a full render does not read it from the database every time.
//
// It holds two things:
//   - the chrome (site settings, categories, static pages, links, contacts; view_models.h),
//     read with load_chrome() on first use after each renewal;
//   - short "latest published" lists: the newest articles of a category (with its
//     descendants) or of the whole site, optionally featured only, kLatestDepth deep. The
//     home page's blocks and an article's "Các thông tin khác" are cut from them.
//
// Renewal: renew() drops everything; follow(bus) calls it for every content event (site and
// category events change the chrome; article events change the lists and, through article
// counts, nothing else — but events are rare, so one rule for all is simplest and safe); the
// composition root also calls it when another process wrote to the database. Lists also
// expire after kLatestTtl, because an article published with a future time becomes public
// when that time passes, without any event.
//
// Consistency: a renewal that happens while a load is reading the store wins — the loaded
// value is returned to its caller but not kept, so a stale read never outlives an event.
//
// Thread-safety: every method may be called from any thread. Values are shared, immutable
// snapshots. The store must outlive the cache.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "content/events.h"
#include "content/repository.h"
#include "core/clock.h"
#include "core/result.h"
#include "site/view_models.h"

namespace congtin::site {

using Summaries = std::vector<content::ArticleSummary>;

class ChromeCache {
 public:
  static constexpr int kLatestDepth = 16;
  static constexpr std::chrono::seconds kLatestTtl{30};

  explicit ChromeCache(content::Store& store) : store_(store) {}
  ChromeCache(const ChromeCache&) = delete;
  ChromeCache& operator=(const ChromeCache&) = delete;

  // The chrome; the store's error if it had to be read and could not be.
  Result<std::shared_ptr<const Chrome>> chrome();

  // The newest published articles at time now (published_at <= now), newest first, at most
  // kLatestDepth: of `category` and its descendants, or of the whole site when nullopt;
  // featured ones only if featured_only. The store's error on a failed read.
  Result<std::shared_ptr<const Summaries>> latest(std::optional<content::Id> category,
                                                  bool featured_only, Seconds now);

  // Drops everything; the next calls read the store again.
  void renew();
  // Subscribes renew() to every event of bus. Call during start-up.
  void follow(content::EventBus& bus);

  // How many times the chrome / a list was read from the store (for tests and diagnostics).
  std::uint64_t chrome_loads() const;
  std::uint64_t latest_loads() const;

 private:
  struct Listed {
    std::shared_ptr<const Summaries> list;
    Seconds loaded_at;
  };
  using ListKey = std::pair<content::Id, bool>;  // category (0 = whole site), featured only

  content::Store& store_;
  mutable std::mutex mu_;
  std::uint64_t generation_ = 0;  // bumped by renew(); loads begun before it are not kept
  std::shared_ptr<const Chrome> chrome_;
  std::map<ListKey, Listed> lists_;
  std::uint64_t chrome_loads_ = 0;
  std::uint64_t latest_loads_ = 0;
};

}  // namespace congtin::site
