// Content events: what happened to content, for the parts that follow it (page cache, search
// index, feeds, sitemaps) instead of being called inline by the services.
//
// EventBus is thread-safe. Subscribers run synchronously on the publishing thread, after the
// write has been committed, in the order they subscribed; they must not throw and must not
// publish. Subscribe during start-up, before serving.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "content/model.h"

namespace congtin::content {

enum class EventKind {
  kArticlePublished,    // visible on the site now (new, or scheduled time reached)
  kArticleUpdated,      // a published article's visible content changed
  kArticleUnpublished,  // taken down or otherwise no longer public
  kCategoriesChanged,   // menu: categories added, renamed, moved
  kSiteChanged,         // settings, links, contacts, static pages
};

struct Event {
  EventKind kind;
  Id article_id = 0;
  std::string slug;               // current slug of the article, if any
  std::string old_slug;           // the slug before an update that changed it
  Id category_id = 0;             // the article's category (after the change)
  std::optional<Id> old_category_id;  // its category before, if it moved
};

class EventBus {
 public:
  using Subscriber = std::function<void(const Event&)>;
  void subscribe(Subscriber s);
  void publish(const Event& e) const;

 private:
  mutable std::mutex mu_;
  std::vector<Subscriber> subscribers_;
};

}  // namespace congtin::content
