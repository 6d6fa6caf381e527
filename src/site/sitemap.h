// SitemapWriter: the sitemaps.org XML of the public site (home, helper pages, categories,
// static pages, every published article), split with a sitemap index past max_urls.
//
// With N URLs and N <= max_urls, /sitemap.xml is one <urlset>. With more, /sitemap.xml is a
// <sitemapindex> naming parts /sitemap/1.xml .. /sitemap/K.xml, K = ceil(N / max_urls), part
// k holding URLs (k-1)*max_urls .. k*max_urls-1 in a stable order (fixed pages first, then
// articles newest first). max_urls is a parameter so that tests can check the split without
// 50,000 rows. Every <loc> is origin + path; lastmod is the article's publication time, a
// static page's update time, or a listing's newest article.
//
// Thread-safety: the writer holds only a store reference; concurrent calls are safe because
// the store's repositories are.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "content/repository.h"
#include "core/clock.h"
#include "core/result.h"

namespace congtin::site {

class SitemapWriter {
 public:
  SitemapWriter(content::Store& store, std::size_t max_urls);

  // How many URLs the sitemap lists at time now.
  Result<std::size_t> url_count(Seconds now) const;
  // The document for /sitemap.xml: a urlset, or a sitemap index when split.
  Result<std::string> root(std::string_view origin, Seconds now) const;
  // Part n (1-based) of a split sitemap. kNotFound when the sitemap is not split or n is past
  // the last part.
  Result<std::string> part(std::size_t n, std::string_view origin, Seconds now) const;

 private:
  struct Entry;
  Result<std::vector<Entry>> fixed_entries(Seconds now) const;
  Result<std::string> urlset(std::size_t from, std::size_t to, std::string_view origin,
                             Seconds now) const;

  content::Store& store_;
  std::size_t max_urls_;
};

}  // namespace congtin::site
