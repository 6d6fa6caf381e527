// SiteService: the LIÊN KẾT (links) and HỖ TRỢ TRỰC TUYẾN (support contacts) blocks for the
// back office. Both are short ordered lists; moves renumber the whole block.
#include <algorithm>
#include <vector>

#include "content/site_service.h"
#include "content/site_service_internal.h"

namespace congtin::content {

using namespace site_internal;

namespace {

Status clean_link(LinkItem& item) {
  item.title = clean_line(item.title);
  item.url = clean_line(item.url);
  if (item.title.empty()) return Error::invalid("Hãy nhập tên liên kết.");
  if (auto e = check_length("Tên liên kết", item.title, kMaxNameChars)) return Error::invalid(*e);
  if (auto e = check_http_url(item.url)) return Error::invalid(*e);
  return {};
}

Status clean_contact(ContactItem& item) {
  for (std::string* f : {&item.name, &item.role, &item.phone, &item.email}) *f = clean_line(*f);
  if (item.name.empty()) return Error::invalid("Hãy nhập tên người hoặc bộ phận hỗ trợ.");
  if (auto e = check_length("Tên", item.name, kMaxNameChars)) return Error::invalid(*e);
  if (auto e = check_length("Nhiệm vụ", item.role, kMaxNameChars)) return Error::invalid(*e);
  if (item.phone.empty() && item.email.empty())
    return Error::invalid("Hãy nhập số điện thoại hoặc thư điện tử để người dân liên hệ.");
  if (!item.phone.empty())
    if (auto e = check_phone("Số điện thoại", item.phone)) return Error::invalid(*e);
  if (!item.email.empty())
    if (auto e = check_email("Thư điện tử", item.email)) return Error::invalid(*e);
  return {};
}

template <class Item>
int next_position(const std::vector<Item>& items) {
  int next = 0;
  for (const Item& i : items) next = std::max(next, i.position + 1);
  return next;
}

template <class Item>
const Item* find(const std::vector<Item>& items, Id id) {
  for (const Item& i : items)
    if (i.id == id) return &i;
  return nullptr;
}

// The ids of items with `id` swapped with its neighbour, or empty if it is already at that
// end. `id` must be in items.
template <class Item>
std::vector<Id> moved_order(const std::vector<Item>& items, Id id, Move move) {
  std::vector<Id> order;
  for (const Item& i : items) order.push_back(i.id);
  const auto i =
      static_cast<std::size_t>(std::find(order.begin(), order.end(), id) - order.begin());
  const std::size_t j = move == Move::kUp ? i - 1 : i + 1;  // below 0 wraps: out of range
  if (j >= order.size()) return {};
  std::swap(order[i], order[j]);
  return order;
}

std::string_view direction(Move m) { return m == Move::kUp ? " lên" : " xuống"; }

}  // namespace

Result<Id> SiteService::create_link(const SiteActor& by, LinkItem item) {
  if (Status s = clean_link(item); !s) return s.take_error();
  Id id = 0;
  Status written = store_.transaction([&]() -> Status {
    auto links = store_.site().links();
    if (!links) return links.take_error();
    item.position = next_position(*links);
    auto created = store_.site().add_link(item);
    if (!created) return created.take_error();
    id = *created;
    return {};
  });
  Status s = after_commit(std::move(written), by, audit_action::kLinkChange, "link", id,
                          "Thêm liên kết " + quoted(item.title) + " (" + item.url + ")",
                          EventKind::kSiteChanged);
  if (!s) return s.take_error();
  return id;
}

Status SiteService::update_link(const SiteActor& by, LinkItem item) {
  if (Status s = clean_link(item); !s) return s;
  Status written = store_.transaction([&]() -> Status {
    auto links = store_.site().links();
    if (!links) return links.take_error();
    const LinkItem* old = find(*links, item.id);
    if (old == nullptr) return not_found_vi("liên kết này");
    item.position = old->position;
    return store_.site().update_link(item);
  });
  return after_commit(std::move(written), by, audit_action::kLinkChange, "link", item.id,
                      "Sửa liên kết " + quoted(item.title) + " (" + item.url + ")",
                      EventKind::kSiteChanged);
}

Status SiteService::move_link(const SiteActor& by, Id id, Move move) {
  std::string title;
  bool moved = false;
  Status written = store_.transaction([&]() -> Status {
    auto links = store_.site().links();
    if (!links) return links.take_error();
    const LinkItem* self = find(*links, id);
    if (self == nullptr) return not_found_vi("liên kết này");
    title = self->title;
    const std::vector<Id> order = moved_order(*links, id, move);
    if (order.empty()) return {};
    moved = true;
    return store_.site().set_link_order(order);
  });
  if (written && !moved) return {};
  return after_commit(std::move(written), by, audit_action::kLinkChange, "link", id,
                      "Chuyển liên kết " + quoted(title) + std::string(direction(move)),
                      EventKind::kSiteChanged);
}

Status SiteService::delete_link(const SiteActor& by, Id id) {
  std::string title;
  Status written = store_.transaction([&]() -> Status {
    auto links = store_.site().links();
    if (!links) return links.take_error();
    const LinkItem* self = find(*links, id);
    if (self == nullptr) return not_found_vi("liên kết này");
    title = self->title + " (" + self->url + ")";
    return store_.site().delete_link(id);
  });
  return after_commit(std::move(written), by, audit_action::kLinkChange, "link", id,
                      "Xóa liên kết " + quoted(title), EventKind::kSiteChanged);
}

Result<Id> SiteService::create_contact(const SiteActor& by, ContactItem item) {
  if (Status s = clean_contact(item); !s) return s.take_error();
  Id id = 0;
  Status written = store_.transaction([&]() -> Status {
    auto contacts = store_.site().contacts();
    if (!contacts) return contacts.take_error();
    item.position = next_position(*contacts);
    auto created = store_.site().add_contact(item);
    if (!created) return created.take_error();
    id = *created;
    return {};
  });
  Status s = after_commit(std::move(written), by, audit_action::kContactChange, "contact", id,
                          "Thêm hỗ trợ trực tuyến " + quoted(item.name), EventKind::kSiteChanged);
  if (!s) return s.take_error();
  return id;
}

Status SiteService::update_contact(const SiteActor& by, ContactItem item) {
  if (Status s = clean_contact(item); !s) return s;
  Status written = store_.transaction([&]() -> Status {
    auto contacts = store_.site().contacts();
    if (!contacts) return contacts.take_error();
    const ContactItem* old = find(*contacts, item.id);
    if (old == nullptr) return not_found_vi("người hỗ trợ này");
    item.position = old->position;
    return store_.site().update_contact(item);
  });
  return after_commit(std::move(written), by, audit_action::kContactChange, "contact", item.id,
                      "Sửa hỗ trợ trực tuyến " + quoted(item.name), EventKind::kSiteChanged);
}

Status SiteService::move_contact(const SiteActor& by, Id id, Move move) {
  std::string name;
  bool moved = false;
  Status written = store_.transaction([&]() -> Status {
    auto contacts = store_.site().contacts();
    if (!contacts) return contacts.take_error();
    const ContactItem* self = find(*contacts, id);
    if (self == nullptr) return not_found_vi("người hỗ trợ này");
    name = self->name;
    const std::vector<Id> order = moved_order(*contacts, id, move);
    if (order.empty()) return {};
    moved = true;
    return store_.site().set_contact_order(order);
  });
  if (written && !moved) return {};
  return after_commit(std::move(written), by, audit_action::kContactChange, "contact", id,
                      "Chuyển hỗ trợ trực tuyến " + quoted(name) + std::string(direction(move)),
                      EventKind::kSiteChanged);
}

Status SiteService::delete_contact(const SiteActor& by, Id id) {
  std::string name;
  Status written = store_.transaction([&]() -> Status {
    auto contacts = store_.site().contacts();
    if (!contacts) return contacts.take_error();
    const ContactItem* self = find(*contacts, id);
    if (self == nullptr) return not_found_vi("người hỗ trợ này");
    name = self->name;
    return store_.site().delete_contact(id);
  });
  return after_commit(std::move(written), by, audit_action::kContactChange, "contact", id,
                      "Xóa hỗ trợ trực tuyến " + quoted(name), EventKind::kSiteChanged);
}

}  // namespace congtin::content
