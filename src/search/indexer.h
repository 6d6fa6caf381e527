// Indexer: keeps a SearchIndex in step with the published articles, by following content
// events (content/events.h) and by rebuilding from the store on demand (`congtin reindex`).
//
// What is indexed: every article whose status is published, including those scheduled for
// later (the index filters on published_at at query time, so a scheduled article appears
// when its time comes without another event). Its title, lead, body without markup
// (html::to_plain_text), byline, category name and tags.
//
// Events: kArticlePublished and kArticleUpdated re-read the article and put it (or remove it
// if it is no longer published); kArticleUnpublished removes it; kCategoriesChanged
// refreshes the documents of that category (its name is indexed). The subscriber runs on
// the publishing thread after the write committed, so the article is findable (or gone) as
// soon as publish() returns. A failure is logged and leaves that article stale until the
// next event for it or `congtin reindex`; it never reaches the publisher.
//
// Thread-safety: as thread-safe as the store and the index (both are). The store and the
// index must outlive the Indexer, and the Indexer must outlive any bus it subscribed to.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "content/events.h"
#include "content/model.h"
#include "content/repository.h"
#include "core/result.h"
#include "search/search_index.h"

namespace congtin::search {

// The document of an article (pure; the caller supplies the category's name).
Document make_document(const content::Article& a, std::string_view category_name);

class Indexer {
 public:
  Indexer(content::Store& store, SearchIndex& index) : store_(store), index_(index) {}

  // Subscribes apply() to bus.
  void subscribe(content::EventBus& bus);

  // Brings the index in line with what the event says changed.
  Status apply(const content::Event& e);

  // Reads article id and puts its document, or removes it when it is not published or no
  // longer exists.
  Status index_article(content::Id id);

  // Rebuilds the index from every published article, in one transaction (replace_all()):
  // readers see the old index until the new one is complete. The articles are read, stripped
  // of markup and folded by as many threads as there are cores, and written by the calling
  // thread. progress(done, total) is called as each article is written. Then compacts the
  // index. Returns the number of articles indexed.
  Result<std::size_t> rebuild(const std::function<void(std::size_t, std::size_t)>& progress);

  // Brings these articles in line, as index_article() each, in one batch: the way for many
  // (an import). They are read, stripped and folded by as many threads as there are cores,
  // like rebuild()'s. A failed write is logged and leaves only that article stale; a failed
  // read fails the whole batch, which leaves the index as it was.
  Status index_articles(const std::vector<content::Id>& ids);

  // Rebuilds the index when it is empty and articles are published (a database whose index
  // tables a migration recreated, or that was restored without them); 0 when there was nothing
  // to do.
  Result<std::size_t> rebuild_if_empty(
      const std::function<void(std::size_t, std::size_t)>& progress);

 private:
  Status put_article(const content::Article& a);
  using CategoryNames = std::unordered_map<content::Id, std::string>;
  Result<CategoryNames> category_names();
  // The document of article id as rebuild() and index_articles() write it, or nullopt when
  // it is gone or not published.
  Result<std::optional<Document>> prepare(content::Id id, const CategoryNames& names);

  content::Store& store_;
  SearchIndex& index_;
};

}  // namespace congtin::search
