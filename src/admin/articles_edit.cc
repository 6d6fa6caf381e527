// The article form: new article, edit (save a revision), autosave, and what a save that lost
// the race shows.
#include "admin/articles_internal.h"

namespace congtin::admin {
namespace {

using nlohmann::json;
using Deps = std::shared_ptr<const ArticleScreensDeps>;

http::Response new_page(const AdminRequest& r, const ArticleScreensDeps& d,
                        const content::ArticleContent& c, json extra = json::object(),
                        int status = 200) {
  auto cats = categories_json(d.store, c.category_id);
  if (!cats) return article_error(r, "categories", cats.error());
  json ctx = {{"title", "Viết bài mới"},
              {"is_new", true},
              {"can_edit", true},
              {"article", content_json(c)},
              {"categories", std::move(*cats)},
              {"form_action", std::string(kArticlesPath) + "/moi"}};
  ctx.update(extra);
  return r.page("article_edit", std::move(ctx), status);
}

http::Response get_new(const AdminRequest& r, const ArticleScreensDeps& d) {
  if (!content::may_create(r.who.user.role))
    return forbidden_page(r.deps, &r.who, r.http, "Quản trị viên không viết bài.");
  content::ArticleContent c;
  c.author = r.who.user.display_name;  // the usual byline; people change it when not theirs
  return new_page(r, d, c);
}

http::Response post_new(const AdminRequest& r, const ArticleScreensDeps& d) {
  content::ArticleContent c = content_from_form(r.form);
  if (auto alts = check_image_alts(c.body_html); !alts)
    return new_page(r, d, c, {{"error", alts.error().message}}, 422);
  auto w = d.newsroom.create_draft(newsroom_actor(r), c);
  if (!w) {
    const Error& e = w.error();
    if (e.kind == ErrorKind::kInvalidArgument || e.kind == ErrorKind::kConflict)
      return new_page(r, d, c, {{"error", e.message}}, e.kind == ErrorKind::kConflict ? 409 : 422);
    return article_error(r, "create draft", e);
  }
  return see_other(article_admin_path(w->article_id), "bai-da-tao");
}

http::Response get_edit(const AdminRequest& r, const ArticleScreensDeps& d) {
  const auto id = id_param(r);
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  return edit_page(r, d, *id);
}

// The message of a save that lost the race: who saved first, that nothing is lost, and
// where to compare.
json conflict_context(content::Id id, const content::SaveConflict& c) {
  const std::string diff = article_admin_path(id) + "/so-sanh?tu=" + std::to_string(c.theirs.id) +
                           "&den=" + std::to_string(c.yours.id);
  return {{"conflict",
           {{"theirs_author", c.theirs.author_name},
            {"theirs_time", vi_time(c.theirs.created_at)},
            {"theirs_number", c.theirs.number},
            {"yours_number", c.yours.number},
            {"diff_url", diff}}},
          {"error", "Trong lúc bạn sửa, " + c.theirs.author_name + " đã lưu bài này (bản " +
                        std::to_string(c.theirs.number) + ", " + vi_time(c.theirs.created_at) +
                        "). Bản của bạn không bị mất: đã được giữ lại thành bản " +
                        std::to_string(c.yours.number) +
                        " và vẫn nằm trong biểu mẫu dưới đây. Hãy xem khác biệt, sửa nếu cần, "
                        "rồi lưu lại: khi đó bản của bạn sẽ thành bản mới nhất."}};
}

http::Response post_edit(const AdminRequest& r, const ArticleScreensDeps& d) {
  const auto id = id_param(r);
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  const auto base = parse_id(r.form.value("base_revision"));
  content::ArticleContent c = content_from_form(r.form);
  if (!base) {
    return edit_page(r, d, *id, {{"error", "Biểu mẫu thiếu số phiên bản gốc; hãy tải lại trang."}},
                     422, &c);
  }
  if (auto alts = check_image_alts(c.body_html); !alts)
    return edit_page(r, d, *id, {{"error", alts.error().message}}, 422, &c, *base);
  content::SaveConflict conflict;
  auto saved = d.newsroom.save(newsroom_actor(r), *id, *base, c, &conflict);
  if (saved) return see_other(article_admin_path(*id), "bai-da-luu");
  const Error& e = saved.error();
  if (e.kind == ErrorKind::kConflict && conflict.theirs.id != 0) {
    // The form keeps the person's text, now based on the head that won: saving again is a
    // deliberate choice made after seeing the difference.
    return edit_page(r, d, *id, conflict_context(*id, conflict), 409, &c, conflict.theirs.id);
  }
  if (e.kind == ErrorKind::kInvalidArgument || e.kind == ErrorKind::kConflict)
    return edit_page(r, d, *id, {{"error", e.message}}, e.kind == ErrorKind::kConflict ? 409 : 422,
                     &c, *base);
  return article_error(r, "save article", e);
}

http::Response json_answer(int status, const json& body) {
  return http::Response::json(status, body.dump(-1, ' ', false, json::error_handler_t::replace));
}

// Autosave: the same fields as the form, answered in JSON for the editor's script.
http::Response post_autosave(const AdminRequest& r, const ArticleScreensDeps& d) {
  const auto id = id_param(r);
  if (!id) return json_answer(404, {{"error", "Không tìm thấy bài viết."}});
  const auto base = parse_id(r.form.value("base_revision"));
  if (!base) return json_answer(422, {{"error", "Thiếu số phiên bản gốc; hãy tải lại trang."}});
  content::ArticleContent c = content_from_form(r.form);
  if (auto alts = check_image_alts(c.body_html); !alts)
    return json_answer(422, {{"error", alts.error().message}});
  content::SaveConflict conflict;
  auto saved = d.newsroom.save(newsroom_actor(r), *id, *base, c, &conflict);
  if (saved) {
    return json_answer(200, {{"revision_id", saved->id},
                             {"number", saved->number},
                             {"saved_at", vi_time(saved->created_at)}});
  }
  const Error& e = saved.error();
  switch (e.kind) {
    case ErrorKind::kConflict: {
      json body = {{"error", e.message}};
      if (conflict.theirs.id != 0) {
        json ctx = conflict_context(*id, conflict);
        body["error"] = ctx["error"];
        body["diff_url"] = ctx["conflict"]["diff_url"];
        body["theirs_revision_id"] = conflict.theirs.id;
      }
      return json_answer(409, body);
    }
    case ErrorKind::kInvalidArgument:
      return json_answer(422, {{"error", e.message}});
    case ErrorKind::kPermissionDenied:
      return json_answer(403, {{"error", e.message}});
    case ErrorKind::kNotFound:
      return json_answer(404, {{"error", "Không tìm thấy bài viết."}});
    default:
      error_page(r.deps, r.http, "autosave", e);  // for its log line
      return json_answer(e.kind == ErrorKind::kUnavailable ? 503 : 500,
                         {{"error", "Chưa lưu tự động được do lỗi hệ thống; hãy thử lại sau."}});
  }
}

}  // namespace

void add_article_edit_routes(http::Router& router, const Deps& d) {
  auto route = [&](auto fn) {
    return with_editor_csp(
        guarded(d->office, kNewsroomRoles, [d, fn](const AdminRequest& r) { return fn(r, *d); }));
  };
  const std::string base(kArticlesPath);
  router.get(base + "/moi", route(get_new));
  router.post(base + "/moi", route(post_new));
  router.get(base + "/{id}", route(get_edit));
  router.post(base + "/{id}", route(post_edit));
  router.post(base + "/{id}/luu-tu-dong",
              guarded(d->office, kNewsroomRoles,
                      [d](const AdminRequest& r) { return post_autosave(r, *d); }));
}

}  // namespace congtin::admin
