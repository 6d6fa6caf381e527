// Metadata of every HTML page: description, canonical URL, OpenGraph, Twitter card, Dublin
// Core, JSON-LD (GovernmentOrganization for the agency; NewsArticle on article pages, WebPage
// elsewhere), feed links; and the print / e-mail tools of an article.
#include "site/discovery.h"
#include "site/xml_text.h"

namespace congtin::site {
namespace {

using nlohmann::json;

std::string str(const json& j, std::string_view key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// base + path, or the path alone without a base; absolute URLs are kept as they are.
std::string absolute(std::string_view base, const std::string& path) {
  if (path.empty() || path.starts_with("http://") || path.starts_with("https://")) return path;
  while (base.ends_with('/')) base.remove_suffix(1);
  return std::string(base) + path;
}

json organization(const json& site, std::string_view base) {
  json org = {{"@type", "GovernmentOrganization"},
              {"@id", absolute(base, "/#co-quan")},
              {"name", str(site, "name")},
              {"url", absolute(base, "/")},
              {"logo", absolute(base, str(site, "logo_url"))}};
  if (auto v = str(site, "description"); !v.empty()) org["description"] = v;
  if (auto v = str(site, "address"); !v.empty()) {
    org["address"] = {{"@type", "PostalAddress"}, {"streetAddress", v}, {"addressCountry", "VN"}};
  }
  if (auto v = str(site, "phone"); !v.empty()) org["telephone"] = v;
  if (auto v = str(site, "fax"); !v.empty()) org["faxNumber"] = v;
  if (auto v = str(site, "email"); !v.empty()) org["email"] = v;
  if (auto v = str(site, "parent_name"); !v.empty()) {
    org["parentOrganization"] = {{"@type", "GovernmentOrganization"}, {"name", v}};
  }
  return org;
}

}  // namespace

void add_metadata(json& ctx, const json& site, std::string_view page_template) {
  const std::string base = str(site, "base_url");
  const std::string name = str(site, "name");
  const bool missing = page_template == "not_found" || page_template == "error";
  const json* article =
      ctx.contains("article") && ctx["article"].is_object() ? &ctx["article"] : nullptr;
  json meta;
  const std::string heading = str(ctx, "page_heading");
  meta["title"] = heading.empty() ? name : heading;
  std::string description = str(ctx, "meta_description");
  if (description.empty()) description = str(site, "description");
  if (description.empty()) description = str(ctx, "page_title");
  ctx["meta_description"] = description;
  meta["description"] = description;
  std::string url = str(ctx, "canonical_url");
  if (url.empty() && !missing) url = str(ctx, "page_path");
  meta["url"] = url;
  meta["locale"] = "vi_VN";

  std::string image = absolute(base, str(site, "logo_url"));
  std::string image_alt = "Biểu trưng " + name;
  bool large_image = false;
  if (article && (*article)["cover"].is_object()) {
    image = absolute(base, str((*article)["cover"], "src"));
    image_alt = str((*article)["cover"], "alt");
    large_image = true;
  }
  meta["image"] = image;
  meta["image_alt"] = image_alt;
  meta["twitter_card"] = large_image ? "summary_large_image" : "summary";
  meta["type"] = article ? "article" : "website";

  // Dublin Core (DCMI elements as <meta name="DC.x">).
  json dc = {{"publisher", name},
             {"creator", name},
             {"date", ""},
             {"subject", ""},
             {"rights", str(ctx, "copyright")},
             {"type", "Text"}};
  json tags = json::array();
  std::string section;
  if (ctx.contains("category") && ctx["category"].is_object()) {
    section = str(ctx["category"], "name");
  }
  if (article) {
    meta["published_time"] = str(*article, "iso_date");
    meta["modified_time"] = str(*article, "iso_updated");
    if (auto author = str(*article, "author"); !author.empty()) dc["creator"] = author;
    dc["date"] = str(*article, "iso_date");
    if ((*article)["tags"].is_array()) tags = (*article)["tags"];
    std::string subject = section;
    for (const auto& t : tags) subject += (subject.empty() ? "" : "; ") + t.get<std::string>();
    dc["subject"] = subject;
  }
  meta["section"] = section;
  meta["tags"] = tags;
  meta["dc"] = std::move(dc);

  // Feeds: the whole site's, and the category's on a category or article page.
  json feeds = json::array();
  feeds.push_back({{"title", "Tin mới - " + name}, {"url", std::string(kSiteFeedPath)}});
  if (!section.empty()) {
    feeds.push_back({{"title", section + " - " + name},
                     {"url", str(ctx["category"], "url") + std::string(kCategoryFeedSuffix)}});
  }
  meta["feeds"] = std::move(feeds);

  json graph = json::array();
  json org = organization(site, base);
  const std::string org_id = org["@id"];
  graph.push_back(std::move(org));
  const std::string abs_url = absolute(base, url);
  if (article) {
    json a = {{"@type", "NewsArticle"},
              {"headline", str(*article, "title")},
              {"inLanguage", "vi"},
              {"isAccessibleForFree", true},
              {"publisher", {{"@id", org_id}}},
              {"image", json::array({image})}};
    if (!abs_url.empty()) {
      a["url"] = abs_url;
      a["mainEntityOfPage"] = abs_url;
    }
    if (auto v = str(*article, "lead"); !v.empty()) a["description"] = v;
    if (auto v = str(*article, "iso_date"); !v.empty()) a["datePublished"] = v;
    if (auto v = str(*article, "iso_updated"); !v.empty()) a["dateModified"] = v;
    if (auto v = str(*article, "author"); !v.empty()) {
      a["author"] = json::array({{{"@type", "Person"}, {"name", v}}});
    } else {
      a["author"] = json::array({{{"@id", org_id}}});
    }
    if (!section.empty()) a["articleSection"] = section;
    if (!tags.empty()) a["keywords"] = tags;
    graph.push_back(std::move(a));
  } else if (!missing) {
    json p = {{"@type", "WebPage"},
              {"name", meta["title"]},
              {"description", description},
              {"inLanguage", "vi"},
              {"publisher", {{"@id", org_id}}}};
    if (!abs_url.empty()) p["url"] = abs_url;
    graph.push_back(std::move(p));
  }
  meta["json_ld"] = json_for_script({{"@context", "https://schema.org"}, {"@graph", graph}});
  ctx["meta"] = std::move(meta);

  if (article) {
    const std::string share_url = abs_url.empty() ? url : abs_url;
    const std::string title = str(*article, "title");
    ctx["share"] = {{"url", share_url},
                    {"mailto", "mailto:?subject=" + uri_component(title) +
                                   "&body=" + uri_component(title + "\n" + share_url)}};
  }
}

}  // namespace congtin::site
