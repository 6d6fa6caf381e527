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
// It also keeps the chrome prepared for rendering (site/chrome_layers.h), made once per
// chrome snapshot.
//
// Sharing: follow() is what makes the cache right to use (every change announced renews it),
// so a cache that follows a bus is published as its store's: parts of the site built without
// one (the search page, the back office's preview) find it with followed(store) rather than
// read the chrome from the database on every request.
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
#include <tuple>
#include <utility>
#include <vector>

#include "content/events.h"
#include "content/repository.h"
#include "core/clock.h"
#include "core/result.h"
#include "site/chrome_layers.h"
#include "site/view_models.h"

namespace congtin::site {

using Summaries = std::vector<content::ArticleSummary>;

class ChromeCache {
 public:
  static constexpr int kLatestDepth = 16;
  static constexpr std::chrono::seconds kLatestTtl{30};
  static constexpr std::size_t kMaxOthers = 4096;  // others_layer()s kept at most

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

  // The chrome prepared for rendering, made from chrome() once per snapshot.
  Result<std::shared_ptr<const ChromeLayers>> layers();

  // An article's "Các thông tin khác" as a render layer {others, has_others}: the first
  // `count` (< kLatestDepth) of latest(category, false, now) other than `article`, as
  // summaries_json. Kept with the list it was cut from: the articles outside the list's top
  // share one layer, each of the top has its own.
  Result<std::shared_ptr<const render::Layer>> others_layer(content::Id category,
                                                            content::Id article, int count,
                                                            Seconds now);

  // Drops everything; the next calls read the store again.
  void renew();
  // Subscribes renew() to every event of bus. Call during start-up.
  void follow(content::EventBus& bus);

  // Publishes cache as the followed cache of its store (call after follow()); the registry
  // holds it weakly, so it is forgotten when the last owner drops it.
  static void publish(const std::shared_ptr<ChromeCache>& cache);
  // The cache published for store and still alive, or null.
  static std::shared_ptr<ChromeCache> followed(const content::Store& store);

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
  std::shared_ptr<const ChromeLayers> layers_;
  std::map<ListKey, Listed> lists_;
  struct Others {
    std::shared_ptr<const Summaries> from;  // the list it was cut from
    std::shared_ptr<const render::Layer> layer;
  };
  // (category, the article left out or 0 when it is not in the list's top, count)
  std::map<std::tuple<content::Id, content::Id, int>, Others> others_;
  std::uint64_t chrome_loads_ = 0;
  std::uint64_t latest_loads_ = 0;
};

}  // namespace congtin::site
