// What the article screens share: form <-> content, errors as pages, and the edit page.
#include <array>
#include <charconv>
#include <regex>

#include "admin/articles_internal.h"
#include "html/sanitize.h"
#include "text/date.h"

namespace congtin::admin {
namespace {

using content::ArticleStatus;
using content::WorkflowAction;
using nlohmann::json;

// Splits "a, b; c" into trimmed tags.
std::vector<std::string> split_tags(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    const auto b = cur.find_first_not_of(" \t\r\n");
    const auto e = cur.find_last_not_of(" \t\r\n");
    if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
    cur.clear();
  };
  for (char c : s) {
    if (c == ',' || c == ';' || c == '\n') {
      flush();
    } else {
      cur += c;
    }
  }
  flush();
  return out;
}

json action_json(WorkflowAction a, content::Id id) {
  json j = {{"code", std::string(content::action_code(a))},
            {"label", std::string(content::action_label_vi(a))},
            {"url", article_admin_path(id) + "/thao-tac"}};
  j["needs_comment"] = a == WorkflowAction::kReturn;
  j["needs_reason"] = a == WorkflowAction::kTakeDown;
  j["needs_time"] = a == WorkflowAction::kSchedule;
  j["danger"] = a == WorkflowAction::kTakeDown || a == WorkflowAction::kReturn;
  j["primary"] = a == WorkflowAction::kSubmit || a == WorkflowAction::kPassOn ||
                 a == WorkflowAction::kPublish || a == WorkflowAction::kRestore;
  return j;
}

// Notices of the article screens after a redirect (?tb=CODE); codes, so that a link cannot
// make the page say arbitrary text.
constexpr std::array<std::pair<std::string_view, std::string_view>, 11> kArticleNotices{{
    {"bai-da-tao", "Đã tạo bài viết (bản nháp)."},
    {"bai-da-luu", "Đã lưu bài viết thành phiên bản mới."},
    {"da-gui-bien-tap", "Đã gửi bài cho biên tập viên."},
    {"da-tra-lai", "Đã trả lại bài cho tác giả kèm góp ý."},
    {"da-chuyen-duyet", "Đã chuyển bài lên trưởng ban để duyệt."},
    {"da-xuat-ban", "Đã duyệt và xuất bản bài viết."},
    {"da-hen-gio", "Đã hẹn giờ xuất bản."},
    {"da-huy-hen-gio", "Đã hủy hẹn giờ; bài trở về trạng thái chờ duyệt."},
    {"da-go-xuong", "Đã gỡ bài xuống khỏi trang công khai."},
    {"da-khoi-phuc", "Đã đưa bài trở lại trang công khai."},
    {"da-khoi-phuc-ban", "Đã khôi phục phiên bản cũ thành bản mới nhất."},
}};

}  // namespace

std::string article_admin_path(content::Id id) {
  return std::string(kArticlesPath) + "/" + std::to_string(id);
}

content::Actor newsroom_actor(const AdminRequest& r) {
  const auth::User& u = r.who.user;
  return {u.id, u.display_name.empty() ? u.username : u.display_name, u.role, r.client.address};
}

std::optional<content::Id> parse_id(std::string_view s) {
  content::Id v = 0;
  if (s.empty() || s.size() > 18) return std::nullopt;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v <= 0) return std::nullopt;
  return v;
}

std::optional<content::Id> id_param(const AdminRequest& r, std::string_view name) {
  return parse_id(r.params.get(name));
}

std::string vi_time(content::Time t) { return text::format_vi_datetime(t); }

http::Response article_error(const AdminRequest& r, std::string_view what, const Error& e) {
  switch (e.kind) {
    case ErrorKind::kPermissionDenied:
      return forbidden_page(r.deps, &r.who, r.http, e.message);
    case ErrorKind::kNotFound:
      return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
    case ErrorKind::kConflict:
    case ErrorKind::kInvalidArgument:
      return r.page(
          "article_message",
          {{"title", "Chưa thực hiện được"}, {"message", e.message}, {"back", r.http.path}},
          e.kind == ErrorKind::kConflict ? 409 : 422);
    default:
      return error_page(r.deps, r.http, what, e);
  }
}

