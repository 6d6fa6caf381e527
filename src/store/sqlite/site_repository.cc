#include <array>
#include <utility>

#include "store/sqlite/repositories.h"
#include "store/sqlite/row_changes.h"

namespace congtin::store::sqlite {

using content::ContactItem;
using content::Id;
using content::LinkItem;
using content::SiteSettings;

namespace {

// Settings are stored one row per field, so adding a field needs no migration.
constexpr std::array<std::pair<std::string_view, std::string SiteSettings::*>, 14> kFields{{
    {"name", &SiteSettings::name},
    {"parent_name", &SiteSettings::parent_name},
    {"slogan", &SiteSettings::slogan},
    {"logo_url", &SiteSettings::logo_url},
    {"description", &SiteSettings::description},
    {"owner", &SiteSettings::owner},
    {"responsible_person", &SiteSettings::responsible_person},
    {"license", &SiteSettings::license},
    {"address", &SiteSettings::address},
    {"phone", &SiteSettings::phone},
    {"fax", &SiteSettings::fax},
    {"email", &SiteSettings::email},
    {"copyright", &SiteSettings::copyright},
    {"base_url", &SiteSettings::base_url},
}};

std::string no_link(Id id) { return "link " + std::to_string(id) + " does not exist"; }
std::string no_contact(Id id) { return "contact " + std::to_string(id) + " does not exist"; }

}  // namespace

Result<SiteSettings> SqliteSiteRepository::settings() {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare("SELECT key, value FROM site_settings");
  if (!stmt) return stmt.take_error();
  SiteSettings s;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.take_error();
    if (!*row) break;
    const std::string_view key = stmt->column_text(0);
    for (const auto& [name, field] : kFields) {
      if (name == key) s.*field = stmt->column_string(1);
    }
    // Unknown keys belong to a newer congtin or another module; they are left alone.
  }
  return s;
}

Status SqliteSiteRepository::save_settings(const SiteSettings& s) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto tx = Transaction::begin(**conn);
  if (!tx) return tx.take_error();
  for (const auto& [name, field] : kFields) {
    auto stmt = (*conn)->prepare(
        "INSERT INTO site_settings (key, value) VALUES (?1, ?2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    if (!stmt) return stmt.take_error();
    Status st = stmt->bind(1, name).bind(2, s.*field).run();
    if (!st) return st;
  }
  return tx->commit();
}

Result<std::vector<LinkItem>> SqliteSiteRepository::links() {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare("SELECT id, title, url, position FROM links ORDER BY position, id");
  if (!stmt) return stmt.take_error();
  std::vector<LinkItem> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.take_error();
    if (!*row) return out;
    out.push_back({.id = stmt->column_int64(0),
                   .title = stmt->column_string(1),
                   .url = stmt->column_string(2),
                   .position = static_cast<int>(stmt->column_int64(3))});
  }
}

Result<Id> SqliteSiteRepository::add_link(const LinkItem& item) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare("INSERT INTO links (title, url, position) VALUES (?1, ?2, ?3)");
  if (!stmt) return stmt.take_error();
  Status st = stmt->bind(1, item.title).bind(2, item.url).bind(3, item.position).run();
  if (!st) return st.take_error();
  return (*conn)->last_insert_id();
}

Result<std::vector<ContactItem>> SqliteSiteRepository::contacts() {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "SELECT id, name, role, phone, email, position FROM contacts ORDER BY position, id");
  if (!stmt) return stmt.take_error();
  std::vector<ContactItem> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.take_error();
    if (!*row) return out;
    out.push_back({.id = stmt->column_int64(0),
                   .name = stmt->column_string(1),
                   .role = stmt->column_string(2),
                   .phone = stmt->column_string(3),
                   .email = stmt->column_string(4),
                   .position = static_cast<int>(stmt->column_int64(5))});
  }
}

Result<Id> SqliteSiteRepository::add_contact(const ContactItem& item) {
  auto conn = pool_.this_thread();
  if (!conn) return conn.take_error();
  auto stmt = (*conn)->prepare(
      "INSERT INTO contacts (name, role, phone, email, position) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!stmt) return stmt.take_error();
  Status st = stmt->bind(1, item.name)
                  .bind(2, item.role)
                  .bind(3, item.phone)
                  .bind(4, item.email)
                  .bind(5, item.position)
                  .run();
  if (!st) return st.take_error();
  return (*conn)->last_insert_id();
}

Status SqliteSiteRepository::update_link(const LinkItem& item) {
  return change_one(pool_, "UPDATE links SET title = ?2, url = ?3, position = ?4 WHERE id = ?1",
                    item.id, no_link(item.id), [&](Statement& s) {
                      s.bind(2, item.title).bind(3, item.url).bind(4, item.position);
                    });
}

Status SqliteSiteRepository::delete_link(Id id) {
  return change_one(pool_, "DELETE FROM links WHERE id = ?1", id, no_link(id), [](Statement&) {});
}

Status SqliteSiteRepository::set_link_order(const std::vector<Id>& ids) {
  return set_positions(pool_, "UPDATE links SET position = ?2 WHERE id = ?1", ids, "link");
}

Status SqliteSiteRepository::update_contact(const ContactItem& item) {
  return change_one(
      pool_,
      "UPDATE contacts SET name = ?2, role = ?3, phone = ?4, email = ?5, position = ?6 "
      "WHERE id = ?1",
      item.id, no_contact(item.id), [&](Statement& s) {
        s.bind(2, item.name)
            .bind(3, item.role)
            .bind(4, item.phone)
            .bind(5, item.email)
            .bind(6, item.position);
      });
}

Status SqliteSiteRepository::delete_contact(Id id) {
  return change_one(pool_, "DELETE FROM contacts WHERE id = ?1", id, no_contact(id),
                    [](Statement&) {});
}

Status SqliteSiteRepository::set_contact_order(const std::vector<Id>& ids) {
  return set_positions(pool_, "UPDATE contacts SET position = ?2 WHERE id = ?1", ids, "contact");
}

}  // namespace congtin::store::sqlite
