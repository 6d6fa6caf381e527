// SiteService: categories and the menu (create, edit, move, delete) for the back office.
#include <algorithm>
#include <vector>

#include "content/site_service.h"
#include "content/site_service_internal.h"
#include "text/vietnamese.h"

namespace congtin::content {

using namespace site_internal;

namespace {

// The category's siblings (same parent, itself included), in menu order.
std::vector<Category> siblings_of(const std::vector<Category>& all,
                                  const std::optional<Id>& parent) {
  std::vector<Category> out;
  for (const Category& c : all)
    if (c.parent_id == parent) out.push_back(c);
  return out;  // list() is already ordered by position, then id
}

int next_position(const std::vector<Category>& all, const std::optional<Id>& parent) {
  int next = 0;
  for (const Category& c : siblings_of(all, parent)) next = std::max(next, c.position + 1);
  return next;
}

const Category* find(const std::vector<Category>& all, Id id) {
  for (const Category& c : all)
    if (c.id == id) return &c;
  return nullptr;
}

// Cleans and checks the fields a person types. The slug is made from the name when empty.
Status clean_category(Category& c) {
  c.name = clean_line(c.name);
  c.description = clean_line(c.description);
  c.slug = clean_line(c.slug);
  if (c.name.empty()) return Error::invalid("Hãy nhập tên chuyên mục.");
  if (auto e = check_length("Tên chuyên mục", c.name, kMaxNameChars)) return Error::invalid(*e);
  if (auto e = check_length("Mô tả", c.description, kMaxLongChars)) return Error::invalid(*e);
  if (c.slug.empty()) c.slug = text::slugify(c.name, 80);
  if (!is_valid_slug(c.slug))
    return Error::invalid("Đường dẫn " + quoted(c.slug) +
                          " không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch "
                          "ngang, ví dụ tin-tuc-su-kien.");
  return {};
}

// The nesting rules (two levels); `self` is null for a new category.
Status check_parent(const std::vector<Category>& all, const Category* self,
                    const std::optional<Id>& parent_id) {
  if (!parent_id) return {};
  if (self != nullptr && *parent_id == self->id)
    return Error::invalid("Một chuyên mục không thể là mục con của chính nó.");
  const Category* parent = find(all, *parent_id);
  if (parent == nullptr) return Error::invalid("Chuyên mục cha đã chọn không còn tồn tại.");
  if (parent->parent_id) {
    const Category* grand = find(all, *parent->parent_id);
    return Error::invalid("Menu chỉ có hai cấp: " + quoted(parent->name) + " đã là mục con của " +
                          quoted(grand ? grand->name : "một mục khác") +
                          " nên không thể chứa mục con.");
  }
  if (self != nullptr) {
    for (const Category& c : all)
      if (c.parent_id == self->id)
        return Error::invalid(quoted(self->name) + " đang có mục con (" + quoted(c.name) +
                              ") nên phải ở cấp trên cùng của menu.");
  }
  return {};
}

Error slug_taken(const std::string& slug) {
  return Error::conflict("Đường dẫn " + quoted(slug) +
                         " đã được một chuyên mục khác dùng; hãy chọn đường dẫn khác.");
}

}  // namespace

Result<Id> SiteService::create_category(const SiteActor& by, Category c, bool in_menu) {
  if (Status s = clean_category(c); !s) return s.take_error();
  Id id = 0;
  Status written = store_.transaction([&]() -> Status {
    auto all = store_.categories().list();
    if (!all) return all.take_error();
    if (Status s = check_parent(*all, nullptr, c.parent_id); !s) return s;
    c.position = next_position(*all, c.parent_id);
    auto created = store_.categories().create(c);
    if (!created) {
      return created.error().kind == ErrorKind::kConflict ? slug_taken(c.slug)
                                                          : created.take_error();
    }
    id = *created;
    if (!in_menu) return store_.categories().set_in_menu(id, false);
    return {};
  });
  Status s = after_commit(std::move(written), by, audit_action::kMenuChange, "category", id,
                          "Thêm chuyên mục " + quoted(c.name), EventKind::kCategoriesChanged);
  if (!s) return s.take_error();
  return id;
}

Status SiteService::update_category(const SiteActor& by, Category c, bool in_menu) {
  const bool keep_slug = clean_line(c.slug).empty();
  if (Status s = clean_category(c); !s) return s;
  std::string changed;
  Status written = store_.transaction([&]() -> Status {
    auto all = store_.categories().list();
    if (!all) return all.take_error();
    const Category* old = find(*all, c.id);
    if (old == nullptr) return not_found_vi("chuyên mục này");
    if (keep_slug) c.slug = old->slug;
    if (Status s = check_parent(*all, old, c.parent_id); !s) return s;
    if (c.slug != old->slug) {
      auto n = store_.categories().article_count(c.id);
      if (!n) return n.take_error();
      if (*n > 0)
        return Error::conflict(
            "Không đổi được đường dẫn của " + quoted(old->name) + " vì chuyên mục đang có " +
            std::to_string(*n) +
            " bài viết: trang công khai chưa chuyển hướng đường dẫn cũ của chuyên mục, nên "
            "các liên kết đã chia sẻ và đã được tìm kiếm lưu lại sẽ hỏng. Hãy giữ đường dẫn " +
            quoted(old->slug) + ".");
    }
    c.position = c.parent_id == old->parent_id ? old->position : next_position(*all, c.parent_id);
    auto hidden = store_.categories().hidden_from_menu();
    if (!hidden) return hidden.take_error();
    const bool was_in_menu = std::find(hidden->begin(), hidden->end(), c.id) == hidden->end();
    auto note = [&](bool differs, std::string_view what) {
      if (differs) changed += (changed.empty() ? "" : ", ") + std::string(what);
    };
    note(c.name != old->name, "tên (" + quoted(old->name) + " → " + quoted(c.name) + ")");
    note(c.slug != old->slug, "đường dẫn");
    note(c.description != old->description, "mô tả");
    note(c.parent_id != old->parent_id, "mục cha");
    note(in_menu != was_in_menu, in_menu ? "hiện trên menu" : "ẩn khỏi menu");
    if (Status s = store_.categories().update(c); !s)
      return s.error().kind == ErrorKind::kConflict ? slug_taken(c.slug) : s;
    if (in_menu != was_in_menu) return store_.categories().set_in_menu(c.id, in_menu);
    return {};
  });
  if (written && changed.empty()) return {};
  return after_commit(std::move(written), by, audit_action::kMenuChange, "category", c.id,
                      "Sửa chuyên mục " + quoted(c.name) + ": " + changed,
                      EventKind::kCategoriesChanged);
}

Status SiteService::move_category(const SiteActor& by, Id id, Move move) {
  std::string name;
  bool moved = false;
  Status written = store_.transaction([&]() -> Status {
    auto all = store_.categories().list();
    if (!all) return all.take_error();
    const Category* self = find(*all, id);
    if (self == nullptr) return not_found_vi("chuyên mục này");
    name = self->name;
    std::vector<Category> sibs = siblings_of(*all, self->parent_id);
    const auto at = std::find_if(sibs.begin(), sibs.end(), [&](auto& c) { return c.id == id; });
    const auto i = static_cast<std::size_t>(at - sibs.begin());
    const std::size_t j = move == Move::kUp ? i - 1 : i + 1;  // wraps below 0: out of range
    if (j >= sibs.size()) return {};
    std::swap(sibs[i], sibs[j]);
    std::vector<Id> order;
    for (const Category& c : sibs) order.push_back(c.id);
    moved = true;
    return store_.categories().set_order(order);
  });
  if (written && !moved) return {};
  return after_commit(std::move(written), by, audit_action::kMenuChange, "category", id,
                      "Chuyển chuyên mục " + quoted(name) + (move == Move::kUp ? " lên" : " xuống"),
                      EventKind::kCategoriesChanged);
}

Status SiteService::delete_category(const SiteActor& by, Id id) {
  std::string name;
  Status written = store_.transaction([&]() -> Status {
    auto all = store_.categories().list();
    if (!all) return all.take_error();
    const Category* self = find(*all, id);
    if (self == nullptr) return not_found_vi("chuyên mục này");
    name = self->name;
    for (const Category& c : *all)
      if (c.parent_id == id)
        return Error::conflict("Không xóa được " + quoted(name) + " vì còn mục con " +
                               quoted(c.name) + ". Hãy chuyển hoặc xóa các mục con trước.");
    auto n = store_.categories().article_count(id);
    if (!n) return n.take_error();
    if (*n > 0)
      return Error::conflict("Không xóa được " + quoted(name) + " vì chuyên mục còn " +
                             std::to_string(*n) +
                             " bài viết (kể cả bản nháp). Hãy chuyển các bài sang chuyên mục "
                             "khác trước.");
    return store_.categories().remove(id);
  });
  return after_commit(std::move(written), by, audit_action::kMenuChange, "category", id,
                      "Xóa chuyên mục " + quoted(name), EventKind::kCategoriesChanged);
}

}  // namespace congtin::content