content::ArticleContent content_from_form(const Form& f) {
  content::ArticleContent c;
  c.title = f.value("title");
  c.slug = f.value("slug");
  c.lead = f.value("lead");
  c.body_html = f.value("body");
  c.cover_image = f.value("cover_image");
  c.cover_caption = f.value("cover_caption");
  c.cover_alt = f.value("cover_alt");
  c.author = f.value("author");
  c.author_unit = f.value("author_unit");
  c.source = f.value("source");
  c.category_id = parse_id(f.value("category_id")).value_or(0);
  c.tags = split_tags(f.value("tags"));
  c.featured = f.value("featured") == "1";
  return c;
}

json content_json(const content::ArticleContent& c) {
  std::string tags;
  for (const auto& t : c.tags) tags += (tags.empty() ? "" : ", ") + t;
  return {{"title", c.title},
          {"slug", c.slug},
          {"lead", c.lead},
          {"body", c.body_html},
          {"cover_image", c.cover_image},
          {"cover_caption", c.cover_caption},
          {"cover_alt", c.cover_alt},
          {"author", c.author},
          {"author_unit", c.author_unit},
          {"source", c.source},
          {"tags", tags},
          {"featured", c.featured}};
}

Status check_image_alts(std::string_view body_html) {
  auto clean = html::sanitize(body_html);
  if (!clean) return clean.take_error();
  // The sanitiser's output is canonical: lower-case names, double-quoted attributes.
  static const std::regex img(R"re(<img\b[^>]*>)re");
  static const std::regex alt(R"re(\balt="[^"]*\S[^"]*")re");
  static const std::regex src(R"re(\bsrc="([^"]*)")re");
  int n = 0;
  for (auto it = std::sregex_iterator(clean->begin(), clean->end(), img);
       it != std::sregex_iterator(); ++it) {
    ++n;
    const std::string tag = it->str();
    if (std::regex_search(tag, alt)) continue;
    std::smatch m;
    const std::string where =
        std::regex_search(tag, m, src) ? " (" + m[1].str() + ")" : std::string();
    return Error::invalid("Ảnh thứ " + std::to_string(n) + where +
                          " trong nội dung chưa có mô tả thay thế (alt). Mỗi ảnh cần một "
                          "câu mô tả cho người không xem được ảnh; hãy thêm rồi lưu lại.");
  }
  return {};
}

Result<json> categories_json(content::Store& store, content::Id selected) {
  auto cats = store.categories().list();
  if (!cats) return cats.take_error();
  json out = json::array();
  for (const auto& c : *cats) {
    std::string name = c.parent_id ? "— " + c.name : c.name;
    out.push_back({{"id", c.id}, {"name", std::move(name)}, {"selected", c.id == selected}});
  }
  return out;
}

http::Response edit_page(const AdminRequest& r, const ArticleScreensDeps& d, content::Id id,
                         json extra, int status, const content::ArticleContent* shown,
                         std::optional<content::Id> base) {
  auto& nr = d.newsroom;
  auto w = nr.record(id);
  if (!w) return article_error(r, "article record", w.error());
  auto head = nr.revision(w->head_revision_id);
  if (!head) return article_error(r, "article head revision", head.error());
  auto history = nr.history(id);
  if (!history) return article_error(r, "article history", history.error());
  auto revisions = nr.revisions(id);
  if (!revisions) return article_error(r, "article revisions", revisions.error());
  const content::ArticleContent& c = shown != nullptr ? *shown : head->content;
  auto cats = categories_json(d.store, c.category_id);
  if (!cats) return article_error(r, "categories", cats.error());

  const content::Actor actor = newsroom_actor(r);
  const auto allowed = nr.allowed_actions(actor, *w);
  bool can_edit = false;
  json actions = json::array();
  for (auto a : allowed) {
    if (a == WorkflowAction::kEdit) {
      can_edit = true;
    } else {
      actions.push_back(action_json(a, id));
    }
  }

  json ctx = {{"title", head->content.title}, {"id", id}, {"is_new", false}};
  ctx["article"] = content_json(c);
  ctx["categories"] = std::move(*cats);
  ctx["form_action"] = article_admin_path(id);
  ctx["autosave_url"] = article_admin_path(id) + "/luu-tu-dong";
  ctx["preview_url"] = article_admin_path(id) + "/xem-truoc";
  ctx["base_revision"] = base.value_or(w->head_revision_id);
  ctx["can_edit"] = can_edit;
  ctx["autosave"] =
      can_edit && (w->state == ArticleStatus::kDraft || w->state == ArticleStatus::kReturned);
  ctx["actions"] = std::move(actions);
  ctx["has_actions"] = !ctx["actions"].empty();
  ctx["state"] = std::string(content::status_label_vi(w->state));
  ctx["state_code"] = std::string(content::status_code(w->state));
  ctx["owner"] = w->owner_name;
  ctx["last_comment"] = w->last_comment;
  ctx["returned"] = w->state == ArticleStatus::kReturned && !w->last_comment.empty();
  if (w->scheduled_for) ctx["scheduled_for"] = vi_time(*w->scheduled_for);

  // Which revision the public sees, and whether a newer one waits: the screen must never
  // leave this in doubt.
  int head_number = head->number, live_number = 0;
  for (const auto& rev : *revisions)
    if (w->live_revision_id && rev.id == *w->live_revision_id) live_number = rev.number;
  ctx["head_number"] = head_number;
  if (w->live_revision_id) {
    // The articles row holds the live revision, whose slug may differ from the head's.
    auto row = d.store.articles().by_id(id);
    if (!row) return article_error(r, "live article", row.error());
    ctx["live"] = {{"number", live_number},
                   {"taken_down", w->taken_down},
                   {"url", "/tin-tuc/" + row->slug},
                   {"pending", w->has_pending()}};
    if (w->has_pending()) {
      ctx["live"]["diff_url"] = article_admin_path(id) +
                                "/so-sanh?tu=" + std::to_string(*w->live_revision_id) +
                                "&den=" + std::to_string(w->head_revision_id);
    }
  }

  json revs = json::array();
  for (const auto& rev : *revisions) {
    json j = {{"id", rev.id},
              {"number", rev.number},
              {"author", rev.author_name},
              {"time", vi_time(rev.created_at)},
              {"note", rev.note},
              {"is_head", rev.id == w->head_revision_id},
              {"is_live", w->live_revision_id && rev.id == *w->live_revision_id}};
    if (rev.id != w->head_revision_id) {
      j["diff_url"] = article_admin_path(id) + "/so-sanh?tu=" + std::to_string(rev.id) +
                      "&den=" + std::to_string(w->head_revision_id);
    }
    j["preview_url"] = article_admin_path(id) + "/xem-truoc?ban=" + std::to_string(rev.id);
    revs.push_back(std::move(j));
  }
  ctx["revisions"] = std::move(revs);
  ctx["restore_url"] = article_admin_path(id) + "/khoi-phuc-ban";
  ctx["compare_url"] = article_admin_path(id) + "/so-sanh";

  json hist = json::array();
  for (const auto& t : *history) {
    hist.push_back({{"actor", t.actor_id == 0 ? std::string("Hệ thống (hẹn giờ)") : t.actor_name},
                    {"time", vi_time(t.at)},
                    {"action", std::string(content::action_label_vi(t.action))},
                    {"from", std::string(content::status_label_vi(t.from))},
                    {"to", std::string(content::status_label_vi(t.to))},
                    {"comment", t.comment}});
  }
  ctx["history"] = std::move(hist);
  ctx["has_history"] = !ctx["history"].empty();
  if (auto code = r.http.query_param("tb")) {
    for (const auto& [k, text] : kArticleNotices)
      if (k == *code) ctx["notice"] = std::string(text);
  }
  ctx.update(extra);
  return r.page("article_edit", std::move(ctx), status);
}

http::RouteHandler with_editor_csp(http::RouteHandler h) {
  return [h = std::move(h)](const http::Request& req, const http::Params& p) {
    http::Response r = h(req, p);
    std::erase_if(r.headers, [](const auto& kv) { return kv.first == "Content-Security-Policy"; });
    r.header("Content-Security-Policy",
             "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
             "connect-src 'self' blob:; frame-ancestors 'none'; form-action 'self'; "
             "base-uri 'none'");
    return r;
  };
}

}  // namespace congtin::admin
