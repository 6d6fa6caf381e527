#include "content/site_service.h"

#include "html/sanitize.h"
#include "text/vietnamese.h"

namespace congtin::content {

namespace {

std::string clean_line(std::string_view s) { return text::squash_spaces(text::to_nfc(s)); }

}  // namespace

Status SiteService::save_settings(SiteSettings s) {
  for (std::string* f : {&s.name, &s.parent_name, &s.slogan, &s.logo_url, &s.description,
                         &s.owner, &s.responsible_person, &s.license, &s.address, &s.phone,
                         &s.fax, &s.email, &s.copyright, &s.base_url})
    *f = clean_line(*f);
  if (s.name.empty()) return Error::invalid("the site needs the agency's name");
  while (!s.base_url.empty() && s.base_url.back() == '/') s.base_url.pop_back();
  if (!s.base_url.empty() && !s.base_url.starts_with("https://") &&
      !s.base_url.starts_with("http://"))
    return Error::invalid("base_url must start with https:// or http://");
  return store_.site().save_settings(s);
}

Result<Id> SiteService::add_category(Category c) {
  c.name = clean_line(c.name);
  c.description = clean_line(c.description);
  if (c.name.empty()) return Error::invalid("a category needs a name");
  if (c.slug.empty()) c.slug = text::slugify(c.name, 80);
  if (!is_valid_slug(c.slug))
    return Error::invalid("category \"" + c.name + "\": \"" + c.slug + "\" is not a valid slug");
  return store_.categories().create(c);
}

Result<Id> SiteService::add_link(LinkItem item) {
  item.title = clean_line(item.title);
  item.url = clean_line(item.url);
  if (item.title.empty()) return Error::invalid("a link needs a title");
  if (!item.url.starts_with("https://") && !item.url.starts_with("http://"))
    return Error::invalid("link \"" + item.title + "\": the URL must start with https:// or http://");
  return store_.site().add_link(item);
}

Result<Id> SiteService::add_contact(ContactItem item) {
  for (std::string* f : {&item.name, &item.role, &item.phone, &item.email}) *f = clean_line(*f);
  if (item.name.empty()) return Error::invalid("a support contact needs a name");
  return store_.site().add_contact(item);
}

Result<Id> SiteService::add_page(Page p) {
  p.title = clean_line(p.title);
  if (p.title.empty()) return Error::invalid("a page needs a title");
  if (p.slug.empty()) p.slug = text::slugify(p.title, 80);
  if (!is_valid_slug(p.slug))
    return Error::invalid("page \"" + p.title + "\": \"" + p.slug + "\" is not a valid slug");
  auto body = html::sanitize(p.body_html);
  if (!body) return Error::invalid("page \"" + p.title + "\": " + body.error().message);
  p.body_html = std::move(*body);
  return store_.pages().create(p);
}

}  // namespace congtin::content
