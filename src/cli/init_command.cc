// `congtin init`: a new site, built at a temporary path and moved into place only when
// complete, so that a failure never leaves a half-written site behind.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/import_file.h"
#include "content/article_service.h"
#include "content/site_service.h"
#include "media/media_store.h"
#include "store/sqlite/sqlite_store.h"

namespace congtin::cli {

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

std::string str(const json& obj, const char* key) {
  auto it = obj.find(key);
  return (it != obj.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

Status add_categories(content::SiteService& site, const json& list,
                      std::optional<content::Id> parent) {
  if (!list.is_array()) return Error::invalid("\"categories\" must be an array");
  int position = 0;
  for (const auto& item : list) {
    content::Category c;
    c.name = str(item, "name");
    c.slug = str(item, "slug");
    c.description = str(item, "description");
    c.parent_id = parent;
    c.position = position++;
    auto id = site.add_category(c);
    if (!id) return id.take_error();
    if (auto it = item.find("children"); it != item.end())
      if (auto s = add_categories(site, *it, *id); !s) return s;
  }
  return {};
}

// Loads demo/site.json (settings, logo, categories, links, contacts, pages) and
// demo/articles.jsonl into the store inside one transaction.
Status load_demo(content::Store& store, media::MediaStore& media, const fs::path& demo_dir,
                 const fs::path& db) {
  std::ifstream in(demo_dir / "site.json");
  if (!in) return Error::not_found("cannot read " + (demo_dir / "site.json").string());
  json doc = json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    return Error::corruption((demo_dir / "site.json").string() + " is not a JSON object");

  content::SiteService site(store);
  SystemClock clock;
  content::ArticleService articles(store, clock);
  std::vector<content::Event> events;
  Status loaded = store.transaction([&]() -> Status {
    const json& s = doc["settings"];
    content::SiteSettings settings;
    settings.name = str(s, "name");
    settings.parent_name = str(s, "parent_name");
    settings.slogan = str(s, "slogan");
    settings.description = str(s, "description");
    settings.owner = str(s, "owner");
    settings.responsible_person = str(s, "responsible_person");
    settings.license = str(s, "license");
    settings.address = str(s, "address");
    settings.phone = str(s, "phone");
    settings.fax = str(s, "fax");
    settings.email = str(s, "email");
    settings.copyright = str(s, "copyright");
    if (std::string logo = str(doc, "logo"); !logo.empty()) {
      auto url = media.put_image_file(demo_dir / logo);
      if (!url) return url.take_error();
      settings.logo_url = *url;
    }
    if (auto st = site.save_settings(settings); !st) return st;
    if (auto st = add_categories(site, doc["categories"], std::nullopt); !st) return st;
    int position = 0;
    for (const auto& l : doc["links"]) {
      auto id = site.add_link({0, str(l, "title"), str(l, "url"), position++});
      if (!id) return id.take_error();
    }
    position = 0;
    for (const auto& c : doc["contacts"]) {
      auto id = site.add_contact(
          {0, str(c, "name"), str(c, "role"), str(c, "phone"), str(c, "email"), position++});
      if (!id) return id.take_error();
    }
    position = 0;
    for (const auto& p : doc["pages"]) {
      content::Page page;
      page.slug = str(p, "slug");
      page.title = str(p, "title");
      page.body_html = str(p, "body_html");
      page.position = position++;
      page.updated_at = clock.now();
      auto id = site.add_page(page);
      if (!id) return id.take_error();
    }
    ImportFile file(demo_dir / "articles.jsonl");
    return file.for_each_valid([&](const content::ImportRecord& r) -> Status {
      auto id = articles.import_article(r, image_resolver(media, demo_dir), events);
      if (!id) return id.take_error();
      return {};
    });
  });
  if (!loaded) return loaded;
  return publish_events(db, store, events);  // the search index follows
}

void remove_db_files(const fs::path& db) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    fs::remove(db.string() + suffix, ec);
}

}  // namespace

int init_site(const InitOptions& o) {
  const fs::path db = o.data_dir / "congtin.db";
  std::error_code ec;
  if (fs::exists(db, ec))
    return fail("a site already exists in " + o.data_dir.string() + " (" + db.string() +
                "); refusing to overwrite it");
  const bool created_dir = !fs::exists(o.data_dir, ec);
  fs::create_directories(o.data_dir / "media", ec);
  if (ec) return fail("cannot create " + (o.data_dir / "media").string() + ": " + ec.message());

  const fs::path tmp = o.data_dir / ("congtin.db.init-" + std::to_string(::getpid()));
  remove_db_files(tmp);
  Status result = [&]() -> Status {
    auto store = store::open_sqlite_store(tmp, store::OpenMode::kCreate);
    if (!store) return store.take_error();
    if (o.demo) {
      media::MediaStore media(o.data_dir / "media");
      if (auto s = load_demo(**store, media, install_dir() / "demo", tmp); !s) return s;
    } else {
      content::SiteService site(**store);
      content::SiteSettings settings;
      settings.name = "Cổng thông tin điện tử";
      if (auto s = site.save_settings(settings); !s) return s;
    }
    return {};  // the store closes here, folding the WAL back into the file
  }();
  if (result) {
    fs::rename(tmp, db, ec);
    if (ec) result = Error::io("cannot move the new database into place: " + ec.message());
  }
  if (!result) {
    remove_db_files(tmp);
    if (created_dir) fs::remove_all(o.data_dir, ec);
    return fail("could not create the site: " + result.error().message);
  }
  std::cout << "created " << (o.demo ? "the demo site" : "an empty site") << " in "
            << o.data_dir.string() << "\n";
  return 0;
}

}  // namespace congtin::cli
