// ArticleScreens: construction, the list of articles and the start page's queues.
#include "admin/articles.h"

#include <algorithm>
#include <set>

#include "admin/articles_internal.h"
#include "http/static_files.h"

namespace congtin::admin {
namespace {

using content::ArticleStatus;
using nlohmann::json;
using Deps = std::shared_ptr<const ArticleScreensDeps>;

constexpr int kListPageSize = 30;
constexpr int kListWindow = 1000;  // the most records one listing looks at

json record_json(const content::WorkflowRecord& w) {
  return {{"id", w.article_id},
          {"title", w.title},
          {"url", article_admin_path(w.article_id)},
          {"status", std::string(content::status_label_vi(w.state))},
          {"state", std::string(content::status_label_vi(w.state))},
          {"owner", w.owner_name},
          {"updated", vi_time(w.updated_at)},
          {"comment", w.last_comment},
          {"live", w.live_revision_id.has_value() && !w.taken_down},
          {"taken_down", w.taken_down},
          {"pending", w.has_pending()}};
}

http::Response get_list(const AdminRequest& r, const ArticleScreensDeps& d) {
  content::WorkflowQuery q;
  q.limit = kListWindow;
  const bool mine = r.http.query_param("cua-toi").value_or("") == "1";
  if (mine) q.owner_id = r.who.user.id;
  const std::string state_code = r.http.query_param("trang-thai").value_or("");
  const auto state = content::status_from_code(state_code);
  if (state) q.states = {*state};
  const auto category = parse_id(r.http.query_param("chuyen-muc").value_or(""));
  q.category_id = category;
  const int page = static_cast<int>(std::clamp<content::Id>(
      parse_id(r.http.query_param("trang").value_or("")).value_or(1), 1, 10000));

  auto records = d.workflow->list(q);
  if (!records) return article_error(r, "article list", records.error());
  std::vector<content::WorkflowRecord> rows = std::move(*records);
  std::set<content::Id> known;
  for (const auto& w : rows) known.insert(w.article_id);
  // Articles that came in without the newsroom (import, demo) have no workflow record until
  // first opened; published ones are listed too, so that they can be found and taken down.
  if (!mine && (!state || *state == ArticleStatus::kPublished)) {
    content::ArticleQuery aq;
    aq.limit = kListWindow;
    aq.category_id = category;
    auto published = d.store.articles().published(aq, r.deps.clock.now());
    if (!published) return article_error(r, "published articles", published.error());
    for (const auto& a : *published) {
      if (known.contains(a.id)) continue;
      content::WorkflowRecord w;
      w.article_id = a.id;
      w.state = ArticleStatus::kPublished;
      w.live_revision_id = w.head_revision_id = 0;
      w.title = a.title;
      w.updated_at = a.published_at.value_or(content::Time{});
      rows.push_back(std::move(w));
    }
  }
  json items = json::array();
  const std::size_t first = static_cast<std::size_t>(page - 1) * kListPageSize;
  for (std::size_t i = first; i < rows.size() && i < first + kListPageSize; ++i)
    items.push_back(record_json(rows[i]));

  json states = json::array();
  for (auto s : content::kAllArticleStatuses) {
    const std::string code(content::status_code(s));
    states.push_back({{"code", code},
                      {"label", std::string(content::status_label_vi(s))},
                      {"selected", state && *state == s}});
  }
  auto cats = categories_json(d.store, category.value_or(0));
  if (!cats) return article_error(r, "categories", cats.error());

  // Links to the neighbouring pages keep the filters.
  auto page_url = [&](int n) {
    std::string u = std::string(kArticlesPath) + "?trang=" + std::to_string(n);
    if (state) u += "&trang-thai=" + state_code;
    if (category) u += "&chuyen-muc=" + std::to_string(*category);
    if (mine) u += "&cua-toi=1";
    return u;
  };
  json ctx = {{"title", "Bài viết"},
              {"has_items", !items.empty()},
              {"items", std::move(items)},
              {"total", rows.size()},
              {"page", page},
              {"states", std::move(states)},
              {"categories", std::move(*cats)},
              {"mine", mine},
              {"may_create", content::may_create(r.who.user.role)}};
  if (page > 1) ctx["prev_url"] = page_url(page - 1);
  if (first + kListPageSize < rows.size()) ctx["next_url"] = page_url(page + 1);
  if (rows.size() >= static_cast<std::size_t>(kListWindow))
    ctx["truncated"] = "Chỉ hiển thị 1000 bài thay đổi gần nhất; hãy lọc để thu hẹp.";
  return r.page("article_list", std::move(ctx));
}

}  // namespace

ArticleScreens::ArticleScreens(const BackOffice& office, content::NewsroomService& newsroom,
                               std::shared_ptr<content::WorkflowRepository> workflow,
                               content::Store& store,
                               std::shared_ptr<const render::Theme> public_theme,
                               ArticleScreensOptions options)
    : deps_(std::make_shared<ArticleScreensDeps>(
          ArticleScreensDeps{office.deps(), newsroom, std::move(workflow), store,
                             std::move(public_theme), std::move(options)})) {}

ArticleScreens::~ArticleScreens() = default;

void ArticleScreens::add_routes(http::Router& router) const {
  const Deps& d = deps_;
  router.get(kArticlesPath, guarded(d->office, kNewsroomRoles,
                                    [d](const AdminRequest& r) { return get_list(r, *d); }));
  add_article_edit_routes(router, d);
  add_article_action_routes(router, d);
  // The editor's files; "tinymce" is literal, so it wins over the font's vendor route.
  router.get("/admin/static/vendor/tinymce/{path...}",
             [d](const http::Request& req, const http::Params& p) {
               return http::serve_static(d->options.editor_dir, p.get("path"), req);
             });
}

QueueProvider ArticleScreens::queue_provider() const {
  return [d = deps_](const auth::User& u) -> Result<json> {
    if (!kNewsroomRoles.contains(u.role)) return json::array();
    const content::Actor actor{
        u.id, u.display_name.empty() ? u.username : u.display_name, u.role, {}};
    auto q = d->newsroom.queues(actor);
    if (!q) return q.take_error();
    auto items = [](const std::vector<content::WorkflowRecord>& list) {
      json out = json::array();
      for (const auto& w : list) {
        json j = record_json(w);
        if (!w.last_comment.empty() && w.state == ArticleStatus::kReturned)
          j["status"] =
              std::string(content::status_label_vi(w.state)) + ": “" + w.last_comment + "”";
        out.push_back(std::move(j));
      }
      return out;
    };
    return json::array({{{"title", "Bài nháp của tôi"},
                         {"empty_text", "Bạn không có bài nháp nào."},
                         {"items", items(q->drafts)}},
                        {{"title", "Bị trả lại cho tôi"},
                         {"empty_text", "Không có bài nào bị trả lại."},
                         {"items", items(q->returned)}},
                        {{"title", "Chờ tôi xử lý"},
                         {"empty_text", "Không có bài nào đang chờ bạn."},
                         {"items", items(q->waiting)}}});
  };
}

}  // namespace congtin::admin
