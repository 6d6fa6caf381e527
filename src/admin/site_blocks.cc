// The links block (/admin/lien-ket) and the support contacts block (/admin/ho-tro), for
// administrators. Both screens have the same shape — a list with move/delete buttons and an
// add form, and an edit page per item — so one template of code serves both, told apart by
// a Block description.
#include "admin/site_internal.h"

namespace congtin::admin {
namespace {

using content::ContactItem;
using content::Id;
using content::LinkItem;
using nlohmann::json;

struct LinkBlock {
  using Item = LinkItem;
  static constexpr std::string_view kPath = "/admin/lien-ket";
  static constexpr std::string_view kListTemplate = "site_links";
  static constexpr std::string_view kEditTemplate = "site_link";
  static constexpr std::string_view kTitle = "Liên kết";

  static Result<std::vector<Item>> list(content::Store& s) { return s.site().links(); }
  static Item from(const Form& f) {
    Item i;
    i.title = f.value("title");
    i.url = f.value("url");
    return i;
  }
  static json to_json(const Item& i) { return {{"title", i.title}, {"url", i.url}}; }
  static json typed(const Form& f) {
    return {{"title", f.value("title")}, {"url", f.value("url")}};
  }
  static std::string label(const Item& i) { return i.title; }
  static Result<Id> create(content::SiteService& s, const content::SiteActor& a, Item i) {
    return s.create_link(a, std::move(i));
  }
  static Status update(content::SiteService& s, const content::SiteActor& a, Item i) {
    return s.update_link(a, std::move(i));
  }
  static Status move(content::SiteService& s, const content::SiteActor& a, Id id, content::Move m) {
    return s.move_link(a, id, m);
  }
  static Status remove(content::SiteService& s, const content::SiteActor& a, Id id) {
    return s.delete_link(a, id);
  }
};

struct ContactBlock {
  using Item = ContactItem;
  static constexpr std::string_view kPath = "/admin/ho-tro";
  static constexpr std::string_view kListTemplate = "site_contacts";
  static constexpr std::string_view kEditTemplate = "site_contact";
  static constexpr std::string_view kTitle = "Hỗ trợ trực tuyến";

