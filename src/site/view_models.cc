#include "site/view_models.h"

#include <algorithm>
#include <chrono>

#include "text/date.h"

namespace congtin::site {
namespace {

using nlohmann::json;

constexpr std::string_view kDefaultName = "Cổng thông tin điện tử";
constexpr std::string_view kDefaultLogo = "/static/img/emblem.svg";

// "0205 3 870 123" -> "02053870123", for tel: links.
std::string phone_href(std::string_view phone) {
  std::string out;
  for (char ch : phone) {
    if ((ch >= '0' && ch <= '9') || (ch == '+' && out.empty())) out += ch;
  }
  return out;
}

int local_year(Seconds now) {
  const auto day = std::chrono::floor<std::chrono::days>(now + text::kVietnamOffset);
  return static_cast<int>(std::chrono::year_month_day{day}.year());
}

std::string site_name(const content::SiteSettings& s) {
  return s.name.empty() ? std::string(kDefaultName) : s.name;
}

json site_json(const content::SiteSettings& s) {
  return {
      {"name", site_name(s)},
      {"parent_name", s.parent_name},
      {"slogan", s.slogan},
      {"logo_url", s.logo_url.empty() ? std::string(kDefaultLogo) : s.logo_url},
      {"description", s.description},
      {"owner", s.owner},
      {"responsible_person", s.responsible_person},
      {"license", s.license},
      {"address", s.address},
      {"phone", s.phone},
      {"phone_href", phone_href(s.phone)},
      {"fax", s.fax},
      {"email", s.email},
      {"base_url", s.base_url},
  };
}

json menu_item(std::string title, std::string url, bool current, bool active) {
  return {{"title", std::move(title)},   {"url", std::move(url)}, {"current", current},
          {"active", active || current}, {"has_children", false}, {"children", json::array()}};
}

json menu_json(const Chrome& c, const Where& w) {
  json menu = json::array();
  menu.push_back(menu_item("Trang chủ", "/", w.home, false));
  auto hidden = [&c](content::Id id) {
    return std::find(c.hidden_from_menu.begin(), c.hidden_from_menu.end(), id) !=
           c.hidden_from_menu.end();
  };
  for (const auto& top : c.categories) {
    if (top.parent_id && find_category(c, *top.parent_id)) continue;  // not top level
    if (hidden(top.id)) continue;                                     // with its children
    const bool here = w.category == top.id;
    json item = menu_item(top.name, category_path(top.slug), here && w.category_is_current, here);
    for (const auto& child : c.categories) {
      if (child.parent_id != top.id || hidden(child.id)) continue;
      const bool child_here = w.category == child.id;
      item["children"].push_back(menu_item(child.name, category_path(child.slug),
                                           child_here && w.category_is_current, child_here));
      if (child_here) item["active"] = true;
    }
    item["has_children"] = !item["children"].empty();
    menu.push_back(std::move(item));
  }
  if (!c.pages.empty()) {
    json intro = menu_item("Giới thiệu", page_path(c.pages.front().slug), false, false);
    for (const auto& p : c.pages) {
      const bool here = p.slug == w.page_slug;
      intro["children"].push_back(menu_item(p.title, page_path(p.slug), here, here));
      if (here) intro["active"] = true;
    }
    intro["has_children"] = true;
    menu.push_back(std::move(intro));
  }
  return menu;
}

}  // namespace

Result<Chrome> load_chrome(content::Store& store) {
  Chrome c;
  auto settings = store.site().settings();
  if (!settings) return settings.take_error();
  c.settings = std::move(*settings);
  auto cats = store.categories().list();
  if (!cats) return cats.take_error();
  c.categories = std::move(*cats);
  auto hidden = store.categories().hidden_from_menu();
  if (!hidden) return hidden.take_error();
  c.hidden_from_menu = std::move(*hidden);
  auto pages = store.pages().list();
  if (!pages) return pages.take_error();
  c.pages = std::move(*pages);
  auto links = store.site().links();
  if (!links) return links.take_error();
  c.links = std::move(*links);
  auto contacts = store.site().contacts();
  if (!contacts) return contacts.take_error();
  c.contacts = std::move(*contacts);
  return c;
}

nlohmann::json chrome_common_json(const Chrome& c) {
  json ctx;
  ctx["site"] = site_json(c.settings);
  json menu_categories = json::array();
  for (const auto& item : menu_json(c, Where{})) {
    if (item["url"].get_ref<const std::string&>().starts_with("/chuyen-muc/")) {
      menu_categories.push_back({{"title", item["title"]}, {"url", item["url"]}});
    }
  }
  ctx["has_menu_categories"] = !menu_categories.empty();
  ctx["menu_categories"] = std::move(menu_categories);

  json links = json::array();
  for (const auto& l : c.links) links.push_back({{"title", l.title}, {"url", l.url}});
  ctx["has_links"] = !links.empty();
  ctx["links"] = std::move(links);
  json contacts = json::array();
  for (const auto& k : c.contacts) {
    contacts.push_back({{"name", k.name},
                        {"role", k.role},
                        {"phone", k.phone},
                        {"phone_href", phone_href(k.phone)},
                        {"email", k.email}});
  }
  ctx["has_contacts"] = !contacts.empty();
  ctx["contacts"] = std::move(contacts);
  json pages = json::array();
  for (const auto& p : c.pages) pages.push_back({{"title", p.title}, {"url", page_path(p.slug)}});
  ctx["has_pages"] = !pages.empty();
  ctx["pages"] = std::move(pages);
  return ctx;
}

nlohmann::json chrome_menu_json(const Chrome& c, const Where& where) {
  json ctx;
  ctx["menu"] = menu_json(c, where);
  return ctx;
}

nlohmann::json page_context(const Chrome& c, Seconds now, const Where& where,
                            std::string_view title, std::string_view path) {
  json ctx;
  const std::string name = site_name(c.settings);
  const int year = local_year(now);
  ctx["year"] = std::to_string(year);
  ctx["copyright"] = c.settings.copyright.empty() ? "© " + std::to_string(year) + " " + name
                                                  : c.settings.copyright;
  ctx["is_home"] = where.home;
  ctx["page_title"] = title.empty() ? name : std::string(title) + " - " + name;
  ctx["meta_description"] = c.settings.description;
  ctx["canonical_url"] =
      c.settings.base_url.empty() ? std::string() : absolute_url(c.settings.base_url, path);
  ctx["has_breadcrumbs"] = false;
  ctx["breadcrumbs"] = json::array();
  // For the metadata (site/metadata.cc): the page's own title and path.
  ctx["page_heading"] = std::string(title);
  ctx["page_path"] = std::string(path);
  return ctx;
}

nlohmann::json chrome_context(const Chrome& c, Seconds now, const Where& where,
                              std::string_view title, std::string_view path) {
  json ctx = page_context(c, now, where, title, path);
  ctx.update(chrome_common_json(c));
  ctx.update(chrome_menu_json(c, where));
  return ctx;
}

std::string article_path(std::string_view slug) { return "/tin-tuc/" + std::string(slug); }
std::string category_path(std::string_view slug, int page) {
  std::string p = "/chuyen-muc/" + std::string(slug);
  if (page > 1) p += "?trang=" + std::to_string(page);
  return p;
}
std::string page_path(std::string_view slug) { return "/trang/" + std::string(slug); }

std::string absolute_url(std::string_view base_url, std::string_view path) {
  while (base_url.ends_with('/')) base_url.remove_suffix(1);
  return std::string(base_url) + std::string(path);
}

const content::Category* find_category(const Chrome& c, content::Id id) {
  for (const auto& cat : c.categories) {
    if (cat.id == id) return &cat;
  }
  return nullptr;
}

const content::Category* find_category(const Chrome& c, std::string_view slug) {
  for (const auto& cat : c.categories) {
    if (cat.slug == slug) return &cat;
  }
  return nullptr;
}

nlohmann::json category_breadcrumbs(const Chrome& c, const content::Category& cat,
                                    bool category_is_current) {
  std::vector<const content::Category*> chain{&cat};
  // Bounded walk up the tree: a cycle in stored data must not hang the request.
  while (chain.size() < 8 && chain.back()->parent_id) {
    const auto* parent = find_category(c, *chain.back()->parent_id);
    if (!parent || std::find(chain.begin(), chain.end(), parent) != chain.end()) break;
    chain.push_back(parent);
  }
  json crumbs = json::array();
  crumbs.push_back({{"title", "Trang chủ"}, {"url", "/"}});
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const bool last = *it == &cat;
    crumbs.push_back({{"title", (*it)->name},
                      {"url", last && category_is_current ? "" : category_path((*it)->slug)}});
  }
  return crumbs;
}

