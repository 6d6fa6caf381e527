// ArticleLookup: what the statistics need to know about articles — which article a page path
// shows, and the title and address of an article id — without depending on the site module.
//
// StoreArticleLookup answers from content::Store, for public articles only (published, with
// published_at not in the future): views of a taken-down article stay in the store but it is
// not listed as "most read". Article pages live at "/tin-tuc/<slug>" (site/site.h).
// Thread-safety: StoreArticleLookup is thread-safe (the store is).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "content/repository.h"
#include "core/clock.h"

namespace congtin::stats {

struct ArticleRef {
  std::int64_t id = 0;
  std::string title;
  std::string url;  // "/tin-tuc/<slug>"
};

class ArticleLookup {
 public:
  virtual ~ArticleLookup() = default;
  // The public article shown at path, or nullopt (not an article path, unknown, not public,
  // or the store failed — the caller just does not count it per article).
  virtual std::optional<ArticleRef> by_path(std::string_view path) = 0;
  virtual std::optional<ArticleRef> by_id(std::int64_t id) = 0;
};

class StoreArticleLookup final : public ArticleLookup {
 public:
  StoreArticleLookup(content::Store& store, const Clock& clock) : store_(store), clock_(clock) {}
  std::optional<ArticleRef> by_path(std::string_view path) override;
  std::optional<ArticleRef> by_id(std::int64_t id) override;

 private:
  content::Store& store_;
  const Clock& clock_;
};

inline constexpr std::string_view kArticlePrefix = "/tin-tuc/";

}  // namespace congtin::stats
