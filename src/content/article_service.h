// ArticleService: the rules for writing articles (the newsroom's workflow builds on it).
//
// Every write normalises text to NFC, sanitises body HTML by the allowlist in html/, keeps
// slugs unique, and returns the content events it caused; callers publish them with
// EventBus::publish after their transaction commits, so that followers (page cache, search)
// never see uncommitted state. Thread-safe as long as the store is.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "content/events.h"
#include "content/import.h"
#include "content/model.h"
#include "content/repository.h"
#include "core/clock.h"
#include "core/result.h"

namespace congtin::content {

class ArticleService {
 public:
  // Maps an image reference found in an import (cover_image, <img src>) to a URL the site
  // serves, e.g. a path relative to the import file → "/media/ab/….jpg".
  using ImageResolver = std::function<Result<std::string>(std::string_view src)>;

  ArticleService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  // Creates a published article from a validated import record: the category is found by
  // name or created (as a top-level category), the slug is the record's (kConflict if taken)
  // or made unique from the title, images are resolved. Call inside Store::transaction for
  // all-or-nothing imports. Errors name the record's line.
  Result<Id> import_article(const ImportRecord& r, const ImageResolver& resolve,
                            std::vector<Event>& events);

  // Finds a category by name or creates it with a unique slug made from the name.
  Result<Category> ensure_category(std::string_view name);

  // Changes an article's slug; its old URL keeps answering with a redirect.
  // kInvalidArgument for a malformed slug, kConflict if taken, kNotFound for no article.
  Status change_slug(Id id, std::string_view new_slug, std::vector<Event>& events);

  // "base", or "base-2", "base-3"… whichever is free; base made from text via slugify.
  Result<std::string> unique_article_slug(std::string_view text);

 private:
  Store& store_;
  const Clock& clock_;
};

}  // namespace congtin::content
