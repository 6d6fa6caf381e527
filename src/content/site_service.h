// SiteService: writes to the site's own content (settings, menu categories, links and
// contacts blocks, static pages) with the same rules as articles: NFC text, sanitised HTML,
// valid slugs and URLs. Used by `congtin init --demo` now and the back office later.
// Thread-safe as long as the store is.
#pragma once

#include "content/model.h"
#include "content/repository.h"
#include "core/result.h"

namespace congtin::content {

class SiteService {
 public:
  explicit SiteService(Store& store) : store_(store) {}

  Status save_settings(SiteSettings s);
  // kInvalidArgument for an empty name or a malformed slug; kConflict if the slug is taken.
  Result<Id> add_category(Category c);
  // Only http(s) URLs are accepted for links.
  Result<Id> add_link(LinkItem item);
  Result<Id> add_contact(ContactItem item);
  Result<Id> add_page(Page p);

 private:
  Store& store_;
};

}  // namespace congtin::content
