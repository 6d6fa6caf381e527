// ArticleScreens: the newsroom's article screens of the back office, a thin layer over
// content::NewsroomService (content/newsroom_service.h). Handlers authenticate through the
// guard (admin/guard.h), parse the form, call one service method and pick a page; every
// workflow rule lives in the service. Errors map to answers as:
//   kPermissionDenied → 403 page; kConflict → 409 (the page again, with the message);
//   kInvalidArgument → 422, the form shown again with the person's text and the message;
//   kNotFound → 404 page; anything else → the 500/503 error page with a log line.
//
// Routes (every one behind the guard; POSTs need the session's CSRF token):
//   GET  /admin/bai-viet                  list: ?trang-thai=CODE (status_code), ?chuyen-muc=ID,
//                                          ?cua-toi=1 (only mine), ?trang=N (30 per page)
//   GET  /admin/bai-viet/moi              new article form; POST: create the draft
//   GET  /admin/bai-viet/{id}             edit form, live/pending revision, actions, history,
//                                          revisions; POST: save a revision (field base_revision)
//   POST /admin/bai-viet/{id}/luu-tu-dong autosave (same fields, X-CSRF-Token header), JSON:
//                                          200 {"revision_id","number","saved_at"} or
//                                          4xx {"error", "diff_url"?}
//   POST /admin/bai-viet/{id}/thao-tac    a workflow action: action=submit|return|pass_on|
//                                          publish|schedule|unschedule|take_down|restore,
//                                          comment (return, take_down), when (schedule:
//                                          "YYYY-MM-DDTHH:MM" in Asia/Ho_Chi_Minh time)
//   GET  /admin/bai-viet/{id}/so-sanh     word diff of ?tu=REV&den=REV (revision ids)
//   POST /admin/bai-viet/{id}/khoi-phuc-ban  restore revision=ID on top of base_revision
//   GET  /admin/bai-viet/{id}/xem-truoc   the head revision (or ?ban=REV) rendered by the
//                                          public theme exactly as /tin-tuc/{slug} would
//   GET  /admin/static/vendor/tinymce/{path...}  the self-hosted editor (build-assets.sh)
// Roles: every newsroom role (not quản trị, who takes no part in the workflow) may open the
// screens; what each may do is the service's rule table.
//
// Thread-safety: after add_routes() the handlers may run on many threads; the service, store,
// themes and clock must outlive the router.
#pragma once

#include <filesystem>
#include <memory>

#include "admin/admin.h"
#include "content/newsroom_repository.h"
#include "content/newsroom_service.h"
#include "content/repository.h"
#include "core/clock.h"
#include "http/router.h"
#include "render/theme.h"

namespace congtin::admin {

struct ArticleScreensDeps;

struct ArticleScreensOptions {
  std::filesystem::path editor_dir;  // themes/admin/static/vendor/tinymce (build-assets.sh)
  std::filesystem::path media_dir;   // DIR/media, for the preview's responsive images
};

class ArticleScreens {
 public:
  // `workflow` lists articles (the service reads one at a time); `public_theme` renders the
  // preview (the site's theme). The routes share ownership of both; the service and store
  // must outlive the router.
  ArticleScreens(const BackOffice& office, content::NewsroomService& newsroom,
                 std::shared_ptr<content::WorkflowRepository> workflow, content::Store& store,
                 std::shared_ptr<const render::Theme> public_theme, ArticleScreensOptions options);
  ~ArticleScreens();

  void add_routes(http::Router& router) const;

  // The start page's queues (drafts, returned with the comment, waiting for my action), for
  // BackOffice::set_queue_provider.
  QueueProvider queue_provider() const;

 private:
  std::shared_ptr<const ArticleScreensDeps> deps_;
};

}  // namespace congtin::admin
