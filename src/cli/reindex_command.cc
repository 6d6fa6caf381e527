// `congtin reindex`: rebuild the search index from the published articles, with a progress
// bar. Safe while `congtin serve` runs: searches see the old index until the new one commits.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <unordered_set>
#include <vector>

#include "cli/commands.h"
#include "search/indexer.h"
#include "store/sqlite/search_index.h"
#include "store/sqlite/sqlite_store.h"

namespace congtin::cli {
namespace {

// A progress bar on standard error when it is a terminal, redrawn at most once a percent;
// elsewhere (logs, CI) a line every 10%.
class ProgressBar {
 public:
  ProgressBar() : tty_(::isatty(STDERR_FILENO) == 1) {}
  void update(std::size_t done, std::size_t total) {
    if (total == 0) return;
    const std::size_t percent = done * 100 / total;
    if (percent == last_ && done != total) return;
    if (!tty_ && percent / 10 == last_ / 10 && done != total) return;
    last_ = percent;
    if (tty_) {
      const std::size_t width = 40, filled = done * width / total;
      std::cerr << "\rreindex [" << std::string(filled, '#') << std::string(width - filled, ' ')
                << "] " << done << "/" << total << std::flush;
      if (done == total) std::cerr << "\n";
    } else {
      std::cerr << "reindex: " << done << "/" << total << " (" << percent << "%)\n";
    }
  }

 private:
  bool tty_;
  std::size_t last_ = 101;
};

}  // namespace

Status publish_events(const std::filesystem::path& db, content::Store& store,
                      const std::vector<content::Event>& events) {
  if (events.empty()) return {};
  auto index = store::open_sqlite_search_index(db);
  if (!index) return index.take_error();
  search::Indexer indexer(store, **index);
  // One index transaction for the lot: a 100,000-article import is not 100,000 commits.
  // A failure for one article is logged by the indexer and leaves the others indexed.
  // Articles published or updated (all that an import or `init --demo` makes) are prepared
  // on every core.
  std::vector<content::Id> ids;
  std::unordered_set<content::Id> seen;
  const bool articles_only = std::all_of(events.begin(), events.end(), [](const auto& e) {
    return e.kind == content::EventKind::kArticlePublished ||
           e.kind == content::EventKind::kArticleUpdated;
  });
  if (articles_only) {
    for (const auto& e : events)
      if (seen.insert(e.article_id).second) ids.push_back(e.article_id);
    return indexer.index_articles(ids);
  }
  content::EventBus bus;
  indexer.subscribe(bus);
  return (*index)->batch([&]() -> Status {
    for (const auto& e : events) bus.publish(e);
    return {};
  });
}

int reindex(const ReindexOptions& o) {
  const auto db = o.data_dir / "congtin.db";
  auto store = store::open_sqlite_store(db, store::OpenMode::kOpenExisting);
  if (!store) return fail(store.error().message);
  auto index = store::open_sqlite_search_index(db);
  if (!index) return fail(index.error().message);

  const auto started = std::chrono::steady_clock::now();
  search::Indexer indexer(**store, **index);
  ProgressBar bar;
  auto done = indexer.rebuild([&](std::size_t n, std::size_t total) { bar.update(n, total); });
  if (!done) return fail("reindex failed, the previous index is kept: " + done.error().message);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - started)
                      .count();
  std::cout << "indexed " << *done << " articles in " << ms / 1000.0 << " s\n";
  return 0;
}

}  // namespace congtin::cli
