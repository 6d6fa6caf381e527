#include "content/revision.h"

namespace congtin::content {

ArticleContent content_of(const Article& a) {
  ArticleContent c;
  c.title = a.title;
  c.slug = a.slug;
  c.lead = a.lead;
  c.body_html = a.body_html;
  c.cover_image = a.cover_image;
  c.cover_caption = a.cover_caption;
  c.cover_alt = a.cover_alt;
  c.author = a.author;
  c.author_unit = a.author_unit;
  c.source = a.source;
  c.category_id = a.category_id;
  c.tags = a.tags;
  c.featured = a.featured;
  return c;
}

void apply_content(const ArticleContent& c, Article& a) {
  a.title = c.title;
  a.slug = c.slug;
  a.lead = c.lead;
  a.body_html = c.body_html;
  a.cover_image = c.cover_image;
  a.cover_caption = c.cover_caption;
  a.cover_alt = c.cover_alt;
  a.author = c.author;
  a.author_unit = c.author_unit;
  a.source = c.source;
  a.category_id = c.category_id;
  a.tags = c.tags;
  a.featured = c.featured;
}

}  // namespace congtin::content
