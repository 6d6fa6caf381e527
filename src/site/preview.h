// Preview of an article as the public site will show it, for the back office's
// "Xem trước" (/admin/bai-viet/{id}/xem-truoc).
//
// render_article_preview() builds the same page as GET /tin-tuc/{slug} (site/article.cc):
// the same chrome (header, menu, blocks, footer), the same view model and the same public
// theme, for an article whatever its status, at time `now`. It never consults the page
// cache and sets no cache tags; the caller must mark the answer uncacheable (it is
// per-user) and should tell robots not to index it.
//
// Thread-safe under the same terms as PublicSite: only reads the store and the theme.
#pragma once

#include <filesystem>
#include <string>

#include "content/model.h"
#include "content/repository.h"
#include "core/clock.h"
#include "core/result.h"
#include "render/theme.h"

namespace congtin::site {

// The full HTML page. `media_dir` is the uploads directory (DIR/media), whose manifests give
// the images their srcset as on the public page. Errors: the store's (kUnavailable...).
Result<std::string> render_article_preview(content::Store& store, const render::Theme& theme,
                                           const Clock& clock,
                                           const std::filesystem::path& media_dir,
                                           const content::Article& article);

}  // namespace congtin::site
