// Workflow actions, revision comparison and restore, and the preview of an article.
#include <spdlog/spdlog.h>

#include "admin/articles_internal.h"
#include "site/preview.h"
#include "text/date.h"

namespace congtin::admin {
namespace {

using content::WorkflowAction;
using nlohmann::json;
using Deps = std::shared_ptr<const ArticleScreensDeps>;

// "2026-03-02T15:30" from <input type="datetime-local">, read as Vietnam time.
std::optional<content::Time> parse_local_time(std::string when) {
  if (when.size() == 16) when += ":00";
  if (when.size() != 19) return std::nullopt;
  return text::parse_iso8601(when + "+07:00");
}

std::string notice_for(WorkflowAction a) {
  switch (a) {
    case WorkflowAction::kSubmit:
      return "da-gui-bien-tap";
    case WorkflowAction::kReturn:
      return "da-tra-lai";
    case WorkflowAction::kPassOn:
      return "da-chuyen-duyet";
    case WorkflowAction::kPublish:
      return "da-xuat-ban";
    case WorkflowAction::kSchedule:
      return "da-hen-gio";
    case WorkflowAction::kUnschedule:
      return "da-huy-hen-gio";
    case WorkflowAction::kTakeDown:
      return "da-go-xuong";
    case WorkflowAction::kRestore:
      return "da-khoi-phuc";
    case WorkflowAction::kEdit:
      break;
  }
  return "bai-da-luu";
}

http::Response post_action(const AdminRequest& r, const ArticleScreensDeps& d) {
  const auto id = id_param(r);
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  const auto action = content::action_from_code(r.form.value("action"));
  if (!action || *action == WorkflowAction::kEdit) {
    return edit_page(r, d, *id, {{"error", "Thao tác không hợp lệ; hãy tải lại trang."}}, 422);
  }
  const content::Actor actor = newsroom_actor(r);
  const std::string comment = r.form.value("comment");
  auto& nr = d.newsroom;
  Status s;
  switch (*action) {
    case WorkflowAction::kSubmit:
      s = nr.submit(actor, *id);
      break;
    case WorkflowAction::kReturn:
      s = nr.return_to_author(actor, *id, comment);
      break;
    case WorkflowAction::kPassOn:
      s = nr.pass_on(actor, *id);
      break;
    case WorkflowAction::kPublish:
      s = nr.publish(actor, *id);
      break;
    case WorkflowAction::kSchedule: {
      const auto when = parse_local_time(r.form.value("when"));
      if (!when) {
        s = Error::invalid("Thời điểm hẹn giờ không hợp lệ; hãy chọn ngày và giờ (giờ Việt Nam).");
      } else {
        s = nr.schedule(actor, *id, *when);
      }
      break;
    }
    case WorkflowAction::kUnschedule:
      s = nr.unschedule(actor, *id);
      break;
    case WorkflowAction::kTakeDown:
      s = nr.take_down(actor, *id, comment);
      break;
    case WorkflowAction::kRestore:
      s = nr.restore(actor, *id);
      break;
    case WorkflowAction::kEdit:
      break;
  }
  if (s) return see_other(article_admin_path(*id), notice_for(*action));
  const Error& e = s.error();
  switch (e.kind) {
    case ErrorKind::kInvalidArgument:
      return edit_page(r, d, *id, {{"error", e.message}, {"comment", comment}}, 422);
    case ErrorKind::kConflict:
      return edit_page(r, d, *id, {{"error", e.message}}, 409);
    default:
      return article_error(r, "workflow action", e);
  }
}

json segments_json(const std::vector<content::DiffSegment>& segs) {
  json out = json::array();
  for (const auto& s : segs) {
    out.push_back({{"text", s.text},
                   {"inserted", s.op == content::DiffOp::kInsert},
                   {"deleted", s.op == content::DiffOp::kDelete}});
  }
  return out;
}

bool may_edit(const ArticleScreensDeps& d, const AdminRequest& r,
              const content::WorkflowRecord& w) {
  for (auto a : d.newsroom.allowed_actions(newsroom_actor(r), w))
    if (a == WorkflowAction::kEdit) return true;
  return false;
}

http::Response get_compare(const AdminRequest& r, const ArticleScreensDeps& d) {
  const auto id = id_param(r);
  const auto from = parse_id(r.http.query_param("tu").value_or(""));
  const auto to = parse_id(r.http.query_param("den").value_or(""));
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  auto revisions = d.newsroom.revisions(*id);
  if (!revisions) return article_error(r, "revisions", revisions.error());
  if (revisions->empty()) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  // Without a choice: the previous revision against the newest.
  const content::Id to_id = to.value_or(revisions->front().id);
  const content::Id from_id =
      from.value_or(revisions->size() > 1 ? (*revisions)[1].id : revisions->front().id);
  const content::Revision* a = nullptr;
  const content::Revision* b = nullptr;
  for (const auto& rev : *revisions) {
    if (rev.id == from_id) a = &rev;
    if (rev.id == to_id) b = &rev;
  }
  if (a == nullptr || b == nullptr) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  auto diff = d.newsroom.diff(a->id, b->id);
  if (!diff) return article_error(r, "diff", diff.error());
  json fields = json::array();
  for (const auto& f : *diff)
    fields.push_back({{"label", f.label}, {"segments", segments_json(f.segments)}});
  json choices = json::array();
  for (const auto& rev : *revisions) {
    choices.push_back({{"id", rev.id},
                       {"label", "Bản " + std::to_string(rev.number) + " — " + rev.author_name +
                                     ", " + vi_time(rev.created_at)},
                       {"from", rev.id == a->id},
                       {"to", rev.id == b->id}});
  }
  auto w = d.newsroom.record(*id);
  if (!w) return article_error(r, "record", w.error());
  json ctx = {{"title", "So sánh phiên bản"},
              {"article_title", b->content.title},
              {"article_url", article_admin_path(*id)},
              {"compare_url", article_admin_path(*id) + "/so-sanh"},
              {"restore_url", article_admin_path(*id) + "/khoi-phuc-ban"},
              {"from_number", a->number},
              {"to_number", b->number},
              {"from_id", a->id},
              {"base_revision", w->head_revision_id},
              {"fields", std::move(fields)},
              {"same", diff->empty()},
              {"choices", std::move(choices)},
              {"can_edit", may_edit(d, r, *w)}};
  return r.page("article_diff", std::move(ctx));
}

http::Response post_restore_revision(const AdminRequest& r, const ArticleScreensDeps& d) {
  const auto id = id_param(r);
  const auto rev = parse_id(r.form.value("revision"));
  const auto base = parse_id(r.form.value("base_revision"));
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  if (!rev || !base)
    return edit_page(r, d, *id, {{"error", "Chưa chọn phiên bản để khôi phục."}}, 422);
  content::SaveConflict conflict;
  auto saved = d.newsroom.restore_revision(newsroom_actor(r), *id, *rev, *base, &conflict);
  if (saved) return see_other(article_admin_path(*id), "da-khoi-phuc-ban");
  const Error& e = saved.error();
  if (e.kind == ErrorKind::kConflict || e.kind == ErrorKind::kInvalidArgument)
    return edit_page(r, d, *id, {{"error", e.message}}, e.kind == ErrorKind::kConflict ? 409 : 422);
  return article_error(r, "restore revision", e);
}

http::Response get_preview(const AdminRequest& r, const ArticleScreensDeps& d) {
  const auto id = id_param(r);
  if (!id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  auto w = d.newsroom.record(*id);
  if (!w) return article_error(r, "preview record", w.error());
  const content::Id rev_id =
      parse_id(r.http.query_param("ban").value_or("")).value_or(w->head_revision_id);
  auto rev = d.newsroom.revision(rev_id);
  if (!rev) return article_error(r, "preview revision", rev.error());
  if (rev->article_id != *id) return r.page("not_found", {{"title", "Không tìm thấy"}}, 404);
  auto row = d.store.articles().by_id(*id);
  if (!row) return article_error(r, "preview article", row.error());
  content::Article a = *row;
  content::apply_content(rev->content, a);
  auto html =
      site::render_article_preview(d.store, *d.public_theme, r.deps.clock, d.options.media_dir, a);
  if (!html) return article_error(r, "preview", html.error());
  http::Response resp;
  resp.body = std::move(*html);
  resp.header("X-Robots-Tag", "noindex, nofollow");
  return resp;
}

}  // namespace

void add_article_action_routes(http::Router& router, const Deps& d) {
  auto route = [&](auto fn) {
    return with_editor_csp(
        guarded(d->office, kNewsroomRoles, [d, fn](const AdminRequest& r) { return fn(r, *d); }));
  };
  const std::string base = std::string(kArticlesPath) + "/{id}";
  router.post(base + "/thao-tac", route(post_action));
  router.get(base + "/so-sanh", route(get_compare));
  router.post(base + "/khoi-phuc-ban", route(post_restore_revision));
  router.get(base + "/xem-truoc", guarded(d->office, kNewsroomRoles, [d](const AdminRequest& r) {
               return get_preview(r, *d);
             }));
}

}  // namespace congtin::admin
