#include "cli/articles_wiring.h"

#include "admin/articles.h"
#include "render/theme.h"
#include "store/sqlite/newsroom_store.h"

namespace congtin::cli {

Status wire_articles(const Config& config, const AdminContext& ctx, admin::BackOffice& back_office,
                     http::Router& router) {
  auto opened = store::open_newsroom(config.db_path());
  if (!opened) return opened.take_error();
  std::shared_ptr<content::NewsroomStore> newsroom = std::move(*opened);
  // Aliasing: the repository keeps its store alive.
  std::shared_ptr<content::WorkflowRepository> workflow(newsroom, &newsroom->workflow());

  const auto theme_dir =
      config.theme_dir.empty() ? install_dir() / "themes" / "default" : config.theme_dir;
  auto theme = render::Theme::load(theme_dir);
  if (!theme) return Error{theme.error().kind, "public theme: " + theme.error().message};

  admin::ArticleScreensOptions options;
  options.editor_dir = install_dir() / "themes" / "admin" / "static" / "vendor" / "tinymce";
  options.media_dir = config.media_dir();
  admin::ArticleScreens screens(back_office, ctx.newsroom, std::move(workflow), ctx.store,
                                std::shared_ptr<const render::Theme>(std::move(*theme)),
                                std::move(options));
  screens.add_routes(router);
  back_office.set_queue_provider(screens.queue_provider());
  return {};
}

}  // namespace congtin::cli
