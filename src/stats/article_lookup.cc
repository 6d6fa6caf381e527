#include "stats/article_lookup.h"

namespace congtin::stats {
namespace {

std::optional<ArticleRef> public_ref(const Result<content::Article>& a, Seconds now) {
  if (!a) return std::nullopt;
  if (a->status != content::ArticleStatus::kPublished || !a->published_at ||
      *a->published_at > now)
    return std::nullopt;
  return ArticleRef{a->id, a->title, std::string(kArticlePrefix) + a->slug};
}

}  // namespace

std::optional<ArticleRef> StoreArticleLookup::by_path(std::string_view path) {
  if (!path.starts_with(kArticlePrefix)) return std::nullopt;
  std::string_view slug = path.substr(kArticlePrefix.size());
  if (slug.empty() || slug.size() > 300 || slug.find('/') != std::string_view::npos)
    return std::nullopt;
  return public_ref(store_.articles().by_slug(slug), clock_.now());
}

std::optional<ArticleRef> StoreArticleLookup::by_id(std::int64_t id) {
  return public_ref(store_.articles().by_id(id), clock_.now());
}

}  // namespace congtin::stats
