// Categories and the menu: /admin/chuyen-muc (administrators only).
#include <algorithm>
#include <charconv>

#include "admin/site_internal.h"

namespace congtin::admin {
namespace {

using content::Category;
using content::Id;
using nlohmann::json;

constexpr std::string_view kList = "/admin/chuyen-muc";

std::string edit_url(Id id) { return std::string(kList) + "/" + std::to_string(id); }

// "" → top level; a positive integer → that parent; anything else → an id no category has,
// so that the service answers "the parent does not exist".
std::optional<Id> parent_field(const Form& f) {
  const std::string v = f.value("parent_id");
  if (v.empty()) return std::nullopt;
  Id id = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), id);
  if (ec != std::errc() || p != v.data() + v.size() || id <= 0) return Id{-1};
  return id;
}

Category category_from(const Form& f) {
  Category c;
  c.name = f.value("name");
  c.slug = f.value("slug");
  c.description = f.value("description");
  c.parent_id = parent_field(f);
  return c;
}

// What the screens need to know about the categories besides the rows.
struct Menu {
  std::vector<Category> all;
  std::vector<Id> hidden;
  bool in_menu(Id id) const { return std::find(hidden.begin(), hidden.end(), id) == hidden.end(); }
};

Result<Menu> load_menu(content::Store& store) {
  Menu m;
  auto all = store.categories().list();
  if (!all) return all.take_error();
  m.all = std::move(*all);
  auto hidden = store.categories().hidden_from_menu();
  if (!hidden) return hidden.take_error();
  m.hidden = std::move(*hidden);
  return m;
}

// Top-level categories a category may go under (not itself).
json parent_options(const Menu& m, std::optional<Id> selected, Id self = 0) {
  json out = json::array();
  for (const Category& c : m.all) {
    if (c.parent_id || c.id == self) continue;
    out.push_back({{"id", c.id}, {"name", c.name}, {"selected", selected == c.id}});
  }
  return out;
}

// The tree in menu order: each top-level category followed by its children. A child whose
// parent is missing (bad data) is shown at the top level so it can still be edited.
Result<json> rows(content::Store& store, const Menu& m) {
  json out = json::array();
  auto add = [&](const Category& c, bool first, bool last, bool child) -> Status {
    auto n = store.categories().article_count(c.id);
    if (!n) return n.take_error();
    const bool has_children =
        std::any_of(m.all.begin(), m.all.end(), [&](auto& o) { return o.parent_id == c.id; });
    out.push_back({{"id", c.id},
                   {"name", c.name},
                   {"slug", c.slug},
                   {"child", child},
                   {"in_menu", m.in_menu(c.id)},
                   {"articles", *n},
                   {"public_url", "/chuyen-muc/" + c.slug},
                   {"edit_url", edit_url(c.id)},
                   {"can_up", !first},
                   {"can_down", !last},
                   {"can_delete", *n == 0 && !has_children}});
    return {};
  };
  auto is_top = [&](const Category& c) {
    return !c.parent_id ||
           std::none_of(m.all.begin(), m.all.end(), [&](auto& o) { return o.id == *c.parent_id; });
  };
  std::vector<const Category*> tops;
  for (const Category& c : m.all)
    if (is_top(c)) tops.push_back(&c);
  for (std::size_t i = 0; i < tops.size(); ++i) {
    if (Status s = add(*tops[i], i == 0, i + 1 == tops.size(), false); !s) return s.take_error();
    std::vector<const Category*> kids;
    for (const Category& c : m.all)
      if (c.parent_id == tops[i]->id) kids.push_back(&c);
    for (std::size_t k = 0; k < kids.size(); ++k)
      if (Status s = add(*kids[k], k == 0, k + 1 == kids.size(), true); !s) return s.take_error();
  }
  return out;
}

// The list page's context; `form` holds what was typed when re-rendering after an error.
Result<json> list_context(const SiteState& s, const json& form) {
  auto m = load_menu(s->store);
  if (!m) return m.take_error();
  auto list = rows(s->store, *m);
  if (!list) return list.take_error();
  std::optional<Id> parent;
  if (form.contains("parent_id") && form["parent_id"].is_number()) parent = form["parent_id"];
  return json{{"title", "Chuyên mục và menu"},
              {"categories", std::move(*list)},
              {"parents", parent_options(*m, parent)},
              {"form", form}};
}