  static Result<std::vector<Item>> list(content::Store& s) { return s.site().contacts(); }
  static Item from(const Form& f) {
    Item i;
    i.name = f.value("name");
    i.role = f.value("role");
    i.phone = f.value("phone");
    i.email = f.value("email");
    return i;
  }
  static json to_json(const Item& i) {
    return {{"name", i.name}, {"role", i.role}, {"phone", i.phone}, {"email", i.email}};
  }
  static json typed(const Form& f) { return to_json(from(f)); }
  static std::string label(const Item& i) { return i.name; }
  static Result<Id> create(content::SiteService& s, const content::SiteActor& a, Item i) {
    return s.create_contact(a, std::move(i));
  }
  static Status update(content::SiteService& s, const content::SiteActor& a, Item i) {
    return s.update_contact(a, std::move(i));
  }
  static Status move(content::SiteService& s, const content::SiteActor& a, Id id, content::Move m) {
    return s.move_contact(a, id, m);
  }
  static Status remove(content::SiteService& s, const content::SiteActor& a, Id id) {
    return s.delete_contact(a, id);
  }
};

template <class B>
std::string item_url(Id id) {
  return std::string(B::kPath) + "/" + std::to_string(id);
}

template <class B>
Result<json> list_context(const SiteState& s, json form) {
  auto items = B::list(s->store);
  if (!items) return items.take_error();
  json rows = json::array();
  for (std::size_t i = 0; i < items->size(); ++i) {
    json row = B::to_json((*items)[i]);
    row["id"] = (*items)[i].id;
    row["edit_url"] = item_url<B>((*items)[i].id);
    row["can_up"] = i > 0;
    row["can_down"] = i + 1 < items->size();
    rows.push_back(std::move(row));
  }
  return json{{"title", B::kTitle}, {"items", std::move(rows)}, {"form", std::move(form)}};
}

template <class B>
Result<json> edit_context(const SiteState& s, Id id, json form) {
  auto items = B::list(s->store);
  if (!items) return items.take_error();
  for (const auto& item : *items) {
    if (item.id != id) continue;
    return json{{"title", std::string(B::kTitle) + ": " + B::label(item)},
                {"item", {{"id", id}, {"edit_url", item_url<B>(id)}}},
                {"form", form.empty() ? B::to_json(item) : std::move(form)}};
  }
  return Error::not_found("no such item");
}

template <class B>
http::Response get_list(const SiteState& s, const AdminRequest& r) {
  auto ctx = list_context<B>(s, json::object());
  if (!ctx) return input_error_page(r, B::kListTemplate, {}, ctx.error());
  return site_page(r, B::kListTemplate, std::move(*ctx));
}

template <class B>
http::Response post_create(const SiteState& s, const AdminRequest& r) {
  auto id = B::create(s->service, actor_of(r), B::from(r.form));
  if (!id) {
    auto ctx = list_context<B>(s, B::typed(r.form));
    if (!ctx) return input_error_page(r, B::kListTemplate, {}, ctx.error());
    return input_error_page(r, B::kListTemplate, std::move(*ctx), id.error());
  }
  return see_other(std::string(B::kPath), "da-them");
}

template <class B>
http::Response get_edit(const SiteState& s, const AdminRequest& r) {
  auto id = path_id(r);
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  auto ctx = edit_context<B>(s, *id, json::object());
  if (!ctx) return input_error_page(r, B::kEditTemplate, {}, ctx.error());
  return site_page(r, B::kEditTemplate, std::move(*ctx));
}

template <class B>
http::Response post_edit(const SiteState& s, const AdminRequest& r) {
  auto id = path_id(r);
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  typename B::Item item = B::from(r.form);
  item.id = *id;
  Status done = B::update(s->service, actor_of(r), std::move(item));
  if (!done) {
    auto ctx = edit_context<B>(s, *id, B::typed(r.form));
    if (!ctx) return input_error_page(r, B::kEditTemplate, {}, ctx.error());
    return input_error_page(r, B::kEditTemplate, std::move(*ctx), done.error());
  }
  return see_other(std::string(B::kPath), "da-luu");
}

template <class B, class Action>
http::Response list_action(const SiteState& s, const AdminRequest& r, Action action,
                           std::string_view notice) {
  auto id = path_id(r);
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  Status done = action(*id);
  if (!done) {
    auto ctx = list_context<B>(s, json::object());
    if (!ctx) return input_error_page(r, B::kListTemplate, {}, ctx.error());
    return input_error_page(r, B::kListTemplate, std::move(*ctx), done.error());
  }
  return see_other(std::string(B::kPath), notice);
}

template <class B>
void add_routes_of(http::Router& router, const SiteState& s) {
  const auto& d = s->deps;
  const std::string path(B::kPath), item = path + "/{id}";
  auto bind = [s](auto fn) { return [s, fn](const AdminRequest& r) { return fn(s, r); }; };
  router.get(path, guarded(d, kAdminsOnly, bind(get_list<B>)));
  router.post(path, guarded(d, kAdminsOnly, bind(post_create<B>)));
  router.get(item, guarded(d, kAdminsOnly, bind(get_edit<B>)));
  router.post(item, guarded(d, kAdminsOnly, bind(post_edit<B>)));
  auto move = [s](content::Move m) {
    return [s, m](const AdminRequest& r) {
      return list_action<B>(
          s, r, [&](Id id) { return B::move(s->service, actor_of(r), id, m); }, "da-chuyen");
    };
  };
  router.post(item + "/len", guarded(d, kAdminsOnly, move(content::Move::kUp)));
  router.post(item + "/xuong", guarded(d, kAdminsOnly, move(content::Move::kDown)));
  router.post(item + "/xoa", guarded(d, kAdminsOnly, [s](const AdminRequest& r) {
                return list_action<B>(
                    s, r, [&](Id id) { return B::remove(s->service, actor_of(r), id); }, "da-xoa");
              }));
}

}  // namespace

void add_block_routes(http::Router& router, const SiteState& s) {
  add_routes_of<LinkBlock>(router, s);
  add_routes_of<ContactBlock>(router, s);
}

}  // namespace congtin::admin