nlohmann::json summary_json(const content::ArticleSummary& a) {
  const bool dated = a.published_at.has_value();
  return {
      {"title", a.title},
      {"url", article_path(a.slug)},
      {"lead", a.lead},
      {"date", dated ? text::format_vi_datetime(*a.published_at) : ""},
      {"date_short", dated ? text::format_vi_date(*a.published_at) : ""},
      {"iso_date", dated ? text::format_iso8601(*a.published_at) : ""},
      {"image", a.cover_image},
      {"image_alt", a.cover_alt},
  };
}

nlohmann::json summaries_json(const std::vector<content::ArticleSummary>& list) {
  json out = json::array();
  for (const auto& a : list) out.push_back(summary_json(a));
  return out;
}

nlohmann::json article_json(const content::Article& a) {
  const bool dated = a.published_at.has_value();
  std::string byline = a.author;
  if (!a.author_unit.empty()) byline += (byline.empty() ? "" : " - ") + a.author_unit;
  json cover = nullptr;
  if (!a.cover_image.empty()) {
    cover = {{"src", a.cover_image},
             {"alt", a.cover_alt.empty() ? a.cover_caption : a.cover_alt},
             {"caption", a.cover_caption}};
  }
  return {
      {"title", a.title},
      {"lead", a.lead},
      {"body_html", a.body_html},
      {"date", dated ? text::format_vi_datetime(*a.published_at) : ""},
      {"iso_date", dated ? text::format_iso8601(*a.published_at) : ""},
      {"iso_updated",
       text::format_iso8601(std::max(a.updated_at, a.published_at.value_or(a.updated_at)))},
      {"author", a.author},
      {"cover", std::move(cover)},
      {"byline", std::move(byline)},
      {"source", a.source},
      {"tags", a.tags},
      {"has_tags", !a.tags.empty()},
  };
}

bool is_public(const content::Article& a, Seconds now) {
  return a.status == content::ArticleStatus::kPublished && a.published_at && *a.published_at <= now;
}

}  // namespace congtin::site
