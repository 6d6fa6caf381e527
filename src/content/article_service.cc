#include "content/article_service.h"

#include "html/sanitize.h"
#include "text/vietnamese.h"

namespace congtin::content {

namespace {

Error at_line(std::size_t line, const Error& e) {
  return Error{e.kind, "line " + std::to_string(line) + ": " + e.message};
}

}  // namespace

Result<std::string> ArticleService::unique_article_slug(std::string_view text) {
  std::string base = text::slugify(text, 100);
  if (base.empty()) base = "bai-viet";
  // Bounded: a title repeated a thousand times is an import mistake, not a slug to hunt for.
  for (int n = 1; n <= 1000; ++n) {
    std::string candidate = n == 1 ? base : base + "-" + std::to_string(n);
    auto taken = store_.articles().slug_taken(candidate);
    if (!taken) return taken.take_error();
    if (!*taken) return candidate;
  }
  return Error::conflict("more than 1000 articles share the slug \"" + base + "\"");
}

Result<Category> ArticleService::ensure_category(std::string_view name) {
  const std::string clean = text::squash_spaces(text::to_nfc(name));
  if (clean.empty()) return Error::invalid("a category needs a name");
  auto found = store_.categories().by_name(clean);
  if (found || found.error().kind != ErrorKind::kNotFound) return found;

  std::string base = text::slugify(clean, 80);
  if (base.empty()) base = "chuyen-muc";
  for (int n = 1; n <= 1000; ++n) {
    Category c;
    c.name = clean;
    c.slug = n == 1 ? base : base + "-" + std::to_string(n);
    auto other = store_.categories().by_slug(c.slug);
    if (other) continue;
    if (other.error().kind != ErrorKind::kNotFound) return other.take_error();
    auto list = store_.categories().list();
    if (!list) return list.take_error();
    c.position = static_cast<int>(list->size());
    auto id = store_.categories().create(c);
    if (!id) return id.take_error();
    c.id = *id;
    return c;
  }
  return Error::conflict("no free slug for category \"" + clean + "\"");
}

Result<Id> ArticleService::import_article(const ImportRecord& r, const ImageResolver& resolve,
                                          std::vector<Event>& events) {
  auto category = ensure_category(r.category);
  if (!category) return at_line(r.line, category.error());

  Article a;
  a.title = r.title;
  a.lead = r.lead;
  a.author = r.author;
  a.author_unit = r.author_unit;
  a.source = r.source;
  a.tags = r.tags;
  a.category_id = category->id;
  a.featured = r.featured;
  a.status = ArticleStatus::kPublished;
  a.published_at = r.published_at;
  a.created_at = a.updated_at = clock_.now();
  a.cover_caption = r.cover_caption;
  a.cover_alt = r.cover_alt.empty() ? r.cover_caption : r.cover_alt;

  if (!r.cover_image.empty()) {
    auto url = resolve(r.cover_image);
    if (!url) return at_line(r.line, Error{url.error().kind, "field \"cover_image\": " + url.error().message});
    a.cover_image = std::move(*url);
  }

  // Images in the body are resolved like the cover; one that cannot be is an error rather
  // than a silently broken picture.
  std::optional<Error> image_error;
  html::SanitizeOptions opts;
  opts.rewrite_img_src = [&](std::string_view src) -> std::optional<std::string> {
    auto url = resolve(src);
    if (url) return std::move(*url);
    if (!image_error) image_error = url.take_error();
    return std::nullopt;
  };
  auto body = html::sanitize(r.body_html, opts);
  if (!body) return at_line(r.line, Error{body.error().kind, "field \"body\": " + body.error().message});
  if (image_error)
    return at_line(r.line, Error{image_error->kind, "image in body: " + image_error->message});
  a.body_html = std::move(*body);

  if (r.slug.empty()) {
    auto slug = unique_article_slug(r.title);
    if (!slug) return at_line(r.line, slug.error());
    a.slug = std::move(*slug);
  } else {
    a.slug = r.slug;
  }
  auto id = store_.articles().create(a);
  if (!id) {
    if (id.error().kind == ErrorKind::kConflict)
      return at_line(r.line, Error::conflict("field \"slug\": \"" + a.slug + "\" is already used"));
    return at_line(r.line, id.error());
  }
  events.push_back(Event{EventKind::kArticlePublished, *id, a.slug, {}, a.category_id, {}});
  return *id;
}

Status ArticleService::change_slug(Id id, std::string_view new_slug, std::vector<Event>& events) {
  const std::string slug(new_slug);
  if (!is_valid_slug(slug))
    return Error::invalid("\"" + slug + "\" is not a valid slug (a-z, 0-9 and hyphens)");
  auto a = store_.articles().by_id(id);
  if (!a) return a.take_error();
  if (a->slug == slug) return {};
  const std::string old = a->slug;
  a->slug = slug;
  a->updated_at = clock_.now();
  if (auto s = store_.articles().update(*a); !s) return s;
  if (a->status == ArticleStatus::kPublished)
    events.push_back(Event{EventKind::kArticleUpdated, id, slug, old, a->category_id, {}});
  return {};
}

}  // namespace congtin::content
