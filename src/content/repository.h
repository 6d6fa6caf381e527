// Repository interfaces: how content/ reads and writes without knowing the database.
//
// Implementations live in store/sqlite/ (default) and, later, store/pg/. Every method is
// thread-safe. Failures are values: kNotFound when a row asked for by key does not exist,
// kConflict when a unique key (slug) is taken, kUnavailable when the database cannot be
// reached or stays busy, kCorruption when stored data cannot be read back.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "content/model.h"
#include "core/result.h"

namespace congtin::content {

// What the back-office writes below answer in a store that does not implement them (test
// doubles written before they existed); every real store does.
inline Error unsupported() { return Error::internal("this store cannot change site content"); }

class SiteRepository {
 public:
  virtual ~SiteRepository() = default;
  // Settings of a site that was never configured are all empty strings, not an error.
  virtual Result<SiteSettings> settings() = 0;
  virtual Status save_settings(const SiteSettings& s) = 0;

  // Ordered by position, then id.
  virtual Result<std::vector<LinkItem>> links() = 0;
  virtual Result<Id> add_link(const LinkItem& item) = 0;
  // Replaces title, url and position of link item.id; kNotFound if there is no such link.
  virtual Status update_link(const LinkItem& /*item*/) { return unsupported(); }
  // kNotFound if there is no such link.
  virtual Status delete_link(Id /*id*/) { return unsupported(); }
  // Gives the links position 0, 1, 2... in the order of ids (each must exist: kNotFound).
  virtual Status set_link_order(const std::vector<Id>& /*ids*/) { return unsupported(); }

  virtual Result<std::vector<ContactItem>> contacts() = 0;
  virtual Result<Id> add_contact(const ContactItem& item) = 0;
  // As for links.
  virtual Status update_contact(const ContactItem& /*item*/) { return unsupported(); }
  virtual Status delete_contact(Id /*id*/) { return unsupported(); }
  virtual Status set_contact_order(const std::vector<Id>& /*ids*/) { return unsupported(); }
};

class CategoryRepository {
 public:
  virtual ~CategoryRepository() = default;
  // Every category, ordered by position then id (parents and children mixed; callers nest).
  virtual Result<std::vector<Category>> list() = 0;
  virtual Result<Category> by_id(Id id) = 0;
  virtual Result<Category> by_slug(std::string_view slug) = 0;
  // Exact (NFC) name match; kNotFound if none.
  virtual Result<Category> by_name(std::string_view name) = 0;
  // kConflict if the slug is taken. Returns the new id.
  virtual Result<Id> create(const Category& c) = 0;
  // Replaces parent, name, slug, description and position of category c.id. kNotFound if
  // there is no such category, kConflict if the slug is taken, kInvalidArgument if the parent
  // does not exist. Rules about nesting depth and renaming belong to SiteService.
  virtual Status update(const Category& /*c*/) { return unsupported(); }
  // kNotFound if there is no such category; kConflict if it still has child categories or
  // articles (the rows would be orphaned).
  virtual Status remove(Id /*id*/) { return unsupported(); }
  // Gives the categories position 0, 1, 2... in the order of ids (each must exist: kNotFound).
  virtual Status set_order(const std::vector<Id>& /*ids*/) { return unsupported(); }
  // How many articles are filed in the category, in any state — including newsroom working
  // copies whose newest revision moves them there. Children are not counted.
  virtual Result<std::int64_t> article_count(Id /*id*/) { return unsupported(); }

  // Whether a category shows in the public menu. Kept beside Category rather than in it so
  // that readers who never draw a menu are untouched; new categories are shown. Hidden
  // categories still have their page, feed and place in listings and the site map.
  virtual Result<std::vector<Id>> hidden_from_menu() { return unsupported(); }
  // kNotFound if there is no such category.
  virtual Status set_in_menu(Id /*id*/, bool /*in_menu*/) { return unsupported(); }
};

struct ArticleQuery {
  std::optional<Id> category_id;  // also includes the category's descendants
  std::optional<Id> exclude_id;   // e.g. the article being read, for "other news"
  bool featured_only = false;
  int limit = 10;   // callers bound this; implementations clamp to [0, 1000]
  int offset = 0;
};

class ArticleRepository {
 public:
  virtual ~ArticleRepository() = default;
  // Inserts a new article with its tags. kConflict if the slug is taken (by a live article or
  // as an old slug of another). Returns the new id.
  virtual Result<Id> create(const Article& a) = 0;
  // Replaces every field of article a.id. If the slug changed, the old slug is kept as a
  // redirect to this article. kNotFound if no such id; kConflict if the new slug is taken.
  virtual Status update(const Article& a) = 0;
  virtual Result<Article> by_id(Id id) = 0;
  // Any status; callers decide what is public.
  virtual Result<Article> by_slug(std::string_view slug) = 0;
  // The article an old slug now belongs to, or kNotFound.
  virtual Result<Article> by_old_slug(std::string_view old_slug) = 0;
  // True if the slug is used by any article, current or old.
  virtual Result<bool> slug_taken(std::string_view slug) = 0;

  // Published articles with published_at <= now, newest first (then id descending).
  virtual Result<std::vector<ArticleSummary>> published(const ArticleQuery& q, Time now) = 0;
  virtual Result<std::int64_t> count_published(const ArticleQuery& q, Time now) = 0;
  // The ids of every article published at or before now, in the order of published(), read
  // at one moment (unlike pages of published(), which move when an article is published in
  // between).
  virtual Result<std::vector<Id>> published_ids(Time now) = 0;
};

class PageRepository {
 public:
  virtual ~PageRepository() = default;
  virtual Result<std::vector<Page>> list() = 0;  // ordered by position then id; bodies included
  virtual Result<Page> by_slug(std::string_view slug) = 0;
  virtual Result<Id> create(const Page& p) = 0;  // kConflict if the slug is taken
};

// One database. Repositories are owned by the store and live as long as it.
class Store {
 public:
  virtual ~Store() = default;
  virtual SiteRepository& site() = 0;
  virtual CategoryRepository& categories() = 0;
  virtual ArticleRepository& articles() = 0;
  virtual PageRepository& pages() = 0;

  // Runs fn inside one transaction on the calling thread: every repository call fn makes on
  // this thread is part of it. Commits if fn returns ok, rolls back otherwise (and on
  // exception). Not reentrant.
  virtual Status transaction(const std::function<Status()>& fn) = 0;
  // Cheap check that the database answers (for /healthz).
  virtual Status ping() = 0;
};

}  // namespace congtin::content