Result<json> edit_context(const SiteState& s, Id id, const json& form) {
  auto m = load_menu(s->store);
  if (!m) return m.take_error();
  auto c = s->store.categories().by_id(id);
  if (!c) return c.take_error();
  auto n = s->store.categories().article_count(id);
  if (!n) return n.take_error();
  const bool has_children =
      std::any_of(m->all.begin(), m->all.end(), [&](auto& o) { return o.parent_id == id; });
  json f = form.is_object() && !form.empty() ? form
                                             : json{{"name", c->name},
                                                    {"slug", c->slug},
                                                    {"description", c->description},
                                                    {"in_menu", m->in_menu(id)}};
  std::optional<Id> parent = c->parent_id;
  if (form.is_object() && form.contains("parent_id"))
    parent = form["parent_id"].is_number() ? std::optional<Id>(form["parent_id"]) : std::nullopt;
  return json{{"title", "Sửa chuyên mục " + c->name},
              {"category",
               {{"id", id},
                {"name", c->name},
                {"url", edit_url(id)},
                {"public_url", "/chuyen-muc/" + c->slug},
                {"articles", *n},
                {"slug_locked", *n > 0},
                {"has_children", has_children}}},
              {"parents", has_children ? json::array() : parent_options(*m, parent, id)},
              {"form", std::move(f)}};
}

json typed(const Form& f) {
  json j = {{"name", f.value("name")},
            {"slug", f.value("slug")},
            {"description", f.value("description")},
            {"in_menu", f.value("in_menu") == "1"}};
  if (auto p = parent_field(f))
    j["parent_id"] = *p;
  else
    j["parent_id"] = nullptr;
  return j;
}

http::Response get_list(const SiteState& s, const AdminRequest& r) {
  auto ctx = list_context(s, json{{"in_menu", true}});
  if (!ctx) return input_error_page(r, "site_categories", {}, ctx.error());
  return site_page(r, "site_categories", std::move(*ctx));
}

http::Response post_create(const SiteState& s, const AdminRequest& r) {
  auto id = s->service.create_category(actor_of(r), category_from(r.form),
                                       r.form.value("in_menu") == "1");
  if (!id) {
    auto ctx = list_context(s, typed(r.form));
    if (!ctx) return input_error_page(r, "site_categories", {}, ctx.error());
    return input_error_page(r, "site_categories", std::move(*ctx), id.error());
  }
  return see_other(std::string(kList), "da-them");
}

http::Response get_edit(const SiteState& s, const AdminRequest& r) {
  auto id = path_id(r);
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  auto ctx = edit_context(s, *id, json::object());
  if (!ctx) return input_error_page(r, "site_category", {}, ctx.error());
  return site_page(r, "site_category", std::move(*ctx));
}

http::Response post_edit(const SiteState& s, const AdminRequest& r) {
  auto id = path_id(r);
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  Category c = category_from(r.form);
  c.id = *id;
  Status done = s->service.update_category(actor_of(r), c, r.form.value("in_menu") == "1");
  if (!done) {
    auto ctx = edit_context(s, *id, typed(r.form));
    if (!ctx) return input_error_page(r, "site_category", {}, ctx.error());
    return input_error_page(r, "site_category", std::move(*ctx), done.error());
  }
  return see_other(std::string(kList), "da-luu");
}

// Move and delete are buttons on the list; their errors are shown there.
template <class Action>
http::Response list_action(const SiteState& s, const AdminRequest& r, Action action,
                           std::string_view notice) {
  auto id = path_id(r);
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  Status done = action(*id);
  if (!done) {
    auto ctx = list_context(s, json{{"in_menu", true}});
    if (!ctx) return input_error_page(r, "site_categories", {}, ctx.error());
    return input_error_page(r, "site_categories", std::move(*ctx), done.error());
  }
  return see_other(std::string(kList), notice);
}

}  // namespace

void add_category_routes(http::Router& router, const SiteState& s) {
  const auto& d = s->deps;
  auto bind = [s](auto fn) { return [s, fn](const AdminRequest& r) { return fn(s, r); }; };
  router.get(kList, guarded(d, kAdminsOnly, bind(get_list)));
  router.post(kList, guarded(d, kAdminsOnly, bind(post_create)));
  router.get("/admin/chuyen-muc/{id}", guarded(d, kAdminsOnly, bind(get_edit)));
  router.post("/admin/chuyen-muc/{id}", guarded(d, kAdminsOnly, bind(post_edit)));
  auto move = [s](content::Move m) {
    return [s, m](const AdminRequest& r) {
      return list_action(
          s, r, [&](Id id) { return s->service.move_category(actor_of(r), id, m); }, "da-chuyen");
    };
  };
  router.post("/admin/chuyen-muc/{id}/len", guarded(d, kAdminsOnly, move(content::Move::kUp)));
  router.post("/admin/chuyen-muc/{id}/xuong", guarded(d, kAdminsOnly, move(content::Move::kDown)));
  router.post("/admin/chuyen-muc/{id}/xoa", guarded(d, kAdminsOnly, [s](const AdminRequest& r) {
                return list_action(
                    s, r, [&](Id id) { return s->service.delete_category(actor_of(r), id); },
                    "da-xoa");
              }));
}

}  // namespace congtin::admin
